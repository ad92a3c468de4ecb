"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) on DOT's view.

The id_token_hint is verified against every published key (keys.public_key_for_kid, through the
validator); post_logout_redirect_uri must be registered exactly for the client. Logging out ends
the person's MT Login sign-in session (auth_flow.sign_out), whose tokens are then revoked by the
sign_in_session_ended receiver; the tokens of the asking application are revoked as well.
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

    def do_logout(self, application=None, post_logout_redirect_uri=None, state=None, token_user=None):
        request = self.request
        user = request.user if request.user.is_authenticated else None
        if application is not None and token_user is not None:
            services.client_tokens_revoke(user=token_user, client=application)
        if user is not None:
            sign_out(request)
        if post_logout_redirect_uri:
            target = post_logout_redirect_uri
            if state:
                target = add_params_to_uri(target, [("state", state)])
            return OAuth2ResponseRedirect(target, application.get_allowed_schemes())
        return TemplateResponse(request, "oidc/logged_out.html", {"application": application})

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
