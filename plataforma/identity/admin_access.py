"""Who may enter the platform administration (/administracao/).

Django's admin has its own sign-in page, which would skip everything MT Login enforces (second
factor, brute-force protection, confirmed e-mail, sign-in sessions). It is replaced: the admin's
sign-in goes to MT Login's, and the admin only opens for active staff whose sign-in used a second
factor or a certificate when MTLOGIN_ADMIN_REQUIRE_MFA is on (always in production).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .auth_flow import current_sign_in, safe_next

STRONG_METHODS = {"mfa", "x509"}


def strong_sign_in(request: HttpRequest) -> bool:
    sign_in = current_sign_in(request)
    return sign_in is not None and bool(STRONG_METHODS & set(sign_in.amr))


def has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return not settings.MTLOGIN_ADMIN_REQUIRE_MFA or strong_sign_in(request)


def login(request: HttpRequest, extra_context=None) -> HttpResponseRedirect:
    """The admin's sign-in page: MT Login's, or the second-factor page for staff without one."""
    next_url = safe_next(request, request.GET.get("next", "")[:2000], default=reverse("admin:index"))
    user = request.user
    if user.is_authenticated and user.is_staff and settings.MTLOGIN_ADMIN_REQUIRE_MFA:
        messages.warning(
            request,
            _(
                "A administração da plataforma exige a verificação em duas etapas. Cadastre um "
                "aplicativo autenticador ou uma chave de segurança e entre de novo."
            ),
        )
        return HttpResponseRedirect(reverse("mfa:manage"))
    return HttpResponseRedirect(f"{reverse('identity:login')}?{urlencode({'next': next_url})}")


def install(site) -> None:
    site.has_permission = has_permission
    site.login = login
