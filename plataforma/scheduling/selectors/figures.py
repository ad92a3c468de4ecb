"""Figures of attendance by appointment and at the desks (issue #5: "managers see occupancy,
no-show rate and waiting time per unit and service; these figures also feed the monitoring panel").

Definitions (also on the gestor's page):
- period: local days (America/Cuiaba) from `start` to `end`, both included;
- occupancy: seats booked / seats offered in the slots that start in the period; a slot closed by a
  change of hours offers only the seats it still holds;
- appointments: those whose time falls in the period, cancelled and rescheduled ones apart;
- no-show rate: faltou / (atendido + faltou);
- waiting time: from arrival to the call — ticket `called_at` minus the later of `issued_at` and the
  appointment's time (`due_at`) for appointments, `called_at` minus `issued_at` for walk-ins; never
  negative (a person called before their time waited nothing); median and 90th percentile;
- attendance time: ticket `finished_at` minus `started_at`; median and mean.

Counts are GROUP BY queries in the database (three, whatever the volume). Percentiles use
`percentile_cont` with GROUPING SETS on PostgreSQL (one query for every level); on SQLite — the
embedded setup — the ticket times of the period are read and the same interpolation is done in
Python, so both databases give the same numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Sum, When

from plataforma.common.calendar import CUIABA

from ..models import Appointment, AppointmentStatus, Slot, Ticket

DEFAULT_DAYS = 30
MAX_DAYS = 366
MAX_FUTURE_DAYS = 180
_HELD = ~Q(status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED])

# Grouping columns of the ticket times: the unit's calendar, the catalogue service, and the unit's
# agency. Keys of the results are tuples of (column, value) pairs, () for the grand total.
TIME_COLUMNS = {"calendar_id": "t.calendar_id", "service_id": "t.service_id", "agency_id": "u.agency_id"}


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[first instant of `start`, first instant after `end`) in the platform's time zone."""
    return datetime.combine(start, time.min, CUIABA), datetime.combine(
        end + timedelta(days=1), time.min, CUIABA
    )


def default_period(today: date) -> tuple[date, date]:
    """The last 30 days, today included."""
    return today - timedelta(days=DEFAULT_DAYS - 1), today


# --- percentiles --------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float | None:
    """PostgreSQL's percentile_cont: linear interpolation between the closest ranks."""
    if not sorted_values:
        return None
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(sorted_values[low])
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low))


@dataclass
class TimeStats:
    """Waiting and attendance times of a group of tickets, in seconds."""

    waits: int = 0
    wait_median: float | None = None
    wait_p90: float | None = None
    services: int = 0
    service_median: float | None = None
    service_mean: float | None = None


TimeKey = tuple[tuple[str, Any], ...]


