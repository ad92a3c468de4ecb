"""Fixtures and steps shared by the queue's tests: one unit with one offering, an attendant, a desk."""

from __future__ import annotations

import pytest

from plataforma.identity.models import AgencyRole

from ...services import queue as services
from ..factories import add_desk, servant, unit_with_offering

Role = AgencyRole.Role


@pytest.fixture
def unit():
    calendar, offering = unit_with_offering()
    return calendar, offering


@pytest.fixture
def calendar(unit):
    return unit[0]


@pytest.fixture
def offering(unit):
    return unit[1]


@pytest.fixture
def attendant(calendar):
    return servant(calendar.unit.agency, Role.ATTENDANT)


@pytest.fixture
def desk(calendar):
    return add_desk(calendar)


def check_in(attendant, calendar, appointment, now, **kwargs):
    return services.appointment_check_in(
        actor=attendant, calendar=calendar, appointment_id=appointment.pk, now=now, **kwargs
    )


def walk_in(attendant, calendar, offering, now, **kwargs):
    return services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=offering.service_id, now=now, **kwargs
    )


def call(attendant, calendar, desk, now, **kwargs):
    return services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk.pk, now=now, **kwargs)


def finish_current(attendant, calendar, ticket, now):
    return services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=now)
