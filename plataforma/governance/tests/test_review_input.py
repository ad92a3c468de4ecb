"""Adversarial review: bad input never answers 500. Every form of every governance route is posted by
its rightful user with hostile values in each field (NUL bytes, huge strings, impossible dates,
absurd numbers); malformed and unknown ids, bad query parameters and unknown dataset names are
tried on every page. Run on PostgreSQL too: NUL bytes and decimal overflow only fail there."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from .review_world import build, governance_routes, route_kwargs
from .test_review_access import ALLOWED, PAYLOAD, PUBLIC

pytestmark = pytest.mark.django_db

HOSTILE = (
    "\x00",
    "texto com \x00 no meio",
    "x" * 5000,
    "0000-00-00",
    "99999-01-01",
    "31/02/2026",
    "1e30",
    "-1e30",
    "NaN",
    "Infinity",
    "-1",
    "1.234,56",
    "9" * 40,
    "0,001",
    "  ",
    str(uuid.uuid4()),
    "<script>alert(1)</script>",
)
HUGE = "y" * (1024 * 1024)
FIELD = re.compile(r'name="([a-zA-Z_][\w-]*)"')


INPUT = re.compile(r"<(input|select|textarea)\b[^>]*>", re.S)
ID = re.compile(r'\bid="([^"]+)"')


def _page_problems(where: str, response) -> list[str]:
    """One h1, a label for every visible field and, on a 400, the error summary at the top."""
    html = response.content.decode()
    problems = []
    if html.count("<h1") != 1:
        problems.append(f"{where}: {html.count('<h1')} h1")
    for tag in INPUT.finditer(html):
        text = tag.group(0)
        if 'type="hidden"' in text or 'type="submit"' in text:
            continue
        found = ID.search(text)
        labelled = "aria-label" in text or (found and f'for="{found.group(1)}"' in html)
        if not labelled:
            problems.append(f"{where}: field without label {text[:80]}")
    if response.status_code == 400 and 'id="erros"' not in html:
        problems.append(f"{where}: 400 without the error summary")
    return problems


def _rightful(allowed) -> str:
    for role in ("gestor", "nucleo", "mti"):
        if role in allowed:
            return role
    raise AssertionError(allowed)


def _fields(html: str) -> set[str]:
    return {n for n in FIELD.findall(html) if n not in ("csrfmiddlewaretoken", "viewport", "description")}


def test_hostile_form_values_never_answer_500():
    world = build()
    failures = []
    clients = {}
    for name, params in governance_routes():
        allowed = ALLOWED[name]
        if allowed == PUBLIC:
            continue
        role = _rightful(allowed)
        client = clients.get(role)
        if client is None:
            client = clients[role] = Client(raise_request_exception=False)
            client.force_login(world.users[role])
        url = reverse(f"governance:{name}", kwargs=route_kwargs(world, name, params))
        page = client.get(url)
        if page.status_code == 200:
            failures += _page_problems(f"GET {name}", page)
        # the fields of the page's forms; POST-only routes get the generic payload's
        fields = _fields(page.content.decode()) if page.status_code == 200 else set(PAYLOAD)
        fields = fields or set(PAYLOAD)
        for field in sorted(fields):
            for value in (*HOSTILE, HUGE):
                data = {**PAYLOAD, field: value}
                response = client.post(url, data)
                if response.status_code >= 500:
                    failures.append(f"{name} {field}={value[:20]!r}: {response.status_code}")
        # every field hostile at once, and an empty post
        for data in (dict.fromkeys(fields, "\x00"), {}):
            response = client.post(url, data)
            if response.status_code >= 500:
                failures.append(f"{name} {sorted(data)[:3]}: {response.status_code}")
            elif response.status_code == 400 and "html" in response["Content-Type"]:
                failures += _page_problems(f"POST {name}", response)
    assert not failures, "\n".join(failures)


BAD_IDS = ("nao-e-uuid", "0", "%00", str(uuid.uuid4()), "1" * 300)


def test_malformed_and_unknown_ids_never_answer_500():
    world = build()
    failures = []
    for name, params in governance_routes():
        if not params:
            continue
        allowed = ALLOWED[name]
        client = Client(raise_request_exception=False)
        if allowed != PUBLIC:
            client.force_login(world.users[_rightful(allowed)])
        good = route_kwargs(world, name, params)
        url = reverse(f"governance:{name}", kwargs=good)
        for param in params:
            for bad in BAD_IDS:
                bad_url = url.replace(str(good[param]), bad, 1)
                for method in ("get", "post"):
                    response = getattr(client, method)(bad_url)
                    if response.status_code >= 500:
                        failures.append(f"{method} {bad_url}: {response.status_code}")
    assert not failures, "\n".join(failures)


QUERIES = (
    {"ano": "0"},
    {"ano": "-1"},
    {"ano": "99999999999999999999"},
    {"ano": "abc"},
    {"ano": "\x00"},
    {"ano": "2026", "ano_": "x"},
    {"ano": ["2026", "2027"]},
    {"pagina": "-1"},
    {"page": "99999999"},
    {"q": "\x00" * 10},
    {"orgao": "nao-existe"},
    {"situacao": "\x00"},
    {"formato": "xml"},
    {"x": "y" * 10000},
)


def test_public_pages_with_bad_query_parameters_never_answer_500():
    world = build()
    failures = []
    client = Client(raise_request_exception=False)
    for name, params in governance_routes():
        allowed = ALLOWED[name]
        if allowed != PUBLIC and allowed != {"gestor", "other_gestor", "nucleo"}:
            continue
        if allowed != PUBLIC:
            client.force_login(world.users["nucleo"])
        url = reverse(f"governance:{name}", kwargs=route_kwargs(world, name, params))
        for query in QUERIES:
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append(f"{url} {query}: {response.status_code}")
    for path in (
        "/governanca/dados/nao-existe.csv",
        "/governanca/dados/nao-existe.json",
        "/governanca/dados/plano.xml",
        "/governanca/dados/PLANO.csv",
        "/governanca/dados/../settings.csv",
        "/governanca/dados/plano.csv%00",
        "/governanca/plano/0/",
        "/governanca/plano/99999999999999999999/",
        "/governanca/plano/1900/",
        "/governanca/excecoes/%00/",
        "/governanca/catalogo-mti/" + "x" * 500 + "/",
        "/governanca/justificativas/RASCUNHO/",
        "/governanca/orientacoes/%00/",
    ):
        response = client.get(path)
        if response.status_code >= 500 or (response.status_code == 200 and "nao-existe" in path):
            failures.append(f"{path}: {response.status_code}")
    assert not failures, "\n".join(failures)
