"""What the requester of a request may still rate (Lei 13.460 art. 23; Lei 14.129 art. 21 V)."""

from __future__ import annotations

from plataforma.service_requests.models import RequestEvent, RequestForm, ServiceRequest
from plataforma.service_requests.services import workflow_of
from plataforma.service_requests.workflow import CONCLUDED_STATUSES, FINAL_STATUSES

from ..digest import request_digest
from ..dimensions import CONCLUSION_LABEL, CONCLUSION_STEP
from ..models import Evaluation


def rating_steps(*, request: ServiceRequest) -> list[tuple[str, str]]:
    """Every step of the request that may be rated now, rated or not, in the order reached.

    - "conclusao" once the request is concluded (deferida or indeferida) — always offered;
    - a workflow state the request has reached (read from its timeline), when the service asks
      for a rating at each step (`RequestForm.rate_each_step`) or the state itself asks
      (`rate=True` in the workflow definition). Final states are rated as the conclusion.
    """
    workflow = workflow_of(request)
    rate_each_step = (
        RequestForm.objects.filter(service_id=request.service_id)
        .values_list("rate_each_step", flat=True)
        .first()
        or False
    )
    reached = list(
        dict.fromkeys(
            RequestEvent.objects.filter(request=request)
            .exclude(to_state="")
            .order_by("created_at")
            .values_list("to_state", flat=True)
        )
    )
    if request.state not in reached:
        reached.append(request.state)
    steps: list[tuple[str, str]] = []
    for key in reached:
        try:
            state = workflow.state(key)
        except KeyError:
            continue
        if state.status in FINAL_STATUSES:
            continue
        if rate_each_step or state.rate:
            steps.append((state.key, state.label))
    if request.status in CONCLUDED_STATUSES:
        steps.append((CONCLUSION_STEP, str(CONCLUSION_LABEL)))
    return steps


def rating_steps_open(*, request: ServiceRequest) -> list[tuple[str, str]]:
    """The steps the requester may still rate: `rating_steps` minus those already rated.
    The caller has already checked that the person is on the requester's side."""
    steps = rating_steps(request=request)
    if not steps:
        return []
    rated = set(
        Evaluation.objects.filter(
            request_digest=request_digest(request.pk), step__in=[key for key, _label in steps]
        ).values_list("step", flat=True)
    )
    return [(key, label) for key, label in steps if key not in rated]
