"""The calling queue: the order of calls with the legal priorities, anti-starvation, desks, attendance,
outcomes, no-shows and the protocol of a request (ADR 0026)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ...models import AppointmentStatus, Priority, Ticket, TicketStatus
from ...selectors import queue as selectors
from ...services import queue as services
from ..factories import add_appointment, add_desk, person, quota_of, today_at, unit_with_offering
from .conftest import call, check_in, finish_current, walk_in

pytestmark = pytest.mark.django_db
Role = AgencyRole.Role


# --- Calling ---------------------------------------------------------------------------------


def test_the_calling_order_is_80_plus_priorities_due_appointments_then_arrival(
    calendar, offering, attendant, desk
):
    walk = walk_in(attendant, calendar, offering, today_at(9, 0))
    due = check_in(attendant, calendar, add_appointment(offering, today_at(10)), today_at(9, 30))
    early = check_in(attendant, calendar, add_appointment(offering, today_at(10, 40)), today_at(9, 40))
    sixty = walk_in(attendant, calendar, offering, today_at(9, 50), priority=Priority.AGE_60)
    eighty = walk_in(attendant, calendar, offering, today_at(9, 55), priority=Priority.AGE_80)
    late_walk = walk_in(attendant, calendar, offering, today_at(9, 56))
    now = today_at(10, 1)
    shown = [row.ticket.pk for row in selectors.queue_rows(calendar=calendar, day=now.date(), now=now)]
    called = []
    for minute in range(6):
        ticket = call(attendant, calendar, desk, now + timedelta(seconds=minute))
        called.append(ticket.pk)
        finish_current(attendant, calendar, ticket, now + timedelta(seconds=minute))
    expected = [eighty.pk, sixty.pk, due.pk, walk.pk, early.pk, late_walk.pk]
    assert called == expected
    assert shown == expected
    assert call(attendant, calendar, desk, now + timedelta(minutes=1)) is None


def test_an_early_appointment_jumps_ahead_once_its_time_comes(calendar, offering, attendant, desk):
    walk = walk_in(attendant, calendar, offering, today_at(9, 0))
    early = check_in(attendant, calendar, add_appointment(offering, today_at(9, 30)), today_at(9, 10))
    ticket = call(attendant, calendar, desk, today_at(9, 31))
    assert ticket.pk == early.pk
    finish_current(attendant, calendar, ticket, today_at(9, 32))
    assert call(attendant, calendar, desk, today_at(9, 33)).pk == walk.pk


def _two_priority_calls(attendant, calendar, offering, desk, start):
    for minute in (0, 1):
        walk_in(attendant, calendar, offering, start + timedelta(minutes=minute), priority=Priority.PREGNANT)
    for minute in (2, 3):
        ticket = call(attendant, calendar, desk, start + timedelta(minutes=minute))
        assert ticket.rank == 1
        finish_current(attendant, calendar, ticket, start + timedelta(minutes=minute))


def test_after_two_priority_calls_a_long_waiting_walk_in_goes_first(calendar, offering, attendant, desk):
    waiting = walk_in(attendant, calendar, offering, today_at(9, 0))
    _two_priority_calls(attendant, calendar, offering, desk, today_at(9, 20))
    priority = walk_in(attendant, calendar, offering, today_at(9, 25), priority=Priority.DISABILITY)
    ticket = call(attendant, calendar, desk, today_at(9, 31))  # the walk-in waited 31 minutes
    assert ticket.pk == waiting.pk
    assert (
        AuditEvent.objects.filter(action="scheduling.ticket_call")
        .order_by("occurred_at")
        .last()
        .changes["anti_starvation"]
    )
    finish_current(attendant, calendar, ticket, today_at(9, 32))
    assert call(attendant, calendar, desk, today_at(9, 33)).pk == priority.pk


def test_priorities_keep_going_first_while_nobody_waited_too_long(calendar, offering, attendant, desk):
    walk_in(attendant, calendar, offering, today_at(9, 10))
    _two_priority_calls(attendant, calendar, offering, desk, today_at(9, 20))
    priority = walk_in(attendant, calendar, offering, today_at(9, 25), priority=Priority.DISABILITY)
    assert call(attendant, calendar, desk, today_at(9, 30)).pk == priority.pk  # 20 minutes only


def test_the_anti_starvation_rule_can_be_turned_off(calendar, offering, attendant, desk, settings):
    settings.SCHEDULING_QUEUE = {"PRIORITY_STREAK": 0}
    walk_in(attendant, calendar, offering, today_at(8, 0))
    _two_priority_calls(attendant, calendar, offering, desk, today_at(9, 20))
    priority = walk_in(attendant, calendar, offering, today_at(9, 25), priority=Priority.DISABILITY)
    assert call(attendant, calendar, desk, today_at(9, 31)).pk == priority.pk


def test_a_desk_attends_one_ticket_at_a_time(calendar, offering, attendant, desk):
    walk_in(attendant, calendar, offering, today_at(9))
    walk_in(attendant, calendar, offering, today_at(9))
    first = call(attendant, calendar, desk, today_at(9, 1))
    with pytest.raises(ValidationError) as caught:
        call(attendant, calendar, desk, today_at(9, 2))
    assert first.label in caught.value.messages[0]
    assert Ticket.objects.filter(status=TicketStatus.WAITING).count() == 1


def test_calling_to_a_desk_of_another_unit_or_an_inactive_desk_is_refused(calendar, offering, attendant):
    walk_in(attendant, calendar, offering, today_at(9))
    other_calendar, _ = unit_with_offering(calendar.unit.agency)
    for desk_id in (add_desk(other_calendar).pk, add_desk(calendar, "Mesa 9", active=False).pk, "x", None):
        with pytest.raises(ValidationError) as caught:
            services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk_id, now=today_at(9, 1))
        assert "desk" in caught.value.message_dict
    assert Ticket.objects.get().status == TicketStatus.WAITING


def test_a_desk_may_call_only_the_services_it_attends(calendar, offering, attendant, desk):
    other_service_offering = unit_with_offering(calendar.unit.agency)[1]
    other_service_offering.service.units.add(calendar.unit)
    first = walk_in(attendant, calendar, offering, today_at(9))
    other = services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=other_service_offering.service_id, now=today_at(9, 5)
    )
    ticket = call(attendant, calendar, desk, today_at(9, 10), service_ids=[other_service_offering.service_id])
    assert ticket.pk == other.pk
    assert Ticket.objects.get(pk=first.pk).status == TicketStatus.WAITING


def test_tickets_of_other_days_are_not_called(calendar, offering, attendant, desk):
    walk_in(attendant, calendar, offering, today_at(9) - timedelta(days=1))
    assert call(attendant, calendar, desk, today_at(9)) is None


# --- Attendance ------------------------------------------------------------------------------


def test_recall_start_and_finish_record_the_outcome_on_the_appointment(calendar, offering, attendant, desk):
    appointment = add_appointment(offering, today_at(10))
    assert quota_of(appointment) == 1
    check_in(attendant, calendar, appointment, today_at(9, 50))
    ticket = call(attendant, calendar, desk, today_at(10))
    assert ticket.desk_id == desk.pk and ticket.call_count == 1 and ticket.attendant_id == attendant.pk
    recalled = services.ticket_recall(
        actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(10, 2)
    )
    assert recalled.call_count == 2 and recalled.called_at == today_at(10, 2)
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(10, 3))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.IN_SERVICE
    services.ticket_finish(
        actor=attendant,
        calendar=calendar,
        ticket_id=ticket.pk,
        note="  Documento entregue.\r\n\r\n\r\n\r\nRetorno em 10 dias \x00 úteis. ",
        now=today_at(10, 20),
    )
    appointment.refresh_from_db()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE and ticket.finished_at == today_at(10, 20)
    assert appointment.status == AppointmentStatus.DONE
    assert appointment.finished_at == today_at(10, 20)
    assert appointment.outcome_note == "Documento entregue.\n\nRetorno em 10 dias úteis."
    assert quota_of(appointment) == 0  # the person may book the service again


def test_finishing_twice_is_refused_and_changes_nothing(calendar, offering, attendant, desk):
    appointment = add_appointment(offering, today_at(10))
    check_in(attendant, calendar, appointment, today_at(9, 50))
    ticket = call(attendant, calendar, desk, today_at(10))
    services.ticket_finish(
        actor=attendant, calendar=calendar, ticket_id=ticket.pk, note="Feito", now=today_at(10, 5)
    )
    with pytest.raises(ValidationError) as caught:
        services.ticket_finish(
            actor=attendant, calendar=calendar, ticket_id=ticket.pk, note="Outra", now=today_at(10, 9)
        )
    assert "Atendida" in caught.value.messages[0]
    appointment.refresh_from_db()
    assert appointment.outcome_note == "Feito" and appointment.finished_at == today_at(10, 5)
    assert quota_of(appointment) == 0
    assert AuditEvent.objects.filter(action="scheduling.ticket_finish").count() == 1


def test_a_called_person_who_does_not_come_is_marked_absent_and_the_appointment_missed(
    calendar, offering, attendant, desk
):
    appointment = add_appointment(offering, today_at(10))
    check_in(attendant, calendar, appointment, today_at(9, 50))
    ticket = call(attendant, calendar, desk, today_at(10))
    services.ticket_mark_absent(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(10, 6))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.NO_SHOW
    assert quota_of(appointment) == 0
    # the desk is free again
    walk_in(attendant, calendar, offering, today_at(10, 7))
    assert call(attendant, calendar, desk, today_at(10, 8)).label == "N001"


def test_actions_out_of_order_are_refused(calendar, offering, attendant, desk):
    waiting = walk_in(attendant, calendar, offering, today_at(9))
    for action in (
        services.ticket_recall,
        services.ticket_start,
        services.ticket_mark_absent,
        services.ticket_finish,
    ):
        with pytest.raises(ValidationError):
            action(actor=attendant, calendar=calendar, ticket_id=waiting.pk, now=today_at(9, 1))
    ticket = call(attendant, calendar, desk, today_at(9, 2))
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(9, 3))
    for action in (services.ticket_recall, services.ticket_start, services.ticket_mark_absent):
        with pytest.raises(ValidationError):
            action(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(9, 4))
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.IN_SERVICE


def test_a_ticket_of_another_unit_is_not_found(calendar, offering, attendant):
    other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    foreign = walk_in(attendant, calendar=other_calendar, offering=other_offering, now=today_at(9))
    for action in (
        services.ticket_recall,
        services.ticket_start,
        services.ticket_mark_absent,
        services.ticket_finish,
    ):
        with pytest.raises(ValidationError) as caught:
            action(actor=attendant, calendar=calendar, ticket_id=foreign.pk, now=today_at(9, 1))
        assert "não encontrada" in caught.value.messages[0]
    assert Ticket.objects.get(pk=foreign.pk).status == TicketStatus.WAITING


def test_outcome_notes_are_limited_and_kept_only_for_appointments(calendar, offering, attendant, desk):
    appointment = add_appointment(offering, today_at(10))
    check_in(attendant, calendar, appointment, today_at(9, 50))
    ticket = call(attendant, calendar, desk, today_at(10))
    with pytest.raises(ValidationError) as caught:
        services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=ticket.pk, note="x" * 1001)
    assert "note" in caught.value.message_dict
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.CALLED
    services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(10, 5))
    walk = walk_in(attendant, calendar, offering, today_at(10, 6))
    call(attendant, calendar, desk, today_at(10, 7))
    with pytest.raises(ValidationError) as caught:
        services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=walk.pk, note="Algo")
    assert "note" in caught.value.message_dict
    assert Ticket.objects.get(pk=walk.pk).status == TicketStatus.CALLED
    services.ticket_finish(actor=attendant, calendar=calendar, ticket_id=walk.pk, note="   ")
    assert Ticket.objects.get(pk=walk.pk).status == TicketStatus.DONE


# --- The protocol of a request opened from the attendance ------------------------------------


def test_the_protocol_of_the_persons_own_request_is_recorded_on_the_appointment(
    calendar, offering, attendant, desk
):
    from plataforma.service_requests.tests.factories import service_with_form, submit

    appointment = add_appointment(offering, today_at(10))
    check_in(attendant, calendar, appointment, today_at(9, 50))
    ticket = call(attendant, calendar, desk, today_at(10))
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=ticket.pk, now=today_at(10, 1))
    service = service_with_form()
    theirs = submit(service, appointment.person)
    someone_elses = submit(service, person())

    def link(protocol):
        return services.ticket_link_request(
            actor=attendant, calendar=calendar, ticket_id=ticket.pk, protocol=protocol
        )

    for protocol in ("2026.XX.000001-0", "qualquer coisa", "", someone_elses.protocol):
        with pytest.raises(ValidationError) as caught:
            link(protocol)
        assert "protocol" in caught.value.message_dict
    appointment.refresh_from_db()
    assert appointment.service_request_protocol == ""
    link(f"  {theirs.protocol.lower()} ")
    appointment.refresh_from_db()
    assert appointment.service_request_protocol == theirs.protocol
    assert AuditEvent.objects.get(action="scheduling.link_request").subject_user_id == appointment.person_id


def test_a_protocol_cannot_be_recorded_before_the_attendance_or_on_a_walk_in(
    calendar, offering, attendant, desk
):
    walk = walk_in(attendant, calendar, offering, today_at(9), cpf=person().cpf)
    with pytest.raises(ValidationError):
        services.ticket_link_request(
            actor=attendant, calendar=calendar, ticket_id=walk.pk, protocol="2026.SEFAZ.000001-1"
        )
    call(attendant, calendar, desk, today_at(9, 1))
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=walk.pk, now=today_at(9, 2))
    with pytest.raises(ValidationError) as caught:
        services.ticket_link_request(
            actor=attendant, calendar=calendar, ticket_id=walk.pk, protocol="2026.SEFAZ.000001-1"
        )
    assert "protocol" in caught.value.message_dict


# --- End of day ------------------------------------------------------------------------------


def test_the_nightly_job_closes_what_past_days_left_open(calendar, offering, attendant, desk):
    yesterday = today_at(10) - timedelta(days=1)
    missed = add_appointment(offering, yesterday)
    served = add_appointment(offering, yesterday + timedelta(minutes=20))
    left_waiting = add_appointment(offering, yesterday + timedelta(minutes=40))
    todays = add_appointment(offering, today_at(8))
    check_in(attendant, calendar, served, yesterday + timedelta(minutes=15))
    check_in(attendant, calendar, left_waiting, yesterday + timedelta(minutes=35))
    in_service = call(attendant, calendar, desk, yesterday + timedelta(minutes=45))
    assert in_service.appointment_id == served.pk
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=in_service.pk, now=yesterday)
    walk = walk_in(attendant, calendar, offering, yesterday)
    todays_walk = walk_in(attendant, calendar, offering, today_at(0, 5))

    counts = services.queue_close_past_days(now=today_at(0, 30))

    assert counts == {
        "faltou": 1,
        "cancelados_pela_unidade": 0,
        "senhas_canceladas": 2,
        "senhas_atendidas": 1,
    }
    for appointment in (missed, served, left_waiting, todays):
        appointment.refresh_from_db()
    assert missed.status == AppointmentStatus.NO_SHOW
    assert served.status == AppointmentStatus.DONE
    assert left_waiting.status == AppointmentStatus.CANCELLED  # came, was not attended: no no-show
    assert todays.status == AppointmentStatus.BOOKED
    assert [quota_of(a) for a in (missed, served, left_waiting, todays)] == [0, 0, 0, 1]
    assert Ticket.objects.get(pk=in_service.pk).status == TicketStatus.DONE
    assert Ticket.objects.get(pk=walk.pk).status == TicketStatus.CANCELLED
    assert Ticket.objects.get(pk=todays_walk.pk).status == TicketStatus.WAITING
    assert AuditEvent.objects.filter(
        action="scheduling.no_show_auto", subject_user_id=missed.person_id
    ).exists()
    # a second run finds nothing left
    assert services.queue_close_past_days(now=today_at(0, 45)) == {
        "faltou": 0,
        "cancelados_pela_unidade": 0,
        "senhas_canceladas": 0,
        "senhas_atendidas": 0,
    }


def test_the_celery_task_runs_the_nightly_closing(calendar, offering):
    from ... import tasks

    missed = add_appointment(offering, today_at(10) - timedelta(days=2))
    result = tasks.close_past_days.delay().get()
    assert result["faltou"] == 1
    missed.refresh_from_db()
    assert missed.status == AppointmentStatus.NO_SHOW
    assert quota_of(missed) == 0