def _check_sets(grouping_sets: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    sets = [tuple(s) for s in grouping_sets]
    for columns in sets:
        unknown = set(columns) - set(TIME_COLUMNS)
        if unknown:
            raise ValueError(f"unknown grouping columns {unknown}")
    return sets


def ticket_times(
    *, start: date, end: date, grouping_sets: Iterable[tuple[str, ...]], agency_id=None
) -> dict[TimeKey, TimeStats]:
    """Waiting and attendance times of the tickets of the local days `start`..`end`, for each
    grouping set (e.g. [("calendar_id", "service_id"), ("calendar_id",), ()]), optionally only of
    the units of one agency. Groups without any ticket are absent."""
    sets = _check_sets(grouping_sets)
    if connection.vendor == "postgresql":
        return _ticket_times_postgresql(start=start, end=end, sets=sets, agency_id=agency_id)
    return _ticket_times_python(start=start, end=end, sets=sets, agency_id=agency_id)


def _tables() -> dict[str, str]:
    from plataforma.catalog.models import ServiceUnit

    from ..models import UnitCalendar

    q = connection.ops.quote_name
    return {
        "ticket": q(Ticket._meta.db_table),
        "calendar": q(UnitCalendar._meta.db_table),
        "unit": q(ServiceUnit._meta.db_table),
    }


def _ticket_times_postgresql(*, start, end, sets, agency_id) -> dict[TimeKey, TimeStats]:
    columns = sorted({c for s in sets for c in s})
    tables = _tables()
    select_cols = ", ".join(f"{TIME_COLUMNS[c]} AS {c}" for c in columns)
    outer_cols = ", ".join(columns)
    groupings = ", ".join(f"GROUPING({c})" for c in columns)
    sets_sql = ", ".join("(" + ", ".join(s) + ")" for s in sets)
    where = "t.day >= %s AND t.day <= %s"
    params: list[Any] = [start, end]
    if agency_id is not None:
        where += " AND u.agency_id = %s"
        params.append(agency_id)
    inner = f"""
        SELECT {select_cols + "," if select_cols else ""}
               -- PostgreSQL's GREATEST skips NULLs: a ticket never called (or never finished)
               -- must stay NULL, not become 0, so that percentile_cont and COUNT leave it out
               CASE WHEN t.called_at IS NULL THEN NULL ELSE GREATEST(EXTRACT(EPOCH FROM (
                   t.called_at - GREATEST(t.issued_at, COALESCE(t.due_at, t.issued_at))
               )), 0) END AS w,
               CASE WHEN t.started_at IS NULL OR t.finished_at IS NULL THEN NULL
                    ELSE GREATEST(EXTRACT(EPOCH FROM (t.finished_at - t.started_at)), 0) END AS s
        FROM {tables["ticket"]} t
        JOIN {tables["calendar"]} c ON c.id = t.calendar_id
        JOIN {tables["unit"]} u ON u.id = c.unit_id
        WHERE {where}
    """  # noqa: S608 - table and column names come from the models and a fixed map; values are parameters
    sql = f"""
        SELECT {outer_cols + "," if outer_cols else ""} {groupings + "," if groupings else ""}
               COUNT(w), percentile_cont(0.5) WITHIN GROUP (ORDER BY w),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY w),
               COUNT(s), percentile_cont(0.5) WITHIN GROUP (ORDER BY s), AVG(s)
        FROM ({inner}) x
        GROUP BY GROUPING SETS ({sets_sql})
    """  # noqa: S608
    result: dict[TimeKey, TimeStats] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            values = row[: len(columns)]
            flags = row[len(columns) : 2 * len(columns)]
            waits, w50, w90, services, s50, smean = row[2 * len(columns) :]
            present = tuple(c for c, flag in zip(columns, flags, strict=True) if not flag)
            key = tuple((c, v) for c, v in zip(columns, values, strict=True) if c in present)
            if not waits and not services:
                continue
            result[key] = TimeStats(
                waits=waits,
                wait_median=_float(w50),
                wait_p90=_float(w90),
                services=services,
                service_median=_float(s50),
                service_mean=_float(smean),
            )
    return result


def _float(value) -> float | None:
    return None if value is None else float(value)


def _ticket_times_python(*, start, end, sets, agency_id) -> dict[TimeKey, TimeStats]:
    tickets = Ticket.objects.filter(day__gte=start, day__lte=end)
    if agency_id is not None:
        tickets = tickets.filter(calendar__unit__agency_id=agency_id)
    rows = tickets.values_list(
        "calendar_id",
        "service_id",
        "calendar__unit__agency_id",
        "issued_at",
        "due_at",
        "called_at",
        "started_at",
        "finished_at",
    )
    waits: dict[TimeKey, list[float]] = defaultdict(list)
    services: dict[TimeKey, list[float]] = defaultdict(list)
    for calendar_id, service_id, unit_agency, issued, due, called, started, finished in rows.iterator(
        chunk_size=2000
    ):
        values = {"calendar_id": calendar_id, "service_id": service_id, "agency_id": unit_agency}
        wait = None
        if called is not None:
            arrived = max(issued, due) if due is not None else issued
            wait = max(0.0, (called - arrived).total_seconds())
        spent = None
        if started is not None and finished is not None:
            spent = max(0.0, (finished - started).total_seconds())
        for columns in sets:
            key = tuple((c, values[c]) for c in sorted(columns))
            if wait is not None:
                waits[key].append(wait)
            if spent is not None:
                services[key].append(spent)
    result: dict[TimeKey, TimeStats] = {}
    for key in set(waits) | set(services):
        w = sorted(waits.get(key, []))
        s = sorted(services.get(key, []))
        result[key] = TimeStats(
            waits=len(w),
            wait_median=percentile(w, 0.5),
            wait_p90=percentile(w, 0.9),
            services=len(s),
            service_median=percentile(s, 0.5),
            service_mean=(sum(s) / len(s)) if s else None,
        )
    return result


def time_key(**values) -> TimeKey:
    """The key of `ticket_times`' results for these column values (sorted by column name)."""
    return tuple(sorted(values.items()))


# --- the gestor's page: per unit and service ----------------------------------------------------


@dataclass
class FigureRow:
    """The figures of one unit and service (service None: the unit's total; unit None: the
    agency's total) in the period."""

    unit: Any = None
    service: Any = None
    offered_seats: int = 0
    booked_seats: int = 0
    appointments: int = 0
    attended: int = 0
    no_show: int = 0
    cancelled: int = 0
    tickets: int = 0
    walk_ins: int = 0
    times: TimeStats = field(default_factory=TimeStats)

    @property
    def occupancy(self) -> float | None:
        return self.booked_seats / self.offered_seats if self.offered_seats else None

    @property
    def no_show_rate(self) -> float | None:
        concluded = self.attended + self.no_show
        return self.no_show / concluded if concluded else None

    def add(self, other: FigureRow) -> None:
        for name in (
            "offered_seats",
            "booked_seats",
            "appointments",
            "attended",
            "no_show",
            "cancelled",
            "tickets",
            "walk_ins",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class UnitFigures:
    unit: Any
    total: FigureRow
    services: list[FigureRow]


@dataclass
class AgencyFigures:
    start: date
    end: date
    units: list[UnitFigures]
    total: FigureRow

    @property
    def has_data(self) -> bool:
        t = self.total
        return bool(t.offered_seats or t.appointments or t.tickets)


def agency_figures(*, agency, start: date, end: date) -> AgencyFigures:
    """Occupancy, appointments, no-shows, waiting and attendance times of the agency's units in
    the period, per unit and service, per unit and for the agency. Four queries (three on
    SQLite, plus the read of the period's ticket times), whatever the number of units."""
    from plataforma.catalog.models import Service, ServiceUnit

    begin, finish = local_bounds(start, end)
    groups: dict[tuple, FigureRow] = defaultdict(FigureRow)
    booked_expr = F("booked_regular") + F("booked_priority")
    seats = (
        Slot.objects.filter(
            offering__calendar__unit__agency=agency, starts_at__gte=begin, starts_at__lt=finish
        )
        .order_by()
        .values("offering__calendar__unit_id", "offering__service_id")
        .annotate(
            offered=Sum(
                Case(When(open=True, then=F("capacity")), default=booked_expr, output_field=IntegerField())
            ),
            booked=Sum(booked_expr),
        )
    )
    for row in seats:
        group = groups[(row["offering__calendar__unit_id"], row["offering__service_id"])]
        group.offered_seats, group.booked_seats = row["offered"] or 0, row["booked"] or 0
    appointments = (
        Appointment.objects.filter(
            offering__calendar__unit__agency=agency, starts_at__gte=begin, starts_at__lt=finish
        )
        .order_by()
        .values("offering__calendar__unit_id", "offering__service_id")
        .annotate(
            held=Count("id", filter=_HELD),
            done=Count("id", filter=Q(status=AppointmentStatus.DONE)),
            missed=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)),
            dropped=Count("id", filter=Q(status=AppointmentStatus.CANCELLED)),
        )
    )
    for row in appointments:
        group = groups[(row["offering__calendar__unit_id"], row["offering__service_id"])]
        group.appointments, group.attended = row["held"], row["done"]
        group.no_show, group.cancelled = row["missed"], row["dropped"]
    tickets = (
        Ticket.objects.filter(calendar__unit__agency=agency, day__gte=start, day__lte=end)
        .order_by()
        .values("calendar__unit_id", "service_id")
        .annotate(n=Count("id"), walk=Count("id", filter=Q(appointment__isnull=True)))
    )
    for row in tickets:
        group = groups[(row["calendar__unit_id"], row["service_id"])]
        group.tickets, group.walk_ins = row["n"], row["walk"]
    times = ticket_times(
        start=start,
        end=end,
        agency_id=agency.pk,
        grouping_sets=[("calendar_id", "service_id"), ("calendar_id",), ()],
    )
    unit_ids = {unit_id for unit_id, _service in groups}
    service_ids = {service_id for _unit, service_id in groups}
    units = {
        u.pk: u
        for u in ServiceUnit.objects.filter(pk__in=unit_ids)
        .select_related("calendar")
        .only("id", "name", "city", "state", "agency_id", "calendar__id")
    }
    services = {s.pk: s for s in Service.objects.filter(pk__in=service_ids).only("id", "name", "slug")}
    by_unit: dict[Any, list[FigureRow]] = defaultdict(list)
    for (unit_id, service_id), row in groups.items():
        row.unit, row.service = units.get(unit_id), services.get(service_id)
        calendar_id = getattr(getattr(row.unit, "calendar", None), "pk", None)
        row.times = times.get(time_key(calendar_id=calendar_id, service_id=service_id), TimeStats())
        by_unit[unit_id].append(row)
    result_units = []
    agency_total = FigureRow(times=times.get((), TimeStats()))
    for unit_id, rows in by_unit.items():
        unit = units.get(unit_id)
        calendar_id = getattr(getattr(unit, "calendar", None), "pk", None)
        total = FigureRow(unit=unit, times=times.get(time_key(calendar_id=calendar_id), TimeStats()))
        for row in rows:
            total.add(row)
        agency_total.add(total)
        rows.sort(key=lambda r: getattr(r.service, "name", ""))
        result_units.append(UnitFigures(unit=unit, total=total, services=rows))
    result_units.sort(key=lambda u: (getattr(u.unit, "city", ""), getattr(u.unit, "name", "")))
    return AgencyFigures(start=start, end=end, units=result_units, total=agency_total)


