"""Test data for monitoring: requests with known times and outcomes, written straight to the
database (the aggregation reads them), and requests made through the real services."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime

from django.utils import timezone

from plataforma.monitoring.digest import request_digest
from plataforma.monitoring.models import Evaluation
from plataforma.service_requests.models import RequestForm, ServiceRequest

_protocols = itertools.count(1)

STATUS_OF_STATE = {
    "recebida": "em_andamento",
    "em_analise": "em_andamento",
    "pendente": "pendente",
    "deferida": "deferida",
    "indeferida": "indeferida",
    "cancelada": "cancelada",
}


def local(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def make_request(
    *,
    service,
    requester,
    submitted_at: datetime,
    state: str = "recebida",
    concluded_at: datetime | None = None,
    on_time: bool | None = None,
) -> ServiceRequest:
    form = RequestForm.objects.get(service=service)
    return ServiceRequest.objects.create(
        protocol=f"2025.TESTE.{next(_protocols):06d}-0",
        service=service,
        agency_id=service.agency_id,
        form_version_id=form.current_version_id,
        requester=requester,
        state=state,
        status=STATUS_OF_STATE[state],
        submitted_at=submitted_at,
        concluded_at=concluded_at,
        concluded_on_time=on_time,
        idempotency_key=uuid.uuid4().hex,
    )


def make_evaluation(*, service, created_at: datetime, score: int, **dimensions: int) -> Evaluation:
    evaluation = Evaluation.objects.create(
        service=service,
        agency_id=service.agency_id,
        step="conclusao",
        score=score,
        anonymous=True,
        request_digest=request_digest(uuid.uuid4()),
        **{f"dim_{key}": value for key, value in dimensions.items()},
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(created_at=created_at)
    return evaluation
