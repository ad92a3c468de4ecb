"""The person's own second factors: overview, authenticator app set-up and removal, recovery
codes (shown once, downloadable right after generation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common import ratelimit

from .. import config, reauth, selectors, services
from ..errors import SecondFactorError
from ..forms import PasswordConfirmForm, TOTPCodeForm
from ._common import too_many

NEW_CODES_KEY = "mtlogin_mfa_new_codes"


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "mfa/manage.html", {"factors": selectors.factors_of(user=request.user)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    if not reauth.recent(request):
        return confirm_before_adding(
            request,
            explanation=_(
                "Para cadastrar um aplicativo autenticador, confirme a sua senha. Pedimos a senha "
                "quando a sua entrada na conta foi há mais de alguns minutos."
            ),
            next_url="mfa:totp_setup",
        )
    try:
        _device, secret = services.totp_setup_begin(user=request.user)
    except SecondFactorError as exc:
        messages.info(request, exc.messages[0])
        return redirect("mfa:manage")
    form = TOTPCodeForm(request.POST if request.method == "POST" else None, prefix="totp")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                codes = services.totp_confirm(
                    user=request.user, code=form.cleaned_data["code"], request=request
                )
            except SecondFactorError as exc:
                form.add_error("code", exc.messages[0])
            else:
                _keep_new_codes(request, codes)
                messages.success(request, _("Pronto! O aplicativo autenticador foi cadastrado."))
                return redirect("mfa:recovery_codes")
        status = 400
    provisioning = selectors.totp_provisioning(user=request.user, secret=secret)
    return render(request, "mfa/totp_setup.html", {"form": form, "provisioning": provisioning}, status=status)


def _keep_new_codes(request: HttpRequest, codes: list[str]) -> None:
    """The new codes stay in this browser's session for a few minutes, to be shown and
    downloaded; they are never stored anywhere else in the clear."""
    request.session[NEW_CODES_KEY] = {
        "codes": codes,
        "user_id": str(request.user.pk),
        "at": timezone.now().timestamp(),
    }


def _new_codes(request: HttpRequest) -> list[str] | None:
    data = request.session.get(NEW_CODES_KEY)
    if not isinstance(data, dict) or data.get("user_id") != str(request.user.pk):
        return None
    if timezone.now().timestamp() - data.get("at", 0) > config.NEW_CODES_MAX_AGE:
        request.session.pop(NEW_CODES_KEY, None)
        return None
    return list(data.get("codes") or [])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = _new_codes(request)
    if request.method == "POST" or codes is None:
        request.session.pop(NEW_CODES_KEY, None)
        if codes is None:
            messages.info(
                request,
                _(
                    "Os códigos de recuperação só são mostrados logo depois de gerados. "
                    "Gere novos se precisar."
                ),
            )
        return redirect("mfa:manage")
    return render(request, "mfa/recovery_codes.html", {"codes": codes})


@never_cache
@login_required
@require_GET
def recovery_codes_download(request: HttpRequest) -> HttpResponse:
    codes = _new_codes(request)
    if codes is None:
        messages.info(request, _("O arquivo com os códigos só pode ser baixado logo depois de gerá-los."))
        return redirect("mfa:manage")
    body = render_to_string(
        "mfa/recovery_codes.txt", {"codes": codes, "user": request.user, "now": timezone.localtime()}
    )
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="codigos-de-recuperacao-mt-login.txt"'
    return response


def _confirm(request: HttpRequest, *, title, explanation, button, cancel_url: str, action):
    """A confirmation page that asks for the password again; `action()` runs when it is right
    (and the re-entry counts as a recent authentication, mfa/reauth.py)."""
    form = PasswordConfirmForm(request.POST if request.method == "POST" else None, user=request.user)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit(config.reauth_limit(), str(request.user.pk)):
            return too_many(request)
        if form.is_valid():
            reauth.mark(request)
            return action()
        status = 400
    context = {"title": title, "explanation": explanation, "button": button, "cancel_url": cancel_url}
    return render(request, "mfa/confirm.html", {"form": form, **context}, status=status)


def confirm_before_adding(request: HttpRequest, *, explanation, next_url: str) -> HttpResponse:
    """Adding a factor without a recent sign-in: the password first, then back to `next_url`."""
    return _confirm(
        request,
        title=_("Confirme a sua senha"),
        explanation=explanation,
        button=_("Confirmar e continuar"),
        cancel_url="mfa:manage",
        action=lambda: redirect(next_url),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recovery_regenerate(request: HttpRequest) -> HttpResponse:
    if not selectors.has_second_factor(user=request.user):
        messages.info(request, _("Cadastre um segundo fator antes de gerar códigos de recuperação."))
        return redirect("mfa:manage")

    def action():
        codes = services.recovery_codes_generate(user=request.user, request=request)
        _keep_new_codes(request, codes)
        messages.success(request, _("Novos códigos gerados. Os códigos anteriores não valem mais."))
        return redirect("mfa:recovery_codes")

    return _confirm(
        request,
        title=_("Gerar novos códigos de recuperação"),
        explanation=_("Os códigos atuais deixarão de valer, inclusive os que você ainda não usou."),
        button=_("Gerar novos códigos"),
        cancel_url="mfa:manage",
        action=action,
    )


@login_required
@require_http_methods(["GET", "POST"])
def totp_remove(request: HttpRequest) -> HttpResponse:
    if selectors.factors_of(user=request.user).totp is None:
        messages.info(request, _("Não há aplicativo autenticador cadastrado."))
        return redirect("mfa:manage")

    def action():
        services.totp_remove(user=request.user, request=request)
        messages.success(request, _("O aplicativo autenticador foi removido da sua conta."))
        return redirect("mfa:manage")

    return _confirm(
        request,
        title=_("Remover o aplicativo autenticador"),
        explanation=_(
            "Os códigos do aplicativo deixarão de valer para entrar na conta. Se não houver outro "
            "fator cadastrado, a sua conta voltará a pedir só a senha e os códigos de recuperação "
            "também deixarão de valer."
        ),
        button=_("Remover o aplicativo"),
        cancel_url="mfa:manage",
        action=action,
    )
