"""Back-channel endpoints: token (RFC 6749 §3.2), revocation (RFC 7009), introspection
(RFC 7662) and userinfo (OIDC Core §5.3). All answer JSON, never a 500, and are rate limited per
client_id and per address."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider import views as dot
from oauth2_provider.models import (
    get_access_token_model,
    get_refresh_token_model,
    refresh_token_expire_timedelta,
)
from oauth2_provider.settings import oauth2_settings
from oauth2_provider.views.mixins import OAuthLibMixin
from oauthlib.common import Request as OauthlibRequest

from ..claims import subject_for
from .common import garbage_guard, oauth_error

AccessToken = get_access_token_model()
RefreshToken = get_refresh_token_model()


def _as_response(headers: dict, body: str | None, status: int) -> HttpResponse:
    response = HttpResponse(content=body or "", status=status)
    for name, value in headers.items():
        response[name] = value
    if body and body.lstrip().startswith("{"):
        response["Content-Type"] = "application/json"
    return response


@method_decorator(csrf_exempt, name="dispatch")
class TokenView(dot.TokenView):
    """The token endpoint. Kept lean for the benchmark: one application lookup, one insert for
    client_credentials, no audit row and no extra reload of the token just issued."""

    def post(self, request, *args, **kwargs):
        if refused := garbage_guard(request, "token"):
            return refused
        _url, headers, body, status = self.create_token_response(request)
        response = _as_response(headers, body, status)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        if status == 401:  # RFC 6749 §5.2: answer with the scheme the client should use
            response["WWW-Authenticate"] = 'Basic realm="MT Login", error="invalid_client"'
        return response

    def get(self, request, *args, **kwargs):
        return oauth_error("invalid_request", _("Use POST."), status=405, Allow="POST")


@method_decorator(csrf_exempt, name="dispatch")
class RevokeView(dot.RevokeTokenView):
    def post(self, request, *args, **kwargs):
        if refused := garbage_guard(request, "revoke"):
            return refused
        _url, headers, body, status = self.create_revocation_response(request)
        response = _as_response(headers, body, status)
        if status == 401:
            response["WWW-Authenticate"] = 'Basic realm="MT Login", error="invalid_client"'
        return response


@method_decorator(csrf_exempt, name="dispatch")
class IntrospectView(OAuthLibMixin, View):
    """RFC 7662. Only confidential clients, authenticated with their secret, may ask, and only
    about their own tokens. Unknown, expired and revoked tokens, other clients' tokens, and tokens
    of a disabled client or a deactivated account are simply inactive. The answer names the person
    by the `sub` the token's own client sees, never by CPF."""

    def post(self, request, *args, **kwargs):
        if refused := garbage_guard(request, "introspect"):
            return refused
        client = self._authenticated_client(request)
        if client is None:
            return oauth_error(
                "invalid_client",
                _("Autenticação do cliente falhou."),
                status=401,
                WWW_Authenticate='Basic realm="MT Login"',
            )
        token = request.POST.get("token", "")
        if not token:
            return oauth_error("invalid_request", _("Informe o parâmetro token."))
        return self._answer(request, client, token, request.POST.get("token_type_hint", ""))

    def _authenticated_client(self, request):
        """The confidential client that authenticated this request with its secret, or None."""
        core = self.get_oauthlib_core()
        uri, http_method, body, headers = core._extract_params(request)
        oauthlib_request = OauthlibRequest(uri, http_method, body, headers)
        if not core.server.request_validator.authenticate_client(oauthlib_request):
            return None
        return getattr(oauthlib_request, "client", None)

    def get(self, request, *args, **kwargs):
        return oauth_error("invalid_request", _("Use POST."), status=405, Allow="POST")

    def _answer(self, request, client, token: str, hint: str) -> JsonResponse:
        """A token issued to another client is answered {"active": false}, as if unknown
        (RFC 7662 §4: the server may refuse to tell a client about tokens it does not own):
        otherwise any confidential client could learn another client's `sub` for the person
        and undo pairwise subjects (OIDC Core §8.1)."""
        checksum = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        lookups = [self._access, self._refresh]
        if hint == "refresh_token":
            lookups.reverse()
        for lookup in lookups:
            data = lookup(checksum)
            if data is not None:
                if not data.get("active") or data.pop("_client_pk", None) != client.pk:
                    return self._json({"active": False})
                data["iss"] = oauth2_settings.OIDC_ISS_ENDPOINT or request.build_absolute_uri("/").rstrip("/")
                return self._json(data)
        return self._json({"active": False})

    @staticmethod
    def _json(data: dict) -> JsonResponse:
        response = JsonResponse(data)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _common(token, token_type: str) -> dict:
        data = {
            "active": True,
            "scope": token.scope if token_type == "Bearer" else "",  # noqa: S105 - a type name
            "token_type": token_type,
        }
        if token.application_id:
            data["client_id"] = token.application.client_id
            data["_client_pk"] = token.application_id
        if token.user_id:
            data["sub"] = subject_for(token.user_id, token.application)
        return data

    def _access(self, checksum: str) -> dict | None:
        token = (
            AccessToken.objects.select_related("application", "user").filter(token_checksum=checksum).first()
        )
        if token is None:
            return None
        disabled = token.application_id and not token.application.enabled
        if token.is_expired() or disabled or (token.user_id and not token.user.is_active):
            return {"active": False}
        data = self._common(token, "Bearer")
        data["exp"] = int(token.expires.timestamp())
        data["iat"] = int(token.created.timestamp())
        return data

    def _refresh(self, checksum: str) -> dict | None:
        token = (
            RefreshToken.objects.select_related("application", "access_token", "user")
            .filter(token_checksum=checksum, revoked__isnull=True)
            .first()
        )
        if token is None:
            return None
        disabled = token.application_id and not token.application.enabled
        if token.access_token is None or disabled or (token.user_id and not token.user.is_active):
            return {"active": False}
        data = self._common(token, "refresh_token")
        data["scope"] = token.access_token.scope
        data["iat"] = int(token.created.timestamp())
        lifetime = refresh_token_expire_timedelta()
        if lifetime:
            expires = token.access_token.expires + lifetime
            if timezone.now() >= expires:
                return {"active": False}
            data["exp"] = int(expires.timestamp())
        return data


@method_decorator(csrf_exempt, name="dispatch")
class UserInfoView(dot.UserInfoView):
    """OIDC Core §5.3, GET or POST with the access token as a Bearer credential."""

    def dispatch(self, request, *args, **kwargs):
        if refused := garbage_guard(request, "userinfo"):
            return refused
        return super().dispatch(request, *args, **kwargs)

    def _create_userinfo_response(self, request):
        _url, headers, body, status = self.create_userinfo_response(request)
        response = _as_response(headers, body, status)
        response["Cache-Control"] = "no-store"
        if status in (401, 403) and "WWW-Authenticate" not in response:
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
