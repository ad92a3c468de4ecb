"""Fixtures of the API tests: real MT Login access tokens (DOT rows, stored as checksums), a
client that calls /api/v1/ with them, a private documents folder, fresh rate-limit counters."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import get_access_token_model, set_token_value

from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie
from plataforma.identity.oidc.models import OIDCClient

from ..factories import citizen

AccessToken = get_access_token_model()
API = "/api/v1"


@pytest.fixture
def app_client(db):
    """The MT Cidadão app, registered as a public client allowed the requests scope."""
    return OIDCClient.objects.create(
        name="MT Cidadão",
        client_type=OIDCClient.CLIENT_PUBLIC,
        authorization_grant_type=OIDCClient.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://app.mt.gov.br/callback",
        allowed_scopes="openid profile solicitacoes",
        algorithm=OIDCClient.RS256,
    )


def issue_token(user, client, *, scope="openid solicitacoes", expires_in=300) -> str:
    raw = secrets.token_urlsafe(30)
    token = AccessToken(
        user=user, application=client, scope=scope, expires=timezone.now() + timedelta(seconds=expires_in)
    )
    set_token_value(token, raw)
    token.save()
    return raw


@dataclass
class ApiCaller:
    """A test client that sends one person's bearer token (and, optionally, X-Empresa)."""

    token: str
    company_cnpj: str = ""

    def _headers(self, extra: dict) -> dict:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}
        if self.company_cnpj:
            headers["HTTP_X_EMPRESA"] = self.company_cnpj
        headers.update(extra)
        return headers

    def get(self, path: str, data=None, **extra):
        return Client().get(API + path, data or {}, **self._headers(extra))

    def post(self, path: str, data=None, **extra):
        return Client().post(API + path, data or {}, **self._headers(extra))

    def post_json(self, path: str, payload: dict, **extra):
        return Client().post(API + path, payload, content_type="application/json", **self._headers(extra))


@pytest.fixture
def as_person(person, app_client):
    return ApiCaller(issue_token(person, app_client))


@pytest.fixture
def as_other_person(other_person, app_client):
    return ApiCaller(issue_token(other_person, app_client))


@pytest.fixture
def company():
    return CompanyFactory(legal_name="Transportes Cuiabá Ltda")


@pytest.fixture
def representative(company):
    user = citizen(full_name="Rita Representante")
    make_tie(company=company, user=user, role=CompanyTie.Role.LEGAL_REPRESENTATIVE)
    return user


@pytest.fixture
def colleague(company):
    user = citizen(full_name="Carlos Colaborador")
    make_tie(company=company, user=user, role=CompanyTie.Role.COLLABORATOR)
    return user
