"""Who calls the requests API: a person, through an MT Login access token (RFC 6750 bearer).

The token is checked by django-oauth-toolkit's own validator (the provider's `MTLoginValidator`,
ADR 0012): it looks the token up by its SHA-256 checksum (tokens are never stored in the clear),
refuses expired and revoked ones (revoking deletes the row), a disabled client's tokens and a
deactivated account's. On top of that the API asks for:

- the scope `solicitacoes` ("Ver e fazer seus pedidos de serviços"): a token without it gets 403
  `insufficient_scope` (RFC 6750 §3.1);
- a person behind the token (client-credentials tokens have none);
- optionally `X-Empresa: <CNPJ>` to act for a company, allowed only with an effective tie
  (Área Empresarial), 403 otherwise;
- at most `SERVICE_REQUESTS_API_RATE` calls per token per window (429).

The session level used by a service's level gate is the `acr` of the sign-in that issued the
token (TokenContext, kept for the refresh-token family), never more than the account's level
now. Tokens issued without a recorded sign-in get what a password sign-in reaches
(`auth_flow.reached_level(user, [])`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from oauth2_provider.models import get_refresh_token_model
from oauth2_provider.settings import oauth2_settings
from oauthlib.common import Request as OauthlibRequest

from plataforma.common.context import current_context
from plataforma.common.documents import is_valid_cnpj, only_digits
from plataforma.common.ratelimit import Limit, hit
from plataforma.identity.auth_flow import reached_level
from plataforma.identity.companies.acting import on_behalf_of
from plataforma.identity.companies.models import Company
from plataforma.identity.companies.selectors import effective_tie
from plataforma.identity.models import Level
from plataforma.identity.oidc.models import TokenContext

SCOPE = "solicitacoes"
COMPANY_HEADER = "X-Empresa"
REALM = "MT Login"
DEFAULT_RATE = (120, 60)  # calls per token, seconds

RefreshToken = get_refresh_token_model()


class BearerError(HttpError):
    """A refusal of the credentials (401/403) or of the pace (429). An HttpError, so any NinjaAPI
    answers it as {"detail": "…"}; the router adds the challenge headers (see routes.py)."""

    def __init__(self, status_code: int, message: str, *, error: str = "", headers: dict | None = None):
        super().__init__(status_code, message)
        self.error = error
        self.headers = headers or {}


@dataclass(frozen=True)
class Caller:
    """What the API knows about the call once the token is accepted."""

    user: Any
    token_id: int
    session_level: str
    company: Company | None


def _challenge(error: str = "", description: str = "", *, scope: str = SCOPE) -> str:
    parts = [f'realm="{REALM}"']
    if error:
        parts.append(f'error="{error}"')
    if description:
        parts.append(f'error_description="{description}"')
    if error == "insufficient_scope":
        parts.append(f'scope="{scope}"')
    return "Bearer " + ", ".join(parts)


def _invalid(message: str, *, scope: str = SCOPE) -> BearerError:
    return BearerError(
        401,
        message,
        error="invalid_token",
        headers={"WWW-Authenticate": _challenge("invalid_token", scope=scope)},
    )


# acr of the sign-in behind each access token, per process: a TokenContext is written once, when
# its family's first tokens are issued, and never changed, so an access token's acr is fixed for
# its life. Bounded; cleared when full. (The account's level, which caps it, is read fresh.)
_ACR_CACHE_MAX = 10_000
_acr_of_token: dict[str, str] = {}


def _token_acr(access_token) -> str:
    # keyed by the token's checksum, unique for ever (a primary key can come back after a rollback)
    key = access_token.token_checksum
    acr = _acr_of_token.get(key)
    if acr is None:
        own = Q(access_token_id=access_token.pk)
        if access_token.source_refresh_token_id:
            own |= Q(pk=access_token.source_refresh_token_id)
        families = RefreshToken.objects.filter(own).values("token_family")
        contexts = TokenContext.objects.filter(token_family__in=families)
        acr = contexts.values_list("acr", flat=True).first() or ""
        if len(_acr_of_token) >= _ACR_CACHE_MAX:
            _acr_of_token.clear()
        _acr_of_token[key] = acr
    return acr


def session_level_of(access_token, user) -> str:
    """The level reached by the sign-in that issued `access_token` (the `acr` kept in
    TokenContext for its refresh-token family), capped at the account's level today; without
    a recorded sign-in, what a password sign-in reaches."""
    acr = _token_acr(access_token)
    if not acr:
        return reached_level(user, [])
    return acr if Level.rank(acr) <= Level.rank(user.level) else user.level


def _company_from_header(request: HttpRequest, user) -> Company | None:
    raw = request.headers.get(COMPANY_HEADER, "")
    if not raw.strip():
        return None
    digits = only_digits(raw)
    if len(raw) > 30 or not is_valid_cnpj(digits):
        raise BearerError(400, _("O cabeçalho X-Empresa precisa ser um CNPJ válido."))
    company = Company.objects.filter(cnpj=digits).first()
    if company is None or effective_tie(user=user, company_id=company.pk) is None:
        # The same answer for an unknown CNPJ and one without a tie: nothing leaks.
        raise BearerError(403, _("Você não tem vínculo ativo com esta empresa."), error="forbidden")
    return company


class MTLoginBearer(HttpBearer):
    """django-ninja authentication: returns the person behind a valid MT Login access token
    with this API's scope, or raises BearerError (401, 403 or 429).

    Each API names its own scope, its pace (a setting holding (calls, seconds) per token) and
    the words for a missing scope; `companies=False` ignores X-Empresa (an API of the natural
    person's own affairs, such as appointments). The defaults are the requests API's."""

    def __init__(
        self,
        *,
        scope: str = SCOPE,
        rate_setting: str = "SERVICE_REQUESTS_API_RATE",
        scope_message: str = "",
        who: str = "",
        companies: bool = True,
    ):
        super().__init__()
        self.scope = scope
        self.rate_setting = rate_setting
        self.scope_message = scope_message
        self.who = who
        self.companies = companies

    def __call__(self, request: HttpRequest):
        try:
            return self._check(request)
        except BearerError as exc:
            # ninja answers through the API's HttpError handler (body only); the router's
            # decorator copies these headers (WWW-Authenticate, Retry-After) to the response.
            request._api_auth_headers = exc.headers
            raise

    def rate(self) -> Limit:
        count, seconds = getattr(settings, self.rate_setting, DEFAULT_RATE)
        return Limit(scope=f"api_{self.scope}", count=int(count), seconds=int(seconds))

    def _check(self, request: HttpRequest):
        value = request.headers.get(self.header, "")
        scheme, _space, token = value.partition(" ")
        if not value or scheme.lower() != "bearer" or not token.strip():
            raise BearerError(
                401,
                _("Envie o token de acesso do MT Login no cabeçalho Authorization: Bearer <token>."),
                headers={"WWW-Authenticate": _challenge(scope=self.scope)},
            )
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        if len(token) > 1000:
            raise _invalid(_("Token de acesso inválido, vencido ou revogado."), scope=self.scope)
        validator = oauth2_settings.OAUTH2_VALIDATOR_CLASS()
        # DOT's resource-server check, without handing it the body (a multipart upload is not
        # parsed before the caller is known) and without tokens in the body or query string.
        # The URI is not the caller's path: oauthlib parses whatever follows a "?" in it, and a
        # decoded path may hold one ("/solicitacoes/%3F…" → "?…"), which would make it raise.
        core_request = OauthlibRequest(request.build_absolute_uri("/"), request.method, "", {})
        if not validator.validate_bearer_token(token, [], core_request):
            raise _invalid(_("Token de acesso inválido, vencido ou revogado."), scope=self.scope)
        access = core_request.access_token
        user = access.user
        if user is None:
            raise _invalid(
                str(self.who or _("Este token não representa uma pessoa: use o token de quem faz o pedido.")),
                scope=self.scope,
            )
        if not access.allow_scopes([self.scope]):
            raise BearerError(
                403,
                str(
                    self.scope_message
                    or _("Este token não dá acesso aos seus pedidos: peça o escopo “solicitacoes” ao entrar.")
                ),
                error="insufficient_scope",
                headers={"WWW-Authenticate": _challenge("insufficient_scope", scope=self.scope)},
            )
        checksum = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        limit = self.rate()
        if not hit(limit, checksum):
            raise BearerError(
                429,
                _("Muitas chamadas em pouco tempo. Tente de novo em instantes."),
                headers={"Retry-After": str(limit.seconds)},
            )
        company = _company_from_header(request, user) if self.companies else None
        caller = Caller(
            user=user,
            token_id=access.pk,
            session_level=session_level_of(access, user),
            company=company,
        )
        request.user = user
        request.acting_company = company
        request.api_caller = caller
        return user


def caller_of(request: HttpRequest) -> Caller:
    return request.api_caller


def api_context(caller: Caller):
    """The audit context of a write through the API: channel "api", and the company the person
    acts for, so every audit row names both (as the web's acting context does)."""
    from plataforma.common.context import acting_context

    ctx = replace(
        current_context(),
        channel="api",
        on_behalf_of=on_behalf_of(caller.company) if caller.company is not None else None,
    )
    return acting_context(ctx)


bearer = MTLoginBearer()
