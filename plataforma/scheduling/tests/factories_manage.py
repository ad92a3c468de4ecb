"""Test data for the gestor's configuration and figures: people of every role, units with or
without a calendar, and appointments and tickets written straight to the database (figures are
about the past, which the booking services rightly refuse)."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, datetime, time, timedelta

from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole

from ..models import (
    Appointment,
    AppointmentStatus,
    Offering,
    Slot,
    Ticket,
    TicketStatus,
    UnitCalendar,
)
from .factories_core import calendar_for, in_person_service, next_weekday, offering_for, person

_labels = itertools.count(1)

__all__ = [
    "AgencyFactory",
    "ServiceUnitFactory",
    "appointment_at",
    "calendar_for",
    "in_person_service",
    "local",
    "next_weekday",
    "offering_for",
    "person",
    "servant",
    "slot_at",
    "ticket",
]


def servant(agency, *roles: str, **kwargs):
    user = person(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CUIABA)


def slot_at(offering: Offering, starts_at: datetime, *, booked: int = 0, is_open: bool = True) -> Slot:
    slot, _created = Slot.objects.get_or_create(
        offering=offering,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + timedelta(minutes=offering.duration_minutes),
            "capacity": offering.capacity,
            "reserved": offering.priority_reserved,
        },
    )
    Slot.objects.filter(pk=slot.pk).update(booked_regular=booked, open=is_open)
    slot.refresh_from_db()
    return slot


def appointment_at(slot: Slot, who, status: str = AppointmentStatus.BOOKED) -> Appointment:
    return Appointment.objects.create(
        slot=slot,
        offering=slot.offering,
        person=who,
        code=uuid.uuid4().hex[:8].upper(),
        status=status,
        starts_at=slot.starts_at,
        idempotency_key=uuid.uuid4().hex,
    )


def ticket(
    calendar: UnitCalendar,
    service,
    *,
    issued_at: datetime,
    called_after: int | None = None,
    due_at: datetime | None = None,
    served_minutes: int | None = None,
    appointment: Appointment | None = None,
) -> Ticket:
    """A senha issued at `issued_at`, called `called_after` minutes later (None: never called),
    attended for `served_minutes` from the call."""
    called = issued_at + timedelta(minutes=called_after) if called_after is not None else None
    started = called
    finished = (
        started + timedelta(minutes=served_minutes) if (started and served_minutes is not None) else None
    )
    return Ticket.objects.create(
        calendar=calendar,
        day=issued_at.astimezone(CUIABA).date(),
        label=f"A{next(_labels):03d}",
        service=service,
        appointment=appointment,
        status=TicketStatus.DONE if finished else TicketStatus.WAITING,
        issued_at=issued_at,
        due_at=due_at,
        called_at=called,
        started_at=started,
        finished_at=finished,
    )


def bare_unit(agency, **fields):
    return ServiceUnitFactory(agency=agency, **fields)
