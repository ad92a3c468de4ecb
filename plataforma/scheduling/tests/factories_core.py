"""Units, calendars and offerings for the core scheduling tests (slots, availability, booking)."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory, published_service
from plataforma.common.calendar import CUIABA, is_holiday
from plataforma.identity.models import Level
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import Closure, Offering, OpeningHours, UnitCalendar
from ..services.slots import offering_slots_refresh

WEEKDAYS = range(5)


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.PRATA)
    return UserFactory(**kwargs)


def in_person_service(agency=None, editor=None, **content):
    agency = agency or AgencyFactory()
    editor = editor or make_editor(agency)
    content.setdefault("name", f"Atendimento de teste {uuid.uuid4().hex[:6]}")
    content.setdefault("is_digital", False)
    return published_service(agency=agency, editor=editor, **content)


def calendar_for(
    agency,
    *,
    city="Cuiabá",
    hours=((time(8), time(12)), (time(14), time(18))),
    weekdays=WEEKDAYS,
    lat="-15.601400",
    lon="-56.097900",
    **unit_fields,
):
    unit = ServiceUnitFactory(agency=agency, city=city, **unit_fields)
    calendar = UnitCalendar.objects.create(unit=unit, latitude=Decimal(lat), longitude=Decimal(lon))
    for weekday in weekdays:
        for opens, closes in hours:
            OpeningHours.objects.create(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
    return calendar


def offering_for(calendar, service, *, today: date | None = None, **rules):
    rules.setdefault("duration_minutes", 30)
    rules.setdefault("capacity", 2)
    rules.setdefault("horizon_days", 30)
    rules.setdefault("min_notice_hours", 2)
    rules.setdefault("per_person_limit", 1)
    offering = Offering.objects.create(calendar=calendar, service=service, **rules)
    offering_slots_refresh(offering=offering, today=today)
    return offering


def close(calendar, starts_on: date, ends_on: date | None = None, reason="Reforma"):
    return Closure.objects.create(
        calendar=calendar, starts_on=starts_on, ends_on=ends_on or starts_on, reason=reason
    )


def next_weekday(start: date, weekday: int = 2) -> date:
    """The first `weekday` (0 = Monday) strictly after `start`, at least 3 days ahead."""
    day = start + timedelta(days=3)
    while day.weekday() != weekday or is_holiday(day, municipality="Cuiabá"):
        day += timedelta(days=1)
    return day


def local_now():
    return timezone.localtime(timezone.now(), CUIABA)
