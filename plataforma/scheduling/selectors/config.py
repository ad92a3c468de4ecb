"""Reads of the gestor's configuration pages (/gestao/agendamento/): the agencies and units the
person manages, a unit's week, and the appointments that a change of hours or closures leaves
outside the unit's opening times.

A unit of an agency the person does not manage is looked up as if it did not exist (None → 404).
The lists of appointments show the person's name masked (common.authcodes.mask_name) and no CPF,
like the inbox lists; cancelling one goes through services.booking.appointment_cancel, audited.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from plataforma.catalog.models import Agency, Service, ServiceUnit
from plataforma.common.calendar import CUIABA

from ..models import Appointment, AppointmentStatus, Closure, OpeningHours, UnitCalendar
from ..services.config import manager_agency_ids

MAX_LISTED = 500


def managed_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=manager_agency_ids(user)).order_by("acronym")


def units_of_agency(agency: Agency) -> QuerySet[ServiceUnit]:
    """The agency's units with their calendar (if any) and how many services each offers."""
    return (
        ServiceUnit.objects.filter(agency=agency)
        .select_related("calendar")
        .annotate(n_offerings=Count("calendar__offerings", filter=Q(calendar__offerings__active=True)))
        .order_by("city", "name")
    )


def unit_for_manager(*, user, unit_id) -> ServiceUnit | None:
    return (
        ServiceUnit.objects.select_related("agency", "calendar")
        .filter(pk=unit_id, agency_id__in=manager_agency_ids(user))
        .first()
    )


def calendar_of(unit: ServiceUnit) -> UnitCalendar | None:
    try:
        return unit.calendar
    except UnitCalendar.DoesNotExist:
        return None


def week_of(calendar: UnitCalendar) -> dict[int, list[tuple[time, time]]]:
    week: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for row in calendar.hours.order_by("weekday", "opens"):
        week[row.weekday].append((row.opens, row.closes))
    return dict(week)


def bookable_services(agency: Agency) -> QuerySet[Service]:
    """The published services of the agency's Carta, for a new offering."""
    return (
        Service.objects.filter(agency=agency, is_published=True)
        .only("id", "name", "agency_id")
        .order_by("name")
    )


def _upcoming_booked(calendar: UnitCalendar, now: datetime) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(
            offering__calendar=calendar, status=AppointmentStatus.BOOKED, starts_at__gte=now
        )
        .select_related("person", "offering__service", "slot")
        .order_by("starts_at", "pk")
    )


def appointments_outside_hours(*, calendar: UnitCalendar, now: datetime | None = None) -> list[Appointment]:
    """Booked, upcoming appointments whose time was closed by a change of hours, closures or an
    offering's rules: the unit no longer attends then. Staff cancel them (the person is told why)."""
    now = now or timezone.now()
    return list(_upcoming_booked(calendar, now).filter(slot__open=False)[:MAX_LISTED])


def change_impact(
    *,
    calendar: UnitCalendar,
    week: dict[int, list[tuple[time, time]]] | None = None,
    new_closure: tuple[date, date] | None = None,
    now: datetime | None = None,
) -> list[Appointment]:
    """The booked, upcoming appointments that would fall outside the unit's opening times if the
    week's hours became `week` and/or `new_closure` (first day, last day) were added — computed
    with the same rules as services.slots, before anything is saved."""
    from ..services.slots import opening_intervals, slot_starts  # the core's rules, not a copy

    now = now or timezone.now()
    calendar = UnitCalendar.objects.select_related("unit").get(pk=calendar.pk)
    if week is None:
        hours = list(calendar.hours.all())
    else:
        hours = [
            OpeningHours(calendar=calendar, weekday=d, opens=a, closes=b)
            for d, intervals in week.items()
            for a, b in intervals
        ]
    closures = list(calendar.closures.all())
    if new_closure is not None:
        closures.append(Closure(calendar=calendar, starts_on=new_closure[0], ends_on=new_closure[1]))
    starts_cache: dict[tuple, set[datetime]] = {}
    displaced = []
    for appointment in _upcoming_booked(calendar, now).filter(slot__open=True)[: MAX_LISTED * 10]:
        offering = appointment.offering
        day = timezone.localtime(appointment.slot.starts_at, CUIABA).date()
        key = (offering.pk, day)
        if key not in starts_cache:
            intervals = opening_intervals(calendar, day, hours=hours, closures=closures)
            starts_cache[key] = set(slot_starts(day, intervals, offering))
        if appointment.slot.starts_at not in starts_cache[key]:
            displaced.append(appointment)
    return displaced
