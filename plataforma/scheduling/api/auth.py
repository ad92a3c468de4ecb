"""Who calls the scheduling API: a person, through an MT Login access token (RFC 6750) with the
scope `agendamentos` ("Ver, marcar, remarcar e cancelar seus agendamentos").

The same checks as the requests API (service_requests/api/auth.py — DOT's validator, tokens kept
only as checksums, the account and the client must be active, the level of the sign-in behind
the token), with this API's own scope and pace (SCHEDULING_API_RATE, calls per token per window).
A token with only `solicitacoes` does not open appointments, and the other way round: each app
asks for what it needs (least privilege). Appointments are always the natural person's own: the
X-Empresa header has no meaning here and is ignored.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from oauth2_provider.settings import oauth2_settings
from oauthlib.common import Request as OauthlibRequest

from plataforma.common.ratelimit import Limit, hit
from plataforma.service_requests.api.auth import REALM, BearerError, Caller, MTLoginBearer, session_level_of

SCOPE = "agendamentos"
DEFAULT_RATE = (120, 60)  # calls per token, seconds


def _challenge(error: str) -> str:
    parts = [f'realm="{REALM}"', f'error="{error}"']
    if error == "insufficient_scope":
        parts.append(f'scope="{SCOPE}"')
    return "Bearer " + ", ".join(parts)


def _invalid(message: str) -> BearerError:
    return BearerError(
        401, message, error="invalid_token", headers={"WWW-Authenticate": _challenge("invalid_token")}
    )


def _rate() -> Limit:
    count, seconds = getattr(settings, "SCHEDULING_API_RATE", DEFAULT_RATE)
    return Limit(scope="api_agendamentos", count=int(count), seconds=int(seconds))


class AppointmentsBearer(MTLoginBearer):
    """django-ninja authentication: the person behind a valid MT Login access token with the
    `agendamentos` scope, or BearerError (401, 403 or 429). The missing-header check and the
    copying of challenge headers are the requests API's (MTLoginBearer)."""

    def authenticate(self, request: HttpRequest, token: str):
        if len(token) > 1000:
            raise _invalid(_("Token de acesso inválido, vencido ou revogado."))
        validator = oauth2_settings.OAUTH2_VALIDATOR_CLASS()
        core_request = OauthlibRequest(request.build_absolute_uri(request.path), request.method, "", {})
        if not validator.validate_bearer_token(token, [], core_request):
            raise _invalid(_("Token de acesso inválido, vencido ou revogado."))
        access = core_request.access_token
        user = access.user
        if user is None:
            raise _invalid(_("Este token não representa uma pessoa: use o token de quem agenda."))
        if not access.allow_scopes([SCOPE]):
            raise BearerError(
                403,
                _("Este token não dá acesso aos seus agendamentos: peça o escopo “agendamentos” ao entrar."),
                error="insufficient_scope",
                headers={"WWW-Authenticate": _challenge("insufficient_scope")},
            )
        checksum = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        limit = _rate()
        if not hit(limit, checksum):
            raise BearerError(
                429,
                _("Muitas chamadas em pouco tempo. Tente de novo em instantes."),
                headers={"Retry-After": str(limit.seconds)},
            )
        caller = Caller(
            user=user, token_id=access.pk, session_level=session_level_of(access, user), company=None
        )
        request.user = user
        request.acting_company = None
        request.api_caller = caller
        return user


bearer = AppointmentsBearer()
