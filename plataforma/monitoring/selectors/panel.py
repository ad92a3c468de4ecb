"""The public panel's reads (Lei 14.129 art. 22; Lei 13.460 art. 23 §2). They read ONLY the
pre-aggregated tables (MonthlyIndicator, CatalogueIndicator, IndicatorRefresh) — a fixed,
small number of queries whatever the number of requests — plus one lookup of the agency or
service named in the address."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.catalog.models import Agency, Service

from .. import disclosure
from ..figures import Figures
from ..models import (
    PLATFORM_SCOPE_ID,
    CatalogueIndicator,
    IndicatorRefresh,
    MonthlyIndicator,
    SchedulingIndicator,
)

MONTH_LABELS = [
    _("janeiro"),
    _("fevereiro"),
    _("março"),
    _("abril"),
    _("maio"),
    _("junho"),
    _("julho"),
    _("agosto"),
    _("setembro"),
    _("outubro"),
    _("novembro"),
    _("dezembro"),
]
MONTH_SHORT = ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"]
# Rankings list a body only with at least this many ratings / concluded requests with a deadline
# in the year, so one lucky rating does not top the table. (An agency's ratings are published,
# and so ranked, only when it has at least MONITORING_MIN_RATINGS of them: disclosure.py.)
MIN_RANKING_SAMPLE = 1


@dataclass
class RankingEntry:
    position: int
    agency: Agency
    value: float
    sample: int


@dataclass
class SchedulingFigures:
    """Attendance by appointment of a scope in a period (SchedulingIndicator, ADR 0027)."""

    year: int
    month: int
    booked: int = 0
    attended: int = 0
    no_show: int = 0
    waits: int = 0
    wait_median_minutes: float | None = None

    @classmethod
    def from_row(cls, row: SchedulingIndicator) -> SchedulingFigures:
        return cls(
            year=row.year,
            month=row.month,
            booked=row.booked,
            attended=row.attended,
            no_show=row.no_show,
            waits=row.waits,
            wait_median_minutes=row.wait_median_minutes,
        )

    @property
    def no_show_rate(self) -> float | None:
        concluded = self.attended + self.no_show
        return self.no_show / concluded if concluded else None

    @property
    def has_data(self) -> bool:
        return bool(self.booked or self.waits)

    @property
    def month_label(self) -> str:
        return str(MONTH_LABELS[self.month - 1]) if self.month else ""


@dataclass
class SchedulingSummary:
    total: SchedulingFigures
    months: list[SchedulingFigures]
    children: list[tuple[Any, SchedulingFigures]] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.total.has_data or any(f.has_data for f in self.months)


def scheduling_summary(scope: str, scope_id: UUID, year: int, *, last_month: int) -> SchedulingSummary:
    """The scope's appointments and waits in the year, by month, and its agencies (platform) or
    services (agency) for the year: one query."""
    wanted = Q(scope=scope, scope_id=scope_id, year=year)
    if scope == MonthlyIndicator.Scope.PLATFORM:
        wanted |= Q(scope=MonthlyIndicator.Scope.AGENCY, year=year, month=0)
    elif scope == MonthlyIndicator.Scope.AGENCY:
        wanted |= Q(scope=MonthlyIndicator.Scope.SERVICE, agency_id=scope_id, year=year, month=0)
    rows = list(SchedulingIndicator.objects.filter(wanted).select_related("agency", "service"))
    own = {
        r.month: SchedulingFigures.from_row(r) for r in rows if r.scope == scope and r.scope_id == scope_id
    }
    children = [
        (r.agency if r.scope == MonthlyIndicator.Scope.AGENCY else r.service, SchedulingFigures.from_row(r))
        for r in rows
        if not (r.scope == scope and r.scope_id == scope_id)
    ]
    by_acronym = scope == MonthlyIndicator.Scope.PLATFORM  # agencies by acronym, services by name
    children.sort(key=lambda c: c[0].acronym if by_acronym else c[0].name)
    return SchedulingSummary(
        total=own.get(0) or SchedulingFigures(year=year, month=0),
        months=[own.get(m) or SchedulingFigures(year=year, month=m) for m in range(1, last_month + 1)],
        children=children,
    )


@dataclass
class PanelSummary:
    scope: str
    scope_object: Agency | Service | None
    year: int
    total: Figures
    months: list[Figures]
    years: list[Figures]
    catalogue: CatalogueIndicator | None = None
    satisfaction_ranking: list[RankingEntry] = field(default_factory=list)
    deadline_ranking: list[RankingEntry] = field(default_factory=list)
    children: list[tuple[Any, Figures]] = field(default_factory=list)
    refreshed_at: datetime | None = None
    # Agencies left out of the satisfaction ranking because their ratings are withheld.
    satisfaction_unranked: int = 0
    # How many months (from January) the year's rating figures cover: 12 for a past year, the
    # months already closed for the current one.
    ratings_months: int = 12
    # Appointments and waiting times (scheduling), when the scope has any.
    scheduling: SchedulingSummary | None = None

    @property
    def ratings_until(self) -> str:
        """The last month the year's rating figures cover, when the year is not over."""
        if 0 < self.ratings_months < 12:
            return str(MONTH_LABELS[self.ratings_months - 1])
        return ""

    @property
    def withheld_in_tables(self) -> bool:
        """Some year or child row shows a withheld rating (the tables then explain the labels)."""
        return any(f.ratings_withheld for f in [*self.years, *(f for _item, f in self.children)])

    @property
    def has_data(self) -> bool:
        return any(
            (f.submitted or f.concluded or f.cancelled or f.in_progress_end or f.has_ratings)
            for f in [self.total, *self.months]
        )


