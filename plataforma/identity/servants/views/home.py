"""The Área do Servidor's home: the person's agencies, roles and the tools each role opens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from plataforma.identity.companies.selectors import validating_agency_ids

from .. import selectors
from .access import servant_required


@servant_required
@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "servants/home.html",
        {
            "memberships": selectors.memberships(user),
            "validates_ties": bool(validating_agency_ids(user)),
            "all_agencies": selectors.managed_agencies(user) if user.is_staff else None,
        },
    )
