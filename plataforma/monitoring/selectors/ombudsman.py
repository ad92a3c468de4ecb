"""The panel's reads of the ouvidoria's figures (Lei 13.460 art. 23 §2: the ranking of the
agencies with most reclamações; ADR 0032). Only the pre-aggregated OmbudsmanIndicator rows: two
queries whatever the number of manifestações."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from plataforma.catalog.models import Agency

from ..models import OmbudsmanIndicator

# "Reclamações por 10 mil pedidos" only where the agency received at least this many requests on
# the platform in the period: below it the rate says more about chance than about the agency.
RATE_PER = 10_000
RATE_MIN_REQUESTS = 100


def complaints_rate(complaints: int, requests: int) -> float | None:
    return complaints * RATE_PER / requests if requests >= RATE_MIN_REQUESTS else None


@dataclass
class ComplaintEntry:
    position: int | None
    agency: Agency | None
    row: OmbudsmanIndicator

    @property
    def rate(self) -> float | None:
        return complaints_rate(self.row.complaints, self.row.requests)


@dataclass
class OmbudsmanSummary:
    year: int
    month: int
    state: OmbudsmanIndicator | None
    ranking: list[ComplaintEntry] = field(default_factory=list)
    without_complaints: int = 0
    months: list[OmbudsmanIndicator] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.state is not None and bool(self.state.received)


def rank(rows: list[OmbudsmanIndicator]) -> list[ComplaintEntry]:
    """Most reclamações first; equal counts share a position (1, 1, 3) and are listed by acronym.
    Agencies without reclamações in the period are not ranked (counted apart)."""
    ranked = sorted(
        (r for r in rows if r.agency_id is not None and r.complaints > 0),
        key=lambda r: (-r.complaints, r.agency.acronym),
    )
    entries: list[ComplaintEntry] = []
    for index, row in enumerate(ranked):
        same = entries and entries[-1].row.complaints == row.complaints
        entries.append(
            ComplaintEntry(position=entries[-1].position if same else index + 1, agency=row.agency, row=row)
        )
    return entries


def ombudsman_summary(*, year: int, month: int = 0, last_month: int = 12) -> OmbudsmanSummary:
    """The ranking of `year` (month 0) or of one month, the state's total, and the state's months:
    one query."""
    found = list(
        OmbudsmanIndicator.objects.filter(year=year)
        .filter(Q(month=month) | Q(agency__isnull=True, month__gte=1))
        .select_related("agency")
    )
    rows = [r for r in found if r.month == month]
    state_months = {r.month: r for r in found if r.agency_id is None and r.month >= 1}
    return OmbudsmanSummary(
        year=year,
        month=month,
        state=next((r for r in rows if r.agency_id is None), None),
        ranking=rank(rows),
        without_complaints=sum(1 for r in rows if r.agency_id is not None and r.complaints == 0),
        months=[
            state_months.get(m) or OmbudsmanIndicator(year=year, month=m) for m in range(1, last_month + 1)
        ],
    )


def ombudsman_rows_for_export(
    *, year: int | None = None, agency: Agency | None = None
) -> QuerySet[OmbudsmanIndicator]:
    rows = OmbudsmanIndicator.objects.select_related("agency").only(
        *[f.name for f in OmbudsmanIndicator._meta.concrete_fields], "agency__acronym", "agency__slug"
    )
    if year is not None:
        rows = rows.filter(year=year)
    if agency is not None:
        rows = rows.filter(agency=agency)
    return rows.order_by("year", "month", "-complaints", "agency__acronym")


def last_month_of(year: int) -> int:
    today = timezone.localdate()
    return 12 if year < today.year else today.month


def ranking_context(year: int) -> dict:
    """What the platform panel's ouvidoria section shows (views/panel.py puts it in the cached body)."""
    return {
        "ombudsman": ombudsman_summary(year=year, last_month=last_month_of(year)),
        "rate_min": RATE_MIN_REQUESTS,
    }
