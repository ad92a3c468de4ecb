"""What every endpoint of the provider shares: input size limits, rate limits, error answers."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_plus

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from plataforma.common.ratelimit import Limit, hit
from plataforma.identity.auth_flow import client_ip


def config(name: str, default: int) -> int:
    return int(getattr(settings, "MTLOGIN_OIDC", {}).get(name, default))


def max_length() -> int:
    return config("MAX_PARAMETER_LENGTH", 2000)


def _bad_value(value: str, limit: int) -> bool:
    return len(value) > limit or "\x00" in value


def oversized(params, limit: int | None = None, *, exempt: tuple[str, ...] = ()) -> bool:
    """True when a parameter name or value is longer than the limit or holds a NUL byte (which
    PostgreSQL text cannot store): refused with 400, never a 500."""
    limit = limit or max_length()
    return any(
        len(key) > 100
        or "\x00" in key
        or (key not in exempt and any(_bad_value(value, limit) for value in params.getlist(key)))
        for key in params
    )


def oauth_error(error: str, description: str, status: int = 400, **headers: str) -> JsonResponse:
    """An RFC 6749 §5.2 style JSON error, never cached."""
    response = JsonResponse({"error": error, "error_description": description}, status=status)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def basic_client_id(request: HttpRequest) -> str:
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if auth[:6].lower() != "basic ":
        return ""
    try:
        decoded = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""
    return unquote_plus(decoded.split(":", 1)[0])[:200]


def request_client_id(request: HttpRequest) -> str:
    return basic_client_id(request) or request.POST.get("client_id", "")[:200]


# Requests per window (TOKEN_RATE_WINDOW_SECONDS, a minute by default) of each back-channel
# endpoint, per client_id and per address; settings.MTLOGIN_OIDC["<SCOPE>_RATE_PER_CLIENT"] and
# ["<SCOPE>_RATE_PER_ADDRESS"] override them (env OIDC_<SCOPE>_RATE_PER_CLIENT/_ADDRESS).
RATE_DEFAULTS = {
    "token": (600, 300),
    "introspect": (600, 300),
    "revoke": (600, 300),
    "userinfo": (600, 300),
}


def rate_limits(scope: str) -> tuple[int, int]:
    """(per client_id, per address) limits of one endpoint."""
    per_client, per_address = RATE_DEFAULTS.get(scope, RATE_DEFAULTS["token"])
    name = scope.upper()
    return config(f"{name}_RATE_PER_CLIENT", per_client), config(f"{name}_RATE_PER_ADDRESS", per_address)


def rate_limited(request: HttpRequest, scope: str) -> JsonResponse | None:
    """429 when this client_id or this address went over the endpoint's limit (issue #3)."""
    window = config("TOKEN_RATE_WINDOW_SECONDS", 60)
    client_limit, address_limit = rate_limits(scope)
    per_address = Limit(f"oidc-{scope}-addr", address_limit, window)
    per_client = Limit(f"oidc-{scope}-client", client_limit, window)
    ok = hit(per_address, client_ip(request) or "unknown")
    client_id = request_client_id(request)
    if client_id:
        ok = hit(per_client, client_id) and ok
    if ok:
        return None
    return oauth_error(
        "temporarily_unavailable",
        _("Muitas requisições em pouco tempo. Aguarde um minuto e tente de novo."),
        status=429,
        Retry_After=str(window),
    )


def garbage_guard(request: HttpRequest, scope: str, *, exempt: tuple[str, ...] = ()) -> JsonResponse | None:
    """Rate limit, then refuse oversized input with invalid_request."""
    if limited := rate_limited(request, scope):
        return limited
    if (
        oversized(request.GET, exempt=exempt)
        or oversized(request.POST, exempt=exempt)
        or "\x00" in basic_client_id(request)
    ):
        return oauth_error("invalid_request", _("Parâmetro longo demais ou inválido."))
    return None
