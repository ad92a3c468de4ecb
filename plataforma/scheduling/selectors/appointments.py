"""A person's appointments."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from ..models import ACTIVE_APPOINTMENT, Appointment


def appointments_of_person(*, person, upcoming_only: bool = False) -> QuerySet[Appointment]:
    """The person's appointments, soonest first; `upcoming_only`: those still to happen."""
    appointments = Appointment.objects.filter(person=person).select_related(
        "offering__calendar__unit", "offering__service", "slot"
    )
    if upcoming_only:
        appointments = appointments.filter(status__in=ACTIVE_APPOINTMENT, starts_at__gte=timezone.now())
    return appointments.order_by("starts_at")


def appointment_of_person(*, person, code: str) -> Appointment | None:
    """The person's appointment with this code (None for anyone else's: no leak)."""
    return appointments_of_person(person=person).filter(code=code).first()
