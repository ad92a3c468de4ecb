"""The unit's calling queue (issue #5, "at the unit"): check-in of appointments, walk-in tickets,
calling the next ticket, recall, attendance, outcome, no-show, the protocol of a request the
attendance led to, and the nightly closing of past days (ADR 0026).

Every write takes the acting servant and checks that they work the unit (atendente or gestor of
its agency); every state change is one conditional UPDATE or runs under the row's lock, inside
one transaction with its audit row, so two desks never take the same ticket and a double click
never finishes an attendance twice. Errors are ValidationErrors with Portuguese messages (keyed
by form field where there is one) and leave everything as it was.

Senhas: a series letter — P (legal priority, 80+ included), A (appointment), N (walk-in) — and a
number per unit, day and series from TicketSequence, drawn like protocol numbers
(common.protocols): one `UPDATE … RETURNING` inside the ticket's transaction, so numbers are
unique and have no gaps whatever the concurrency. An optional unit prefix comes first: "GT-P012".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.calendar import CUIABA
from plataforma.common.documents import is_valid_cpf, only_digits
from plataforma.common.protocols import protocol_normalise
from plataforma.identity.selectors import account_by_cpf

from ..models import (
    Appointment,
    AppointmentStatus,
    Desk,
    Priority,
    Ticket,
    TicketSequence,
    TicketStatus,
    UnitCalendar,
)
from ..selectors import queue as selectors

# booking owns the person's quota counter; an attendance that ends (done, no-show) frees a place.
from .booking import appointment_quota_release as release_quota

SERIES_PRIORITY = "P"
SERIES_APPOINTMENT = "A"
SERIES_WALK_IN = "N"
NOTE_MAX = 1000
CURRENT = (TicketStatus.CALLED, TicketStatus.IN_SERVICE)
_CALL_ATTEMPTS = 5


def _check_unit_role(actor, calendar: UnitCalendar) -> None:
    if not selectors.can_work_unit(actor, calendar):
        raise PermissionDenied(_("Só atendentes e gestores do órgão desta unidade trabalham a fila."))


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, CUIABA)


# --- Senhas ----------------------------------------------------------------------------------


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


# --- Calling ---------------------------------------------------------------------------------


def _first_free(tickets) -> object | None:
    """The first ticket of an ordered queryset that no other transaction holds. On PostgreSQL
    the rows other desks are taking right now are skipped (SKIP LOCKED) instead of waited for;
    SQLite runs write transactions one at a time, so there is nothing to skip."""
    return tickets.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True).first()


def ticket_call_next(
    *, actor, calendar: UnitCalendar, desk_id, service_ids: list | None = None, now: datetime | None = None
) -> Ticket | None:
    """Call the next ticket to the desk ("Chamar próxima"); None when nobody is waiting.

    Order: selectors.queue.call_order (80+, other priorities, appointments whose time has come,
    everyone else by arrival). Anti-starvation (ADR 0026): when the last PRIORITY_STREAK calls of
    the day for these services were all priority tickets and a priority ticket is waiting, a
    non-priority ticket that has waited STARVATION_WAIT_MINUTES or more is called instead.

    Safe with many desks at once: the chosen row is taken by a conditional UPDATE (`… WHERE
    status = 'aguardando'`), so two desks never get the same ticket; PostgreSQL skips rows
    another desk is taking. A desk holds one ticket at a time: its own row is locked first, so two
    attendants sharing a desk cannot call two tickets to it."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    day = selectors.local_today(now)
    config = selectors.queue_config()
    service_ids = list(service_ids or [])
    with transaction.atomic():
        try:
            locked = Desk.objects.filter(pk=desk_id, calendar=calendar, active=True).update(updated_at=now)
        except (ValueError, TypeError, ValidationError):
            locked = 0
        if not locked:
            raise ValidationError({"desk": _("Escolha um guichê em uso desta unidade.")})
        desk = Desk.objects.get(pk=desk_id)
        busy = (
            Ticket.objects.filter(desk=desk, day=day, status__in=CURRENT)
            .values_list("label", flat=True)
            .first()
        )
        if busy:
            raise ValidationError(
                _(
                    "O %(desk)s ainda está com a senha %(label)s. Finalize o atendimento ou marque a "
                    "ausência antes de chamar a próxima."
                )
                % {"desk": desk.name, "label": busy},
                code="busy",
            )
        waiting = selectors.waiting_tickets(calendar=calendar, day=day, service_ids=service_ids)
        starving_rule = (
            selectors.priority_streak(
                calendar=calendar, day=day, length=config["PRIORITY_STREAK"], service_ids=service_ids
            )
            and waiting.filter(rank__lt=2).exists()
        )
        wait_limit = now - timedelta(minutes=config["STARVATION_WAIT_MINUTES"])
        for _attempt in range(_CALL_ATTEMPTS):
            picked, by_rule = None, False
            if starving_rule:
                starving = waiting.filter(rank__gte=2).alias(since=selectors.waiting_since_expression())
                picked = _first_free(selectors.call_order(starving.filter(since__lte=wait_limit), now))
                by_rule = picked is not None
            if picked is None:
                picked = _first_free(selectors.call_order(waiting, now))
            if picked is None:
                return None
            taken = Ticket.objects.filter(pk=picked, status=TicketStatus.WAITING).update(
                status=TicketStatus.CALLED,
                desk=desk,
                attendant=actor,
                called_at=now,
                call_count=1,
                updated_at=now,
            )
            if taken:
                break
        else:
            raise ValidationError(_("Muitas chamadas ao mesmo tempo nesta unidade. Tente de novo."))
        ticket = Ticket.objects.select_related("service", "desk").get(pk=picked)
        audit_record(
            actor=actor,
            action="scheduling.ticket_call",
            target=ticket,
            changes={"desk": str(desk.pk), "anti_starvation": by_rule, "status": TicketStatus.CALLED},
            subject_user_id=ticket.person_id,
        )
    return ticket


