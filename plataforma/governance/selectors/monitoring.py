"""Reads of the monitoring of priority services (Resolução 002/2021/NGD art. 2; issue #8): each
agency's approved priority services with their stage and milestones, how many became digital, and
for the digital ones the real figures of the public panel — read from the panel's own
pre-aggregated table (monitoring.MonthlyIndicator, the year row) and turned into numbers by the
panel's own `Figures`, so both pages always show the same volume, time, satisfaction and deadline
compliance. Plus what only the Núcleo sees: nominations of the open cycle per agency, late
milestones, budgets, high risks and the decisions waiting for it.

A fixed number of queries per page, whatever the number of agencies or tracks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.monitoring.figures import Figures
from plataforma.monitoring.models import MonthlyIndicator

from ..models import (
    ExceptionRequest,
    Milestone,
    Nomination,
    PlanCycle,
    PriceVersion,
    Risk,
    TechJustification,
    Track,
)

Stage = Track.Stage
STAGE_COUNT = len(Track.STAGE_ORDER)
# Lists on the Núcleo's dashboard stop here (the page says so); the open data has everything.
LIST_LIMIT = 200


# --- cycles -----------------------------------------------------------------------------------


def cycles_by_year() -> list[PlanCycle]:
    """Every cycle, newest first (the plan page links each year; only approved ones show tracks)."""
    return list(PlanCycle.objects.order_by("-year"))


def latest_approved_cycle() -> PlanCycle | None:
    return PlanCycle.objects.filter(status=PlanCycle.Status.APPROVED).order_by("-year").first()


def cycle_of_year(year: int) -> PlanCycle | None:
    return PlanCycle.objects.filter(year=year).first()


def default_public_cycle() -> PlanCycle | None:
    """The latest approved plan; before the first approval, the cycle under way (counts only)."""
    return latest_approved_cycle() or PlanCycle.objects.order_by("-year").first()


def open_cycle() -> PlanCycle | None:
    """The newest cycle not yet approved (nominations open or under the Núcleo's analysis)."""
    return PlanCycle.objects.exclude(status=PlanCycle.Status.APPROVED).order_by("-year").first()


# --- the plan's progress ----------------------------------------------------------------------


@dataclass
class TrackRow:
    """One approved priority service and its digitisation track, as the plan pages show it."""

    track: Track
    milestones_total: int
    milestones_done: int
    milestones_late: int
    risks_high_open: int
    indicators: Figures | None = None

    @property
    def nomination(self) -> Nomination:
        return self.track.nomination

    @property
    def agency(self) -> Agency:
        return self.track.nomination.agency

    @property
    def service(self):
        return self.track.nomination.service

    @property
    def stage_number(self) -> int:
        return self.track.stage_index + 1

    @property
    def stage_total(self) -> int:
        return STAGE_COUNT

    @property
    def stage_label(self) -> str:
        return self.track.get_stage_display()

    @property
    def is_digital(self) -> bool:
        return self.track.stage == Stage.DIGITAL

    @property
    def stage_steps(self) -> list[dict]:
        """The five stages with whether each is done, the current one, or still ahead."""
        current = self.track.stage_index
        return [
            {
                "label": label,
                "state": "done" if i < current or self.is_digital else "current" if i == current else "todo",
            }
            for i, (_value, label) in enumerate(Stage.choices)
        ]


@dataclass
class AgencyPlan:
    agency: Agency
    rows: list[TrackRow] = field(default_factory=list)

    @property
    def digital(self) -> int:
        return sum(1 for r in self.rows if r.is_digital)

    @property
    def milestones_late(self) -> int:
        return sum(r.milestones_late for r in self.rows)

    @property
    def budget_requested(self) -> Decimal:
        return sum((r.track.budget_requested or Decimal(0) for r in self.rows), Decimal(0))

    @property
    def budget_granted(self) -> Decimal:
        return sum((r.track.budget_granted or Decimal(0) for r in self.rows), Decimal(0))


@dataclass
class PlanOverview:
    cycle: PlanCycle
    agencies: list[AgencyPlan]
    indicators_year: int

    @property
    def rows(self) -> list[TrackRow]:
        return [row for plan in self.agencies for row in plan.rows]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def digital(self) -> int:
        return sum(plan.digital for plan in self.agencies)

    @property
    def digital_rows(self) -> list[TrackRow]:
        return [row for row in self.rows if row.is_digital]

    @property
    def milestones_total(self) -> int:
        return sum(r.milestones_total for r in self.rows)

    @property
    def milestones_done(self) -> int:
        return sum(r.milestones_done for r in self.rows)

    @property
    def milestones_late(self) -> int:
        return sum(r.milestones_late for r in self.rows)

    @property
    def by_stage(self) -> list[dict]:
        counts = defaultdict(int)
        for row in self.rows:
            counts[row.track.stage] += 1
        return [{"value": v, "label": label, "count": counts[v]} for v, label in Stage.choices]

    @property
    def budget_requested(self) -> Decimal:
        return sum((p.budget_requested for p in self.agencies), Decimal(0))

    @property
    def budget_granted(self) -> Decimal:
        return sum((p.budget_granted for p in self.agencies), Decimal(0))


def late_milestone_q(today: date, prefix: str = "") -> Q:
    """Milestone.is_late as a query: not done and past its date, or done after it."""
    return Q(**{f"{prefix}done_on__isnull": True, f"{prefix}due_on__lt": today}) | Q(
        **{f"{prefix}done_on__gt": F(f"{prefix}due_on")}
    )


def _high_open_risk_q(prefix: str = "") -> Q:
    high = Risk.Level.HIGH
    return Q(**{f"{prefix}status": Risk.Status.OPEN}) & (
        Q(**{f"{prefix}probability": high}) | Q(**{f"{prefix}impact": high})
    )


def approved_tracks(cycle: PlanCycle):
    """The tracks of the cycle's approved nominations (a track exists only for those)."""
    return Track.objects.filter(nomination__cycle=cycle, nomination__status=Nomination.Status.APPROVED)


def service_indicators(service_ids: list[UUID], year: int) -> dict[UUID, Figures]:
    """The panel's figures of each service for the whole `year` — the same row (month 0) and the
    same `Figures` the panel's page of the service reads (monitoring.selectors.panel_summary), in
    one query. A service without a row has no requests yet: zeros, as on the panel."""
    rows = MonthlyIndicator.objects.filter(
        scope=MonthlyIndicator.Scope.SERVICE, scope_id__in=service_ids, year=year, month=0
    )
    found = {row.scope_id: Figures.from_row(row) for row in rows}
    return {sid: found.get(sid) or Figures(year=year, month=0) for sid in service_ids}


def plan_overview(
    cycle: PlanCycle, *, today: date | None = None, indicators_year: int | None = None
) -> PlanOverview:
    """Every approved priority service of `cycle`, grouped by agency (by acronym, then rank), with
    its milestone counts, open high risks and — once digital — the panel's figures of
    `indicators_year` (default: the current year, as the panel opens)."""
    today = today or timezone.localdate()
    indicators_year = indicators_year or today.year
    tracks = (
        approved_tracks(cycle)
        .select_related("nomination__agency", "nomination__service")
        .annotate(
            m_total=Count("milestones", distinct=True),
            m_done=Count("milestones", filter=Q(milestones__done_on__isnull=False), distinct=True),
            m_late=Count("milestones", filter=late_milestone_q(today, "milestones__"), distinct=True),
            r_high=Count("risks", filter=_high_open_risk_q("risks__"), distinct=True),
        )
        .order_by("nomination__agency__acronym", "nomination__rank")
    )
    rows = [
        TrackRow(
            track=t,
            milestones_total=t.m_total,
            milestones_done=t.m_done,
            milestones_late=t.m_late,
            risks_high_open=t.r_high,
        )
        for t in tracks
    ]
    digital_ids = [r.service.pk for r in rows if r.is_digital]
    if digital_ids:
        figures = service_indicators(digital_ids, indicators_year)
        for row in rows:
            if row.is_digital:
                row.indicators = figures[row.service.pk]
    by_agency: dict[UUID, AgencyPlan] = {}
    for row in rows:
        by_agency.setdefault(row.agency.pk, AgencyPlan(agency=row.agency)).rows.append(row)
    return PlanOverview(cycle=cycle, agencies=list(by_agency.values()), indicators_year=indicators_year)


# --- nominations of a cycle under way ---------------------------------------------------------


@dataclass
class NominationProgress:
    """How far the agencies' nominations have gone. The public sees the counts only."""

    cycle: PlanCycle
    services: int
    agencies: int
    per_agency: list[dict] = field(default_factory=list)  # the Núcleo's view
    missing: list[Agency] = field(default_factory=list)  # agencies with published services, no nomination

    @property
    def nominations_open(self) -> bool:
        return self.cycle.nominations_open()


def nomination_progress(cycle: PlanCycle, *, detailed: bool = False) -> NominationProgress:
    live = Nomination.objects.filter(cycle=cycle).exclude(status=Nomination.Status.WITHDRAWN)
    counts = list(
        live.values("agency_id").annotate(
            n=Count("id"),
            approved=Count("id", filter=Q(status=Nomination.Status.APPROVED)),
            declined=Count("id", filter=Q(status=Nomination.Status.DECLINED)),
            waiting=Count("id", filter=Q(status=Nomination.Status.NOMINATED)),
        )
    )
    progress = NominationProgress(cycle=cycle, services=sum(c["n"] for c in counts), agencies=len(counts))
    if detailed:
        by_id = {c["agency_id"]: c for c in counts}
        # "missing": active agencies that could nominate (they publish services in the Carta)
        publishing = Service.objects.filter(is_published=True).values("agency_id")
        can_nominate = Q(is_active=True) & Q(pk__in=publishing)
        agencies = Agency.objects.filter(can_nominate | Q(pk__in=by_id)).order_by("acronym")
        for agency in agencies:
            c = by_id.get(agency.pk)
            if c is None:
                progress.missing.append(agency)
            else:
                progress.per_agency.append({"agency": agency, **c})
    return progress


# --- the Núcleo's dashboard -------------------------------------------------------------------


@dataclass
class PendingDecisions:
    nominations: int
    exceptions_submitted: int
    exceptions_review: int
    prices: int
    justifications: int

    @property
    def total(self) -> int:
        return (
            self.nominations
            + self.exceptions_submitted
            + self.exceptions_review
            + self.prices
            + self.justifications
        )


def pending_decisions() -> PendingDecisions:
    exceptions = ExceptionRequest.objects.aggregate(
        submitted=Count("id", filter=Q(status=ExceptionRequest.Status.SUBMITTED)),
        review=Count("id", filter=Q(status=ExceptionRequest.Status.REVIEW)),
    )
    return PendingDecisions(
        nominations=Nomination.objects.filter(status=Nomination.Status.NOMINATED)
        .exclude(cycle__status=PlanCycle.Status.APPROVED)
        .count(),
        exceptions_submitted=exceptions["submitted"],
        exceptions_review=exceptions["review"],
        prices=PriceVersion.objects.filter(status=PriceVersion.Status.SUBMITTED).count(),
        justifications=TechJustification.objects.filter(status=TechJustification.Status.SUBMITTED).count(),
    )


def _in_approved_plans(prefix: str = "track__") -> Q:
    return Q(
        **{
            f"{prefix}nomination__status": Nomination.Status.APPROVED,
            f"{prefix}nomination__cycle__status": PlanCycle.Status.APPROVED,
        }
    )


def open_late_milestones(*, today: date | None = None) -> list[Milestone]:
    """Milestones of approved plans (any year) past their date and not done, oldest first."""
    today = today or timezone.localdate()
    return list(
        Milestone.objects.filter(_in_approved_plans(), done_on__isnull=True, due_on__lt=today)
        .select_related("track__nomination__agency", "track__nomination__service", "track__nomination__cycle")
        .order_by("due_on", "track__nomination__agency__acronym", "title")[:LIST_LIMIT]
    )


def open_high_risks() -> list[Risk]:
    """Open risks of approved plans with high probability or high impact."""
    return list(
        Risk.objects.filter(_in_approved_plans(), _high_open_risk_q())
        .select_related("track__nomination__agency", "track__nomination__service", "track__nomination__cycle")
        .order_by("track__nomination__agency__acronym", "track__nomination__rank", "-created_at")[:LIST_LIMIT]
    )


def budget_totals(cycle: PlanCycle) -> dict:
    """Budget requested and granted in the cycle, in total and per agency (one query)."""
    per_agency = list(
        approved_tracks(cycle)
        .values("nomination__agency__acronym", "nomination__agency__name")
        .annotate(
            requested=Sum("budget_requested"),
            granted=Sum("budget_granted"),
            tracks=Count("id"),
            asking=Count("id", filter=Q(budget_requested__gt=0)),
        )
        .order_by("nomination__agency__acronym")
    )
    rows = [
        {
            "acronym": r["nomination__agency__acronym"],
            "name": r["nomination__agency__name"],
            "requested": r["requested"] or Decimal(0),
            "granted": r["granted"] or Decimal(0),
            "tracks": r["tracks"],
            "asking": r["asking"],
        }
        for r in per_agency
    ]
    for r in rows:
        r["missing"] = max(r["requested"] - r["granted"], Decimal(0))
    return {
        "rows": rows,
        "requested": sum((r["requested"] for r in rows), Decimal(0)),
        "granted": sum((r["granted"] for r in rows), Decimal(0)),
    }
