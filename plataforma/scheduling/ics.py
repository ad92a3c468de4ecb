"""The appointment as an iCalendar file (RFC 5545; iTIP methods of RFC 5546), for the person's own
calendar app: "Adicionar à agenda" on the confirmation page and `GET …/agendamento.ics` in the API.

- One event per booking, whatever its reschedulings: the UID is the first appointment's of the
  chain (`rescheduled_from`), and SEQUENCE grows with each rescheduling (and once more when the
  appointment is cancelled). Importing the newer file moves the event in the calendar app instead
  of leaving the old time behind. A replaced (rescheduled) appointment is represented by its
  successor: see `appointment_latest`.
- Times in America/Cuiaba with its VTIMEZONE (no daylight saving since 2019; the component is
  generated from the tz database for the appointment's year either side).
- METHOD:PUBLISH and STATUS:CONFIRMED while it stands; METHOD:CANCEL and STATUS:CANCELLED once
  cancelled, so that the calendar app drops the event.
- A display alarm the day before.

The file holds what the person needs at the time (code, place or meeting link, documents to bring)
and nothing more: no CPF, no name, not the kind of priority declared (it may be health data, and
calendars are synchronised to third-party services).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, vCalAddress, vText, vUri

from plataforma.common.calendar import CUIABA

from .models import Appointment, AppointmentStatus, Mode
from .places import opening_hours_lines

PRODID = "-//Governo de Mato Grosso//Portal de Servicos - Agendamento//PT-BR"
CONTENT_TYPE = "text/calendar; charset=utf-8"
MAX_CHAIN = 100  # reschedulings followed; a person cannot reach it, rows are bounded anyway
REMINDER_BEFORE = timedelta(days=1)


def code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def appointment_latest(appointment: Appointment) -> Appointment:
    """The appointment that stands for this booking now: itself, or the last of its
    reschedulings (the person's old link to a replaced appointment shows the new time)."""
    current = appointment
    for _step in range(MAX_CHAIN):
        if current.status != AppointmentStatus.RESCHEDULED:
            return current
        successor = (
            Appointment.objects.select_related(
                "offering__calendar__unit", "offering__service__agency", "slot"
            )
            .filter(rescheduled_from=current)
            .first()
        )
        if successor is None:
            return current
        current = successor
    return current


def _chain_root(appointment: Appointment) -> tuple[str, int]:
    """(id of the first appointment of the chain, number of reschedulings up to this one)."""
    root_id, depth, previous = appointment.pk, 0, appointment.rescheduled_from_id
    while previous is not None and depth < MAX_CHAIN:
        root_id, depth = previous, depth + 1
        previous = (
            Appointment.objects.filter(pk=previous).values_list("rescheduled_from_id", flat=True).first()
        )
    return str(root_id), depth


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mt.gov.br"


def _uid(root_id: str) -> str:
    return f"agendamento-{root_id}@{_host()}"


def appointment_uid(appointment: Appointment) -> str:
    """The iCalendar UID of the booking `appointment` belongs to (its first appointment's)."""
    return _uid(_chain_root(appointment)[0])


def _page_url(appointment: Appointment) -> str:
    path = reverse("scheduling_citizen:detail", args=[appointment.code])
    return settings.SITE_URL.rstrip("/") + path


def _organizer(appointment: Appointment) -> vCalAddress:
    unit = appointment.offering.calendar.unit
    agency = appointment.offering.service.agency
    address = unit.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "nao-responda@mt.gov.br"
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(agency.name)
    return organizer


def _description(appointment: Appointment, *, documents: list[str]) -> str:
    offering = appointment.offering
    unit = offering.calendar.unit
    service = offering.service
    lines = [
        _("Código do agendamento: %(code)s") % {"code": code_display(appointment.code)},
        _("Serviço: %(service)s") % {"service": service.name},
        _("Órgão: %(agency)s") % {"agency": service.agency.name},
    ]
    if appointment.status == AppointmentStatus.CANCELLED:
        lines.insert(0, _("AGENDAMENTO CANCELADO."))
    if offering.mode == Mode.VIDEO:
        lines.append(
            _("Atendimento por vídeo. Entre na sala no horário marcado: %(url)s")
            % {"url": appointment.meeting_url}
        )
    elif offering.mode == Mode.PHONE:
        lines.append(
            _("Atendimento por telefone: o órgão liga para o celular da sua conta no horário marcado.")
        )
    else:
        lines.append(_("Local: %(unit)s — %(address)s") % {"unit": unit.name, "address": unit.address})
        hours = "; ".join(f"{days} {intervals}" for days, intervals in opening_hours_lines(offering.calendar))
        if hours or unit.opening_hours:
            lines.append(_("Horário de funcionamento: %(hours)s") % {"hours": hours or unit.opening_hours})
        lines.append(_("Mostre o código ou o QR code na recepção."))
    if documents:
        lines.append(_("Documentos para levar:"))
        lines.extend(f"- {document}" for document in documents)
    if appointment.priority:
        lines.append(_("Você declarou prioridade legal: leve um documento que a comprove."))
    if unit.phone:
        lines.append(_("Telefone da unidade: %(phone)s") % {"phone": unit.phone})
    lines.append(_("Ver, remarcar ou cancelar: %(url)s") % {"url": _page_url(appointment)})
    return "\n".join(lines)


def _summary(appointment: Appointment) -> str:
    service = appointment.offering.service.name
    mode = appointment.offering.mode
    if mode == Mode.VIDEO:
        return _("Atendimento por vídeo: %(service)s") % {"service": service}
    if mode == Mode.PHONE:
        return _("Atendimento por telefone: %(service)s") % {"service": service}
    return _("Atendimento: %(service)s") % {"service": service}


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, CUIABA)


