"""The authorization endpoint (OIDC Core §3.1.2): DOT's AuthorizationView, with MT Login's
sign-in, levels, remembered consent and OpenID Connect's request parameters.

Every request is validated by oauthlib first, so an unknown client or an unregistered
redirect_uri gets an error page and never a redirect (RFC 6749 §4.1.2.1). Then, in order:
sign-in (prompt=none → login_required), re-authentication (prompt=login/select_account,
max_age), the level asked in acr_values (step-up page, or interaction_required), consent
(remembered per client and scope; prompt=consent asks again; prompt=none → consent_required).
The consent form carries nothing but the CSRF token and the answer: every parameter is read
again from the URL and validated again on POST, so hidden fields cannot be tampered with.
"""

from __future__ import annotations

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from oauth2_provider import views as dot
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.oauth2_backends import _add_iss_to_redirect
from oauth2_provider.settings import oauth2_settings
from oauth2_provider.views.mixins import OAuthLibMixin
from oauthlib.common import add_params_to_uri

from plataforma.common.documents import only_digits
from plataforma.common.ratelimit import Limit, hit
from plataforma.identity.auth_flow import client_ip, current_sign_in
from plataforma.identity.models import Level

from .. import keys, selectors, services
from ..claims import password_level, subject_for
from .common import config, oversized

REAUTH_KEY = "mtlogin_oidc_reauth_at"
NONCE_MAX_LENGTH = 255
S256_CHALLENGE = re.compile(r"[A-Za-z0-9._~-]{43}")
ERROR_TEMPLATE = "oidc/error.html"


