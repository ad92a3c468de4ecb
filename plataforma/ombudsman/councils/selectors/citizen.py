"""The person's own reads (/conta/conselhos/): their applications, their mandates and the
consultations awaiting their opinion. Someone else's record is never returned."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from ..models import Application, Consultation, ConsultationState, Membership, Opinion
from .public import parse_uuid

MAX_LISTED = 100


def applications_of(person) -> list[Application]:
    return list(
        Application.objects.filter(person=person)
        .select_related("call__council__agency", "category")
        .order_by("-created_at")[:MAX_LISTED]
    )


def application_of(person, application_id) -> Application | None:
    pk = parse_uuid(application_id)
    if pk is None:
        return None
    return (
        Application.objects.filter(person=person, pk=pk)
        .select_related("call__council__agency", "category")
        .first()
    )


def memberships_of(person) -> list[Membership]:
    return list(
        Membership.objects.filter(person=person)
        .select_related("council__agency", "category", "call")
        .order_by("-starts_on")[:MAX_LISTED]
    )


def membership_of(person, membership_id) -> Membership | None:
    pk = parse_uuid(membership_id)
    if pk is None:
        return None
    return (
        Membership.objects.filter(person=person, pk=pk).select_related("council__agency", "category").first()
    )


def consultations_for(person) -> list[dict]:
    """Open consultations of the councils where the person's mandate is in force, with their opinion."""
    today = timezone.localdate()
    council_ids = (
        Membership.objects.filter(person=person, starts_on__lte=today, ends_on__gte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .values_list("council_id", flat=True)
    )
    consultations = list(
        Consultation.objects.filter(
            council_id__in=list(council_ids), state=ConsultationState.OPEN, deadline__gt=timezone.now()
        )
        .select_related("council")
        .order_by("deadline")[:MAX_LISTED]
    )
    given = set(
        Opinion.objects.filter(consultation__in=consultations, membership__person=person).values_list(
            "consultation_id", flat=True
        )
    )
    return [{"consultation": c, "answered": c.pk in given} for c in consultations]


def consultation_for_member(consultation_id) -> Consultation | None:
    """Any consultation by id (the view then checks the mandate: a non-member gets 404)."""
    pk = parse_uuid(consultation_id)
    if pk is None:
        return None
    return Consultation.objects.select_related("council__agency", "service").filter(pk=pk).first()


def opinion_of(person, consultation: Consultation) -> Opinion | None:
    return Opinion.objects.filter(consultation=consultation, membership__person=person).first()
