"""Reads of a unit's attendance (Área do Servidor, issue #5): which units a servant works, the
day's agenda, the appointments a check-in finds, the calling queue in the order it is called, the
desks and the public waiting-room screen.

The calling order lives here once (`call_order`) and is used both to show the queue and to call
the next ticket (services.queue), so what the attendant sees is what "Chamar próxima" does:
1. people aged 80 or more (Estatuto da Pessoa Idosa, art. 3 §2), by arrival;
2. the other legal priorities (Lei 10.048/2000 art. 1), by arrival;
3. appointments whose time has come, by their time (Lei 13.460 art. 5: attendance by appointment);
4. everyone else — walk-ins, and appointments checked in ahead of their time or late — by arrival.
The anti-starvation rule, which may call a long-waiting ticket of groups 3-4 before a priority,
is applied only when calling (services.queue.ticket_call_next; ADR 0026).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.authcodes import mask_name
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole

from ..models import (
    Appointment,
    AppointmentStatus,
    Desk,
    Offering,
    Priority,
    Ticket,
    TicketStatus,
    UnitCalendar,
)

# Roles that work a unit's queue: the agency's attendants, and its gestores (who also cover a desk).
UNIT_ROLES = (AgencyRole.Role.ATTENDANT, AgencyRole.Role.MANAGER)
MAX_AGENDA_ROWS = 2000
MAX_QUEUE_ROWS = 500
PANEL_CALLS = 8

DEFAULTS: dict[str, Any] = {
    # Check-in of an appointment from CHECKIN_EARLY_MINUTES before its time to CHECKIN_LATE_MINUTES
    # after it. Later, the attendant may still give the person a ticket at the end of the line.
    "CHECKIN_EARLY_MINUTES": 60,
    "CHECKIN_LATE_MINUTES": 30,
    # Anti-starvation: after PRIORITY_STREAK consecutive calls of priority tickets, a non-priority
    # ticket waiting for at least STARVATION_WAIT_MINUTES is called first. 0 turns the rule off.
    "PRIORITY_STREAK": 2,
    "STARVATION_WAIT_MINUTES": 30,
    # CPF look-ups at the check-in desk, per servant: (count, seconds).
    "CPF_LOOKUP_LIMIT": (600, 3600),
}


def queue_config() -> dict[str, Any]:
    """The unit queue's settings: `settings.SCHEDULING_QUEUE` over the defaults above."""
    return {**DEFAULTS, **getattr(settings, "SCHEDULING_QUEUE", {})}


