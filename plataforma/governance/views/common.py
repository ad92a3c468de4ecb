"""What the governance views share: the gates for each role, turning PermissionDenied into the
"acesso restrito" page (403), and parsing of ids so malformed ones answer 404, never 500."""

from __future__ import annotations

import functools
import uuid

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import permissions

STAFF = "governance/staff/"
PUBLIC = "governance/public/"


def forbidden(request: HttpRequest, message: str = ""):
    return render(request, STAFF + "no_role.html", {"message": message}, status=403)


def _gate(check):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, str(exc))

        return wrapper

    return decorator


# Signed in with any governance role (Núcleo, an agency's gestor, MTI).
staff_required = _gate(permissions.has_any_role)
# Signed in as a Núcleo member.
nucleo_required = _gate(permissions.is_nucleo)
# Signed in as MTI staff.
mti_required = _gate(permissions.is_mti)
# Signed in as a Núcleo member or MTI staff (MTI's records the Núcleo decides).
nucleo_or_mti_required = _gate(lambda u: permissions.is_nucleo(u) or permissions.is_mti(u))
# Signed in as a Núcleo member or an agency's gestor (the plan and the exceptions).
nucleo_or_manager_required = _gate(
    lambda u: permissions.is_nucleo(u) or bool(permissions.managed_agency_ids(u))
)


def parse_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def parse_key(value: str, *, max_length: int = 80) -> str:
    """A public record's number, code or slug from the path: one with a NUL byte (which PostgreSQL
    refuses in any text) or longer than any stored key answers 404, never 500."""
    if "\x00" in value or len(value) > max_length:
        raise Http404
    return value


def staff_crumbs(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumb for a servant's page: Área do Servidor > Governança digital > pairs."""
    return [
        (reverse("servants:home"), _("Área do Servidor")),
        (reverse("governance:staff_home"), _("Governança digital")),
        *pairs,
    ]


def public_crumbs(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return [(reverse("governance:pub_home"), _("Governança digital")), *pairs]
