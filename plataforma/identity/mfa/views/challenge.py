"""The second step of sign-in: a code from the authenticator app, a recovery code or a security
key, after the password (auth_flow leaves a pending sign-in in the session)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.common import ratelimit
from plataforma.identity import auth_flow
from plataforma.identity.models import SecurityEvent, User

from .. import config, lockout, selectors, services
from ..errors import SecondFactorError
from ..forms import RecoveryCodeForm, TOTPCodeForm
from ._common import TOO_MANY, json_error, keep_challenge, read_json, take_challenge, too_many

FAILURES_KEY = "mtlogin_mfa_failures"
AUTH_CHALLENGE_KEY = "mtlogin_mfa_webauthn_auth"
WRONG_CODE = _("Código incorreto ou já usado. Confira e tente de novo.")


def _failures(request: HttpRequest, pending: auth_flow.Pending) -> int:
    data = request.session.get(FAILURES_KEY) or {}
    if data.get("user_id") == pending.user_id and data.get("started_at") == pending.started_at:
        return int(data.get("count", 0))
    return 0


def _count_failure(request: HttpRequest, user: User, pending: auth_flow.Pending, method: str) -> bool:
    """Count one wrong answer. After the last allowed one the pending sign-in ends and the person
    starts again from the password (True is returned); so does a wrong answer that reaches the
    account's daily cap (mfa/lockout.py), after which the caller answers with `_locked`."""
    count = _failures(request, pending) + 1
    auth_flow.record_event(
        user, SecurityEvent.Kind.SIGN_IN_FAILED, request, step="second_factor", method=method, attempt=count
    )
    if lockout.record_wrong_answer(user=user, request=request):
        _end_pending(request)
        return True
    ended = count >= config.max_wrong_codes()
    if ended:
        _end_pending(request)
        messages.error(
            request,
            _(
                "Foram muitas tentativas erradas na segunda etapa. "
                "Por segurança, entre de novo com o CPF e a senha."
            ),
        )
    else:
        request.session[FAILURES_KEY] = {
            "user_id": pending.user_id,
            "started_at": pending.started_at,
            "count": count,
        }
    return ended


def _end_pending(request: HttpRequest) -> None:
    auth_flow.clear_pending(request)
    request.session.pop(FAILURES_KEY, None)
    request.session.pop(AUTH_CHALLENGE_KEY, None)


def _locked_message(lock: lockout.Lock) -> str:
    until = timezone.localtime(lock.until_datetime)
    return str(
        _(
            "Foram muitos códigos errados na verificação em duas etapas desta conta. Por segurança, "
            "a segunda etapa da entrada está bloqueada até %(date)s, às %(time)s. Avisamos a pessoa "
            "titular da conta por e-mail."
        )
    ) % {"date": date_format(until, "d/m/Y"), "time": date_format(until, "H:i")}


def _locked(request: HttpRequest, lock: lockout.Lock) -> HttpResponse:
    """The 429 page of an account whose second step is locked; the pending sign-in ends."""
    _end_pending(request)
    response = render(request, "mfa/too_many.html", {"message": _locked_message(lock)}, status=429)
    response["Retry-After"] = str(lock.wait_seconds)
    return response


def _locked_json(request: HttpRequest, lock: lockout.Lock) -> JsonResponse:
    _end_pending(request)
    response = json_error(_locked_message(lock), 429, redirect=reverse("identity:login"))
    response["Retry-After"] = str(lock.wait_seconds)
    return response


def _restart(request: HttpRequest) -> HttpResponse:
    return redirect("identity:login")


