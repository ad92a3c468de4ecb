"""Materialised slots: each offering's bookable times from today to the end of its booking window.

A slot row holds its own capacity counters, so booking is one conditional UPDATE and the database's
CHECK constraints make overbooking impossible (ADR 0025). Slots are made ahead:
- by `offering_slots_refresh` / `calendar_slots_refresh`, which the configuration services call on
  commit after any change to a unit's hours, closures or offerings;
- by the nightly job (`slots_extend_all`), which moves every window one day on.

Refreshing never deletes a slot that holds appointments. A slot that falls outside the unit's
hours (or on a new closure or holiday) is closed (`open=False`): it is no longer offered, and
staff see its appointments to reschedule them. A slot that is back within the hours is reopened.
Capacity changes apply to future slots as far as their bookings allow.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from plataforma.common.calendar import CUIABA, is_holiday

from ..models import Offering, Slot, UnitCalendar

MAX_SLOTS_PER_DAY = 500


def local_today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), CUIABA).date()


def opening_intervals(
    calendar: UnitCalendar, day: date, *, hours=None, closures=None
) -> list[tuple[time, time]]:
    """The unit's opening intervals on `day`: [] on a closed weekday, a holiday (national, state,
    ponto facultativo or the unit's municipality's) or a closure. `hours` and `closures` may be
    given already loaded (lists of the calendar's rows) to avoid queries in loops."""
    if closures is None:
        closures = list(calendar.closures.all())
    if any(c.starts_on <= day <= c.ends_on for c in closures):
        return []
    if is_holiday(day, municipality=calendar.unit.city):
        return []
    if hours is None:
        hours = list(calendar.hours.all())
    return sorted((h.opens, h.closes) for h in hours if h.weekday == day.weekday())


def slot_starts(day: date, intervals: list[tuple[time, time]], offering: Offering) -> list[datetime]:
    """The starts of the offering's slots on `day` within these opening intervals."""
    length = timedelta(minutes=offering.duration_minutes)
    step = length + timedelta(minutes=offering.buffer_minutes)
    starts = []
    for opens, closes in intervals:
        start = datetime.combine(day, opens, CUIABA)
        end = datetime.combine(day, closes, CUIABA)
        while start + length <= end and len(starts) < MAX_SLOTS_PER_DAY:
            starts.append(start)
            start += step
    return starts


def offering_slots_refresh(*, offering: Offering, today: date | None = None) -> int:
    """Make the offering's slots match its unit's calendar from `today` to today + horizon.
    Returns the number of slots created. Idempotent; safe to run concurrently (unique starts)."""
    today = today or local_today()
    window_start = datetime.combine(today, time.min, CUIABA)
    with transaction.atomic():
        # One refresh of an offering at a time (the nightly one and a gestor's change), with the
        # rules read under the lock: the last one to commit applies the latest hours and rules.
        locked = Offering.objects.select_for_update().filter(pk=offering.pk).first()
        if locked is None:
            return 0
        offering = Offering.objects.select_related("calendar__unit").get(pk=locked.pk)
        calendar = offering.calendar
        hours = list(calendar.hours.all())
        closures = list(calendar.closures.all())
        length = timedelta(minutes=offering.duration_minutes)
        wanted: set[datetime] = set()
        if offering.active:
            for offset in range(offering.horizon_days + 1):
                day = today + timedelta(days=offset)
                intervals = opening_intervals(calendar, day, hours=hours, closures=closures)
                wanted.update(slot_starts(day, intervals, offering))
        existing = dict(
            Slot.objects.filter(offering=offering, starts_at__gte=window_start).values_list(
                "starts_at", "open"
            )
        )
        missing = sorted(start for start in wanted if start not in existing)
        capacity = offering.capacity
        reserved = offering.priority_reserved
        Slot.objects.bulk_create(
            [
                Slot(
                    offering=offering,
                    starts_at=start,
                    ends_at=start + length,
                    capacity=capacity,
                    reserved=reserved,
                )
                for start in missing
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        future = Slot.objects.filter(offering=offering, starts_at__gte=window_start)
        to_close = [start for start, is_open in existing.items() if is_open and start not in wanted]
        to_open = [start for start, is_open in existing.items() if not is_open and start in wanted]
        if to_close:
            future.filter(starts_at__in=to_close).update(open=False)
        if to_open:
            future.filter(starts_at__in=to_open).update(open=True)
        # New capacity and reservation, as far as each slot's bookings allow: never below what is
        # booked, and the reservation never takes seats already booked by regular bookings. One
        # UPDATE, so that the CHECK constraints hold on the new pair of values.
        new_capacity = Greatest(Value(capacity), F("booked_regular") + F("booked_priority"))
        # a new length: future slots end when the offering's length says (the grid's starts were
        # closed above when they no longer fit)
        future.exclude(ends_at=F("starts_at") + length).update(ends_at=F("starts_at") + length)
        future.exclude(Q(capacity=capacity) & Q(reserved=reserved)).update(
            capacity=new_capacity,
            reserved=Greatest(Value(0), Least(Value(reserved), new_capacity - F("booked_regular"))),
        )
    return len(missing)


def calendar_slots_refresh(*, calendar: UnitCalendar, today: date | None = None) -> int:
    """Refresh the slots of every offering of the unit (active ones are extended, inactive ones
    closed). Call on commit after changing hours, closures or offerings."""
    created = 0
    for offering in Offering.objects.filter(calendar=calendar).select_related("calendar__unit"):
        created += offering_slots_refresh(offering=offering, today=today)
    return created


def slots_extend_all(*, today: date | None = None) -> int:
    """The nightly job: every offering's window moves on (and calendars changed by holidays loaded
    since are applied)."""
    created = 0
    for calendar in UnitCalendar.objects.select_related("unit"):
        created += calendar_slots_refresh(calendar=calendar, today=today)
    return created


def reserved_seats_release(*, now: datetime | None = None) -> int:
    """Seats reserved for the legal priorities and still free are offered to everyone when the
    slot is near (SCHEDULING_RESERVED_RELEASE_HOURS, default 24 h before it): a seat nobody with
    a priority booked is not left empty. Seats already taken stay as they are. Returns how many
    slots released their reservation."""
    from django.conf import settings

    now = now or timezone.now()
    hours = int(getattr(settings, "SCHEDULING_RESERVED_RELEASE_HOURS", 24))
    return Slot.objects.filter(
        open=True, reserved__gt=0, starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours)
    ).update(reserved=0)
