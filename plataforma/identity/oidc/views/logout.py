"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) on DOT's view.

The id_token_hint is verified against every published key (keys.public_key_for_kid, through the
validator); post_logout_redirect_uri must be registered exactly for the client.

Only the person the hint names, signed in in this browser, is signed out by it: their MT Login
sign-in session ends (auth_flow.sign_out; its tokens are revoked by the sign_in_session_ended
receiver) and the asking application's tokens for them are revoked. A hint is not a credential
(it may be old, expired, or another person's), so an anonymous browser or another signed-in
person changes nothing: they see the "nothing to end" page, or are sent to the registered
post_logout_redirect_uri (RP-Initiated Logout §3). Without a hint, a signed-in person is asked
first (§2) and signing out ends their own session. The session is found from the browser, never
from the hint's `sid` (which is per sector for pairwise clients).
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from oauth2_provider import views as dot
from oauth2_provider.exceptions import InvalidOIDCClientError, LogoutDenied
from oauth2_provider.http import OAuth2ResponseRedirect
from oauthlib.common import add_params_to_uri

from plataforma.identity.auth_flow import sign_out

from .. import services
from ..models import OIDCClient
from .common import oversized

ERROR_TEMPLATE = "oidc/error.html"


class LogoutView(dot.RPInitiatedLogoutView):
    template_name = "oidc/logout_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if oversized(request.GET, 8000) or oversized(request.POST, 8000):
            return self._error_page(_("O pedido de saída tem parâmetros longos demais."), 400)
        return super().dispatch(request, *args, **kwargs)

    def get_request_application(self, id_token, client_id):
        if client_id:
            try:
                client = OIDCClient.objects.filter(client_id=client_id[:255], enabled=True).first()
            except ValueError:  # e.g. a NUL byte on PostgreSQL
                client = None
            if client is None:
                raise InvalidOIDCClientError()
            return client
        if id_token:
            return id_token.application
        return None

    @staticmethod
    def _same_person(user, token_user) -> bool:
        return user is not None and token_user is not None and user.pk == token_user.pk

    def must_prompt(self, token_user):
        user = self.request.user if self.request.user.is_authenticated else None
        if user is not None and token_user is not None and not self._same_person(user, token_user):
            return False  # another person's hint: nothing of theirs is ended here, nothing to ask
        return super().must_prompt(token_user)

    def do_logout(self, application=None, post_logout_redirect_uri=None, state=None, token_user=None):
        request = self.request
        user = request.user if request.user.is_authenticated else None
        signed_out = False
        if token_user is not None:
            if self._same_person(user, token_user):
                if application is not None:
                    services.client_tokens_revoke(user=user, client=application)
                sign_out(request)
                signed_out = True
        elif user is not None:  # no hint: the person confirmed on the logout page
            sign_out(request)
            signed_out = True
        if post_logout_redirect_uri:
            target = post_logout_redirect_uri
            if state:
                target = add_params_to_uri(target, [("state", state)])
            return OAuth2ResponseRedirect(target, application.get_allowed_schemes())
        context = {
            "application": application,
            "signed_out": signed_out,
            "still_signed_in": user and not signed_out,
        }
        return TemplateResponse(request, "oidc/logged_out.html", context)

    def _error_page(self, message: str, status: int):
        context = {"title": _("Não foi possível sair pelo aplicativo"), "message": message}
        return TemplateResponse(self.request, ERROR_TEMPLATE, context, status=status)

    def error_response(self, error):
        if isinstance(error, LogoutDenied):  # "Continuar conectado"
            return TemplateResponse(self.request, "oidc/logout_denied.html", {})
        return self._error_page(
            _(
                "O pedido de saída enviado pelo aplicativo não é válido (%(error)s). Para sair da "
                "sua conta MT Login, use a opção Sair no portal."
            )
            % {"error": getattr(error, "error", "invalid_request")},
            max(400, getattr(error, "status_code", 400) or 400),
        )
