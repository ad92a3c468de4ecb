"""What the councils' views share: the staff gate, audited reads of applicants' data, and small
parsing helpers that turn bad input into 400/404 instead of 500."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent

from ..selectors.staff import managed_agencies

STAFF = "councils/staff/"


def staff_required(view):
    """Signed in and gestor or ouvidor of at least one agency; sets request.managed_agencies."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.managed_agencies = managed_agencies(request.user)
        if not request.managed_agencies:
            return render(request, STAFF + "no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def audit_reads(request: HttpRequest, applications, action: str) -> None:
    """One ACCESS row per applicant whose data a servant sees (Lei 14.129 art. 40 §1)."""
    for application in applications:
        audit_record(
            actor=request.user,
            action=action,
            target=application,
            kind=AuditEvent.Kind.ACCESS,
            subject_user_id=application.person_id,
        )


def page_number(request: HttpRequest) -> int | None:
    """The ?pagina= number, 1 when absent, None when it is not a positive number (→ 400)."""
    raw = request.GET.get("pagina", "1")
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        return None
    return int(raw)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"errors": [message]}, status=400)
