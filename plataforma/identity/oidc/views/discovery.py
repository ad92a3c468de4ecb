"""OpenID Provider metadata (OpenID Connect Discovery 1.0 §3) and the JWKS (RFC 7517)."""

from __future__ import annotations

import json
from urllib.parse import urlparse

from django.http import JsonResponse
from django.urls import reverse
from django.views import View
from oauth2_provider import views as dot
from oauth2_provider.settings import oauth2_settings

from .. import keys
from ..claims import all_claims
from ..registry import known_scopes

LEVELS = ("bronze", "prata", "ouro")


class DiscoveryView(dot.ConnectDiscoveryInfoView):
    def _get_endpoint_url(self, request, view_name, required=False):
        names = {
            "authorize": "oidc:authorize",
            "token": "oidc:token",
            "user-info": "oidc:userinfo",
            "jwks-info": "oidc:jwks",
            "rp-initiated-logout": "oidc:logout",
            "introspect": "oidc:introspect",
            "revoke-token": "oidc:revoke",
        }
        path = reverse(names.get(view_name, f"oidc:{view_name}"))
        issuer = oauth2_settings.OIDC_ISS_ENDPOINT
        if not issuer:
            return request.build_absolute_uri(path)
        parsed = urlparse(issuer)
        return f"{parsed.scheme}://{parsed.netloc}{path}"

    def get(self, request, *args, **kwargs):
        data = json.loads(super().get(request, *args, **kwargs).content)
        data.update(
            {
                "id_token_signing_alg_values_supported": list(keys.ALGORITHMS),
                "userinfo_signing_alg_values_supported": ["none"],
                "scopes_supported": known_scopes(),
                "claims_supported": all_claims(),
                "acr_values_supported": [f"urn:mt:login:nivel:{level}" for level in LEVELS],
                "subject_types_supported": ["public", "pairwise"],
                "code_challenge_methods_supported": ["S256"],
                "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
                "response_types_supported": ["code"],
                "response_modes_supported": ["query"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                    "none",
                ],
                "introspection_endpoint": self._get_endpoint_url(request, "introspect"),
                "introspection_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
                "revocation_endpoint": self._get_endpoint_url(request, "revoke-token"),
                "revocation_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                    "none",
                ],
                "end_session_endpoint": self._get_endpoint_url(request, "rp-initiated-logout"),
                "claims_parameter_supported": False,
                "request_parameter_supported": False,
                "request_uri_parameter_supported": False,
                "prompt_values_supported": ["none", "login", "consent", "select_account"],
                "ui_locales_supported": ["pt-BR"],
                "claim_types_supported": ["normal"],
                "authorization_response_iss_parameter_supported": True,
            }
        )
        data.pop("client_id_metadata_document_supported", None)
        response = JsonResponse(data)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"
        return response


class JwksView(View):
    def get(self, request, *args, **kwargs):
        response = JsonResponse(keys.jwks())
        response["Access-Control-Allow-Origin"] = "*"
        max_age = oauth2_settings.OIDC_JWKS_MAX_AGE_SECONDS
        response["Cache-Control"] = f"public, max-age={max_age}"
        return response
