"""Demo data of the panel: ratings for some of the demo requests already concluded, then a full
recomputation of the indicators so /painel/ shows the demo requests at once.

Call `load_monitoring_demo()` from `load_demo` AFTER every other demo module (it reads their
requests). Idempotent: a request already rated at its conclusion is skipped, and the rebuild
rewrites the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from plataforma.service_requests.models import ServiceRequest
from plataforma.service_requests.workflow import CONCLUDED_STATUSES

from .dimensions import CONCLUSION_STEP, DIMENSION_KEYS
from .selectors import rating_steps_open
from .services import evaluation_submit, indicators_rebuild

MAX_DEMO_RATINGS = 40
_SCORES = [5, 4, 5, 3, 4, 2, 5, 4, 1, 4]
_COMMENTS = ["", "Rápido e fácil.", "", "Demorou um pouco, mas resolveu.", ""]


@dataclass(frozen=True)
class MonitoringDemoReport:
    ratings: int
    indicator_rows: int


UNRATED_DEMO_CPF = "85296374100"


def load_monitoring_demo() -> MonitoringDemoReport:
    created = 0
    concluded = (
        ServiceRequest.objects.filter(status__in=list(CONCLUDED_STATUSES), company__isnull=True)
        # João (the demo citizen at level prata) keeps his concluded requests unrated, so that
        # whoever tries the demo meets the rating page.
        .exclude(requester__cpf=UNRATED_DEMO_CPF)
        .select_related("requester", "service", "workflow")
        .order_by("submitted_at")[:MAX_DEMO_RATINGS]
    )
    for index, request in enumerate(concluded):
        if CONCLUSION_STEP not in dict(rating_steps_open(request=request)):
            continue
        score = _SCORES[index % len(_SCORES)]
        dimensions = {
            key: max(1, min(5, score + (i % 3) - 1))
            for i, key in enumerate(DIMENSION_KEYS)
            if (index + i) % 2 == 0
        }
        evaluation_submit(
            actor=request.requester,
            request=request,
            step=CONCLUSION_STEP,
            score=score,
            dimensions=dimensions,
            comment=_COMMENTS[index % len(_COMMENTS)],
            anonymous=index % 3 == 0,
        )
        created += 1
    result = indicators_rebuild()
    return MonitoringDemoReport(ratings=created, indicator_rows=result.rows)