def _lock_ticket(calendar: UnitCalendar, ticket_id) -> Ticket:
    try:
        return (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("desk")
            .get(pk=ticket_id, calendar=calendar)
        )
    except (Ticket.DoesNotExist, ValueError, TypeError, ValidationError):
        raise ValidationError(_("Senha não encontrada nesta unidade.")) from None


def _lock_appointment(ticket: Ticket) -> Appointment | None:
    if ticket.appointment_id is None:
        return None
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("offering")
        .get(pk=ticket.appointment_id)
    )


def _wrong_state(ticket: Ticket, expected: str) -> ValidationError:
    return ValidationError(
        _("A senha %(label)s está “%(status)s”: %(expected)s")
        % {"label": ticket.label, "status": ticket.get_status_display(), "expected": expected},
        code="state",
    )


def ticket_recall(*, actor, calendar: UnitCalendar, ticket_id, now: datetime | None = None) -> Ticket:
    """Call the same ticket again (the person did not come to the desk yet): it goes back to
    the top of the waiting-room screen."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    with transaction.atomic():
        ticket = _lock_ticket(calendar, ticket_id)
        if ticket.status != TicketStatus.CALLED:
            raise _wrong_state(
                ticket, _("só uma senha chamada e ainda não atendida pode ser chamada de novo.")
            )
        ticket.called_at = now
        ticket.call_count = F("call_count") + 1
        ticket.save(update_fields=["called_at", "call_count", "updated_at"])
        ticket.refresh_from_db(fields=["call_count"])
        audit_record(
            actor=actor,
            action="scheduling.ticket_recall",
            target=ticket,
            changes={"call_count": ticket.call_count},
            subject_user_id=ticket.person_id,
        )
    return ticket


def ticket_start(*, actor, calendar: UnitCalendar, ticket_id, now: datetime | None = None) -> Ticket:
    """The person came to the desk: the attendance starts (the appointment is "em atendimento")."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    with transaction.atomic():
        ticket = _lock_ticket(calendar, ticket_id)
        if ticket.status != TicketStatus.CALLED:
            raise _wrong_state(ticket, _("só uma senha chamada pode começar a ser atendida."))
        appointment = _lock_appointment(ticket)
        ticket.status = TicketStatus.IN_SERVICE
        ticket.started_at = now
        ticket.attendant = actor
        ticket.save(update_fields=["status", "started_at", "attendant", "updated_at"])
        if appointment is not None and appointment.status == AppointmentStatus.CHECKED_IN:
            appointment.status = AppointmentStatus.IN_SERVICE
            appointment.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="scheduling.ticket_start",
            target=ticket,
            changes={"status": TicketStatus.IN_SERVICE},
            subject_user_id=ticket.person_id,
        )
    return ticket


def clean_note(note: str) -> str:
    """The outcome note as stored: plain text, control characters dropped, each line trimmed,
    at most NOTE_MAX characters (longer is an error, never silently cut)."""
    text = (note or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ch.isprintable())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = "\n".join(lines).strip()
    while "\n\n\n" in cleaned:
        cleaned = cleaned.replace("\n\n\n", "\n\n")
    if len(cleaned) > NOTE_MAX:
        raise ValidationError(
            {"note": _("Use no máximo %(n)d caracteres no registro do atendimento.") % {"n": NOTE_MAX}}
        )
    return cleaned


