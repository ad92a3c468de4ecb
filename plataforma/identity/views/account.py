"""'Minha conta': the person's data, and the security page (sessions, log, applications)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.common.ratelimit import hit

from .. import auth_flow, selectors, services
from ..forms import ProfileForm
from ..mfa import config as mfa_config
from ..models import SignInSession
from ..validators import format_mobile_phone
from .common import too_many

EVENTS_PER_PAGE = 20


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"account": user, "phone": format_mobile_phone(user.phone_number) if user.phone_number else ""}
    return render(request, "identity/account.html", context)


@login_required
@sensitive_post_parameters("current_password")
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    """A new e-mail needs the current password on the same form; each password typed counts
    against the account's re-authentication budget (the one of the second-factor pages)."""
    user = request.user
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(user), user=user)
    if request.method == "POST":
        if request.POST.get("current_password") and not hit(mfa_config.reauth_limit(), str(user.pk)):
            return too_many(request, _("Muitas tentativas de senha. Aguarde alguns minutos e tente de novo."))
        if not form.is_valid():
            return render(request, "identity/profile_edit.html", {"form": form}, status=400)
        changed = services.profile_update(user=user, request=request, **form.cleaned_data)
        user.refresh_from_db()
        if user.pending_email and "pending_email" in changed:
            messages.info(
                request,
                _("Enviamos um link para %(email)s. O novo e-mail passa a valer quando você abrir o link.")
                % {"email": user.pending_email},
            )
        messages.success(request, _("Dados atualizados.") if changed else _("Nada foi alterado."))
        return HttpResponseRedirect(reverse("identity:account"))
    return render(request, "identity/profile_edit.html", {"form": form})


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise Http404
    return int(raw)


@login_required
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    user = request.user
    paginator = Paginator(selectors.security_events(user=user), EVENTS_PER_PAGE)
    number = _page_number(request)
    if number > paginator.num_pages:
        raise Http404
    current = auth_flow.current_sign_in(request)
    context = {
        "sessions": selectors.active_sign_in_sessions(user=user),
        "current_id": current.pk if current else None,
        "page": paginator.page(number),
        "applications": selectors.connected_applications(user=user),
    }
    return render(request, "identity/security.html", context)


@login_required
@require_POST
def session_end(request: HttpRequest, pk) -> HttpResponse:
    """End one of your own sign-in sessions; another person's is a 404, like an unknown one."""
    sign_in = get_object_or_404(SignInSession, pk=pk, user=request.user, ended_at__isnull=True)
    current = auth_flow.current_sign_in(request)
    if current is not None and current.pk == sign_in.pk:
        auth_flow.sign_out(request)
        return HttpResponseRedirect(reverse("identity:login"))
    services.sign_in_session_end(user=request.user, sign_in=sign_in, request=request)
    messages.success(request, _("Sessão encerrada."))
    return HttpResponseRedirect(reverse("identity:security"))


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = services.sign_in_sessions_end_others(
        user=request.user, keep=auth_flow.current_sign_in(request), request=request
    )
    messages.success(request, _("Outras sessões encerradas: %(n)d.") % {"n": ended})
    return HttpResponseRedirect(reverse("identity:security"))


@login_required
@require_POST
def application_revoke(request: HttpRequest, client_pk: str) -> HttpResponse:
    """Remove an application's access (the OIDC part revokes its tokens and the consent)."""
    try:
        from plataforma.identity.oidc.services import client_access_revoke
    except ImportError as exc:
        raise Http404 from exc
    applications = selectors.connected_applications(user=request.user) or []
    grant = next((a for a in applications if str(a.client.pk) == client_pk[:64]), None)
    if grant is None:
        raise Http404
    client_access_revoke(user=request.user, client=grant.client)
    messages.success(request, _("O acesso de %(app)s foi removido.") % {"app": grant.client.name})
    return HttpResponseRedirect(reverse("identity:security"))
