"""The requests API in the one OpenAPI document of /api/v1/: bearer security on every operation
and every status code the endpoints answer declared with a schema (what Schemathesis checks)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ...api.auth import SCOPE

pytestmark = pytest.mark.django_db

AUTH = {"401", "403", "429"}
READ = AUTH | {"200", "400", "404", "422"}
WRITE = READ | {"409", "413"}
EXPECTED = {
    ("/api/v1/solicitacoes", "get"): READ,
    ("/api/v1/solicitacoes/{protocolo}", "get"): READ,
    ("/api/v1/servicos/{slug}/formulario", "get"): READ,
    ("/api/v1/servicos/{slug}/solicitacoes", "post"): WRITE | {"201"},
    ("/api/v1/solicitacoes/{protocolo}/resposta", "post"): WRITE,
    ("/api/v1/solicitacoes/{protocolo}/cancelamento", "post"): WRITE,
    ("/api/v1/solicitacoes/{protocolo}/avaliacoes", "post"): (WRITE - {"200"}) | {"201"},
    ("/api/v1/solicitacoes/{protocolo}/anexos/{anexo_id}", "get"): READ,
}


@pytest.fixture
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_requests_endpoints_are_in_the_one_document_next_to_the_catalogue(document):
    paths = document["paths"]
    assert "/api/v1/servicos" in paths  # the catalogue's
    for path, method in EXPECTED:
        assert method in paths[path], (path, method)


def test_every_operation_requires_a_bearer_token(document):
    schemes = document["components"]["securitySchemes"]
    name, scheme = next((n, s) for n, s in schemes.items() if s.get("scheme") == "bearer")
    assert scheme["type"] == "http"
    for path, method in EXPECTED:
        assert document["paths"][path][method]["security"] == [{name: []}], path
    assert "security" not in document["paths"]["/api/v1/servicos"]["get"]  # the catalogue stays open


def test_every_status_code_answered_is_declared_with_a_schema(document):
    for (path, method), codes in EXPECTED.items():
        responses = document["paths"][path][method]["responses"]
        assert set(responses) == codes, (path, method, set(responses) ^ codes)
        for code, declared in responses.items():
            assert declared.get("content"), (path, method, code)


def test_the_submission_documents_its_multipart_body_and_headers(document):
    operation = document["paths"]["/api/v1/servicos/{slug}/solicitacoes"]["post"]
    headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is True
    assert headers["X-Empresa"]["required"] is False
    assert "dados" in operation["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]


def test_the_json_bodies_are_described(document):
    rating = document["paths"]["/api/v1/solicitacoes/{protocolo}/avaliacoes"]["post"]["requestBody"]
    schema = rating["content"]["application/json"]["schema"]
    assert {"step", "score"} <= set(schema["required"])


def test_the_requests_scope_is_offered_by_mt_login():
    """Without it in OAUTH2_PROVIDER["SCOPES"] no application can obtain the scope (the provider
    drops unknown scopes), and the registry refuses clients that ask for it."""
    assert SCOPE in settings.OAUTH2_PROVIDER["SCOPES"], (
        'add "solicitacoes": _("Ver e fazer seus pedidos de serviços") to OIDC_SCOPES in settings.py'
    )