def _page(request, user, factors, *, totp_form=None, recovery_form=None, error=None, status=200):
    pending = auth_flow.get_pending(request)
    failures = _failures(request, pending[1]) if pending else 0
    return render(
        request,
        "mfa/challenge.html",
        {
            "factors": factors,
            "totp_form": totp_form or TOTPCodeForm(prefix="totp"),
            "recovery_form": recovery_form or RecoveryCodeForm(prefix="recuperacao"),
            "open_recovery": recovery_form is not None,
            "failures": failures,
            "attempts_left": config.max_wrong_codes() - failures,
            "error": error,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def challenge(request: HttpRequest) -> HttpResponse:
    pending = auth_flow.get_pending(request)
    if pending is None:
        messages.info(request, _("Para continuar, entre com o seu CPF e a sua senha."))
        return _restart(request)
    user, state = pending
    lock = lockout.locked(user=user)
    if lock is not None:
        return _locked(request, lock)
    factors = selectors.factors_of(user=user)
    if not factors.any:
        auth_flow.clear_pending(request)
        return _restart(request)
    if request.method == "GET":
        return _page(request, user, factors)

    if not ratelimit.hit(config.account_limit(), str(user.pk)):
        return too_many(request)
    method = request.POST.get("metodo", "")
    if method == "totp" and factors.totp is not None:
        form = TOTPCodeForm(request.POST, prefix="totp")
        if not form.is_valid():
            return _page(request, user, factors, totp_form=form, status=400)
        if services.totp_verify(user=user, code=form.cleaned_data["code"]):
            return _finish(request, user, state, ["otp", "mfa"])
        if _count_failure(request, user, state, "otp"):
            return _after_last_failure(request, user)
        form.add_error("code", WRONG_CODE)
        return _page(request, user, factors, totp_form=form, status=400)
    if method == "recuperacao" and factors.recovery_remaining:
        form = RecoveryCodeForm(request.POST, prefix="recuperacao")
        if not form.is_valid():
            return _page(request, user, factors, recovery_form=form, status=400)
        remaining = services.recovery_code_use(user=user, code=form.cleaned_data["code"], request=request)
        if remaining is not None:
            messages.warning(request, _recovery_notice(remaining))
            return _finish(request, user, state, ["otp", "mfa"])
        if _count_failure(request, user, state, "recovery_code"):
            return _after_last_failure(request, user)
        form.add_error("code", _("Código de recuperação incorreto ou já usado."))
        return _page(request, user, factors, recovery_form=form, status=400)
    return _page(request, user, factors, error=_("Escolha uma das formas de confirmação abaixo."), status=400)


def _after_last_failure(request: HttpRequest, user: User) -> HttpResponse:
    lock = lockout.locked(user=user)
    return _locked(request, lock) if lock is not None else _restart(request)


def _recovery_notice(remaining: int) -> str:
    if remaining == 0:
        return str(_("Você usou o seu último código de recuperação. Gere novos códigos agora."))
    return ngettext(
        "Você usou um código de recuperação. Resta %(n)d código; gere novos se estiver acabando.",
        "Você usou um código de recuperação. Restam %(n)d códigos; gere novos se estiverem acabando.",
        remaining,
    ) % {"n": remaining}


def _finish(request: HttpRequest, user: User, state: auth_flow.Pending, methods: list[str]) -> HttpResponse:
    request.session.pop(FAILURES_KEY, None)
    request.session.pop(AUTH_CHALLENGE_KEY, None)
    amr = [*state.amr, *(m for m in methods if m not in state.amr)]
    return auth_flow.complete_sign_in(request, user, amr=amr, next_url=state.next_url)


@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    _end_pending(request)
    messages.info(request, _("A entrada foi cancelada."))
    return _restart(request)


# --- security key (JSON, called by static/mfa/webauthn.js) -----------------------------------


def _pending_for_key(request: HttpRequest):
    """(user, pending state, None) while a key may answer the second step; else (None, None, the
    JSON refusal): the sign-in expired, or the account is locked for wrong answers."""
    pending = auth_flow.get_pending(request)
    if pending is None:
        return (
            None,
            None,
            json_error(_("A entrada expirou. Entre de novo."), 403, redirect=reverse("identity:login")),
        )
    user, state = pending
    lock = lockout.locked(user=user)
    if lock is not None:
        return None, None, _locked_json(request, lock)
    return user, state, None


@require_POST
def webauthn_options(request: HttpRequest) -> JsonResponse:
    user, state, refusal = _pending_for_key(request)
    if refusal is not None:
        return refusal
    try:
        options, challenge_bytes = services.webauthn_authentication_options(user=user)
    except SecondFactorError as exc:
        return json_error(exc.messages[0])
    keep_challenge(request, AUTH_CHALLENGE_KEY, challenge_bytes, user_id=state.user_id)
    return JsonResponse(options)


@require_POST
def webauthn_verify(request: HttpRequest) -> JsonResponse:
    user, state, refusal = _pending_for_key(request)
    if refusal is not None:
        return refusal
    if not ratelimit.hit(config.account_limit(), str(user.pk)):
        return json_error(TOO_MANY, 429)
    data = read_json(request)
    credential = data.get("credential") if data else None
    if not isinstance(credential, dict):
        return json_error(_("Resposta inválida da chave de segurança."))
    taken = take_challenge(request, AUTH_CHALLENGE_KEY, user_id=state.user_id)
    if taken is None:
        return json_error(_("O pedido expirou ou já foi usado. Tente de novo."))
    try:
        services.webauthn_authenticate(user=user, credential=credential, challenge=taken[0], request=request)
    except SecondFactorError as exc:
        if _count_failure(request, user, state, "hwk"):
            lock = lockout.locked(user=user)
            if lock is not None:
                return _locked_json(request, lock)
            return json_error(exc.messages[0], redirect=reverse("identity:login"))
        return json_error(exc.messages[0])
    response = _finish(request, user, state, ["hwk", "mfa"])
    answer = JsonResponse({"redirect": response["Location"]})
    answer.cookies = response.cookies  # the device cookie set by complete_sign_in
    return answer
