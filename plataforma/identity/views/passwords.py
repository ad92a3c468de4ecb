"""Password reset by e-mail (asked by CPF) and password change when signed in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import auth_flow, services
from ..forms import CPFRequestForm, PasswordChangeForm, SetPasswordForm
from ..models import User
from .common import over_limit, too_many


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link by CPF. The same answer whether or not the CPF has an account;
    rate-limited per client address and per CPF."""
    form = CPFRequestForm(request.POST or None)
    if request.method == "GET":
        return render(request, "identity/password_reset.html", {"form": form})
    if over_limit(request, "identity.password_reset.ip", "MTLOGIN_RESET_LIMIT_PER_IP"):
        return too_many(request)
    if not form.is_valid():
        return render(request, "identity/password_reset.html", {"form": form}, status=400)
    cpf = form.cleaned_data["cpf"]
    if over_limit(request, "identity.password_reset.account", "MTLOGIN_RESET_LIMIT_PER_ACCOUNT", cpf):
        return too_many(
            request, _("Já enviamos vários links para esta conta. Aguarde um pouco e confira o e-mail.")
        )
    user = User.objects.filter(cpf=cpf, is_active=True).first()
    if user is not None:
        services.password_reset_send(user=user)
    return HttpResponseRedirect(reverse("identity:password_reset_sent"))


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/password_reset_sent.html")


class _ResetSetPasswordForm(SetPasswordForm):
    """Django's PasswordResetConfirmView passes the user as the first argument."""

    def save(self, commit: bool = True):  # not used: the service writes
        return self.user


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view checks the link (PasswordResetTokenGenerator: single use, bound to the current
    password and last sign-in, expiring) and moves the token out of the address bar into the
    session; our service sets the password, ends every sign-in session and writes the log."""

    template_name = "identity/password_reset_confirm.html"
    form_class = _ResetSetPasswordForm
    success_url = reverse_lazy("identity:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form):
        services.password_reset_complete(
            user=self.user, password=form.cleaned_data["password1"], request=self.request
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400
        return response


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/password_reset_complete.html")


@never_cache
@login_required
@sensitive_post_parameters("current_password", "password1", "password2")
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change the password (the current one is required); the other sign-in sessions end."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        # A stolen session must not become a way to guess the current password.
        if over_limit(
            request, "identity.password_change", "MTLOGIN_PASSWORD_CHANGE_LIMIT", str(request.user.pk)
        ):
            return too_many(request)
        if not form.is_valid():
            return render(request, "identity/password_change.html", {"form": form}, status=400)
        ended = services.password_change(
            user=request.user,
            password=form.cleaned_data["password1"],
            request=request,
            keep=auth_flow.current_sign_in(request),
        )
        update_session_auth_hash(request, request.user)
        message = _("Senha alterada.")
        if ended:
            message += " " + _("As outras sessões abertas foram encerradas.")
        messages.success(request, message)
        return HttpResponseRedirect(reverse("identity:security"))
    return render(request, "identity/password_change.html", {"form": form})
