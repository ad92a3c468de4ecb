"""What the public monitoring panel reads about the ouvidoria: per agency and period, the
manifestações and the reclamações received and how many reclamações were concluded on time — the
ranking of the agencies with most complaints (Lei 13.460 art. 23 §2). Two GROUP BY queries per
period over indexed time ranges; the monitoring app pre-aggregates them hourly (ADR 0032)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Count, Min, Q

from ...models import Kind, Manifestation, ManifestationAnswer


@dataclass(frozen=True)
class AgencyPeriodFigures:
    """One agency's figures in [start, end). `agency_id` None: manifestações awaiting the
    Ouvidoria-Geral's triage (not ranked, counted in the state's total)."""

    agency_id: UUID | None
    received: int = 0
    complaints: int = 0
    complaints_concluded: int = 0
    complaints_on_time: int = 0


def agency_period_figures(*, start: datetime, end: datetime) -> list[AgencyPeriodFigures]:
    """Received by `received_at` and the agency holding the manifestação now; conclusions of
    reclamações by `answered_at` and the agency that concluded them."""
    received = (
        Manifestation.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .values("agency_id")
        .annotate(received=Count("id"), complaints=Count("id", filter=Q(kind=Kind.COMPLAINT)))
    )
    concluded = (
        ManifestationAnswer.objects.filter(
            answered_at__gte=start, answered_at__lt=end, manifestation__kind=Kind.COMPLAINT
        )
        .order_by()
        .values("agency_id")
        .annotate(concluded=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
    )
    rows: dict[UUID | None, dict[str, int]] = defaultdict(dict)
    for row in received:
        rows[row["agency_id"]].update(received=row["received"], complaints=row["complaints"])
    for row in concluded:
        rows[row["agency_id"]].update(
            complaints_concluded=row["concluded"], complaints_on_time=row["on_time"]
        )
    return [AgencyPeriodFigures(agency_id=key, **values) for key, values in rows.items()]


def first_received_at() -> datetime | None:
    """When the oldest manifestação was received (the history the panel rebuilds)."""
    return Manifestation.objects.aggregate(first=Min("received_at"))["first"]
