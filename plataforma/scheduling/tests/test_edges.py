"""Edges found in review: absurd dates answer 4xx or nothing (never a 500), a time the unit
closed after the booking gets no reminder and is not counted as a no-show, and a new length
re-shapes the future grid without overlapping slots."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.calendar import CUIABA

from ..models import Appointment, AppointmentStatus, Slot
from ..reminders import _due
from ..selectors.availability import day_slots
from ..services.queue import queue_close_past_days
from ..services.slots import offering_slots_refresh
from .factories_core import (
    calendar_for,
    close,
    in_person_service,
    local_now,
    next_weekday,
    offering_for,
    person,
)
from .test_booking import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering():
    agency = AgencyFactory()
    return offering_for(calendar_for(agency), in_person_service(agency), capacity=2)


def test_absurd_days_have_no_slots_and_no_overflow(offering):
    assert day_slots(offering=offering, day=date(9999, 12, 31)) == []
    assert day_slots(offering=offering, day=date(1, 1, 1)) == []


@pytest.mark.parametrize(
    "path", ["/agendamento/{slug}/{offering}/9999-12-31/", "/agendamento/{slug}/{offering}/0001-01-01/"]
)
def test_the_day_page_answers_absurd_days_without_a_500(client, offering, path):
    response = client.get(path.format(slug=offering.service.slug, offering=offering.pk))
    assert response.status_code in (200, 400, 404)


def test_the_api_answers_absurd_days_without_a_500(client, offering):
    response = client.get(f"/api/v1/agendamento/ofertas/{offering.pk}/dias/9999-12-31")
    assert response.status_code in (200, 404, 422)


def test_a_time_the_unit_closed_gets_no_reminder_and_no_no_show(offering):
    day = next_weekday(local_now().date(), 2)
    slot = Slot.objects.get(offering=offering, starts_at=datetime.combine(day, time(9), CUIABA))
    appointment = book(person(), slot)
    close(offering.calendar, day, reason="Falta de energia")
    offering_slots_refresh(offering=offering)
    Appointment.objects.filter(pk=appointment.pk).update(created_at=slot.starts_at - timedelta(days=3))
    due = _due(slot.starts_at - timedelta(hours=20), timedelta(hours=24))
    assert not due.filter(pk=appointment.pk).exists()
    counts = queue_close_past_days(now=slot.starts_at + timedelta(days=1))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert counts["cancelados_pela_unidade"] == 1 and counts["faltou"] == 0


def test_a_new_length_reshapes_the_future_grid(offering):
    day = next_weekday(local_now().date(), 2)
    booked_slot = Slot.objects.get(offering=offering, starts_at=datetime.combine(day, time(8, 30), CUIABA))
    book(person(), booked_slot)
    offering.duration_minutes = 60
    offering.save()
    offering_slots_refresh(offering=offering)
    open_slots = list(
        Slot.objects.filter(offering=offering, open=True, starts_at__date=day).order_by("starts_at")
    )
    assert all(s.ends_at - s.starts_at == timedelta(minutes=60) for s in open_slots)
    assert all(a.ends_at <= b.starts_at for a, b in itertools.pairwise(open_slots))
    booked_slot.refresh_from_db()
    assert not booked_slot.open and booked_slot.booked_regular == 1  # kept for its booking, not offered
    assert timezone.localtime(open_slots[0].starts_at, CUIABA).time() == time(8)


def test_a_holiday_decreed_by_staff_closes_its_slots_at_once(offering, django_capture_on_commit_callbacks):
    from plataforma.common.calendar import holiday_save
    from plataforma.common.models import Holiday

    day = next_weekday(local_now().date(), 2)
    assert Slot.objects.filter(offering=offering, starts_at__date=day, open=True).exists()
    staff = person()
    with django_capture_on_commit_callbacks(execute=True):
        holiday_save(
            actor=staff,
            holiday=Holiday(
                date=day, name="Ponto facultativo (decreto)", scope=Holiday.Scope.PONTO_FACULTATIVO
            ),
        )
    assert not Slot.objects.filter(offering=offering, starts_at__date=day, open=True).exists()
    assert day_slots(offering=offering, day=day) == []
