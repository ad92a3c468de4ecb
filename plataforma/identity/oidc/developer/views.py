"""The integration guide for agencies (docs/integration/mt-login.md, the same content).

The endpoints shown are read from the provider's discovery document (OpenID Connect Discovery
1.0 §4), produced by the very view that serves /.well-known/openid-configuration, so the page
never disagrees with what relying parties read. Token lifetimes come from DOT's settings.
"""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from oauth2_provider.settings import oauth2_settings

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
ENDPOINTS = [
    ("issuer", _("Identificador do emissor (issuer)")),
    ("authorization_endpoint", _("Autorização (navegador da pessoa)")),
    ("token_endpoint", _("Tokens")),
    ("userinfo_endpoint", _("Dados da pessoa (userinfo)")),
    ("jwks_uri", _("Chaves públicas de assinatura (JWKS)")),
    ("introspection_endpoint", _("Introspecção de tokens (RFC 7662)")),
    ("revocation_endpoint", _("Revogação de tokens (RFC 7009)")),
    ("end_session_endpoint", _("Saída (logout)")),
]


def discovery_document(request: HttpRequest) -> dict:
    """The discovery document exactly as the provider serves it to this request's host."""
    try:
        match = resolve(DISCOVERY_PATH)
    except Resolver404:
        return {}
    response = match.func(request, *match.args, **match.kwargs)
    if getattr(response, "status_code", 500) != 200:
        logger.warning("discovery document answered %s", getattr(response, "status_code", None))
        return {}
    return json.loads(response.content)


def _minutes(seconds: int) -> str:
    seconds = int(seconds)
    if seconds % 3600 == 0 and seconds >= 3600:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0 and seconds >= 60:
        return f"{seconds // 60} min"
    return f"{seconds} s"


@require_GET
def mt_login_guide(request: HttpRequest) -> HttpResponse:
    document = discovery_document(request)
    endpoints = [
        {"key": key, "label": label, "url": document[key]} for key, label in ENDPOINTS if document.get(key)
    ]
    issuer = document.get("issuer") or request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "developers/mt_login.html",
        {
            "d": document,
            "endpoints": endpoints,
            "issuer": issuer,
            "discovery_url": issuer + DISCOVERY_PATH,
            "scopes": document.get("scopes_supported", []),
            "lifetimes": {
                "code": _minutes(oauth2_settings.AUTHORIZATION_CODE_EXPIRE_SECONDS),
                "access": _minutes(oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS),
                "id_token": _minutes(oauth2_settings.ID_TOKEN_EXPIRE_SECONDS),
                "refresh": _minutes(oauth2_settings.REFRESH_TOKEN_EXPIRE_SECONDS or 0),
            },
        },
    )
