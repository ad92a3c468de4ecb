"""What the author reads: their manifestações, one of them with its public timeline and answers;
and the look-up by protocol and access code (anonymous or without an account)."""

from __future__ import annotations

from django.db.models import QuerySet

from plataforma.common.protocols import protocol_normalise

from ..access_codes import access_code_matches
from ..models import AnswerRating, Manifestation, ManifestationAnswer, ManifestationEvent

LIST_COLUMNS = (
    "id",
    "protocol",
    "kind",
    "status",
    "title",
    "received_at",
    "answer_due_at",
    "concluded_at",
    "agency__id",
    "agency__acronym",
    "agency__name",
    "service__id",
    "service__name",
)


def manifestations_of(*, user) -> QuerySet[Manifestation]:
    """The person's identified manifestações, newest first (index ombudsman_mine_idx). Anonymous
    ones are not tied to anybody: they are followed with the access code."""
    return (
        Manifestation.objects.filter(requester=user)
        .select_related("agency", "service")
        .only(*LIST_COLUMNS)
        .order_by("-received_at", "-id")
    )


def manifestation_for_author(*, user, protocol: str) -> Manifestation | None:
    normalised = protocol_normalise(protocol or "")
    if normalised is None or user is None or not user.is_authenticated:
        return None
    return (
        Manifestation.objects.select_related("agency", "service", "subject")
        .filter(protocol=normalised, requester=user)
        .first()
    )


def manifestation_by_code(*, protocol: str, code: str) -> Manifestation | None:
    """The manifestação these protocol and access code open, or None (same answer for an unknown
    protocol and a wrong code). Only manifestações without an account behind them have a code."""
    normalised = protocol_normalise(protocol or "")
    found = None
    if normalised is not None:
        found = Manifestation.objects.select_related("agency", "service").filter(protocol=normalised).first()
    if found is None:
        # compare anyway, so the time taken does not tell whether the protocol exists
        access_code_matches(manifestation=Manifestation(protocol=normalised or "-"), code=code)
        return None
    return found if access_code_matches(manifestation=found, code=code) else None


def manifestation_for_code_holder(*, protocol: str, granted: set[str]) -> Manifestation | None:
    """The manifestação, if this browser proved its code (ids kept in the session)."""
    normalised = protocol_normalise(protocol or "")
    if normalised is None:
        return None
    found = (
        Manifestation.objects.select_related("agency", "service")
        .filter(protocol=normalised, requester__isnull=True)
        .first()
    )
    return found if found is not None and str(found.pk) in granted else None


def public_timeline(manifestation: Manifestation) -> list[ManifestationEvent]:
    return list(
        ManifestationEvent.objects.filter(manifestation=manifestation, visible_to_requester=True).order_by(
            "created_at", "id"
        )[:500]
    )


def answers(manifestation: Manifestation) -> list[ManifestationAnswer]:
    return list(ManifestationAnswer.objects.filter(manifestation=manifestation).order_by("cycle")[:20])


def current_rating(manifestation: Manifestation) -> AnswerRating | None:
    return AnswerRating.objects.filter(manifestation=manifestation, cycle=manifestation.cycle).first()
