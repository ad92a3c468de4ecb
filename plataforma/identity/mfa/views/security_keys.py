"""The person's security keys and passkeys: registration (page + JSON for webauthn.js), renaming
and removal."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import reauth, selectors, services
from ..errors import SecondFactorError
from ..forms import SecurityKeyNameForm
from ._common import json_error, keep_challenge, read_json, take_challenge
from .manage import _confirm, confirm_before_adding

REG_CHALLENGE_KEY = "mtlogin_mfa_webauthn_reg"


def _signed_in_json(request: HttpRequest) -> JsonResponse | None:
    if not request.user.is_authenticated:
        return json_error(_("Entre na sua conta para continuar."), 401, redirect=reverse("identity:login"))
    return _recent_json(request)


def _recent_json(request: HttpRequest) -> JsonResponse | None:
    """Adding a key needs a recent sign-in or password (mfa/reauth.py); webauthn.js follows the
    redirect to the page that asks for the password."""
    if reauth.recent(request):
        return None
    return json_error(
        _("Por segurança, confirme a sua senha antes de cadastrar uma chave."),
        403,
        redirect=reverse("mfa:webauthn_register"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """GET: the page where the person names the key. POST (JSON from webauthn.js): the browser's
    answer to navigator.credentials.create(). Without a recent sign-in, the page asks for the
    password first (a form POST), and the JSON answer is refused."""
    if not reauth.recent(request):
        if request.method == "POST" and request.content_type == "application/json":
            return _recent_json(request)
        return confirm_before_adding(
            request,
            explanation=_(
                "Para cadastrar uma chave de segurança ou passkey, confirme a sua senha. Pedimos a "
                "senha quando a sua entrada na conta foi há mais de alguns minutos."
            ),
            next_url="mfa:webauthn_register",
        )
    if request.method == "GET":
        return render(request, "mfa/webauthn_register.html", {"form": SecurityKeyNameForm()})
    data = read_json(request)
    credential = data.get("credential") if data else None
    if not isinstance(credential, dict):
        return json_error(_("Resposta inválida da chave de segurança."))
    taken = take_challenge(request, REG_CHALLENGE_KEY, user_id=str(request.user.pk))
    if taken is None:
        return json_error(_("O pedido expirou ou já foi usado. Comece de novo."))
    challenge_bytes, kept = taken
    try:
        key = services.webauthn_credential_register(
            user=request.user,
            name=kept["name"],
            credential=credential,
            challenge=challenge_bytes,
            request=request,
        )
    except SecondFactorError as exc:
        return json_error(exc.messages[0])
    messages.success(request, _("A chave “%(name)s” foi cadastrada.") % {"name": key.name})
    return JsonResponse({"redirect": reverse("mfa:manage")})


@require_POST
def register_options(request: HttpRequest) -> JsonResponse:
    """Options for navigator.credentials.create(); the key's name is checked first, so that a
    key is never created on the authenticator for a name the server would refuse."""
    refused = _signed_in_json(request)
    if refused:
        return refused
    data = read_json(request)
    form = SecurityKeyNameForm(data if data is not None else {})
    if not form.is_valid():
        return json_error(form.errors["name"][0], field="name")
    try:
        options, challenge_bytes = services.webauthn_registration_options(user=request.user)
    except SecondFactorError as exc:
        return json_error(exc.messages[0])
    keep_challenge(
        request,
        REG_CHALLENGE_KEY,
        challenge_bytes,
        user_id=str(request.user.pk),
        name=form.cleaned_data["name"],
    )
    return JsonResponse(options)


def _own_key(request: HttpRequest, pk: uuid.UUID):
    key = selectors.security_key_of(user=request.user, pk=pk)
    if key is None:
        raise Http404(_("Chave de segurança não encontrada."))
    return key


@login_required
@require_http_methods(["GET", "POST"])
def rename(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    key = _own_key(request, pk)
    form = SecurityKeyNameForm(request.POST if request.method == "POST" else None, initial={"name": key.name})
    if request.method == "POST":
        if form.is_valid():
            services.webauthn_credential_rename(user=request.user, key=key, name=form.cleaned_data["name"])
            messages.success(request, _("O nome da chave foi alterado."))
            return redirect("mfa:manage")
        return render(request, "mfa/webauthn_rename.html", {"form": form, "key": key}, status=400)
    return render(request, "mfa/webauthn_rename.html", {"form": form, "key": key})


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    key = _own_key(request, pk)

    def action():
        services.webauthn_credential_remove(user=request.user, key=key, request=request)
        messages.success(request, _("A chave “%(name)s” foi removida.") % {"name": key.name})
        return redirect("mfa:manage")

    return _confirm(
        request,
        title=_("Remover a chave “%(name)s”") % {"name": key.name},
        explanation=_(
            "Esta chave deixará de valer para entrar na conta. Se não houver outro fator cadastrado, "
            "a sua conta voltará a pedir só a senha e os códigos de recuperação também deixarão de valer."
        ),
        button=_("Remover a chave"),
        cancel_url="mfa:manage",
        action=action,
    )
