"""Public reads: the councils, their calls and results, their members (masked names) and the
consultations whose deadline has passed, with the opinions and the agency's answer. Nothing here
returns a CPF or a full name: members appear by `mask_name` (LGPD)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from plataforma.common.authcodes import mask_name

from ..models import (
    PUBLIC_CALL_STATES,
    Application,
    ApplicationState,
    Call,
    CallState,
    Consultation,
    ConsultationState,
    Council,
    CouncilCategory,
    Membership,
    Opinion,
)
from ..services.consultations import active_memberships

MAX_COUNCILS = 500
MAX_CALLS = 50
MAX_CONSULTATIONS = 100


def parse_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def public_councils() -> list[Council]:
    """Every council, with its agency, its running call (open or in selection) and its members today."""
    today = timezone.localdate()
    running = Call.objects.filter(state__in=(CallState.OPEN, CallState.SELECTION)).order_by("-opens_at")
    return list(
        Council.objects.select_related("agency")
        .annotate(
            members_now=Count(
                "memberships",
                filter=Q(memberships__starts_on__lte=today, memberships__ends_on__gte=today)
                & (Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)),
                distinct=True,
            )
        )
        .prefetch_related(Prefetch("calls", queryset=running, to_attr="running_calls"))
        .order_by("agency__acronym", "name")[:MAX_COUNCILS]
    )


def council_by_slug(slug: str) -> Council | None:
    if not slug or len(slug) > 80:
        return None
    return Council.objects.select_related("agency").filter(slug=slug).first()


def categories_of(council: Council) -> list[CouncilCategory]:
    return list(council.categories.order_by("position", "name"))


def public_calls(council: Council) -> list[Call]:
    return list(council.calls.filter(state__in=PUBLIC_CALL_STATES).order_by("-year", "-number")[:MAX_CALLS])


def public_call(council: Council, call_id) -> Call | None:
    pk = parse_uuid(call_id)
    if pk is None:
        return None
    return (
        Call.objects.select_related("council__agency")
        .filter(council=council, pk=pk, state__in=PUBLIC_CALL_STATES)
        .first()
    )


@dataclass(frozen=True)
class PublicMember:
    name: str
    category: str
    starts_on: object
    ends_on: object
    replaces: bool


def current_members(council: Council) -> list[PublicMember]:
    rows = (
        active_memberships(council)
        .select_related("person", "category")
        .order_by("category__position", "category__name", "starts_on", "pk")
    )
    return [
        PublicMember(
            name=mask_name(m.person.display_name),
            category=m.category.name,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            replaces=m.replaces_id is not None,
        )
        for m in rows
    ]


@dataclass(frozen=True)
class DrawRow:
    number: str
    key: str
    rank: int
    outcome: str
    outcome_label: str
    name: str  # masked; empty for those not chosen


@dataclass(frozen=True)
class DrawCategory:
    code: str
    name: str
    seats: int
    substitutes: int
    rows: list[DrawRow]


def call_result(call: Call) -> list[DrawCategory]:
    """Per category, the ranked eligible applications: number, key, rank and outcome; the masked
    name only of titulares and suplentes (the others are listed by number alone)."""
    if call.state != CallState.RESULT:
        return []
    ranked = (
        Application.objects.filter(call=call, rank__isnull=False)
        .select_related("person", "category")
        .order_by("category__position", "category__name", "rank")
    )
    by_code: dict[str, list[DrawRow]] = {}
    for a in ranked:
        # A suplente later called to a seat, or who withdrew, keeps the outcome of the draw.
        outcome = _draw_outcome(a)
        named = outcome in (ApplicationState.MEMBER, ApplicationState.SUBSTITUTE)
        by_code.setdefault(a.category.code, []).append(
            DrawRow(
                number=a.number_display,
                key=a.draw_key,
                rank=a.rank,
                outcome=outcome,
                outcome_label=str(ApplicationState(outcome).label),
                name=mask_name(a.person.display_name) if named else "",
            )
        )
    return [
        DrawCategory(
            code=c.code, name=c.name, seats=c.seats, substitutes=c.substitutes, rows=by_code.get(c.code, [])
        )
        for c in call.council.categories.order_by("position", "name")
    ]


def _draw_outcome(application: Application) -> str:
    seats, substitutes = application.category.seats, application.category.substitutes
    if application.rank <= seats:
        return ApplicationState.MEMBER
    if application.rank <= seats + substitutes:
        return ApplicationState.SUBSTITUTE
    return ApplicationState.NOT_CHOSEN


def application_counts(call: Call) -> dict[str, int]:
    """Applications received per category code (withdrawals excluded), for the call's page."""
    rows = (
        Application.objects.filter(call=call)
        .exclude(state=ApplicationState.WITHDRAWN)
        .values_list("category__code")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def public_consultations(council: Council) -> tuple[list[Consultation], list[Consultation]]:
    """(ongoing, finished): ongoing ones by subject and deadline only; finished ones are published."""
    now = timezone.now()
    base = council.consultations.filter(state=ConsultationState.OPEN).select_related("service")
    ongoing = list(base.filter(deadline__gt=now).order_by("deadline")[:MAX_CONSULTATIONS])
    finished = list(
        base.filter(deadline__lte=now)
        .annotate(n_opinions=Count("opinions"))
        .order_by("-deadline")[:MAX_CONSULTATIONS]
    )
    return ongoing, finished


def published_consultation(council: Council, consultation_id) -> Consultation | None:
    pk = parse_uuid(consultation_id)
    if pk is None:
        return None
    return (
        Consultation.objects.select_related("council__agency", "service")
        .filter(council=council, pk=pk, state=ConsultationState.OPEN, deadline__lte=timezone.now())
        .first()
    )


@dataclass(frozen=True)
class PublicOpinion:
    name: str
    category: str
    vote: str
    vote_label: str
    text: str
    given_at: object


def opinions_of(consultation: Consultation) -> list[PublicOpinion]:
    rows = Opinion.objects.filter(consultation=consultation).select_related(
        "membership__person", "membership__category"
    )
    return [
        PublicOpinion(
            name=mask_name(o.membership.person.display_name),
            category=o.membership.category.name,
            vote=o.vote,
            vote_label=o.get_vote_display() if o.vote else "",
            text=o.text,
            given_at=o.updated_at,
        )
        for o in rows.order_by("membership__category__position", "created_at")
    ]


def vote_totals(consultation: Consultation) -> dict[str, int]:
    return dict(
        Opinion.objects.filter(consultation=consultation)
        .exclude(vote="")
        .values_list("vote")
        .annotate(n=Count("pk"))
    )


def members_history(council: Council) -> QuerySet[Membership]:
    return council.memberships.select_related("person", "category", "call").order_by("-starts_on")
