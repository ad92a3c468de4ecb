"""Reads of the Plano de Implementação de Serviços Públicos for the servants' pages (and for the
other governance parts: the monitoring dashboard may reuse `tracks_for` and `late_q`)."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.identity.models import User

from ..models import Milestone, Nomination, PlanCycle, Risk, Track
from ..permissions import is_nucleo, managed_agency_ids

Status = Nomination.Status


def late_q(prefix: str = "", today: date | None = None) -> Q:
    """Milestone.is_late as a query: not done and past its date, or done after it."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}done_on__isnull": True, f"{prefix}due_on__lt": today}) | Q(
        **{f"{prefix}done_on__gt": F(f"{prefix}due_on")}
    )


def cycles() -> QuerySet[PlanCycle]:
    return PlanCycle.objects.annotate(
        active_count=Count("nominations", filter=~Q(nominations__status=Status.WITHDRAWN)),
        pending_count=Count("nominations", filter=Q(nominations__status=Status.NOMINATED)),
    ).order_by("-year")


def cycle_get(cycle_id) -> PlanCycle | None:
    return PlanCycle.objects.filter(pk=cycle_id).first()


def nomination_get(nomination_id) -> Nomination | None:
    return Nomination.objects.select_related("cycle", "agency", "service").filter(pk=nomination_id).first()


def agencies_of(user) -> list[Agency]:
    """The agencies the user keeps as gestor, by acronym."""
    return list(Agency.objects.filter(pk__in=managed_agency_ids(user)).order_by("acronym"))


def agency_nominations(cycle: PlanCycle, agency_id) -> list[Nomination]:
    """Every nomination of the agency in the cycle, the withdrawn ones last."""
    rows = Nomination.objects.filter(cycle=cycle, agency_id=agency_id).select_related("service")
    return sorted(rows, key=lambda n: (n.status == Status.WITHDRAWN, n.rank, n.created_at))


def nominations_by_agency(cycle: PlanCycle) -> list[tuple[Agency, list[Nomination]]]:
    """The Núcleo's view: the nominations not withdrawn, grouped by agency (acronym order)."""
    rows = (
        Nomination.objects.filter(cycle=cycle)
        .exclude(status=Status.WITHDRAWN)
        .select_related("agency", "service")
        .order_by("agency__acronym", "rank")
    )
    return [(agency, list(items)) for agency, items in groupby(rows, key=lambda n: n.agency)]


def decision_counts(cycle: PlanCycle) -> dict[str, int]:
    counts = dict(
        Nomination.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("id")).order_by()
    )
    return {value: counts.get(value, 0) for value in Status.values}


def nominable_services(cycle: PlanCycle, agency_id) -> QuerySet[Service]:
    """The agency's published services not yet nominated (not withdrawn) in the cycle."""
    taken = Nomination.objects.filter(cycle=cycle).exclude(status=Status.WITHDRAWN).values("service_id")
    return (
        Service.objects.filter(agency_id=agency_id, is_published=True).exclude(pk__in=taken).order_by("name")
    )


def free_ranks(cycle: PlanCycle, agency_id, *, keep: int | None = None) -> list[int]:
    used = set(
        Nomination.objects.filter(cycle=cycle, agency_id=agency_id)
        .exclude(status=Status.WITHDRAWN)
        .values_list("rank", flat=True)
    )
    return [r for r in range(1, cycle.max_per_agency + 1) if r not in used or r == keep]


def tracks_for(user, *, cycle: PlanCycle | None = None, today: date | None = None) -> QuerySet[Track]:
    """The tracks `user` may see (the Núcleo: all; a gestor: their agencies'), with `late_count`."""
    qs = Track.objects.select_related(
        "nomination__cycle", "nomination__agency", "nomination__service", "owner"
    ).annotate(late_count=Count("milestones", filter=late_q("milestones__", today)))
    if not is_nucleo(user):
        qs = qs.filter(nomination__agency_id__in=managed_agency_ids(user))
    if cycle is not None:
        qs = qs.filter(nomination__cycle=cycle)
    return qs.order_by("-nomination__cycle__year", "nomination__agency__acronym", "nomination__rank")


def track_get(track_id) -> Track | None:
    return (
        Track.objects.select_related(
            "nomination__cycle", "nomination__agency", "nomination__service", "owner"
        )
        .filter(pk=track_id)
        .first()
    )


def track_detail(track: Track) -> dict:
    return {
        "milestones": list(track.milestones.order_by("due_on", "title")),
        "risks": list(track.risks.order_by("-created_at")),
        "updates": list(track.updates.select_related("author").order_by("-created_at")[:50]),
    }


def milestone_get(milestone_id) -> Milestone | None:
    return Milestone.objects.select_related("track__nomination__agency").filter(pk=milestone_id).first()


def risk_get(risk_id) -> Risk | None:
    return Risk.objects.select_related("track__nomination__agency").filter(pk=risk_id).first()


def owner_choices(agency_id) -> QuerySet[User]:
    """The servants who may own a track: active accounts holding an active role in the agency."""
    return (
        User.objects.filter(
            is_active=True, agency_roles__agency_id=agency_id, agency_roles__revoked_at__isnull=True
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def newly_late_milestones(today: date | None = None) -> QuerySet[Milestone]:
    """Milestones not done whose date has passed (the daily task decides which were announced)."""
    today = today or timezone.localdate()
    return Milestone.objects.filter(done_on__isnull=True, due_on__lt=today).order_by("due_on", "pk")
