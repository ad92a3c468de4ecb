"""A request as the agency works it: who asked, the answers, the whole timeline (internal notes
included), the deadline, and what the servant may do now. Reading it is audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ... import selectors as request_selectors
from ...services import available_actions, workflow_of
from ...workflow import ROLE_LABELS
from .. import selectors
from ..answers import request_answers, requester_details
from ..forms import NoteForm
from .common import signed_in


def detail_context(request: HttpRequest, found, roles: set[str]) -> dict:
    work = selectors.work_roles(user=request.user, request=found)
    workflow = workflow_of(found)
    events = request_selectors.timeline(request=found, for_requester=False)
    for event in events:
        event.role_label = ROLE_LABELS.get(event.actor_role, "")
    attachments = list(found.attachments.select_related("document").order_by("created_at"))
    now = timezone.now()
    return {
        "req": found,
        "state": workflow.state(found.state),
        "requester": requester_details(found),
        "answers": request_answers(request=found, attachments=attachments),
        "events": events,
        "deadline_state": selectors.deadline_state(found, now, selectors.soon_limit(now)),
        "actions": available_actions(request=found, roles=work),
        "work_roles": work,
        "own_request": bool(roles) and not work,
        "is_manager": "gestor" in work,
        "note_form": NoteForm(),
    }


@signed_in
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, protocol: str) -> HttpResponse:
    found, roles = request_selectors.request_for_servant(user=request.user, protocol=protocol)
    if found is None:
        raise Http404
    return render(request, "service_requests/inbox/detail.html", detail_context(request, found, roles))