class AuthorizeView(dot.AuthorizationView):
    template_name = "oidc/authorize.html"

    def dispatch(self, request, *args, **kwargs):
        # No LoginRequiredMixin: the client and redirect_uri are validated before anything else.
        self.oauth2_data = {}
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.handle(request, decision=None)

    def post(self, request, *args, **kwargs):
        return self.handle(request, decision="allow" if "allow" in request.POST else "deny")

    # --- answers --------------------------------------------------------------------------
    def error_page(self, title: str, message: str, status: int = 400):
        return TemplateResponse(
            self.request, ERROR_TEMPLATE, {"title": title, "message": message}, status=status
        )

    def error_response(self, error, application, **kwargs):
        redirect, response = OAuthLibMixin.error_response(self, error)
        if redirect:
            url = _add_iss_to_redirect(response["url"], oauth2_settings.OIDC_ISS_ENDPOINT)
            return self.redirect(url, application)
        oauthlib_error = response["error"]
        return self.error_page(
            _("Não foi possível continuar"),
            _(
                "O aplicativo fez um pedido de autorização inválido (%(error)s). Nada foi "
                "compartilhado. Volte ao aplicativo e tente de novo; se o problema continuar, "
                "avise o responsável pelo aplicativo."
            )
            % {"error": oauthlib_error.error},
            status=max(400, oauthlib_error.status_code or 400),
        )

    def redirect_error(self, client, redirect_uri: str, state: str | None, error: str, description: str):
        params = [("error", error), ("error_description", description)]
        if state:
            params.append(("state", state))
        params.append(("iss", oauth2_settings.OIDC_ISS_ENDPOINT))
        return self.redirect(add_params_to_uri(redirect_uri, params), client)

    # --- the flow -------------------------------------------------------------------------
    def handle(self, request, decision: str | None):
        if (
            oversized(request.GET, exempt=("id_token_hint",))
            or oversized(request.POST)
            or len(request.GET) > 50
            or len(request.GET.get("id_token_hint", "")) > 8000
        ):
            return self.error_page(
                _("Pedido inválido"), _("O pedido de autorização tem parâmetros longos demais."), 400
            )
        per_address = Limit("oidc-authorize-addr", config("AUTHORIZE_RATE_PER_ADDRESS", 600), 60)
        if not hit(per_address, client_ip(request) or "unknown"):
            return self.error_page(
                _("Muitas tentativas"), _("Muitos pedidos em pouco tempo. Aguarde um minuto."), 429
            )
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        oauthlib_request = credentials.pop("request", None)
        client = oauthlib_request.client
        redirect_uri, state = credentials["redirect_uri"], credentials.get("state")

        def fail(error: str, description: str):
            return self.redirect_error(client, redirect_uri, state, error, description)

        if refused := self.unsupported_parameters(request.GET):
            return fail(*refused)

        prompt = set(request.GET.get("prompt", "").split())
        max_age = request.GET.get("max_age", "").strip()
        if max_age and (not max_age.isdigit() or len(max_age) > 10):
            return fail("invalid_request", "max_age must be a non-negative integer")

        user = request.user if request.user.is_authenticated else None
        if user is None:
            if "none" in prompt:
                return fail("login_required", "The user is not signed in.")
            return self.to_sign_in(request)

        sign_in = current_sign_in(request)
        if sign_in is not None:
            acr, amr, auth_time, sign_in_id = sign_in.acr, list(sign_in.amr), sign_in.auth_time, sign_in.pk
        else:  # signed in by a path that records no sign-in session
            acr, amr, auth_time, sign_in_id = (
                password_level(user),
                ["pwd"],
                user.last_login or timezone.now(),
                None,
            )

        hint = request.GET.get("id_token_hint", "")
        if hint:
            claims = keys.verify_id_token(hint)
            if claims is None or claims.get("iss") != oauth2_settings.OIDC_ISS_ENDPOINT:
                return fail("invalid_request", "id_token_hint is not a valid id_token of this provider.")
            if claims.get("sub") != subject_for(user.pk, client):  # another person is signed in here
                if "none" in prompt:
                    return fail("login_required", "The signed-in user is not the one in id_token_hint.")
                return self.to_sign_in(request)

        age = (timezone.now() - auth_time).total_seconds()
        wants_fresh = prompt & {"login", "select_account"} or (max_age and age > int(max_age))
        if wants_fresh and not self.reauthenticated(request, auth_time):
            if "none" in prompt:
                return fail("login_required", "Re-authentication is required.")
            self.ask_reauthentication(request)
            return self.to_sign_in(request)

        required = self.required_level(request.GET.get("acr_values", ""))
        if required and Level.rank(acr) < Level.rank(required):
            if "none" in prompt:
                return fail("interaction_required", "A higher assurance level is required.")
            return self.to_step_up(request, required)

        if decision == "deny":
            return fail("access_denied", "The user did not authorize the application.")
        if decision is None and not client.skip_authorization:
            consent = selectors.live_consent(user=user, client=client)
            if "consent" in prompt or consent is None or not consent.covers(scopes):
                if "none" in prompt:
                    return fail("consent_required", "The user has not authorized this application.")
                return self.consent_page(request, client, scopes)
        if decision == "allow":
            services.consent_grant(user=user, client=client, scopes=scopes, request=request)

        credentials.update(
            mtlogin_sign_in_id=sign_in_id, mtlogin_acr=acr, mtlogin_amr=amr, mtlogin_auth_time=auth_time
        )
        if isinstance(credentials.get("ui_locales"), list):
            credentials["ui_locales"] = " ".join(credentials["ui_locales"])
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=request, scopes=" ".join(scopes), credentials=credentials, allow=True
            )
        except OAuthToolkitError as error:
            return self.error_response(error, client)
        return self.redirect(uri, client)

    @staticmethod
    def unsupported_parameters(params) -> tuple[str, str] | None:
        """Checked once the client and redirect_uri are known good, so the error goes back to
        the client (OIDC Core §3.1.2.6):
        - `request` and `request_uri` are not supported (OIDC Core §6, discovery says so):
          request_not_supported / request_uri_not_supported, never silently ignored;
        - nonce: at most 255 characters (what the grant stores);
        - code_challenge: an S256 challenge is exactly 43 base64url characters (RFC 7636 §4.2)."""
        if "request" in params:
            return "request_not_supported", "The request parameter is not supported."
        if "request_uri" in params:
            return "request_uri_not_supported", "The request_uri parameter is not supported."
        if len(params.get("nonce", "")) > NONCE_MAX_LENGTH:
            return "invalid_request", f"nonce must have at most {NONCE_MAX_LENGTH} characters."
        challenge = params.get("code_challenge")
        if challenge is not None and not S256_CHALLENGE.fullmatch(challenge):
            return "invalid_request", "code_challenge must be 43 base64url characters (S256)."
        return None

    # --- steps ----------------------------------------------------------------------------
    @staticmethod
    def _request_key(request) -> str:
        return hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]

    def ask_reauthentication(self, request) -> None:
        """Remember, for this very authorization request, when re-authentication was asked."""
        asked = dict(list(request.session.get(REAUTH_KEY, {}).items())[-4:])
        asked[self._request_key(request)] = time.time()
        request.session[REAUTH_KEY] = asked

    def reauthenticated(self, request, auth_time) -> bool:
        """True when the person signed in again after this request asked them to (the consent
        POST repeats the same request, so it stays satisfied; a new request asks again)."""
        asked_at = request.session.get(REAUTH_KEY, {}).get(self._request_key(request))
        return bool(asked_at) and auth_time.timestamp() >= float(asked_at) - 1

    @staticmethod
    def required_level(acr_values: str) -> str | None:
        levels = [Level.from_acr(value) for value in acr_values.split()[:10]]
        levels = [level for level in levels if level]
        return min(levels, key=Level.rank) if levels else None

    def to_sign_in(self, request):
        response = redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        cpf = only_digits(request.GET.get("login_hint", ""))
        if len(cpf) == 11:
            separator = "&" if "?" in response["Location"] else "?"
            response["Location"] += separator + urlencode({"cpf": cpf})
        return response

    def to_step_up(self, request, level: str):
        try:
            url = reverse("levels:raise")
        except NoReverseMatch:
            return self.error_page(
                _("Nível da conta insuficiente"),
                _(
                    "Este aplicativo exige uma conta de nível %(level)s. "
                    "Eleve o nível da sua conta e tente de novo."
                )
                % {"level": Level(level).label},
                status=403,
            )
        query = urlencode({"necessario": level, "next": request.get_full_path()})
        return HttpResponseRedirect(f"{url}?{query}")

    def consent_page(self, request, client, scopes):
        descriptions = oauth2_settings.SCOPES
        context = {
            "application": client,
            "scopes": [{"name": scope, "description": descriptions.get(scope, scope)} for scope in scopes],
            "action": request.get_full_path(),
        }
        return TemplateResponse(request, self.template_name, context)
