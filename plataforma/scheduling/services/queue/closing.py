"""The nightly closing of past days: no-shows, appointments of times the unit closed, and
attendances left open (ADR 0026)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from plataforma.common.audit import audit_record

from ...models import (
    Appointment,
    AppointmentStatus,
    Ticket,
    TicketStatus,
)
from ...selectors import queue as selectors
from .common import _leave_active

# booking owns the person's quota counter; an attendance that ends (done, no-show) frees a place.

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
