"""Sign-in with CPF and password (behind the brute-force protection) and sign-out."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from plataforma.common.documents import format_cpf, is_valid_cpf, only_digits

from .. import auth_flow, services
from ..forms import SignInForm
from .common import wait_text

UNVERIFIED_KEY = "mtlogin_unverified"
UNVERIFIED_MAX_AGE = 900  # seconds during which the "send the link again" button works


@method_decorator([sensitive_post_parameters("password"), csrf_protect, never_cache], name="dispatch")
class SignInView(View):
    """CPF + password, then `auth_flow.begin_sign_in` (which asks for a second factor when the
    account has one). Invalid input answers 400; a refused attempt (delay or lockout) 429."""

    template_name = "identity/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        next_url = request.GET.get("next", "")[:2000]
        initial = {"next": next_url}
        # OpenID Connect's login_hint arrives as ?cpf=: prefill it when it is a valid CPF.
        hint = only_digits(request.GET.get("cpf", "")[:14])
        if is_valid_cpf(hint):
            initial["username"] = format_cpf(hint)
        return self._render(request, SignInForm(initial=initial), next_url)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignInForm(request.POST)
        next_url = request.POST.get("next", "")[:2000]
        if not form.is_valid():
            return self._render(request, form, next_url, status=400)
        cpf, password = form.cleaned_data["username"], form.cleaned_data["password"]
        result = services.password_authenticate(cpf=cpf, password=password, request=request)
        if result.refused:
            form.add_error(None, self._refusal_message(result.verdict))
            return self._render(request, form, next_url, status=429)
        if result.user is None:
            message = _("CPF ou senha incorretos. Confira os dados e tente novamente.")
            if result.locked_now:
                message = _(
                    "Foram muitas tentativas com a senha errada. Por segurança, a entrada está bloqueada "
                    "por alguns minutos. Se esqueceu a senha, use “Esqueci minha senha”."
                )
            form.add_error(None, message)
            return self._render(request, form, next_url, status=400)
        user = result.user
        if not user.email_verified:
            request.session[UNVERIFIED_KEY] = {"user_id": str(user.pk), "at": timezone.now().timestamp()}
            return render(request, "identity/email_unverified.html", {"email": user.email}, status=403)
        return auth_flow.begin_sign_in(
            request, user, amr=["pwd"], next_url=auth_flow.safe_next(request, form.cleaned_data["next"])
        )

    def _refusal_message(self, verdict) -> str:
        wait = wait_text(verdict.wait_seconds)
        if verdict.reason == "delay":
            return _("Houve tentativas seguidas com a senha errada. Aguarde %(wait)s e tente de novo.") % {
                "wait": wait
            }
        return _(
            "Por segurança, a entrada com senha está bloqueada temporariamente depois de muitas tentativas "
            "erradas. Tente de novo daqui a %(wait)s ou redefina a sua senha."
        ) % {"wait": wait}

    def _render(
        self, request: HttpRequest, form: SignInForm, next_url: str, status: int = 200
    ) -> HttpResponse:
        context = {"form": form, "next": next_url}
        return render(request, self.template_name, context, status=status)


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    auth_flow.sign_out(request)
    return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