def appointment_ics(*, appointment: Appointment, documents: list[str], now: datetime | None = None) -> bytes:
    """The .ics file of `appointment` (load offering__calendar__unit, offering__service__agency and
    slot with it). A replaced (rescheduled) appointment gives its successor's file."""
    now = now or timezone.now()
    appointment = appointment_latest(appointment)
    offering = appointment.offering
    unit = offering.calendar.unit
    cancelled = appointment.status in (AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED)
    root_id, depth = _chain_root(appointment)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")

    event = Event()
    event.add("uid", _uid(root_id))
    event.add("sequence", depth + (1 if cancelled else 0))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("created", appointment.created_at)
    event.add("last-modified", appointment.updated_at)
    event.add("dtstart", _local(appointment.starts_at))
    event.add("dtend", _local(appointment.slot.ends_at))
    event.add("summary", _summary(appointment))
    event.add("description", _description(appointment, documents=documents))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    event.add("organizer", _organizer(appointment))
    if offering.mode == Mode.VIDEO and appointment.meeting_url:
        event.add("location", appointment.meeting_url)
        event.add("url", vUri(appointment.meeting_url))
        event.add(
            "conference",
            vUri(appointment.meeting_url),
            parameters={"value": "URI", "feature": "VIDEO", "label": _("Sala de atendimento")},
        )
    elif offering.mode == Mode.PHONE:
        event.add("location", _("Por telefone (o órgão liga para você)"))
        event.add("url", vUri(_page_url(appointment)))
    else:
        event.add("location", f"{unit.name}, {unit.address}")
        event.add("url", vUri(_page_url(appointment)))
        calendar = offering.calendar
        if calendar.latitude is not None and calendar.longitude is not None:
            event.add("geo", (float(calendar.latitude), float(calendar.longitude)))
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER_BEFORE)
        alarm.add(
            "description",
            _("Amanhã: %(summary)s, às %(time)s. Código %(code)s.")
            % {
                "summary": _summary(appointment),
                "time": _local(appointment.starts_at).strftime("%H:%M"),
                "code": code_display(appointment.code),
            },
        )
        event.add_component(alarm)
    cal.add_component(event)
    day = _local(appointment.starts_at).date()
    cal.add_missing_timezones(first_date=date(day.year - 1, 1, 1), last_date=date(day.year + 1, 12, 31))
    return cal.to_ical()


def ics_filename(appointment: Appointment) -> str:
    return f"agendamento-{appointment.code}.ics"
