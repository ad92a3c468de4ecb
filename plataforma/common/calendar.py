"""Business days and holidays for state bodies of Mato Grosso, used for request deadlines
(Lei 13.460 art. 7 §2 IV: the maximum time to deliver; the Carta's "tempo total estimado") and
later for scheduling and ouvidoria deadlines.

Holidays are data (`common.Holiday`, ADR 0018): `manage.py load_holidays` fills national and
Mato Grosso holidays from the `holidays` library, plus Carnaval, Sexta-feira Santa and Corpus
Christi as pontos facultativos when the library does not list them, plus municipal holidays of
Cuiabá and Várzea Grande. Staff add state decrees through the admin (`holiday_save`).

Reads are cached per year in the process for `CACHE_SECONDS`; `holidays_changed()` clears this
process's cache (the services call it on commit; other processes catch up within the TTL).
A year without any national row in the table falls back to the library, so a fresh database
still knows the national holidays.
"""

from __future__ import annotations

import threading
import time as monotonic_clock
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.dispatch import Signal

from .audit import audit_record
from .models import Holiday
from .text import fold

CUIABA = ZoneInfo("America/Cuiaba")
CACHE_SECONDS = 300
TIME_UNITS = ("minutos", "horas", "dias", "dias-uteis", "meses")
END_OF_DAY = time(23, 59, 59)

# Municipal holidays of the municipalities where most state units are; others are added by staff.
MUNICIPAL_HOLIDAYS: tuple[tuple[str, int, int, str], ...] = (
    ("Cuiabá", 4, 8, "Aniversário de Cuiabá"),  # founded 8 April 1719
    ("Várzea Grande", 5, 15, "Aniversário de Várzea Grande"),  # founded 15 May 1867
)


@dataclass(frozen=True)
class HolidayEntry:
    date: date
    name: str
    scope: str
    municipality: str = ""


@dataclass(frozen=True)
class _YearDays:
    off: frozenset[date]  # national, state and ponto facultativo: off everywhere
    municipal: dict[str, frozenset[date]]  # folded municipality name → its own days off


_cache: dict[int, tuple[float, _YearDays]] = {}  # year → (loaded at, days)
_cache_lock = threading.Lock()
_generation = 0  # bumped by holidays_changed: a load that raced with a change is not kept


# --- Holidays as data -------------------------------------------------------------------------


@lru_cache(maxsize=64)
def holidays_from_library(year: int) -> tuple[HolidayEntry, ...]:
    """What `load_holidays` writes for one year: national and Mato Grosso holidays from the
    `holidays` library (subdivision MT), the movable pontos facultativos computed from Easter
    when the library does not list them, and the municipal holidays in MUNICIPAL_HOLIDAYS."""
    import holidays as holidays_lib

    national = holidays_lib.Brazil(years=year, language="pt_BR")
    with_state = holidays_lib.Brazil(subdiv="MT", years=year, language="pt_BR")
    entries = [HolidayEntry(day, name[:120], Holiday.Scope.NATIONAL) for day, name in national.items()]
    entries += [
        HolidayEntry(day, name[:120], Holiday.Scope.STATE)
        for day, name in with_state.items()
        if day not in national
    ]
    easter_sunday = easter(year)
    movable = (
        (easter_sunday - timedelta(days=48), "Carnaval"),
        (easter_sunday - timedelta(days=47), "Carnaval"),
        (easter_sunday - timedelta(days=2), "Sexta-feira Santa"),
        (easter_sunday + timedelta(days=60), "Corpus Christi"),
    )
    entries += [
        HolidayEntry(day, name, Holiday.Scope.PONTO_FACULTATIVO)
        for day, name in movable
        if day not in with_state
    ]
    entries += [
        HolidayEntry(date(year, month, day), name, Holiday.Scope.MUNICIPAL, municipality)
        for municipality, month, day, name in MUNICIPAL_HOLIDAYS
    ]
    return tuple(sorted(entries, key=lambda e: (e.date, e.scope, e.municipality)))


def holidays_load(*, years: list[int]) -> tuple[int, int]:
    """Materialise `holidays_from_library` for `years` in the Holiday table. Idempotent: rows
    that exist (same date, scope and municipality) are left as they are, even if staff renamed
    them. Returns (created, already present)."""
    created = existing = 0
    with transaction.atomic():
        for year in years:
            for entry in holidays_from_library(year):
                _, was_created = Holiday.objects.get_or_create(
                    date=entry.date,
                    scope=entry.scope,
                    municipality=entry.municipality,
                    defaults={"name": entry.name},
                )
                created += was_created
                existing += not was_created
        transaction.on_commit(holidays_changed)
    return created, existing


def holiday_save(*, actor: Any, holiday: Holiday) -> Holiday:
    """Create or change one holiday (staff add state decrees and pontos facultativos through the
    admin). Validates the row, audits the change and refreshes the cache on commit."""
    with transaction.atomic():
        action = "common.holiday.create" if holiday._state.adding else "common.holiday.update"
        holiday.full_clean()
        holiday.save()
        audit_record(
            actor=actor,
            action=action,
            target=holiday,
            changes={"date": holiday.date.isoformat(), "scope": holiday.scope},
        )
        transaction.on_commit(_holidays_edited)
    return holiday


