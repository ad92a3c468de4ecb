"""The unit's queue services: check-in, walk-ins, senhas, the calling order with its anti-starvation
rule, attendance, outcome, no-show, the protocol of a request, and the nightly closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.transaction import TransactionManagementError

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ...models import AppointmentStatus, Priority, Ticket, TicketSequence, TicketStatus
from ...services import queue as services
from ..factories import add_appointment, add_desk, person, servant, today_at, unit_with_offering
from .conftest import call, check_in, walk_in

pytestmark = pytest.mark.django_db
Role = AgencyRole.Role


# --- Check-in --------------------------------------------------------------------------------


def test_check_in_on_time_marks_the_appointment_present_and_issues_an_appointment_ticket(
    calendar, offering, attendant
):
    appointment = add_appointment(offering, today_at(10))
    now = today_at(9, 40)
    ticket = check_in(attendant, calendar, appointment, now)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN
    assert appointment.checked_in_at == now
    assert ticket.label == "A001"
    assert ticket.appointment_id == appointment.pk
    assert ticket.person_id == appointment.person_id
    assert ticket.due_at == appointment.starts_at
    assert ticket.rank == 2 and ticket.status == TicketStatus.WAITING
    event = AuditEvent.objects.get(action="scheduling.check_in")
    assert event.subject_user_id == appointment.person_id
    assert event.actor_id == attendant.pk


def test_check_in_of_a_priority_appointment_issues_a_p_ticket_ranked_by_its_priority(
    calendar, offering, attendant
):
    appointment = add_appointment(offering, today_at(10), priority=Priority.AGE_80)
    ticket = check_in(attendant, calendar, appointment, today_at(9, 50))
    assert ticket.label == "P001" and ticket.rank == 0


def test_check_in_too_early_is_refused_and_changes_nothing(calendar, offering, attendant):
    appointment = add_appointment(offering, today_at(11))
    with pytest.raises(ValidationError) as caught:
        check_in(attendant, calendar, appointment, today_at(9, 59))
    assert caught.value.code == "early"
    assert "10:00" in caught.value.messages[0]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED and appointment.checked_in_at is None
    assert not Ticket.objects.exists() and not TicketSequence.objects.exists()


def test_a_late_arrival_is_refused_unless_the_attendant_accepts_it_at_the_end_of_the_line(
    calendar, offering, attendant
):
    appointment = add_appointment(offering, today_at(9))
    with pytest.raises(ValidationError) as caught:
        check_in(attendant, calendar, appointment, today_at(9, 31))
    assert caught.value.code == "late"
    assert not Ticket.objects.exists()
    ticket = check_in(attendant, calendar, appointment, today_at(9, 31), accept_late=True)
    assert ticket.due_at is None  # queued by arrival
    assert ticket.appointment_id == appointment.pk
    assert AuditEvent.objects.get(action="scheduling.check_in").changes["late"] is True


def test_the_check_in_window_comes_from_settings(calendar, offering, attendant, settings):
    settings.SCHEDULING_QUEUE = {"CHECKIN_EARLY_MINUTES": 10}
    appointment = add_appointment(offering, today_at(10))
    with pytest.raises(ValidationError):
        check_in(attendant, calendar, appointment, today_at(9, 45))
    assert check_in(attendant, calendar, appointment, today_at(9, 50))


def test_a_second_check_in_is_refused_with_the_ticket_already_issued(calendar, offering, attendant):
    appointment = add_appointment(offering, today_at(10))
    ticket = check_in(attendant, calendar, appointment, today_at(9, 40))
    with pytest.raises(ValidationError) as caught:
        check_in(attendant, calendar, appointment, today_at(9, 41))
    assert ticket.label in caught.value.messages[0]
    assert Ticket.objects.count() == 1
    assert TicketSequence.objects.get().last_number == 1


def test_check_in_of_an_appointment_of_another_unit_or_day_or_cancelled_is_refused(
    calendar, offering, attendant
):
    _other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    elsewhere = add_appointment(other_offering, today_at(10))
    tomorrow = add_appointment(offering, today_at(10) + timedelta(days=1))
    cancelled = add_appointment(offering, today_at(10, 20), status=AppointmentStatus.CANCELLED)
    for appointment, message in (
        (elsewhere, "não encontrado"),
        (tomorrow, "não para hoje"),
        (cancelled, "Cancelado"),
    ):
        with pytest.raises(ValidationError) as caught:
            check_in(attendant, calendar, appointment, today_at(9, 50))
        assert message in " ".join(caught.value.messages)
    with pytest.raises(ValidationError):
        services.appointment_check_in(actor=attendant, calendar=calendar, appointment_id="not-a-uuid")
    assert not Ticket.objects.exists()


def test_people_who_do_not_work_the_unit_cannot_check_in_or_issue_tickets(calendar, offering):
    agency = calendar.unit.agency
    appointment = add_appointment(offering, today_at(10))
    outsiders = [
        person(),
        servant(agency, Role.ANALYST),
        servant(agency, Role.CARTA_EDITOR),
        servant(AgencyFactory(), Role.ATTENDANT, Role.MANAGER),
    ]
    revoked = servant(agency, Role.ATTENDANT)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=today_at(8))
    outsiders.append(revoked)
    desk = add_desk(calendar)
    for outsider in outsiders:
        with pytest.raises(PermissionDenied):
            check_in(outsider, calendar, appointment, today_at(9, 50))
        with pytest.raises(PermissionDenied):
            walk_in(outsider, calendar, offering, today_at(9, 50))
        with pytest.raises(PermissionDenied):
            call(outsider, calendar, desk, today_at(9, 50))
    assert not Ticket.objects.exists()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_the_agency_gestor_works_the_queue_too(calendar, offering):
    gestor = servant(calendar.unit.agency, Role.MANAGER)
    assert walk_in(gestor, calendar, offering, today_at(9)).label == "N001"


# --- Walk-ins and senhas ---------------------------------------------------------------------


def test_senhas_are_numbered_per_series_with_the_unit_prefix(calendar, attendant):
    calendar, offering = unit_with_offering(calendar.unit.agency, prefix="gt")
    labels = [
        walk_in(attendant, calendar, offering, today_at(9)).label,
        walk_in(attendant, calendar, offering, today_at(9), priority=Priority.PREGNANT).label,
        walk_in(attendant, calendar, offering, today_at(9)).label,
        walk_in(attendant, calendar, offering, today_at(9), priority=Priority.AGE_80).label,
    ]
    assert labels == ["GT-N001", "GT-P001", "GT-N002", "GT-P002"]


def test_senhas_start_again_each_day(calendar, offering, attendant):
    assert walk_in(attendant, calendar, offering, today_at(9)).label == "N001"
    assert walk_in(attendant, calendar, offering, today_at(9) + timedelta(days=1)).label == "N001"


def test_a_rolled_back_ticket_gives_its_number_back(calendar, offering, attendant):
    with pytest.raises(RuntimeError), transaction.atomic():
        walk_in(attendant, calendar, offering, today_at(9))
        raise RuntimeError("the caller's transaction fails")
    assert walk_in(attendant, calendar, offering, today_at(9)).label == "N001"


@pytest.mark.django_db(transaction=True)
def test_numbers_are_drawn_only_inside_a_transaction(calendar):
    with pytest.raises(TransactionManagementError):
        services.ticket_number_next(calendar=calendar, day=today_at(9).date(), series="N")


def test_a_walk_in_with_the_cpf_of_an_account_is_tied_to_the_person(calendar, offering, attendant):
    someone = person()
    formatted = f"{someone.cpf[:3]}.{someone.cpf[3:6]}.{someone.cpf[6:9]}-{someone.cpf[9:]}"
    ticket = walk_in(attendant, calendar, offering, today_at(9), cpf=formatted, priority=Priority.AGE_60)
    assert ticket.person_id == someone.pk
    assert ticket.rank == 1 and ticket.label == "P001"
    event = AuditEvent.objects.get(action="scheduling.walk_in")
    assert event.subject_user_id == someone.pk
    assert event.changes["priority"] is True and "idoso60" not in str(event.changes)


def test_a_walk_in_with_a_cpf_without_account_is_issued_without_a_person(calendar, offering, attendant):
    ticket = walk_in(attendant, calendar, offering, today_at(9), cpf="529.982.247-25")
    assert ticket.person_id is None


def test_bad_walk_in_input_is_refused_field_by_field_and_issues_nothing(calendar, offering, attendant):
    _other_calendar, other_offering = unit_with_offering()
    cases = [
        ({"cpf": "529.982.247-24"}, "cpf"),
        ({"cpf": "111.111.111-11"}, "cpf"),
        ({"priority": "vip"}, "priority"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as caught:
            walk_in(attendant, calendar, offering, today_at(9), **kwargs)
        assert field in caught.value.message_dict
    for service_id in (other_offering.service_id, "not-a-uuid", None):
        with pytest.raises(ValidationError) as caught:
            services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=service_id)
        assert "service" in caught.value.message_dict
    assert not Ticket.objects.exists() and not TicketSequence.objects.exists()


def test_a_service_the_carta_lists_at_the_unit_takes_walk_ins(calendar, attendant):
    _other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    service = other_offering.service
    service.units.add(calendar.unit)
    ticket = services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=service.pk, now=today_at(9)
    )
    assert ticket.service_id == service.pk
