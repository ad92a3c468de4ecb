"""Many attendants at once (PostgreSQL only: SQLite runs one write transaction at a time).

- Senhas issued concurrently are unique and gap-free per unit, day and series.
- Desks calling at once never get the same ticket, and every waiting ticket is called once.
- Two attendants calling to the same desk at once put one ticket on it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.common.testing import run_together
from plataforma.identity.models import AgencyRole

from ..models import Ticket, TicketSequence, TicketStatus
from ..services import queue as services
from .factories import add_appointment, add_desk, servant, today_at, unit_with_offering

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and SKIP LOCKED need PostgreSQL"),
]


@pytest.fixture
def unit():
    calendar, offering = unit_with_offering(prefix="GT", capacity=50)
    attendant = servant(calendar.unit.agency, AgencyRole.Role.ATTENDANT)
    return calendar, offering, attendant


def test_concurrent_walk_ins_get_unique_gap_free_senhas(unit):
    calendar, offering, attendant = unit
    now = today_at(9)
    count = 24

    def issue():
        return services.ticket_issue_walk_in(
            actor=attendant, calendar=calendar, service_id=offering.service_id, now=now
        ).label

    results, errors = run_together([issue] * count)
    assert not errors, errors
    assert sorted(results) == [f"GT-N{n:03d}" for n in range(1, count + 1)]
    assert TicketSequence.objects.get(calendar=calendar, series="N").last_number == count
    assert Ticket.objects.filter(calendar=calendar).count() == count


def test_concurrent_check_ins_and_walk_ins_number_each_series_without_gaps(unit):
    calendar, offering, attendant = unit
    appointments = [add_appointment(offering, today_at(10)) for _ in range(8)]
    now = today_at(9, 45)

    def check_in(appointment):
        return lambda: (
            services.appointment_check_in(
                actor=attendant, calendar=calendar, appointment_id=appointment.pk, now=now
            ).label
        )

    def walk_in():
        return services.ticket_issue_walk_in(
            actor=attendant, calendar=calendar, service_id=offering.service_id, now=now
        ).label

    results, errors = run_together([check_in(a) for a in appointments] + [walk_in] * 8)
    assert not errors, errors
    assert sorted(r for r in results if "-A" in r) == [f"GT-A{n:03d}" for n in range(1, 9)]
    assert sorted(r for r in results if "-N" in r) == [f"GT-N{n:03d}" for n in range(1, 9)]


def test_the_same_appointment_checked_in_at_two_desks_at_once_gets_one_ticket(unit):
    calendar, offering, attendant = unit
    appointment = add_appointment(offering, today_at(10))
    other = servant(calendar.unit.agency, AgencyRole.Role.ATTENDANT)

    def check_in(actor):
        return lambda: services.appointment_check_in(
            actor=actor, calendar=calendar, appointment_id=appointment.pk, now=today_at(9, 45)
        )

    results, errors = run_together([check_in(attendant), check_in(other)])
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Ticket.objects.filter(appointment=appointment).count() == 1


def test_desks_calling_at_once_never_get_the_same_ticket(unit):
    calendar, offering, attendant = unit
    waiting = 6
    for minute in range(waiting):
        services.ticket_issue_walk_in(
            actor=attendant, calendar=calendar, service_id=offering.service_id, now=today_at(9, minute)
        )
    desks = [add_desk(calendar, f"Guichê {n}") for n in range(1, 11)]
    people = [servant(calendar.unit.agency, AgencyRole.Role.ATTENDANT) for _ in desks]
    now = today_at(9, 30)

    def caller(desk, actor):
        def run():
            ticket = services.ticket_call_next(actor=actor, calendar=calendar, desk_id=desk.pk, now=now)
            return (desk.pk, ticket.pk if ticket else None)

        return run

    results, errors = run_together([caller(d, p) for d, p in zip(desks, people, strict=True)])
    assert not errors, errors
    called = [ticket for _desk, ticket in results if ticket is not None]
    assert len(called) == waiting
    assert len(set(called)) == waiting
    assert sum(1 for _desk, ticket in results if ticket is None) == len(desks) - waiting
    rows = Ticket.objects.filter(calendar=calendar)
    assert all(t.status == TicketStatus.CALLED and t.desk_id is not None for t in rows)
    assert len({t.desk_id for t in rows}) == waiting  # one ticket per desk


def test_many_rounds_of_calls_serve_everyone_exactly_once(unit):
    calendar, offering, attendant = unit
    total = 20
    for n in range(total):
        services.ticket_issue_walk_in(
            actor=attendant,
            calendar=calendar,
            service_id=offering.service_id,
            now=today_at(9) + timedelta(seconds=n),
        )
    desks = [add_desk(calendar, f"Mesa {n}") for n in range(1, 6)]
    now = today_at(9, 30)

    def desk_loop(desk):
        def run():
            served = []
            while True:
                ticket = services.ticket_call_next(
                    actor=attendant, calendar=calendar, desk_id=desk.pk, now=now
                )
                if ticket is None:
                    return served
                services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=now)
                served.append(ticket.pk)

        return run

    results, errors = run_together([desk_loop(d) for d in desks])
    assert not errors, errors
    served = [pk for batch in results for pk in batch]
    assert len(served) == total and len(set(served)) == total
    assert Ticket.objects.filter(status=TicketStatus.DONE).count() == total


def test_two_attendants_calling_to_the_same_desk_at_once_put_one_ticket_on_it(unit):
    calendar, offering, attendant = unit
    for minute in range(3):
        services.ticket_issue_walk_in(
            actor=attendant, calendar=calendar, service_id=offering.service_id, now=today_at(9, minute)
        )
    desk = add_desk(calendar)
    other = servant(calendar.unit.agency, AgencyRole.Role.ATTENDANT)

    def caller(actor):
        return lambda: services.ticket_call_next(
            actor=actor, calendar=calendar, desk_id=desk.pk, now=today_at(9, 5)
        )

    results, errors = run_together([caller(attendant), caller(other)])
    assert len(results) == 1 and results[0] is not None
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Ticket.objects.filter(desk=desk).count() == 1
    assert Ticket.objects.filter(status=TicketStatus.WAITING).count() == 2
