"""Senhas: their series and numbers, check-in of appointments and walk-in tickets (ADR 0026)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.documents import is_valid_cpf, only_digits
from plataforma.identity.selectors import account_by_cpf

from ...models import (
    Appointment,
    AppointmentStatus,
    Priority,
    Ticket,
    TicketSequence,
    TicketStatus,
    UnitCalendar,
)
from ...selectors import queue as selectors

# booking owns the person's quota counter; an attendance that ends (done, no-show) frees a place.
from .common import (
    SERIES_APPOINTMENT,
    SERIES_PRIORITY,
    SERIES_WALK_IN,
    _check_unit_role,
    _local,
)


def ticket_series(*, priority: str, appointment: bool) -> str:
    """P for any legal priority (80+ included), A for an appointment, N for a walk-in."""
    if priority:
        return SERIES_PRIORITY
    return SERIES_APPOINTMENT if appointment else SERIES_WALK_IN


def ticket_prefix(calendar: UnitCalendar) -> str:
    """The unit's prefix as printed: upper-case ASCII letters and digits, at most 3."""
    raw = (calendar.ticket_prefix or "").upper()
    return "".join(ch for ch in raw if ch.isascii() and ch.isalnum())[:3]


def ticket_label(*, prefix: str, series: str, number: int) -> str:
    """ "P007", or "GT-P007" with a prefix; past 999 the number just grows ("N1000")."""
    body = f"{series}{number:03d}"
    return f"{prefix}-{body}" if prefix else body


def ticket_number_next(*, calendar: UnitCalendar, day, series: str) -> int:
    """Increment the (unit, day, series) counter in one statement and return the new number.

    The row lock the UPDATE takes is held until the caller's transaction ends: concurrent issuers
    wait for each other and a rollback gives the number back (no gaps). The day's first number
    creates the row with `INSERT … ON CONFLICT DO UPDATE … RETURNING`, safe when several
    transactions race to create it. PostgreSQL and SQLite ≥ 3.35."""
    if not connection.in_atomic_block:
        raise TransactionManagementError("ticket_number_next must run inside transaction.atomic().")
    table = connection.ops.quote_name(TicketSequence._meta.db_table)
    calendar_value = TicketSequence._meta.get_field("calendar").get_db_prep_value(calendar.pk, connection)
    day_value = connection.ops.adapt_datefield_value(day)
    params = [calendar_value, day_value, series]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 "  # noqa: S608 - our own table name
            "WHERE calendar_id = %s AND day = %s AND series = %s RETURNING last_number",
            params,
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"INSERT INTO {table} (calendar_id, day, series, last_number) "  # noqa: S608
                "VALUES (%s, %s, %s, 1) "
                f"ON CONFLICT (calendar_id, day, series) DO UPDATE SET last_number = {table}.last_number + 1 "
                "RETURNING last_number",
                params,
            )
            row = cursor.fetchone()
    return int(row[0])


def _issue(
    *,
    calendar: UnitCalendar,
    service_id,
    now: datetime,
    priority: str,
    appointment: Appointment | None = None,
    person_id=None,
    due_at: datetime | None = None,
) -> Ticket:
    day = selectors.local_today(now)
    series = ticket_series(priority=priority, appointment=appointment is not None)
    number = ticket_number_next(calendar=calendar, day=day, series=series)
    return Ticket.objects.create(
        calendar=calendar,
        day=day,
        label=ticket_label(prefix=ticket_prefix(calendar), series=series, number=number),
        service_id=service_id,
        appointment=appointment,
        person_id=person_id,
        priority=priority,
        rank=Priority.rank(priority),
        status=TicketStatus.WAITING,
        issued_at=now,
        due_at=due_at,
    )


# --- Check-in and walk-ins --------------------------------------------------------------------