def _leave_active(appointment: Appointment) -> None:
    """An appointment that ends (done, no-show, closed) no longer counts in the person's limit of
    active appointments for the service."""
    release_quota(appointment)


def ticket_finish(
    *, actor, calendar: UnitCalendar, ticket_id, note: str = "", now: datetime | None = None
) -> Ticket:
    """End the attendance with its outcome: the ticket is "atendida"; the appointment, if any,
    "atendido", with `finished_at` and the note (what was done, what the person must do next —
    no personal data beyond what the attendance needs). A ticket still only called may be
    finished directly (the attendant skipped "Iniciar"). Finishing twice is refused."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    note = clean_note(note)
    with transaction.atomic():
        ticket = _lock_ticket(calendar, ticket_id)
        if ticket.status not in CURRENT:
            raise _wrong_state(ticket, _("só uma senha chamada ou em atendimento pode ser finalizada."))
        if note and ticket.appointment_id is None:
            # Ticket has no note column yet (ADR 0026): refuse rather than drop the text.
            raise ValidationError(
                {"note": _("O registro escrito é guardado só nos atendimentos agendados. Apague o texto.")}
            )
        appointment = _lock_appointment(ticket)
        ticket.status = TicketStatus.DONE
        ticket.started_at = ticket.started_at or now
        ticket.finished_at = now
        ticket.attendant = actor
        ticket.save(update_fields=["status", "started_at", "finished_at", "attendant", "updated_at"])
        if appointment is not None and appointment.status in (
            AppointmentStatus.CHECKED_IN,
            AppointmentStatus.IN_SERVICE,
        ):
            appointment.status = AppointmentStatus.DONE
            appointment.finished_at = now
            appointment.outcome_note = note
            appointment.save(update_fields=["status", "finished_at", "outcome_note", "updated_at"])
            _leave_active(appointment)
        audit_record(
            actor=actor,
            action="scheduling.ticket_finish",
            target=ticket,
            changes={"status": TicketStatus.DONE, "note": bool(note)},
            subject_user_id=ticket.person_id,
        )
    return ticket


def ticket_mark_absent(*, actor, calendar: UnitCalendar, ticket_id, now: datetime | None = None) -> Ticket:
    """The person did not come to the desk after being called: the ticket is "ausente" and the
    appointment, if any, "faltou"."""
    now = now or timezone.now()
    _check_unit_role(actor, calendar)
    with transaction.atomic():
        ticket = _lock_ticket(calendar, ticket_id)
        if ticket.status != TicketStatus.CALLED:
            raise _wrong_state(
                ticket, _("só uma senha chamada e não atendida pode ser marcada como ausente.")
            )
        appointment = _lock_appointment(ticket)
        ticket.status = TicketStatus.NO_SHOW
        ticket.finished_at = now
        ticket.save(update_fields=["status", "finished_at", "updated_at"])
        if appointment is not None and appointment.status == AppointmentStatus.CHECKED_IN:
            appointment.status = AppointmentStatus.NO_SHOW
            appointment.finished_at = now
            appointment.save(update_fields=["status", "finished_at", "updated_at"])
            _leave_active(appointment)
        audit_record(
            actor=actor,
            action="scheduling.ticket_no_show",
            target=ticket,
            changes={"status": TicketStatus.NO_SHOW},
            subject_user_id=ticket.person_id,
        )
    return ticket


def ticket_link_request(*, actor, calendar: UnitCalendar, ticket_id, protocol: str) -> Appointment:
    """Record on the appointment the protocol of the service request (issue #4) the person opened
    during or after the attendance. A servant never opens a request in a citizen's name (the
    request is the person's act, signed in with their MT Login): the attendant gives the person
    the link to the service's form and records the protocol they got. Only a request of this very
    person is accepted (checked as the person would see it: service_requests'
    request_for_requester)."""
    _check_unit_role(actor, calendar)
    normalised = protocol_normalise(protocol or "")
    if normalised is None:
        raise ValidationError(
            {
                "protocol": _(
                    "Protocolo inválido. Confira: ano, órgão, número e dígito, como 2026.DETRANMT.000123-4."
                )
            }
        )
    from plataforma.service_requests.selectors import request_for_requester

    with transaction.atomic():
        ticket = _lock_ticket(calendar, ticket_id)
        if ticket.status not in (TicketStatus.IN_SERVICE, TicketStatus.DONE):
            raise _wrong_state(ticket, _("registre o protocolo durante ou depois do atendimento."))
        appointment = _lock_appointment(ticket)
        if appointment is None or ticket.person_id is None:
            raise ValidationError(
                {
                    "protocol": _(
                        "O protocolo é registrado só nos atendimentos agendados, "
                        "que têm a pessoa identificada."
                    )
                }
            )
        request = request_for_requester(user=appointment.person, protocol=normalised)
        if request is None:
            raise ValidationError({"protocol": _("Este protocolo não é de um pedido desta pessoa.")})
        appointment.service_request_protocol = normalised
        appointment.save(update_fields=["service_request_protocol", "updated_at"])
        audit_record(
            actor=actor,
            action="scheduling.link_request",
            target=appointment,
            changes={"protocol": normalised},
            subject_user_id=appointment.person_id,
        )
    return appointment


# --- End of day ------------------------------------------------------------------------------

BATCH_SIZE = 500
MAX_BATCHES = 40


def _close_appointment(appointment_id, *, status: str, now: datetime, action: str) -> bool:
    """Move one active appointment of a past day to its final status (conditional, so two runs
    never do it twice) and free its place in the person's limit."""
    fields: dict = {"status": status, "updated_at": now}
    if status == AppointmentStatus.CANCELLED:
        fields["cancelled_at"] = now
    elif status == AppointmentStatus.NO_SHOW:
        fields["finished_at"] = now
    changed = Appointment.objects.filter(
        pk=appointment_id,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE),
    ).update(**fields)
    if not changed:
        return False
    appointment = Appointment.objects.select_related("offering").get(pk=appointment_id)
    _leave_active(appointment)
    audit_record(
        actor=None,
        action=action,
        target=appointment,
        changes={"status": status, "automatic": True},
        subject_user_id=appointment.person_id,
    )
    return True


