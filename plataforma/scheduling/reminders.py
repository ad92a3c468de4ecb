"""The reminder the day before an appointment (issue #5; Lei 14.129 art. 21 X and art. 27: the
person is notified on the channels they chose — in the platform always, by e-mail when their
preference allows and their address is confirmed).

`send_appointment_reminders` runs periodically (Celery beat, every 15 minutes by default). It finds
booked appointments that start within the lead time (SCHEDULING_REMINDER_LEAD_HOURS, 24 by
default) and were not reminded yet, using the partial index `scheduling_appt_remind_idx`.

Exactly once, whatever the number of workers: each appointment is claimed by a conditional UPDATE
(`… SET reminded_at = now WHERE id = … AND reminded_at IS NULL AND status = 'agendado'`) in the
same transaction that creates the notification. Two workers racing for the same row: the second
UPDATE waits for the first one's commit, re-reads the row and matches nothing, so it sends nothing.
A failure to create the notification rolls the claim back, and the next run tries again.

Appointments booked after their reminder would have been due (booked less than the lead time
ahead) are not reminded: the booking's own confirmation has just told them everything.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.calendar import CUIABA
from plataforma.notifications.services import notification_send

from .carta import documents_to_bring
from .ics import code_display
from .models import Appointment, AppointmentStatus, Mode

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 50
DEFAULT_LEAD_HOURS = 24
MAX_DOCUMENTS_LISTED = 10


def reminder_lead() -> timedelta:
    hours = int(getattr(settings, "SCHEDULING_REMINDER_LEAD_HOURS", DEFAULT_LEAD_HOURS) or DEFAULT_LEAD_HOURS)
    return timedelta(hours=max(1, hours))


def _due(now: datetime, lead: timedelta):
    """Booked, not reminded, starting within the lead time, and booked before the reminder was due."""
    booked_ahead = ExpressionWrapper(F("starts_at") - Value(lead), output_field=DurationField())
    return Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        slot__open=True,  # a time the unit has since closed gets no "see you tomorrow"
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + lead,
        created_at__lte=booked_ahead,
    )


def _reminder_text(appointment: Appointment) -> tuple[str, str]:
    offering = appointment.offering
    unit = offering.calendar.unit
    service = offering.service
    local = timezone.localtime(appointment.starts_at, CUIABA)
    today = timezone.localtime(timezone.now(), CUIABA).date()
    if local.date() == today:
        when = _("hoje")
    elif local.date() == today + timedelta(days=1):
        when = _("amanhã")
    else:
        when = _("em %(day)s") % {"day": local.strftime("%d/%m/%Y")}
    title = _("Lembrete: %(service)s %(when)s às %(time)s") % {
        "service": service.name,
        "when": when,
        "time": local.strftime("%H:%M"),
    }
    lines = [
        _("Seu atendimento é %(when)s (%(day)s) às %(time)s. Código: %(code)s.")
        % {
            "when": when,
            "day": local.strftime("%d/%m/%Y"),
            "time": local.strftime("%H:%M"),
            "code": code_display(appointment.code),
        }
    ]
    if offering.mode == Mode.VIDEO:
        lines.append(_("É por vídeo: entre na sala pelo link na página do agendamento, no horário marcado."))
    elif offering.mode == Mode.PHONE:
        lines.append(_("É por telefone: o órgão vai ligar para o celular da sua conta no horário marcado."))
    else:
        lines.append(_("Local: %(unit)s — %(address)s.") % {"unit": unit.name, "address": unit.address})
    documents = documents_to_bring(service=service)
    if documents:
        shown = "; ".join(documents[:MAX_DOCUMENTS_LISTED])
        more = len(documents) - MAX_DOCUMENTS_LISTED
        lines.append(
            _("Leve: %(documents)s") % {"documents": shown} + (f" (+{more})" if more > 0 else "") + "."
        )
    lines.append(_("Se não puder ir, cancele ou remarque pela página do agendamento."))
    return title, "\n".join(lines)


def _remind_one(appointment_id, now: datetime) -> bool:
    with transaction.atomic():
        claimed = Appointment.objects.filter(
            pk=appointment_id, reminded_at__isnull=True, status=AppointmentStatus.BOOKED
        ).update(reminded_at=now, updated_at=now)
        if not claimed:
            return False
        appointment = Appointment.objects.select_related(
            "person", "offering__calendar__unit", "offering__service"
        ).get(pk=appointment_id)
        title, body = _reminder_text(appointment)
        notification_send(
            user=appointment.person,
            title=title,
            body=body,
            url=reverse("scheduling_citizen:detail", args=[appointment.code]),
            category="geral",
        )
    return True


@shared_task(name="plataforma.scheduling.reminders.send_appointment_reminders")
def send_appointment_reminders() -> int:
    """Remind every booked appointment due within the lead time, once (see the module's
    docstring). Returns how many reminders this run sent."""
    now = timezone.now()
    lead = reminder_lead()
    sent = 0
    failed: set = set()
    for _batch in range(MAX_BATCHES):
        due = _due(now, lead).exclude(pk__in=failed).order_by("starts_at", "id")
        ids = list(due.values_list("id", flat=True)[:BATCH_SIZE])
        for appointment_id in ids:
            try:
                sent += _remind_one(appointment_id, now)
            except Exception:
                # one broken row must not hold back everyone else's reminder; it is retried
                # by the next run (its claim was rolled back with the failure)
                logger.exception("appointment reminder failed for %s", appointment_id)
                failed.add(appointment_id)
        if len(ids) < BATCH_SIZE:
            break
    if sent:
        logger.info("sent %d appointment reminders", sent)
    return sent