def agency_for_panel(*, slug: str) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise Http404
    return agency


def service_for_panel(*, slug: str) -> Service:
    service = Service.objects.select_related("agency").filter(slug=slug, is_published=True).first()
    if service is None:
        raise Http404
    return service


def last_refresh() -> datetime | None:
    return IndicatorRefresh.objects.filter(id=1).values_list("refreshed_at", flat=True).first()


def catalogue_snapshot(*, agency_id: UUID | None) -> CatalogueIndicator | None:
    return CatalogueIndicator.objects.filter(agency_id=agency_id).first()


def available_years(*, years_with_data: list[int]) -> list[int]:
    current = timezone.localdate().year
    return sorted({current, *years_with_data}, reverse=True)


def _ranking(rows: list[MonthlyIndicator], *, value, sample) -> list[RankingEntry]:
    """Competition ranking (1, 1, 3): higher value first; equal values share a position; the
    larger sample, then the acronym, break the order within a tie."""
    candidates = []
    for row in rows:
        figures = Figures.from_row(row)
        n = sample(figures)
        v = value(figures)
        if n is not None and n >= MIN_RANKING_SAMPLE and v is not None:
            candidates.append((v, n, row.agency))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2].acronym))
    entries: list[RankingEntry] = []
    for index, (v, n, agency) in enumerate(candidates):
        position = entries[-1].position if entries and entries[-1].value == v else index + 1
        entries.append(RankingEntry(position=position, agency=agency, value=v, sample=n))
    return entries


_UNREAD = object()


