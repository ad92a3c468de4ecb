"""Where and when a service can be booked: free seats per unit and day, and a day's free times.

One aggregate query over the materialised slots answers a whole service (every unit, every day of
the period), grouped in the database by offering and local day (ADR 0025). A slot is free for a
regular booking while `booked_regular < capacity - reserved`, and for someone with a legal
priority while any seat is free. Each offering's own minimum notice and booking window apply.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from plataforma.common.calendar import CUIABA

from ..models import Offering, Slot

MAX_DAYS = 62


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class DayAvailability:
    day: date
    free_slots: int


@dataclass
class UnitAvailability:
    offering: Offering
    distance_km: float | None = None
    days: list[DayAvailability] = field(default_factory=list)
    first_free: datetime | None = None

    @property
    def calendar(self):
        return self.offering.calendar

    @property
    def unit(self):
        return self.offering.calendar.unit


@dataclass(frozen=True)
class SlotView:
    slot_id: int
    starts_at: datetime
    ends_at: datetime
    free: int


def free_q(*, priority: bool) -> Q:
    """Slots with a seat for this kind of booking."""
    any_seat = Q(booked_regular__lt=F("capacity") - F("booked_priority"))
    if priority:
        return any_seat
    # a regular booking needs an unreserved seat, and a seat at all (priority bookings may have
    # taken unreserved ones)
    return any_seat & Q(booked_regular__lt=F("capacity") - F("reserved"))


def _free_seats(slot: Slot, *, priority: bool) -> int:
    any_seat = slot.capacity - slot.booked_regular - slot.booked_priority
    if priority:
        return max(0, any_seat)
    return max(0, min(any_seat, slot.capacity - slot.reserved - slot.booked_regular))


def bookable_window(offering: Offering, now: datetime) -> tuple[datetime, datetime]:
    """The earliest and the (exclusive) latest start a person may book now at this offering."""
    earliest = now + timedelta(hours=offering.min_notice_hours)
    today = timezone.localtime(now, CUIABA).date()
    latest = datetime.combine(today + timedelta(days=offering.horizon_days + 1), time.min, CUIABA)
    return earliest, latest


def bookable_offerings(*, service, mode: str | None = None):
    offerings = Offering.objects.filter(
        service=service, active=True, calendar__accepts_bookings=True
    ).select_related("calendar__unit")
    if mode:
        offerings = offerings.filter(mode=mode)
    return offerings


def service_availability(
    *,
    service,
    start: date,
    days: int,
    mode: str | None = None,
    priority: bool = False,
    near: tuple[float, float] | None = None,
    now: datetime | None = None,
) -> list[UnitAvailability]:
    """Free seats per unit offering `service` and per local day, from `start` for `days` days
    (at most MAX_DAYS), nearest unit first when `near` (latitude, longitude) is given."""
    now = now or timezone.now()
    days = max(1, min(days, MAX_DAYS))
    period_start = datetime.combine(start, time.min, CUIABA)
    period_end = period_start + timedelta(days=days)
    offerings = list(bookable_offerings(service=service, mode=mode))
    if not offerings:
        return []
    # one condition per (notice, window) pair the offerings use: usually one or two
    windows: dict[tuple[datetime, datetime], list] = defaultdict(list)
    for offering in offerings:
        earliest, latest = bookable_window(offering, now)
        windows[(max(earliest, period_start), min(latest, period_end))].append(offering.pk)
    condition = Q()
    for (low, high), ids in windows.items():
        if low < high:
            condition |= Q(offering_id__in=ids, starts_at__gte=low, starts_at__lt=high)
    per_day: dict = defaultdict(list)
    first: dict = {}
    if condition:
        rows = (
            Slot.objects.filter(condition, free_q(priority=priority), open=True)
            .annotate(day=TruncDate("starts_at", tzinfo=CUIABA))
            .values("offering_id", "day")
            .annotate(free=Count("id"), first=Min("starts_at"))
            .order_by("offering_id", "day")
        )
        for row in rows:
            per_day[row["offering_id"]].append(DayAvailability(row["day"], row["free"]))
            if row["offering_id"] not in first:
                first[row["offering_id"]] = row["first"]
    result = []
    for offering in offerings:
        calendar = offering.calendar
        distance = None
        if near is not None and calendar.latitude is not None and calendar.longitude is not None:
            distance = distance_km(near, (float(calendar.latitude), float(calendar.longitude)))
        result.append(
            UnitAvailability(
                offering=offering,
                distance_km=distance,
                days=per_day.get(offering.pk, []),
                first_free=first.get(offering.pk),
            )
        )

    def order(item: UnitAvailability):
        unit = item.unit
        return (
            item.distance_km is None,
            item.distance_km or 0.0,
            item.first_free is None,
            unit.city,
            unit.name,
            item.offering.mode,
        )

    return sorted(result, key=order)


def day_slots(
    *, offering: Offering, day: date, priority: bool = False, now: datetime | None = None
) -> list[SlotView]:
    """The free times of one offering on one local day (empty outside its booking window)."""
    now = now or timezone.now()
    earliest, latest = bookable_window(offering, now)
    # outside the window there is nothing (and no date arithmetic on absurd days: 9999-12-31)
    if not timezone.localtime(earliest, CUIABA).date() <= day < timezone.localtime(latest, CUIABA).date():
        return []
    low = max(earliest, datetime.combine(day, time.min, CUIABA))
    high = min(latest, datetime.combine(day + timedelta(days=1), time.min, CUIABA))
    if low >= high:
        return []
    slots = Slot.objects.filter(
        free_q(priority=priority), offering=offering, open=True, starts_at__gte=low, starts_at__lt=high
    ).order_by("starts_at")
    return [
        SlotView(slot.pk, slot.starts_at, slot.ends_at, _free_seats(slot, priority=priority))
        for slot in slots
        if _free_seats(slot, priority=priority) > 0
    ]