def queue_close_past_days(*, now: datetime | None = None) -> dict[str, int]:
    """Close what the days before today left open (the nightly job, tasks.close_past_days):

    - booked appointments of past days that nobody checked in → "faltou";
    - tickets still waiting or called → "cancelada", their appointments "cancelado" (the person
      came; the unit did not attend them: not counted as a no-show);
    - tickets left "em atendimento" → "atendida" without a finishing time (the attendance happened
      but was not closed), their appointments "atendido".

    Idempotent and bounded (batches on indexed columns); runs concurrently with itself without
    doing anything twice (conditional updates). Returns the counts."""
    now = now or timezone.now()
    today = selectors.local_today(now)
    start_of_today, _end = selectors.day_bounds(today)
    counts = {"faltou": 0, "cancelados_pela_unidade": 0, "senhas_canceladas": 0, "senhas_atendidas": 0}
    for _batch in range(MAX_BATCHES):
        ids = list(
            Appointment.objects.filter(status=AppointmentStatus.BOOKED, starts_at__lt=start_of_today)
            .order_by("starts_at")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not ids:
            break
        closed_slots = set(
            Appointment.objects.filter(pk__in=ids, slot__open=False).values_list("pk", flat=True)
        )
        for appointment_id in ids:
            # the unit closed that time after the booking: not the person's absence
            unit_closed = appointment_id in closed_slots
            with transaction.atomic():
                if _close_appointment(
                    appointment_id,
                    status=AppointmentStatus.CANCELLED if unit_closed else AppointmentStatus.NO_SHOW,
                    now=now,
                    action="scheduling.closed_by_unit_auto" if unit_closed else "scheduling.no_show_auto",
                ):
                    counts["cancelados_pela_unidade" if unit_closed else "faltou"] += 1
    for _batch in range(MAX_BATCHES):
        tickets = list(
            Ticket.objects.filter(
                day__lt=today,
                status__in=(TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE),
            )
            .order_by("day", "issued_at")
            .values_list("pk", "status", "appointment_id")[:BATCH_SIZE]
        )
        if not tickets:
            break
        for ticket_id, status, appointment_id in tickets:
            done = status == TicketStatus.IN_SERVICE
            final = TicketStatus.DONE if done else TicketStatus.CANCELLED
            with transaction.atomic():
                changed = Ticket.objects.filter(pk=ticket_id, status=status).update(
                    status=final, updated_at=now
                )
                if not changed:
                    continue
                counts["senhas_atendidas" if done else "senhas_canceladas"] += 1
                if appointment_id is not None:
                    _close_appointment(
                        appointment_id,
                        status=AppointmentStatus.DONE if done else AppointmentStatus.CANCELLED,
                        now=now,
                        action="scheduling.close_auto",
                    )
    return counts