def local_today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), CUIABA).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of a local day in Cuiabá, as aware datetimes."""
    start = datetime.combine(day, time.min, CUIABA)
    return start, datetime.combine(day + timedelta(days=1), time.min, CUIABA)


# --- Who works which unit ---------------------------------------------------------------------


def _agency_ids(user) -> set:
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    return set(
        AgencyRole.objects.filter(user=user, revoked_at__isnull=True, role__in=UNIT_ROLES).values_list(
            "agency_id", flat=True
        )
    )


def unit_calendars_for(user) -> QuerySet[UnitCalendar]:
    """The units whose queue the person works: those of the agencies where they are atendente or
    gestor. Analysts, Carta editors, ombudsmen and citizens work no queue."""
    return (
        UnitCalendar.objects.filter(unit__agency_id__in=_agency_ids(user))
        .select_related("unit__agency")
        .order_by("unit__city", "unit__name")
    )


def unit_calendar_for(user, calendar_id) -> UnitCalendar | None:
    """The unit, if the person works its queue; None (→ 404) otherwise."""
    return unit_calendars_for(user).filter(pk=calendar_id).first()


def can_work_unit(user, calendar: UnitCalendar) -> bool:
    return calendar.unit.agency_id in _agency_ids(user)


def unit_services(calendar: UnitCalendar) -> QuerySet:
    """Services a walk-in may take a ticket for: those offered at the unit by appointment (any
    offering, open for booking or not) and those the Carta lists at the unit."""
    Service = apps.get_model("catalog", "Service")
    offered = Offering.objects.filter(calendar=calendar).values("service_id")
    return (
        Service.objects.filter(Q(pk__in=offered) | Q(units=calendar.unit_id, is_published=True))
        .distinct()
        .order_by("name")
        .only("id", "name", "slug", "agency_id")
    )


def unit_desks(calendar: UnitCalendar) -> QuerySet[Desk]:
    return Desk.objects.filter(calendar=calendar, active=True).order_by("name")


# --- The day's agenda --------------------------------------------------------------------------


@dataclass
class AgendaRow:
    appointment: Appointment
    masked_name: str
    ticket_label: str = ""


@dataclass
class OfferingAgenda:
    offering: Offering
    rows: list[AgendaRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.appointment.status] = out.get(row.appointment.status, 0) + 1
        return out


def day_agenda(*, calendar: UnitCalendar, day: date) -> tuple[list[OfferingAgenda], bool]:
    """The appointments of the unit on `day` (cancelled and rescheduled ones left out), grouped by
    offering, each with the person's masked name and the ticket of its check-in. Returns the
    groups and whether the list was cut at MAX_AGENDA_ROWS."""
    start, end = day_bounds(day)
    appointments = list(
        Appointment.objects.filter(offering__calendar=calendar, starts_at__gte=start, starts_at__lt=end)
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED))
        .select_related("offering__service", "person", "ticket")
        .order_by("starts_at", "offering_id", "code")[: MAX_AGENDA_ROWS + 1]
    )
    truncated = len(appointments) > MAX_AGENDA_ROWS
    groups: dict = {}
    for appointment in appointments[:MAX_AGENDA_ROWS]:
        group = groups.setdefault(appointment.offering_id, OfferingAgenda(offering=appointment.offering))
        ticket = getattr(appointment, "ticket", None)
        group.rows.append(
            AgendaRow(
                appointment=appointment,
                masked_name=mask_name(appointment.person.display_name),
                ticket_label=ticket.label if ticket else "",
            )
        )
    ordered = sorted(groups.values(), key=lambda g: (g.offering.service.name, g.offering.mode))
    return ordered, truncated


# --- Check-in --------------------------------------------------------------------------------


@dataclass
class CheckInCandidate:
    appointment: Appointment
    masked_name: str
    window: str  # "cedo", "no_horario", "atrasado", "feito" (already checked in or finished)
    opens_at: datetime
    closes_at: datetime


def checkin_window(appointment: Appointment) -> tuple[datetime, datetime]:
    config = queue_config()
    return (
        appointment.starts_at - timedelta(minutes=config["CHECKIN_EARLY_MINUTES"]),
        appointment.starts_at + timedelta(minutes=config["CHECKIN_LATE_MINUTES"]),
    )


def window_state(appointment: Appointment, now: datetime) -> str:
    if appointment.status != AppointmentStatus.BOOKED:
        return "feito"
    opens, closes = checkin_window(appointment)
    if now < opens:
        return "cedo"
    if now > closes:
        return "atrasado"
    return "no_horario"


def appointments_for_checkin(
    *, calendar: UnitCalendar, code: str = "", person_id=None, now: datetime | None = None
) -> list[CheckInCandidate]:
    """Today's appointments at this unit with this code, or of this person (by account): booked
    ones and those already checked in (to tell the attendant their ticket). Cancelled,
    rescheduled and other days' appointments are not found."""
    now = now or timezone.now()
    start, end = day_bounds(local_today(now))
    qs = Appointment.objects.filter(offering__calendar=calendar, starts_at__gte=start, starts_at__lt=end)
    if code:
        qs = qs.filter(code=code)
    elif person_id is not None:
        qs = qs.filter(person_id=person_id)
    else:
        return []
    qs = qs.exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED))
    found = list(qs.select_related("offering__service", "person", "ticket").order_by("starts_at")[:20])
    candidates = []
    for appointment in found:
        opens, closes = checkin_window(appointment)
        candidates.append(
            CheckInCandidate(
                appointment=appointment,
                masked_name=mask_name(appointment.person.display_name),
                window=window_state(appointment, now),
                opens_at=opens,
                closes_at=closes,
            )
        )
    return candidates


