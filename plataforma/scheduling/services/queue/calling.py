"""Calling the next ticket, recall, attendance, outcome, no-show and the protocol of a request the
attendance led to (ADR 0026)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.protocols import protocol_normalise

from ...models import (
    Appointment,
    AppointmentStatus,
    Desk,
    Ticket,
    TicketStatus,
    UnitCalendar,
)
from ...selectors import queue as selectors

# booking owns the person's quota counter; an attendance that ends (done, no-show) frees a place.
from .common import _CALL_ATTEMPTS, CURRENT, NOTE_MAX, _check_unit_role, _leave_active

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
