"""The dashboard: an agency's services, overdue reviews and latest comments."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from plataforma.catalog.permissions import check_can_edit_agency

from .. import selectors
from .access import editor_required


@editor_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = list(selectors.editor_agencies(agency_ids=request.editor_agency_ids))
    slug = request.GET.get("orgao", "")
    agency = next((a for a in agencies if a.slug == slug), None) if slug else agencies[0]
    if agency is None:
        raise Http404
    check_can_edit_agency(request.user, agency.pk)
    overdue_only = request.GET.get("atrasados") == "1"
    page = Paginator(selectors.agency_services(agency=agency, overdue_only=overdue_only), 50).get_page(
        request.GET.get("pagina")
    )
    overdue = selectors.overdue_counts(agency_ids=request.editor_agency_ids)
    return render(
        request,
        "catalog/editor/dashboard.html",
        {
            "agencies": [(a, overdue.get(a.pk, 0)) for a in agencies],
            "agency": agency,
            "page": page,
            "overdue_only": overdue_only,
            "overdue_count": overdue.get(agency.pk, 0),
            "comments": selectors.latest_comments(agency=agency),
        },
    )
