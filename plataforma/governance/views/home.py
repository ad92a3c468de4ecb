"""The entry pages: /governanca/ (public) and /servidor/governanca/ (servants, by role)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from plataforma.catalog.models import Agency

from .. import permissions
from ..selectors import monitoring as selectors
from .common import PUBLIC, STAFF, public_crumbs, staff_crumbs, staff_required
from .monitoring import public_cache


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    """What the Núcleo and MTI do, the latest approved plan in two numbers, and the way to every
    public record (plan, exceptions, MTI's catalogue, justifications, guides, open data)."""
    cycle = selectors.latest_approved_cycle()
    under_way = selectors.open_cycle()
    context = {
        "crumbs": public_crumbs(),
        "overview": selectors.plan_overview(cycle) if cycle else None,
        "under_way": selectors.nomination_progress(under_way) if under_way else None,
    }
    return public_cache(render(request, PUBLIC + "home.html", context), request)


@staff_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_nucleo = permissions.is_nucleo(user)
    managed = permissions.managed_agency_ids(user)
    context = {
        "crumbs": staff_crumbs(),
        "is_nucleo": is_nucleo,
        "is_mti": permissions.is_mti(user),
        "is_manager": bool(managed),
        "managed_agencies": list(Agency.objects.filter(pk__in=managed).order_by("acronym")),
        "pending": selectors.pending_decisions() if is_nucleo else None,
    }
    return render(request, STAFF + "home.html", context)