def panel_summary(
    scope: str, id: UUID | None, year: int, *, scope_object=None, refreshed_at=_UNREAD
) -> PanelSummary:
    """Everything the panel shows for one scope ("plataforma", "orgao" or "servico") and year:
    the year's totals, its twelve months, every year of the scope, the catalogue snapshot, and
    the ranking of agencies (platform) or the agency's services (agency). Also for the API."""
    if scope not in MonthlyIndicator.Scope.values:
        raise ValueError(scope)
    scope_id = PLATFORM_SCOPE_ID if scope == MonthlyIndicator.Scope.PLATFORM else id
    rows = list(
        MonthlyIndicator.objects.filter(scope=scope, scope_id=scope_id).filter(Q(year=year) | Q(month=0))
    )
    by_month = {row.month: Figures.from_row(row) for row in rows if row.year == year}
    years = sorted((Figures.from_row(r) for r in rows if r.month == 0), key=lambda f: f.year, reverse=True)
    today = timezone.localdate()
    last_month = 12 if year < today.year else (today.month if year == today.year else 0)
    months = [by_month.get(m) or Figures(year=year, month=m) for m in range(1, last_month + 1)]
    summary = PanelSummary(
        scope=scope,
        scope_object=scope_object,
        year=year,
        total=by_month.get(0) or Figures(year=year, month=0),
        months=months,
        years=years,
        # The caller may already have read it (the panel's cache key): no second query.
        refreshed_at=last_refresh() if refreshed_at is _UNREAD else refreshed_at,
        ratings_months=disclosure.closed_months_of_year(
            year, cutoff=disclosure.ratings_cutoff(timezone.now())
        ),
    )
    summary.scheduling = scheduling_summary(scope, scope_id, year, last_month=last_month)
    if scope == MonthlyIndicator.Scope.PLATFORM:
        summary.catalogue = catalogue_snapshot(agency_id=None)
        agencies = list(
            MonthlyIndicator.objects.filter(scope=MonthlyIndicator.Scope.AGENCY, year=year, month=0)
            .select_related("agency")
            .order_by("agency__acronym")
        )
        summary.satisfaction_ranking = _ranking(
            agencies, value=lambda f: f.score_mean, sample=lambda f: f.evaluations
        )
        summary.deadline_ranking = _ranking(
            agencies, value=lambda f: f.on_time_share, sample=lambda f: f.concluded_with_deadline
        )
        summary.children = [(row.agency, Figures.from_row(row)) for row in agencies]
        summary.satisfaction_unranked = sum(
            1 for _agency, f in summary.children if f.has_ratings and not f.ratings_published
        )
    elif scope == MonthlyIndicator.Scope.AGENCY:
        summary.catalogue = catalogue_snapshot(agency_id=id)
        services = (
            MonthlyIndicator.objects.filter(
                scope=MonthlyIndicator.Scope.SERVICE, agency_id=id, year=year, month=0
            )
            .select_related("service")
            .order_by("service__name")
        )
        summary.children = [(row.service, Figures.from_row(row)) for row in services]
    return summary


def indicator_rows_for_export(
    *, scope: str | None = None, agency: Agency | None = None, service: Service | None = None, year=None
) -> QuerySet[MonthlyIndicator]:
    """The open-data rows, filtered; names come in the same query (select_related)."""
    # The agencies' and services' names and addresses only, not the catalogue's long columns.
    indicator_fields = [f.name for f in MonthlyIndicator._meta.concrete_fields]
    rows = MonthlyIndicator.objects.select_related("agency", "service").only(
        *indicator_fields, "agency__acronym", "agency__slug", "service__slug", "service__name"
    )
    if scope:
        rows = rows.filter(scope=scope)
    if agency is not None:
        rows = rows.filter(agency=agency)
    if service is not None:
        rows = rows.filter(service=service)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("scope", "year", "month", "agency__acronym", "service__slug")


def scheduling_rows_for_export(
    *, scope: str | None = None, agency: Agency | None = None, service: Service | None = None, year=None
) -> QuerySet[SchedulingIndicator]:
    """The open-data rows of attendance by appointment, with the same filters as the indicators':
    an agency brings its own row and those of its services."""
    indicator_fields = [f.name for f in SchedulingIndicator._meta.concrete_fields]
    rows = SchedulingIndicator.objects.select_related("agency", "service").only(
        *indicator_fields, "agency__acronym", "agency__slug", "service__slug", "service__name"
    )
    if scope:
        rows = rows.filter(scope=scope)
    if agency is not None:
        rows = rows.filter(agency=agency)
    if service is not None:
        rows = rows.filter(service=service)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("scope", "year", "month", "agency__acronym", "service__slug")
