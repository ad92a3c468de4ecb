"""Fault messages: every one comes from the Portuguese registry and none leaks internals."""

import ast
import logging
import re
from pathlib import Path

import httpx
import pytest

from xvia.gateway import faulttexts
from xvia.gateway.errors import CLIENT, CLIENT_PROXY, SERVER_PROXY, XRoadFault
from xvia.gateway.faulttexts import TEXTS, fields, is_known, render

from .harness import CPF, DETRAN, SEFAZ, fault_of

GATEWAY = Path(faulttexts.__file__).parent
BUILDERS = {"XRoadFault": 2, "client_fault": 1, "_fault": 1}  # name -> position of the text key
CLIENT_ID = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}

# words that give an English sentence away; Portuguese look-alikes ("a", "no", "do") are left out
ENGLISH = frozenset(
    {
        "the",
        "is",
        "are",
        "was",
        "not",
        "must",
        "be",
        "of",
        "and",
        "or",
        "to",
        "from",
        "with",
        "too",
        "this",
        "that",
        "by",
        "at",
        "for",
        "an",
        "has",
        "have",
        "cannot",
        "could",
        "please",
        "your",
        "you",
        "only",
        "once",
        "missing",
        "required",
        "invalid",
        "unknown",
        "denied",
        "failed",
        "expired",
        "available",
        "request",
        "response",
        "server",
        "client",
        "header",
        "body",
        "large",
        "signature",
        "allowed",
        "malformed",
        "timed",
        "out",
        "answer",
        "reach",
        "registered",
        "served",
    }
)
# protocol names the texts quote verbatim (header and parameter names, the URL template)
TECHNICAL = re.compile(r"[\w.-]*[-/][\w./{}-]*|X-Road|X-VIA|serviceCode|listMethods|since|until|limit|detail")


def _fault_calls():
    for path in sorted(GATEWAY.glob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BUILDERS:
                yield path.name, node


def test_every_fault_the_gateway_builds_names_a_registered_text_with_its_parameters():
    calls, wrappers = [], []
    for name, node in _fault_calls():
        if name == "errors.py":
            continue
        forwards = any(k.arg is None for k in node.keywords)  # ``_fault``: passes its text on
        (wrappers if forwards else calls).append(f"{name}:{node.func.id}")
        if not forwards:
            calls[-1] = (name, node)
    assert sorted(wrappers) == ["clientproxy.py:XRoadFault", "serverproxy.py:XRoadFault"]
    assert len(calls) >= 55  # the scan really sees the faults of every module
    used = set()
    for name, node in calls:
        position = BUILDERS[node.func.id]
        where = f"{name}:{node.lineno}"
        assert len(node.args) > position, where
        key = node.args[position]
        assert isinstance(key, ast.Constant) and key.value in TEXTS, f"{where}: not a key of TEXTS"
        passed = {k.arg for k in node.keywords} - {"internal"}
        assert passed == fields(key.value), f"{where}: parameters {passed} != {set(fields(key.value))}"
        used.add(key.value)
    assert used == set(TEXTS), f"texts nobody uses: {set(TEXTS) - used}"


def test_no_module_writes_a_fault_body_by_hand():
    for path in sorted(GATEWAY.glob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert "message" not in keys, f"{path.name}:{node.lineno} builds a fault body itself"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_is_plain_portuguese(key):
    text = render(key, dict.fromkeys(fields(key), "MT/GOV/03507415000144/VEICULOS"))
    assert is_known(text)
    assert text.endswith(".") and text[0].isupper() and len(text) <= 320
    words = re.findall(r"[^\W\d_]+", TECHNICAL.sub(" ", text).lower())
    english = sorted(set(words) & ENGLISH)
    assert not english, f"{key}: English words {english}"
    assert re.search(r"[ãõçáéíóúâêô]|\b(não|de|do|da|o|os|as|um|uma|com|por|para)\b", text), key
    assert "{" not in text and "}" not in text  # every placeholder was filled


def test_the_english_check_would_catch_an_english_text():
    words = set(re.findall(r"[^\W\d_]+", TECHNICAL.sub(" ", "The X-Road-Client header is required.").lower()))
    assert words & ENGLISH == {"the", "header", "is", "required"}


def test_status_follows_pr_rest_categories():
    assert XRoadFault(CLIENT, "BadRequest", "path_malformed").status == 400
    assert XRoadFault(CLIENT_PROXY, "NetworkError", "peer_timeout", server="SERVER:MT/GOV/1/ss").status == 500
    assert (
        XRoadFault(SERVER_PROXY, "ServiceFailed", "service_timeout", service="s", seconds="1").status == 500
    )
    with pytest.raises(KeyError):
        XRoadFault(CLIENT, "BadRequest", "Some free English text")


def test_an_echoed_value_is_bounded():
    text = render("header_not_utf8", {"name": "x" * 10_000})
    assert len(text) < len(TEXTS["header_not_utf8"]) + faulttexts.MAX_PARAM and is_known(text)


def test_a_cpf_in_the_path_is_never_echoed_in_a_fault(world):
    digits = CPF.replace(".", "").replace("-", "")
    r = httpx.get(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/veiculos/proprietarios/{digits}"),
        headers=CLIENT_ID | {"X-VIA-Data-Subject": CPF, "X-VIA-Purpose": "Conferencia"},
    )
    assert fault_of(r) == "Client.AccessDenied"
    assert digits not in r.text and CPF not in r.text and "proprietarios" not in r.text
    assert f"{SEFAZ}/ARRECADACAO" in r.json()["message"] and "(GET)" in r.json()["message"]
    r = httpx.get(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/veiculos/veiculos/A"),
        headers=CLIENT_ID | {"X-VIA-Data-Subject": digits[:-1] + "0", "X-VIA-Purpose": "x"},
    )
    assert fault_of(r) == "Client.BadRequest" and digits[:-1] not in r.text


def test_an_unreachable_backend_is_named_by_service_never_by_address(world, caplog):
    caplog.set_level(logging.WARNING, logger="xvia.gateway.faults")
    digits = CPF.replace(".", "").replace("-", "")
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/down/pessoas/{digits}"), headers=CLIENT_ID)
    assert fault_of(r) == "Server.ServerProxy.ServiceFailed"
    doc = r.json()
    assert f"{DETRAN}/VEICULOS/down" in doc["message"]
    assert "127.0.0.1" not in r.text and "http://" not in r.text and digits not in r.text
    # the operator finds the address in the provider's log under the same detail id, the CPF never
    logged = [m for m in caplog.messages if doc["detail"] in m]
    assert len(logged) == 1 and "127.0.0.1" in logged[0]
    assert not any(digits in m for m in caplog.messages)


def test_a_malformed_client_header_gets_guidance_not_parser_internals(world):
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/x"), headers={"X-Road-Client": "MT/GOV"})
    assert fault_of(r) == "Client.InvalidClientIdentifier"
    assert r.json()["message"] == TEXTS["client_header_malformed"]
    assert "expected" not in r.text and "got" not in r.text
