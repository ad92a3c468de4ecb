"""A real MT Login token and a client that sends it to /api/v1 (the ouvidoria API's tests)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.utils import timezone

API = "/api/v1"


def app_client():
    from plataforma.identity.oidc.models import OIDCClient

    return OIDCClient.objects.create(
        name="MT Cidadão",
        client_type=OIDCClient.CLIENT_PUBLIC,
        authorization_grant_type=OIDCClient.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://app.mt.gov.br/callback",
        allowed_scopes="openid solicitacoes agendamentos manifestacoes",
        algorithm=OIDCClient.RS256,
    )


def issue_token(user, client, *, scope: str = "openid manifestacoes", expires_in: int = 300) -> str:
    from oauth2_provider.models import get_access_token_model, set_token_value

    raw = secrets.token_urlsafe(30)
    token = get_access_token_model()(
        user=user, application=client, scope=scope, expires=timezone.now() + timedelta(seconds=expires_in)
    )
    set_token_value(token, raw)
    token.save()
    return raw


@dataclass
class ApiCaller:
    token: str = ""

    def _headers(self, extra: dict) -> dict:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra)
        return headers

    def get(self, path: str, data=None, **extra):
        return Client().get(API + path, data or {}, **self._headers(extra))

    def post(self, path: str, payload=None, *, key: str | None = None, **extra):
        if key is not None:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        if payload is None:
            return Client().post(API + path, **self._headers(extra))
        return Client().post(API + path, payload, content_type="application/json", **self._headers(extra))