def appointment_at_unit(*, calendar: UnitCalendar, appointment_id) -> Appointment | None:
    try:
        return (
            Appointment.objects.select_related("offering__service", "offering__calendar", "person")
            .filter(offering__calendar=calendar, pk=appointment_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


# --- The calling queue -----------------------------------------------------------------------


def waiting_since_expression():
    """When a waiting ticket started to wait for its turn: an appointment checked in before its
    time waits from its time; everyone else from the moment the ticket was issued."""
    return Case(When(due_at__gt=F("issued_at"), then=F("due_at")), default=F("issued_at"))


def call_order(tickets: QuerySet[Ticket], now: datetime) -> QuerySet[Ticket]:
    """Order waiting tickets as they are called (see the module docstring)."""
    due = Q(rank__gte=2, due_at__isnull=False, due_at__lte=now)
    return tickets.annotate(
        call_group=Case(
            When(rank=0, then=Value(0)),
            When(rank=1, then=Value(1)),
            When(due, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        ),
        call_time=Case(When(due, then=F("due_at")), default=F("issued_at")),
    ).order_by("call_group", "call_time", "issued_at", "label")


def waiting_tickets(
    *, calendar: UnitCalendar, day: date, service_ids: list | None = None
) -> QuerySet[Ticket]:
    qs = Ticket.objects.filter(calendar=calendar, day=day, status=TicketStatus.WAITING)
    if service_ids:
        qs = qs.filter(service_id__in=service_ids)
    return qs


GROUP_LABELS = {
    0: _("Prioridade: 80 anos ou mais"),
    1: _("Prioridade legal"),
    2: _("Agendamento no horário"),
    3: _("Por ordem de chegada"),
}


@dataclass
class QueueRow:
    position: int
    ticket: Ticket
    group: int
    waiting_minutes: int
    long_wait: bool

    @property
    def group_label(self) -> str:
        return str(GROUP_LABELS[self.group])


def queue_rows(
    *, calendar: UnitCalendar, day: date, service_ids: list | None = None, now: datetime | None = None
) -> list[QueueRow]:
    """The waiting tickets in calling order, with their position, group and minutes waited.
    Shows no personal data: senha, service, priority kind, times."""
    now = now or timezone.now()
    limit = queue_config()["STARVATION_WAIT_MINUTES"]
    tickets = call_order(waiting_tickets(calendar=calendar, day=day, service_ids=service_ids), now)
    rows = []
    for position, ticket in enumerate(
        tickets.select_related("service").annotate(waiting_since=waiting_since_expression())[:MAX_QUEUE_ROWS],
        start=1,
    ):
        since = ticket.waiting_since
        minutes = max(0, int((now - since).total_seconds() // 60)) if since <= now else 0
        rows.append(
            QueueRow(
                position=position,
                ticket=ticket,
                group=ticket.call_group,
                waiting_minutes=minutes,
                long_wait=ticket.rank >= 2 and bool(limit) and minutes >= limit,
            )
        )
    return rows


def desk_current_ticket(*, desk: Desk, day: date) -> Ticket | None:
    """The ticket a desk has called or is attending now (at most one: services.queue)."""
    return (
        Ticket.objects.filter(desk=desk, day=day, status__in=(TicketStatus.CALLED, TicketStatus.IN_SERVICE))
        .select_related("service")
        .order_by("-called_at")
        .first()
    )


@dataclass
class DeskState:
    desk: Desk
    current: Ticket | None
    served_today: int


def desks_today(*, calendar: UnitCalendar, day: date) -> list[DeskState]:
    """Each active desk with its current ticket and how many it finished today."""
    desks = list(unit_desks(calendar))
    current: dict = {}
    served: dict = {}
    tickets = Ticket.objects.filter(calendar=calendar, day=day, desk__in=desks).select_related("service")
    for ticket in tickets.only(
        "id", "label", "status", "desk_id", "called_at", "service__id", "service__name", "rank", "priority"
    )[:5000]:
        if ticket.status in (TicketStatus.CALLED, TicketStatus.IN_SERVICE):
            previous = current.get(ticket.desk_id)
            if previous is None or (ticket.called_at and ticket.called_at > previous.called_at):
                current[ticket.desk_id] = ticket
        elif ticket.status == TicketStatus.DONE:
            served[ticket.desk_id] = served.get(ticket.desk_id, 0) + 1
    return [DeskState(desk=d, current=current.get(d.pk), served_today=served.get(d.pk, 0)) for d in desks]


def ticket_at_unit(*, calendar: UnitCalendar, ticket_id) -> Ticket | None:
    """A ticket of this unit (any day); None for a ticket of another unit or an unknown id."""
    try:
        return (
            Ticket.objects.select_related("service", "desk", "person", "appointment__offering", "attendant")
            .filter(calendar=calendar, pk=ticket_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def priority_streak(
    *, calendar: UnitCalendar, day: date, length: int, service_ids: list | None = None
) -> bool:
    """Whether the last `length` calls of the day (for these services) were all priority tickets."""
    if length <= 0:
        return False
    calls = Ticket.objects.filter(calendar=calendar, day=day, called_at__isnull=False)
    if service_ids:
        calls = calls.filter(service_id__in=service_ids)
    ranks = list(calls.order_by("-called_at").values_list("rank", flat=True)[:length])
    return len(ranks) == length and all(rank < 2 for rank in ranks)


# --- The public waiting-room screen ----------------------------------------------------------


def panel_calendar(calendar_id) -> UnitCalendar | None:
    try:
        return UnitCalendar.objects.select_related("unit").filter(pk=calendar_id).first()
    except (ValueError, TypeError):
        return None


def panel_calls(*, calendar: UnitCalendar, day: date, limit: int = PANEL_CALLS) -> list[dict]:
    """The latest calls of the day, newest first: senha and desk only, never a person's data.
    A ticket called again ("rechamar") comes back to the top."""
    rows = (
        Ticket.objects.filter(calendar=calendar, day=day, called_at__isnull=False)
        .exclude(status=TicketStatus.CANCELLED)
        .select_related("desk")
        .only("label", "called_at", "call_count", "desk__name")
        .order_by("-called_at")[:limit]
    )
    return [
        {
            "senha": row.label,
            "guiche": row.desk.name if row.desk else "",
            "hora": timezone.localtime(row.called_at, CUIABA).strftime("%H:%M"),
            "chamada": row.call_count,
            "id": f"{row.label}-{row.call_count}-{row.called_at.timestamp():.0f}",
        }
        for row in rows
    ]


def priority_label(value: str) -> str:
    return str(Priority(value).label) if value in Priority.values else ""