def holiday_delete(*, actor: Any, holiday: Holiday) -> None:
    """Remove one holiday (for example a ponto facultativo the government revoked)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="common.holiday.delete",
            target=holiday,
            changes={"date": holiday.date.isoformat(), "scope": holiday.scope},
        )
        holiday.delete()
        transaction.on_commit(_holidays_edited)


# Sent after staff created, changed or removed a holiday (on commit). Apps whose data follows the
# calendar listen to it without common knowing them: scheduling re-makes its units' slots, so a
# ponto facultativo decreed today closes bookings now rather than at the nightly refresh.
holidays_edited = Signal()


def _holidays_edited() -> None:
    holidays_changed()
    holidays_edited.send(sender=Holiday)


# --- Cached reads -----------------------------------------------------------------------------


def holidays_changed() -> None:
    """Forget this process's cached holidays (call after changing Holiday rows)."""
    global _generation
    with _cache_lock:
        _cache.clear()
        _generation += 1


def _municipality_key(name: str) -> str:
    return " ".join(fold(name).split())


def _load_year(year: int) -> _YearDays:
    rows = [
        HolidayEntry(day, "", scope, municipality)
        for day, scope, municipality in Holiday.objects.filter(
            date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)
        ).values_list("date", "scope", "municipality")
    ]
    if not any(row.scope == Holiday.Scope.NATIONAL for row in rows):
        rows += holidays_from_library(year)
    off: set[date] = set()
    municipal: dict[str, set[date]] = {}
    for row in rows:
        if row.scope == Holiday.Scope.MUNICIPAL:
            municipal.setdefault(_municipality_key(row.municipality), set()).add(row.date)
        else:
            off.add(row.date)
    return _YearDays(frozenset(off), {key: frozenset(days) for key, days in municipal.items()})


def _year_days(year: int) -> _YearDays:
    now = monotonic_clock.monotonic()
    with _cache_lock:
        cached = _cache.get(year)
        generation = _generation
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    days = _load_year(year)
    with _cache_lock:
        if generation == _generation:
            _cache[year] = (now, days)
    return days


def _as_date(day: date) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError("Pass a date, not a datetime: convert to the local date in Cuiabá first.")
    return day


def is_business_day(day: date, *, municipality: str = "") -> bool:
    """False on Saturdays, Sundays, national and state holidays and state pontos facultativos;
    municipal holidays count only when `municipality` (any case and accents) is theirs."""
    day = _as_date(day)
    if day.weekday() >= 5:
        return False
    year_days = _year_days(day.year)
    if day in year_days.off:
        return False
    if municipality:
        return day not in year_days.municipal.get(_municipality_key(municipality), frozenset())
    return True


def is_holiday(day: date, *, municipality: str = "") -> bool:
    """True on national and state holidays and state pontos facultativos, and on the municipal
    holidays of `municipality` — whatever the weekday (units that open on Saturdays close then)."""
    day = _as_date(day)
    year_days = _year_days(day.year)
    if day in year_days.off:
        return True
    return bool(municipality) and day in year_days.municipal.get(_municipality_key(municipality), frozenset())


def _next_business_day(day: date, municipality: str) -> date:
    day += timedelta(days=1)
    while not is_business_day(day, municipality=municipality):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, days: int, *, municipality: str = "") -> date:
    """The business day `days` business days after `start`. Day 0 is `start` itself when it is
    a business day, else the next business day (a request made on a Saturday starts counting on
    Monday, as procedural deadlines do)."""
    start = _as_date(start)
    if days < 0:
        raise ValueError("days must be zero or more.")
    day = (
        start
        if is_business_day(start, municipality=municipality)
        else _next_business_day(start, municipality)
    )
    for _ in range(days):
        day = _next_business_day(day, municipality)
    return day


def business_days_between(start: date, end: date, *, municipality: str = "") -> int:
    """How many business days lie in [start, end): from `start` included up to `end` excluded;
    negative when `end` is before `start`. The inverse of `add_business_days`: for a business
    day `end`, add_business_days(start, business_days_between(start, end)) == end."""
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -business_days_between(end, start, municipality=municipality)
    count = 0
    day = start
    while day < end:
        count += is_business_day(day, municipality=municipality)
        day += timedelta(days=1)
    return count


def add_time_estimate(start: datetime, *, quantity: int, unit: str, municipality: str = "") -> datetime:
    """The deadline `quantity` `unit`s after `start`, aware, in Cuiabá's time zone.

    Units are the Carta's TimeEstimate units: minutos, horas, dias (calendar days), meses
    (calendar months; the 31st becomes the month's last day) and dias-uteis (business days:
    the deadline is the END — 23:59:59 in Cuiabá — of the business day given by
    `add_business_days` from the local date of `start`).
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime.")
    if quantity < 0:
        raise ValueError("quantity must be zero or more.")
    local = start.astimezone(CUIABA)
    if unit == "minutos":
        result = local + timedelta(minutes=quantity)
    elif unit == "horas":
        result = local + timedelta(hours=quantity)
    elif unit == "dias":
        result = local + timedelta(days=quantity)
    elif unit == "meses":
        result = local + relativedelta(months=quantity)
    elif unit == "dias-uteis":
        deadline = add_business_days(local.date(), quantity, municipality=municipality)
        result = datetime.combine(deadline, END_OF_DAY, tzinfo=CUIABA)
    else:
        raise ValueError(f"Unknown time unit {unit!r}; expected one of {', '.join(TIME_UNITS)}.")
    return result.astimezone(CUIABA)
