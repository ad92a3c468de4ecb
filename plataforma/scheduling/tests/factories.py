"""Test data for the unit's attendance (queue, check-in, desks): a unit with an offering, people
in every role, and appointments written straight to the database (slot counters and the
person's quota kept consistent, as booking would leave them)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import make_editor

from ..models import Appointment, AppointmentStatus, Desk, Mode, Offering, PersonQuota, Slot, UnitCalendar
from ..services.booking import appointment_code_generate
from .factories_core import calendar_for, in_person_service, person

__all__ = [
    "add_appointment",
    "add_desk",
    "at",
    "calendar_for",
    "person",
    "servant",
    "unit_with_offering",
]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime in Cuiabá."""
    return datetime.combine(day, time(hour, minute), CUIABA)


def today_at(hour: int, minute: int = 0) -> datetime:
    return at(timezone.localtime(timezone.now(), CUIABA).date(), hour, minute)


def servant(agency, *roles: str, **kwargs):
    user = person(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def unit_with_offering(
    agency=None, *, service=None, mode: str = Mode.IN_PERSON, prefix: str = "", **rules
) -> tuple[UnitCalendar, Offering]:
    """A unit of `agency` (a new one by default) with one offering; no slots are materialised:
    tests add the slots they need with `add_appointment`."""
    agency = agency or AgencyFactory()
    if service is None:
        service = in_person_service(agency=agency, editor=make_editor(agency))
    calendar = calendar_for(agency, hours=(), weekdays=())
    if prefix:
        calendar.ticket_prefix = prefix
        calendar.save(update_fields=["ticket_prefix"])
    rules.setdefault("duration_minutes", 20)
    rules.setdefault("capacity", 3)
    offering = Offering.objects.create(calendar=calendar, service=service, mode=mode, **rules)
    return calendar, offering


def add_desk(calendar: UnitCalendar, name: str = "Guichê 1", *, active: bool = True) -> Desk:
    return Desk.objects.create(calendar=calendar, name=name, active=active)


def _slot(offering: Offering, starts_at: datetime) -> Slot:
    slot, _created = Slot.objects.get_or_create(
        offering=offering,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + timedelta(minutes=offering.duration_minutes),
            "capacity": offering.capacity,
            "reserved": offering.priority_reserved,
        },
    )
    return slot


def add_appointment(
    offering: Offering,
    starts_at: datetime,
    *,
    who=None,
    priority: str = "",
    status: str = AppointmentStatus.BOOKED,
) -> Appointment:
    """An appointment as booking makes it: a seat taken in the slot, the person's quota counted."""
    who = who or person()
    slot = _slot(offering, starts_at)
    counter = "booked_priority" if priority else "booked_regular"
    Slot.objects.filter(pk=slot.pk).update(**{counter: F(counter) + 1})
    PersonQuota.objects.bulk_create(
        [PersonQuota(person=who, service_id=offering.service_id)], ignore_conflicts=True
    )
    if status in (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE):
        PersonQuota.objects.filter(person=who, service_id=offering.service_id).update(active=F("active") + 1)
    return Appointment.objects.create(
        slot=slot,
        offering=offering,
        person=who,
        code=appointment_code_generate(),
        status=status,
        priority=priority,
        uses_reserved_seat=bool(priority),
        starts_at=starts_at,
        idempotency_key=f"test-{appointment_code_generate()}",
    )


def quota_of(appointment: Appointment) -> int:
    return PersonQuota.objects.get(
        person_id=appointment.person_id, service_id=appointment.offering.service_id
    ).active