# --- the public panel: per catalogue service and agency -----------------------------------------


@dataclass
class CatalogueGroup:
    """Appointments of one (unit's agency, service) group in a period (for monitoring)."""

    agency_id: Any
    service_id: Any
    booked: int = 0
    attended: int = 0
    no_show: int = 0


def appointments_by_agency_service(*, start: date, end: date) -> list[CatalogueGroup]:
    """Appointments of the local days `start`..`end` per (unit's agency, service): one query."""
    begin, finish = local_bounds(start, end)
    rows = (
        Appointment.objects.filter(starts_at__gte=begin, starts_at__lt=finish)
        .order_by()
        .values("offering__calendar__unit__agency_id", "offering__service_id")
        .annotate(
            held=Count("id", filter=_HELD),
            done=Count("id", filter=Q(status=AppointmentStatus.DONE)),
            missed=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)),
        )
    )
    return [
        CatalogueGroup(
            agency_id=row["offering__calendar__unit__agency_id"],
            service_id=row["offering__service_id"],
            booked=row["held"],
            attended=row["done"],
            no_show=row["missed"],
        )
        for row in rows
    ]


def wait_times_by_scope(*, start: date, end: date) -> dict[TimeKey, TimeStats]:
    """Waiting times of the period per service, per unit's agency and for the platform (keys:
    time_key(service_id=...), time_key(agency_id=...), ())."""
    return ticket_times(start=start, end=end, grouping_sets=[("service_id",), ("agency_id",), ()])


def first_appointment() -> datetime | None:
    """When the earliest appointment was due (the start of the monitoring history)."""
    return Appointment.objects.order_by("starts_at").values_list("starts_at", flat=True).first()
