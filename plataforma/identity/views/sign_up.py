"""Sign-up and e-mail confirmation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import CPFRequestForm, SignUpForm
from ..models import User
from .common import over_limit, too_many
from .sign_in import UNVERIFIED_KEY, UNVERIFIED_MAX_AGE


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Create an account (bronze, e-mail to confirm). Rate-limited per client address. A CPF that
    already has an account gets the same answer; see services.account_sign_up."""
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("identity:account"))
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "identity.sign_up.ip", "MTLOGIN_SIGN_UP_LIMIT_PER_IP"):
            return too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            # The same answer whether or not the CPF already has an account (its owner is
            # e-mailed instead): the page must not tell who has an account (review L3).
            services.account_sign_up(
                cpf=data["cpf"],
                full_name=data["full_name"],
                social_name=data["social_name"],
                email=data["email"],
                phone_number=data["phone_number"],
                password=data["password1"],
                request=request,
            )
            return HttpResponseRedirect(reverse("identity:sign_up_done"))
        return render(request, "identity/sign_up.html", {"form": form}, status=400)
    return render(request, "identity/sign_up.html", {"form": form})


def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/sign_up_done.html")


@never_cache
@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links do not confirm anything."""
    user = services.email_confirmation_user(token=token)
    if user is None:
        return render(request, "identity/email_confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.email_confirm(user=user, request=request)
        return render(request, "identity/email_confirmed.html")
    target = user.pending_email or user.email
    return render(request, "identity/email_confirm.html", {"email": target, "token": token})


def _unverified_user(request: HttpRequest) -> User | None:
    """The account that just typed its right password but has no confirmed e-mail."""
    data = request.session.get(UNVERIFIED_KEY)
    if not data or timezone.now().timestamp() - data.get("at", 0) > UNVERIFIED_MAX_AGE:
        return None
    return User.objects.filter(pk=data["user_id"], is_active=True).first()


@never_cache
@require_http_methods(["GET", "POST"])
def email_resend(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again: for the account that just tried to sign in, or for a CPF
    typed here. The answer is the same whether the CPF has an account or not."""
    signed_in = request.user if request.user.is_authenticated else None
    known = signed_in or _unverified_user(request)
    form = CPFRequestForm(request.POST or None)
    if request.method == "GET":
        return render(request, "identity/email_resend.html", {"form": form, "known": known})
    if over_limit(request, "identity.email_resend.ip", "MTLOGIN_RESEND_LIMIT_PER_IP"):
        return too_many(request)
    if known is None:
        if not form.is_valid():
            return render(request, "identity/email_resend.html", {"form": form}, status=400)
        subject = form.cleaned_data["cpf"]
        user = User.objects.filter(cpf=subject, is_active=True).first()
    else:
        user, subject = known, known.cpf
    if over_limit(request, "identity.email_resend.account", "MTLOGIN_RESEND_LIMIT_PER_ACCOUNT", subject):
        return too_many(
            request, _("Já enviamos vários links para esta conta. Aguarde um pouco e confira o e-mail.")
        )
    if user is not None:
        services.email_confirmation_send(user=user)
    return render(request, "identity/email_resent.html", {"known": known is not None})