def appointment_check_in(
    *, actor, calendar: UnitCalendar, appointment_id, accept_late: bool = False, now: datetime | None = None
) -> Ticket:
    """Check in today's appointment at its unit: the appointment becomes "presente" and gets a
    ticket in the queue (series A, or P with a legal priority), called from its time on.

    Allowed from CHECKIN_EARLY_MINUTES before the appointment to CHECKIN_LATE_MINUTES after it.
    Later, only with `accept_late` — the attendant's decision to attend the person anyway: the
    ticket then queues by arrival like a walk-in (no precedence of the appointment), still tied to
    the appointment so that its outcome is recorded on it."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    with transaction.atomic():
        try:
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("offering")
                .get(pk=appointment_id, offering__calendar=calendar)
            )
        except (Appointment.DoesNotExist, ValueError, TypeError, ValidationError):
            raise ValidationError({"appointment": _("Agendamento não encontrado nesta unidade.")}) from None
        starts = _local(appointment.starts_at)
        if starts.date() != selectors.local_today(now):
            raise ValidationError(
                _("Este agendamento é para %(day)s às %(time)s, não para hoje.")
                % {"day": starts.strftime("%d/%m/%Y"), "time": starts.strftime("%H:%M")}
            )
        if appointment.status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE):
            label = Ticket.objects.filter(appointment=appointment).values_list("label", flat=True).first()
            raise ValidationError(
                _("O check-in deste agendamento já foi feito: senha %(label)s.") % {"label": label or "—"},
                code="done",
            )
        if appointment.status != AppointmentStatus.BOOKED:
            raise ValidationError(
                _("Este agendamento está na situação “%(status)s” e não recebe check-in.")
                % {"status": appointment.get_status_display()}
            )
        opens, closes = selectors.checkin_window(appointment)
        if now < opens:
            raise ValidationError(
                _("Ainda é cedo: o check-in deste agendamento abre às %(time)s.")
                % {"time": _local(opens).strftime("%H:%M")},
                code="early",
            )
        late = now > closes
        if late and not accept_late:
            raise ValidationError(
                _(
                    "A tolerância para este agendamento terminou às %(time)s. Se a unidade puder "
                    "atender, emita uma senha por ordem de chegada."
                )
                % {"time": _local(closes).strftime("%H:%M")},
                code="late",
            )
        Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).update(
            status=AppointmentStatus.CHECKED_IN, checked_in_at=now, updated_at=now
        )
        ticket = _issue(
            calendar=calendar,
            service_id=appointment.offering.service_id,
            now=now,
            priority=appointment.priority,
            appointment=appointment,
            person_id=appointment.person_id,
            due_at=None if late else appointment.starts_at,
        )
        audit_record(
            actor=actor,
            action="scheduling.check_in",
            target=appointment,
            changes={"ticket": ticket.label, "late": late, "status": AppointmentStatus.CHECKED_IN},
            subject_user_id=appointment.person_id,
        )
    return ticket


def ticket_issue_walk_in(
    *,
    actor,
    calendar: UnitCalendar,
    service_id,
    priority: str = "",
    cpf: str = "",
    now: datetime | None = None,
) -> Ticket:
    """A ticket for someone without an appointment (atendimento espontâneo), for a service the
    unit attends, queued by arrival — or among the priorities when they declare one (shown at
    the desk with a document). With a CPF that has an MT Login account, the ticket is tied to
    the person (their attendance history, the protocol of a request opened from it); a CPF
    without an account is not kept."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    priority = priority or ""
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Escolha uma das prioridades da lista.")})
    try:
        service = selectors.unit_services(calendar).filter(pk=service_id).first()
    except (ValueError, TypeError, ValidationError):
        service = None
    if service is None:
        raise ValidationError({"service": _("Escolha um serviço atendido nesta unidade.")})
    person = None
    digits = only_digits(cpf or "")
    if cpf and cpf.strip():
        if not is_valid_cpf(digits):
            raise ValidationError({"cpf": _("CPF inválido: confira os 11 números.")})
        person = account_by_cpf(cpf=digits)
    with transaction.atomic():
        ticket = _issue(
            calendar=calendar,
            service_id=service.pk,
            now=now,
            priority=priority,
            person_id=person.pk if person else None,
        )
        audit_record(
            actor=actor,
            action="scheduling.walk_in",
            target=ticket,
            # whether there is a priority, not which (it may be health data, LGPD art. 5 II)
            changes={"ticket": ticket.label, "service": str(service.pk), "priority": bool(priority)},
            subject_user_id=person.pk if person else None,
        )
    return ticket
