"""A month of past attendance at the demo's DETRAN-MT units, so that the gestor's figures page and
the panel's "Atendimento com hora marcada" show numbers right after `make run`.

For each of the 30 days before today that a unit opened (its hours, holidays and closures, by the
core's own grid: services.slots.opening_intervals / slot_starts), every offering gets its past
slots, and a share of their seats is booked: most people came (a ticket checked in, called after a
wait, attended at a desk), some did not (faltou, closed by the nightly job), a few cancelled ahead
(the seat was freed). Each unit also issued walk-in tickets through the day; a few walk-ins left
before being called or did not answer the call. Priority bookings use the priority counter.

The booking and queue services rightly refuse the past, so the rows are written straight to the
models in bulk, keeping what those services keep: each slot's counters equal its non-cancelled
appointments (regular / priority), each attended appointment has exactly one ticket of its day,
ticket numbers follow the unit's series per day (TicketSequence), appointments of past days are
all final (the nightly closing has nothing to do). Past slots have no reserved seat left (the
release job frees them the day before). The same shapes on every load (codes apart): one seeded
generator per unit.

The appointments belong to a pool of fictitious people (CPFs 610.000.001-xx to 610.000.160-xx,
with valid check digits; no password, no e-mail) — never the demo's own accounts, whose pages stay
clean.

Idempotent: a unit that already has a ticket before today (history loaded, or real use of the
demo) is left as it is.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F

from plataforma.common.calendar import CUIABA
from plataforma.common.documents import make_cpf
from plataforma.identity.models import User

from .meetings import meeting_for
from .models import (
    Appointment,
    AppointmentStatus,
    Mode,
    Priority,
    Slot,
    Ticket,
    TicketSequence,
    TicketStatus,
    UnitCalendar,
)
from .services.booking import appointment_code_generate
from .services.queue import ticket_label, ticket_prefix, ticket_series
from .services.slots import local_today, opening_intervals, slot_starts

HISTORY_DAYS = 30
PEOPLE = 160
NO_SHOW_SHARE = 0.11
CANCEL_SHARE = 0.08
PRIORITY_SHARE = 0.12
WALK_IN_LEFT = 0.05
WALK_IN_ABSENT = 0.04
PRIORITIES = [  # what people declare, roughly as often
    (Priority.AGE_60, 50),
    (Priority.AGE_80, 10),
    (Priority.DISABILITY, 15),
    (Priority.PREGNANT, 8),
    (Priority.SMALL_CHILD, 10),
    (Priority.NURSING, 4),
    (Priority.OBESITY, 3),
]
_FIRST = (
    "Ana Maria João Carlos Francisca Antônio Juliana José Mariana Paulo Luciana Pedro Aparecida Lucas "
    "Fernanda Marcos Patrícia Rafael Adriana Gabriel"
)
_LAST = (
    "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho "
    "Almeida Lopes Soares Fernandes Vieira Barbosa"
)
FIRST_NAMES = _FIRST.split()
SURNAMES = _LAST.split()


@dataclass(frozen=True)
class UnitLoad:
    """How busy a unit was: share of seats booked, mean wait (minutes) of appointments and of
    walk-ins, walk-ins per full day."""

    occupancy: float
    wait: float
    walk_ins: int
    walk_in_wait: float


LOADS = {
    "DT": UnitLoad(0.72, 9, 26, 32),
    "CR": UnitLoad(0.62, 7, 14, 22),
    "CS": UnitLoad(0.5, 5, 9, 16),
    "GT": UnitLoad(0.8, 14, 30, 41),
    "GV": UnitLoad(0.6, 8, 15, 24),
}
DEFAULT_LOAD = UnitLoad(0.5, 8, 10, 20)


@dataclass
class HistoryReport:
    people: int = 0
    appointments: int = 0
    tickets: int = 0


def _people() -> tuple[list[User], int]:
    """The fictitious people of the history (created once)."""
    cpfs = [make_cpf(f"61{n:07d}") for n in range(1, PEOPLE + 1)]
    existing = {u.cpf: u for u in User.objects.filter(cpf__in=cpfs)}
    missing = [
        User(
            cpf=cpf,
            full_name=" ".join(
                (
                    FIRST_NAMES[i % len(FIRST_NAMES)],
                    SURNAMES[(i * 7) % len(SURNAMES)],
                    SURNAMES[(i * 3 + 5) % len(SURNAMES)],
                )
            ),
            password=make_password(None),
        )
        for i, cpf in enumerate(cpfs)
        if cpf not in existing
    ]
    User.objects.bulk_create(missing, batch_size=500)
    by_cpf = {**existing, **{u.cpf: u for u in missing}}
    return [by_cpf[cpf] for cpf in cpfs], len(missing)


def _minutes(value: float) -> timedelta:
    return timedelta(seconds=round(value * 60))


class _Unit:
    """The history of one unit, built in memory then written in bulk."""

    def __init__(self, calendar: UnitCalendar, *, people: list[User], attendant, today: date):
        self.calendar = calendar
        self.people = people
        self.attendant = attendant
        self.today = today
        self.rng = random.Random(f"demo-history:{calendar.ticket_prefix or calendar.unit.name}")  # noqa: S311
        self.load = LOADS.get(calendar.ticket_prefix, DEFAULT_LOAD)
        desks = list(calendar.desks.filter(active=True).order_by("name"))
        self.desks = [d for d in desks if "vídeo" not in d.name.lower()] or desks
        self.video_desks = [d for d in desks if "vídeo" in d.name.lower()] or desks
        self.slots: list[Slot] = []
        self.appointments: list[Appointment] = []
        self.tickets: list[Ticket] = []

    def _priority(self) -> str:
        if self.rng.random() >= PRIORITY_SHARE:
            return ""
        values, weights = zip(*PRIORITIES, strict=True)
        return self.rng.choices(values, weights)[0]

    def _ticket(self, *, day: date, service_id, issued: datetime, **fields) -> Ticket:
        ticket = Ticket(
            calendar=self.calendar, day=day, service_id=service_id, issued_at=issued, label="", **fields
        )
        self.tickets.append(ticket)
        return ticket

    def _attend(self, ticket: Ticket, *, base: datetime, mean_wait: float, duration: int, desks) -> None:
        """Called after a wait from `base`, attended at a desk for about the service's length."""
        wait = min(self.rng.expovariate(1 / mean_wait), 4 * mean_wait)
        if ticket.priority:
            wait /= 2
        ticket.called_at = base + _minutes(wait)
        ticket.call_count = 1
        ticket.started_at = ticket.called_at + _minutes(self.rng.uniform(0.5, 2))
        ticket.finished_at = ticket.started_at + _minutes(
            max(4.0, self.rng.gauss(duration * 0.8, duration * 0.25))
        )
        ticket.status = TicketStatus.DONE
        ticket.desk = self.rng.choice(desks)
        ticket.attendant = self.attendant

    def _appointment(self, slot: Slot, person: User, *, priority: str, status: str) -> Appointment:
        offering = slot.offering
        code = appointment_code_generate()
        appointment = Appointment(
            slot=slot,
            offering=offering,
            person=person,
            code=code,
            status=status,
            priority=priority,
            uses_reserved_seat=bool(priority),
            starts_at=slot.starts_at,
            meeting_url=meeting_for(offering=offering, appointment_code=code)
            if offering.mode == Mode.VIDEO
            else "",
            idempotency_key=uuid.uuid4().hex,
            reminded_at=slot.starts_at - timedelta(hours=24),
        )
        self.appointments.append(appointment)
        return appointment

    def _slot(self, offering, start: datetime) -> None:
        slot = Slot(
            offering=offering,
            starts_at=start,
            ends_at=start + timedelta(minutes=offering.duration_minutes),
            capacity=offering.capacity,
            reserved=0,
        )
        self.slots.append(slot)
        busy = 1.15 if start.hour < 12 else 0.85
        chance = min(0.97, self.load.occupancy * busy)
        booked = sum(self.rng.random() < chance for _seat in range(offering.capacity))
        people = self.rng.sample(self.people, booked + 1)
        for person in people[:booked]:
            priority = self._priority()
            if priority:
                slot.booked_priority += 1
            else:
                slot.booked_regular += 1
            came = self.rng.random() >= NO_SHOW_SHARE
            status = AppointmentStatus.DONE if came else AppointmentStatus.NO_SHOW
            appointment = self._appointment(slot, person, priority=priority, status=status)
            if not came:
                # closed by the nightly job after the day
                appointment.finished_at = datetime.combine(
                    start.date() + timedelta(days=1), time(0, 5), CUIABA
                )
                continue
            if offering.mode != Mode.IN_PERSON:
                appointment.finished_at = start + timedelta(minutes=offering.duration_minutes - 2)
                continue
            arrived = start - _minutes(self.rng.uniform(-8, 35))
            ticket = self._ticket(
                day=start.date(),
                service_id=offering.service_id,
                issued=arrived,
                appointment=appointment,
                person=person,
                priority=priority,
                rank=Priority.rank(priority),
                due_at=start,
            )
            self._attend(
                ticket,
                base=max(arrived, start),
                mean_wait=self.load.wait,
                duration=offering.duration_minutes,
                desks=self.desks,
            )
            appointment.checked_in_at = arrived
            appointment.finished_at = ticket.finished_at
        if self.rng.random() < CANCEL_SHARE * offering.capacity:
            # someone cancelled ahead: the seat went back to the slot
            appointment = self._appointment(
                slot, people[-1], priority=self._priority(), status=AppointmentStatus.CANCELLED
            )
            appointment.cancelled_at = start - _minutes(self.rng.uniform(3, 140) * 60)
            if appointment.cancelled_at < appointment.reminded_at:
                appointment.reminded_at = None  # cancelled before the reminder was due

    def _walk_ins(self, day: date, intervals, in_person) -> None:
        if not in_person:
            return
        opening = [
            (datetime.combine(day, opens, CUIABA), datetime.combine(day, closes, CUIABA))
            for opens, closes in intervals
        ]
        open_minutes = sum((end - begin).total_seconds() / 60 for begin, end in opening)
        count = round(self.load.walk_ins * min(1.0, open_minutes / 600) * self.rng.uniform(0.7, 1.3))
        for _n in range(count):
            begin, end = self.rng.choice(opening)
            span = max(0.0, (end - begin).total_seconds() / 60 - 30)
            issued = begin + _minutes(self.rng.uniform(0, span))
            offering = self.rng.choice(in_person)
            priority = self._priority()
            ticket = self._ticket(
                day=day,
                service_id=offering.service_id,
                issued=issued,
                priority=priority,
                rank=Priority.rank(priority),
            )
            fate = self.rng.random()
            if fate < WALK_IN_LEFT:  # left before the call: cancelled by the nightly closing
                ticket.status = TicketStatus.CANCELLED
            elif fate < WALK_IN_LEFT + WALK_IN_ABSENT:  # called twice, did not come to the desk
                ticket.status = TicketStatus.NO_SHOW
                ticket.called_at = issued + _minutes(self.rng.uniform(10, 50))
                ticket.call_count = 2
                ticket.desk = self.rng.choice(self.desks)
                ticket.attendant = self.attendant
            else:
                self._attend(
                    ticket,
                    base=issued,
                    mean_wait=self.load.walk_in_wait,
                    duration=offering.duration_minutes,
                    desks=self.desks,
                )

    def build(self) -> None:
        calendar = self.calendar
        hours = list(calendar.hours.all())
        closures = list(calendar.closures.all())
        offerings = list(calendar.offerings.filter(active=True).select_related("service"))
        first = self.today - timedelta(days=HISTORY_DAYS)
        begin = datetime.combine(first, time.min, CUIABA)
        existing = set(
            Slot.objects.filter(
                offering__calendar=calendar,
                starts_at__gte=begin,
                starts_at__lt=datetime.combine(self.today, time.min, CUIABA),
            ).values_list("offering_id", "starts_at")
        )
        in_person = [o for o in offerings if o.mode == Mode.IN_PERSON]
        for offset in range(HISTORY_DAYS):
            day = first + timedelta(days=offset)
            intervals = opening_intervals(calendar, day, hours=hours, closures=closures)
            if not intervals:
                continue
            for offering in offerings:
                for start in slot_starts(day, intervals, offering):
                    if (offering.pk, start) not in existing:
                        self._slot(offering, start)
            self._walk_ins(day, intervals, in_person)

    def number_tickets(self) -> list[TicketSequence]:
        """Labels in order of issue per day and series, as the unit's counter would give them."""
        prefix = ticket_prefix(self.calendar)
        last: dict[tuple[date, str], int] = {}
        for ticket in sorted(self.tickets, key=lambda t: t.issued_at):
            series = ticket_series(priority=ticket.priority, appointment=ticket.appointment is not None)
            number = last.get((ticket.day, series), 0) + 1
            last[(ticket.day, series)] = number
            ticket.label = ticket_label(prefix=prefix, series=series, number=number)
        return [
            TicketSequence(calendar=self.calendar, day=day, series=series, last_number=number)
            for (day, series), number in last.items()
        ]

    def write(self) -> None:
        sequences = self.number_tickets()
        Slot.objects.bulk_create(self.slots, batch_size=1000)
        Appointment.objects.bulk_create(self.appointments, batch_size=1000)
        Ticket.objects.bulk_create(self.tickets, batch_size=1000)
        TicketSequence.objects.bulk_create(sequences, batch_size=1000, ignore_conflicts=True)
        # the rows' own times, not the moment the demo was loaded
        ids = [a.pk for a in self.appointments]
        for chunk in range(0, len(ids), 500):
            Appointment.objects.filter(pk__in=ids[chunk : chunk + 500]).update(
                created_at=F("starts_at") - timedelta(days=7), updated_at=F("starts_at")
            )
        ids = [t.pk for t in self.tickets]
        for chunk in range(0, len(ids), 500):
            Ticket.objects.filter(pk__in=ids[chunk : chunk + 500]).update(
                created_at=F("issued_at"), updated_at=F("issued_at")
            )


def load_history(*, calendars: list[UnitCalendar], attendant, today: date | None = None) -> HistoryReport:
    """Write the past month of the units in `calendars` that have none yet (see the module)."""
    today = today or local_today()
    result = HistoryReport()
    pending = [c for c in calendars if not Ticket.objects.filter(calendar=c, day__lt=today).exists()]
    if not pending:
        return result
    with transaction.atomic():
        people, result.people = _people()
        for calendar in pending:
            unit = _Unit(calendar, people=people, attendant=attendant, today=today)
            unit.build()
            unit.write()
            result.appointments += len(unit.appointments)
            result.tickets += len(unit.tickets)
    return result
