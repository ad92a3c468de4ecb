"""Who may call the scheduling API: an MT Login token with the `agendamentos` scope, of a person,
still valid, within the pace — and the OpenAPI document that says so."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from .factories_citizen import API, ApiCaller, app_client, book, bookable_slot, issue_token, world

pytestmark = pytest.mark.django_db

MINE = "/agendamento/agendamentos"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_without_a_token_401_with_the_challenge():
    world()
    response = Client().get(API + MINE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="MT Login"'
    assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.parametrize("header", ["Basic abc", "Bearer ", "Bearer " + "x" * 1001, "Bearer desconhecido"])
def test_a_bad_or_unknown_token_is_401(header):
    world()
    response = Client().get(API + MINE, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_an_expired_token_is_401_invalid_token():
    w = world()
    token = issue_token(w.citizen, app_client(), expires_in=-10)
    response = ApiCaller(token).get(MINE)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_a_deactivated_account_is_401():
    w = world()
    token = issue_token(w.citizen, app_client())
    w.citizen.is_active = False
    w.citizen.save()
    assert ApiCaller(token).get(MINE).status_code == 401


def test_a_token_without_a_person_is_401():
    w = world()
    token = issue_token(None, app_client())
    response = ApiCaller(token).post(MINE, {"slot_id": bookable_slot(w.offering).pk}, key="k")
    assert response.status_code == 401


def test_a_requests_token_does_not_open_appointments_and_the_other_way_round():
    w = world()
    app = app_client()
    appointment = book(w.citizen, bookable_slot(w.offering))
    requests_only = ApiCaller(issue_token(w.citizen, app, scope="openid solicitacoes"))
    for response in (
        requests_only.get(MINE),
        requests_only.get(f"{MINE}/{appointment.code}"),
        requests_only.post(f"{MINE}/{appointment.code}/cancelamento"),
    ):
        assert response.status_code == 403
        assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
        assert 'scope="agendamentos"' in response["WWW-Authenticate"]
    scheduling_only = ApiCaller(issue_token(w.citizen, app))
    assert scheduling_only.get("/solicitacoes").status_code == 403
    assert scheduling_only.get(MINE).status_code == 200


def test_too_many_calls_are_429_with_retry_after(settings):
    settings.SCHEDULING_API_RATE = (3, 60)
    w = world()
    caller = ApiCaller(issue_token(w.citizen, app_client()))
    statuses = [caller.get(MINE).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = caller.get(MINE)
    assert response.status_code == 429 and response["Retry-After"] == "60"


def test_availability_needs_no_token():
    w = world()
    assert Client().get(f"{API}/agendamento/servicos/{w.service.slug}/disponibilidade").status_code == 200


def test_the_openapi_document_describes_the_endpoints_in_portuguese_with_their_security():
    world()
    document = Client().get(API + "/openapi.json").json()
    paths = document["paths"]
    expected = {
        "/api/v1/agendamento/servicos/{slug}/disponibilidade": ("get", False),
        "/api/v1/agendamento/ofertas/{offering_id}/dias/{dia}": ("get", False),
        "/api/v1/agendamento/agendamentos": ("post", True),
        "/api/v1/agendamento/agendamentos/{codigo}": ("get", True),
        "/api/v1/agendamento/agendamentos/{codigo}/cancelamento": ("post", True),
        "/api/v1/agendamento/agendamentos/{codigo}/remarcacao": ("post", True),
        "/api/v1/agendamento/agendamentos/{codigo}/agendamento.ics": ("get", True),
    }
    for path, (method, secured) in expected.items():
        operation = paths[path][method]
        assert operation["tags"] == ["Agendamento"]
        assert operation["summary"] and operation["description"]
        assert bool(operation.get("security")) is secured, path
    booking = paths["/api/v1/agendamento/agendamentos"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in booking["parameters"])
    assert {"201", "200", "400", "401", "403", "409", "422", "429"} <= set(booking["responses"])
    assert "get" in paths["/api/v1/agendamento/agendamentos"]


def test_every_declared_status_has_a_schema_and_json_errors():
    world()
    paths = Client().get(API + "/openapi.json").json()["paths"]
    for path, operations in paths.items():
        if "/agendamento/" not in path:
            continue
        for method, operation in operations.items():
            for code, declared in operation["responses"].items():
                assert declared.get("content"), (path, method, code)


def test_the_scheduling_scope_is_offered_by_mt_login():
    """Without it in OAUTH2_PROVIDER["SCOPES"] no application can obtain the scope (the provider
    drops unknown scopes), and the registry refuses clients that ask for it."""
    from django.conf import settings

    from ..api.auth import SCOPE

    assert SCOPE in settings.OAUTH2_PROVIDER["SCOPES"], (
        'add "agendamentos": _("Ver, marcar, remarcar e cancelar seus agendamentos") to OIDC_SCOPES'
    )
