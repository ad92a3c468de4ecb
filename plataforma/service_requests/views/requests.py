"""'Minhas solicitações' and the page of one request (Lei 14.129 art. 21 IV: follow the request
step by step)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import RequestEvent, ServiceRequest
from ..receipt import answers_of
from ..services import available_actions, workflow_of
from ..workflow import ROLE_LABELS, Status
from .common import acting_company, bad_request, requester_request_or_404

PER_PAGE = 20
REQUESTER_ROLES = {"solicitante"}


class FilterForm(forms.Form):
    situacao = forms.ChoiceField(
        label=gettext_lazy("Situação"),
        required=False,
        choices=[("", gettext_lazy("Todas")), *Status.choices],
    )


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise Http404
    return int(raw)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The person's requests — or, while acting for a company, the company's — newest first."""
    company = acting_company(request)
    filters = FilterForm(request.GET)
    if not filters.is_valid():
        return bad_request(request, [_("Escolha uma situação da lista.")])
    rows = selectors.requests_of_requester(user=request.user, acting_company=company).only(
        "protocol",
        "status",
        "state",
        "submitted_at",
        "due_at",
        "answer_due_at",
        "service__name",
        "service__slug",
        "agency__acronym",
        "agency__name",
    )
    status = filters.cleaned_data["situacao"]
    if status:
        rows = rows.filter(status=status)
    paginator = Paginator(rows, PER_PAGE)
    number = _page_number(request)
    if number > max(paginator.num_pages, 1):
        raise Http404
    context = {"page": paginator.page(number), "filters": filters, "status": status, "company": company}
    return render(request, "service_requests/citizen/mine.html", context)


def who_label(event: RequestEvent, *, user, agency) -> str:
    """Who took a step, as the requester reads it: servants by role and agency, never by name."""
    if event.actor_role == "solicitante":
        return _("Você") if event.actor_id == user.pk else _("Solicitante")
    if event.actor_role == "sistema":
        return _("Portal de Serviços (automático)")
    role = ROLE_LABELS.get(event.actor_role, event.actor_role)
    return f"{role} — {agency.acronym or agency.name}"


def optional_charge(service_request: ServiceRequest):
    """The request's PIX charge, when the payments app is installed and the request has one."""
    if not apps.is_installed("plataforma.service_requests.payments"):
        return None
    from ..payments.selectors import charge_for_request

    return charge_for_request(service_request)


def optional_rating_steps(service_request: ServiceRequest) -> list:
    """What the requester may still rate, when the monitoring app is installed."""
    if not apps.is_installed("plataforma.monitoring"):
        return []
    from plataforma.monitoring.selectors import rating_steps_open

    return list(rating_steps_open(request=service_request))


@login_required
@require_GET
def detail(request: HttpRequest, protocol: str) -> HttpResponse:
    service_request = requester_request_or_404(request, protocol)
    workflow = workflow_of(service_request)
    state = workflow.state(service_request.state)
    actions = available_actions(request=service_request, roles=REQUESTER_ROLES)
    cancel = next((a for a in actions if workflow.state(a.to_state).status == Status.CANCELLED), None)
    events = selectors.timeline(request=service_request, for_requester=True)
    timeline = [
        {"event": e, "who": who_label(e, user=request.user, agency=service_request.agency)} for e in events
    ]
    context = {
        "sr": service_request,
        "state": state,
        "actions": [a for a in actions if a is not cancel],
        "cancel_action": cancel,
        "answers": answers_of(service_request),
        "timeline": timeline,
        "charge": optional_charge(service_request),
        "rating_steps": optional_rating_steps(service_request),
        "is_final": not service_request.is_open,
    }
    return render(request, "service_requests/citizen/detail.html", context)
