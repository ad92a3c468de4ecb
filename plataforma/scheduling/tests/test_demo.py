"""The scheduling demo: DETRAN-MT units of the catalogue demo get calendars, hours, desks and
offerings through the gestor's services, and a second run writes nothing.

The catalogue demo is loaded once for the module inside a transaction rolled back at the end (as
in catalog/tests/test_demo_data.py), so other modules never see it."""

from __future__ import annotations

from datetime import time

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from plataforma.catalog.demo.loader import LoadReport, load_demo
from plataforma.catalog.models import Service
from plataforma.catalog.tests.factories import restore_reference_rows
from plataforma.common.models import AuditEvent
from plataforma.scheduling import geo
from plataforma.scheduling.demo import UNITS, load_scheduling_demo
from plataforma.scheduling.models import Desk, Mode, Offering, OpeningHours, Slot, UnitCalendar

pytestmark = pytest.mark.django_db
FAST_HASHER = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "plataforma.identity.hashers.ClientSecretHasher",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert not Service.objects.exists()
        with transaction.atomic():
            restore_reference_rows()
            load_demo()
            report = LoadReport()
            with TestCase.captureOnCommitCallbacks(execute=True):
                first = load_scheduling_demo(report)
            with TestCase.captureOnCommitCallbacks(execute=True) as second_callbacks:
                second = load_scheduling_demo()
            yield {
                "first": first,
                "second": second,
                "second_callbacks": second_callbacks,
                "report": report,
                "audit": AuditEvent.objects.filter(action__startswith="scheduling.").count(),
            }
            transaction.set_rollback(True)


def test_every_demo_unit_and_service_exists_in_the_catalogue_demo(demo):
    assert demo["first"].calendars == len(UNITS)
    expected = sum(len(spec.offerings) for spec in UNITS)
    assert demo["first"].offerings == expected == Offering.objects.count()
    assert demo["first"].desks == sum(len(spec.desks) for spec in UNITS) == Desk.objects.count()
    assert demo["report"].created["agendas de unidades"] == len(UNITS)


def test_a_second_run_writes_nothing(demo):
    assert not demo["second"].created_anything
    assert demo["second_callbacks"] == []
    assert AuditEvent.objects.filter(action__startswith="scheduling.").count() == demo["audit"]


def test_hours_coordinates_and_prefixes(demo):
    for spec in UNITS:
        calendar = UnitCalendar.objects.select_related("unit").get(unit__name=spec.name)
        assert calendar.accepts_bookings and calendar.ticket_prefix == spec.prefix
        lat, lon = geo.city_coordinates(calendar.unit.city)
        assert float(calendar.latitude) == pytest.approx(lat) and float(calendar.longitude) == pytest.approx(
            lon
        )
        hours = set(OpeningHours.objects.filter(calendar=calendar).values_list("weekday", "opens", "closes"))
        weekdays = {(d, time(7, 30), time(17, 30)) for d in range(5)}
        assert hours == (weekdays | {(5, time(8), time(12))} if spec.saturday else weekdays)


def test_offerings_have_priority_seats_one_is_by_video_and_slots_were_made(demo):
    offerings = Offering.objects.select_related("service")
    assert offerings.filter(priority_reserved__gte=1).count() >= len(UNITS)
    video = offerings.get(mode=Mode.VIDEO)
    assert video.service.name == "Apresentar defesa ou recurso de multa de trânsito"
    assert video.calendar.unit.name == "Sede do DETRAN-MT"
    for offering in offerings:
        assert offering.priority_reserved <= offering.capacity
        assert Slot.objects.filter(offering=offering, open=True).exists(), offering
    assert all(o.service.agency.acronym == "DETRAN-MT" and o.service.is_published for o in offerings)


def test_the_changes_were_made_by_the_agencys_gestor_and_audited(demo):
    events = AuditEvent.objects.filter(action="scheduling.offering_create").select_related("actor")
    assert events.count() == Offering.objects.count()
    assert {
        e.actor.agency_roles.filter(role="gestor").values_list("agency__acronym", flat=True).first()
        for e in events
    } == {"DETRAN-MT"}
