"""The inbox list: the agency's requests, filtered and ordered for work."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from plataforma.common.authcodes import mask_name

from .. import selectors
from ..forms import InboxFilterForm
from .common import signed_in


def _decorate(rows, now) -> None:
    """What each row shows beyond its columns: the step's label, the deadline's state and the
    requester's masked name (the list never shows a full name; the audited page does)."""
    soon = selectors.soon_limit(now)
    specs: dict = {}
    from ...services.transitions import workflow_of

    for row in rows:
        spec = specs.get(row.workflow_id)
        if spec is None:
            spec = specs[row.workflow_id] = workflow_of(row)
        try:
            row.step_label = spec.state(row.state).label
        except KeyError:
            row.step_label = row.get_status_display()
        row.deadline_state = selectors.deadline_state(row, now, soon)
        row.masked_requester = mask_name(row.requester.display_name)


@signed_in
@require_http_methods(["GET", "HEAD"])
def inbox_list(request: HttpRequest) -> HttpResponse:
    desks = selectors.inbox_desks(request.user)
    if not desks:
        return render(request, "service_requests/inbox/no_desk.html", status=403)
    slug = request.GET.get("orgao", "")
    desk = next((d for d in desks if d.agency.slug == slug), None) if slug else desks[0]
    if desk is None:
        raise Http404
    agency_id = desk.agency.pk
    form = InboxFilterForm(
        request.GET,
        services=list(selectors.services_with_requests(agency_id=agency_id)),
        people=list(selectors.colleagues(agency_id=agency_id)),
        states=selectors.workflow_states(agency_id=agency_id),
    )
    context = {"desks": desks, "desk": desk, "form": form, "page": None}
    if not form.is_valid():
        return render(request, "service_requests/inbox/list.html", context, status=400)
    now = timezone.now()
    filters = form.filters()
    requests = selectors.inbox_requests(agency_id=agency_id, user=request.user, filters=filters, now=now)
    paginator = selectors.BoundedPaginator(
        requests,
        selectors.PER_PAGE,
        limit=selectors.COUNT_LIMIT,
        ordered_count=filters.deadline == "vencidos",
    )
    page = paginator.get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    _decorate(page.object_list, now)
    context.update({"page": page, "count_limit": selectors.COUNT_LIMIT})
    return render(request, "service_requests/inbox/list.html", context)
