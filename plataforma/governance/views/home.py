"""The entry pages: /governanca/ (public) and /servidor/governanca/ (servants, by role)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from .common import PUBLIC, STAFF, public_crumbs, staff_crumbs, staff_required


def public_home(request: HttpRequest) -> HttpResponse:
    return render(request, PUBLIC + "home.html", {"crumbs": public_crumbs()})


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "crumbs": staff_crumbs(),
        "is_nucleo": permissions.is_nucleo(user),
        "is_mti": permissions.is_mti(user),
        "is_manager": bool(permissions.managed_agency_ids(user)),
    }
    return render(request, STAFF + "home.html", context)
