"""The gestor's configuration services: who may, what is refused (field-keyed, nothing written),
what is audited, and what happens to slots and appointments when hours or closures change."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory
from plataforma.common.models import AuditEvent
from plataforma.scheduling import geo
from plataforma.scheduling.models import AppointmentStatus, Closure, Desk, Mode, Offering, Slot, UnitCalendar
from plataforma.scheduling.selectors.config import appointments_outside_hours, change_impact, week_of
from plataforma.scheduling.services import config
from plataforma.scheduling.services.booking import appointment_book
from plataforma.scheduling.services.slots import local_today

from .factories_manage import (
    calendar_for,
    in_person_service,
    local,
    next_weekday,
    offering_for,
    person,
    servant,
)

pytestmark = pytest.mark.django_db

RULES = config.OfferingRules(
    duration_minutes=30,
    capacity=2,
    buffer_minutes=0,
    horizon_days=30,
    min_notice_hours=2,
    per_person_limit=1,
    priority_reserved=1,
)


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def gestor(agency):
    return servant(agency, "gestor")


@pytest.fixture
def calendar(agency):
    return calendar_for(agency)


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict


# --- who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("roles", [(), ("atendente",), ("analista",), ("carta_editor",), ("ouvidor",)])
def test_only_the_agencys_gestor_configures_its_units(agency, calendar, roles):
    someone = servant(agency, *roles)
    unit = ServiceUnitFactory(agency=agency)
    with pytest.raises(PermissionDenied):
        config.unit_calendar_save(actor=someone, unit=unit, accepts_bookings=True)
    with pytest.raises(PermissionDenied):
        config.opening_hours_set(actor=someone, calendar=calendar, week={0: [(time(8), time(9))]})
    with pytest.raises(PermissionDenied):
        config.desk_save(actor=someone, calendar=calendar, name="Guichê 9")
    assert not UnitCalendar.objects.filter(unit=unit).exists()
    assert not Desk.objects.exists()


def test_a_gestor_of_another_agency_and_an_anonymous_visitor_are_refused(agency, calendar):
    from django.contrib.auth.models import AnonymousUser

    other_gestor = servant(AgencyFactory(), "gestor")
    service = in_person_service(agency)
    for actor in (other_gestor, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            config.offering_create(
                actor=actor, calendar=calendar, service=service, mode=Mode.IN_PERSON, rules=RULES
            )
        with pytest.raises(PermissionDenied):
            config.closure_add(
                actor=actor, calendar=calendar, starts_on=local_today(), ends_on=local_today(), reason="Greve"
            )
    assert not Offering.objects.exists() and not Closure.objects.exists()


def test_a_revoked_gestor_is_refused(agency, gestor, calendar):
    from django.utils import timezone

    gestor.agency_roles.update(revoked_at=timezone.now())
    with pytest.raises(PermissionDenied):
        config.desk_save(actor=gestor, calendar=calendar, name="Guichê 1")


# --- the unit's calendar ------------------------------------------------------------------------


def test_blank_coordinates_are_the_municipality_seat_and_the_creation_is_audited(agency, gestor):
    unit = ServiceUnitFactory(agency=agency, city="Rondonópolis")
    calendar = config.unit_calendar_save(actor=gestor, unit=unit, accepts_bookings=True, ticket_prefix="gt")
    lat, lon = geo.city_coordinates("Rondonópolis")
    assert (float(calendar.latitude), float(calendar.longitude)) == pytest.approx((lat, lon))
    assert calendar.ticket_prefix == "GT"
    event = AuditEvent.objects.get(action="scheduling.calendar_create")
    assert event.actor == gestor and event.target_id == str(calendar.pk)
    assert event.changes["ticket_prefix"] == "GT"


def test_saving_the_same_calendar_again_writes_no_audit_row(agency, gestor):
    unit = ServiceUnitFactory(agency=agency, city="Cuiabá")
    config.unit_calendar_save(actor=gestor, unit=unit, accepts_bookings=True)
    config.unit_calendar_save(actor=gestor, unit=unit, accepts_bookings=True)
    assert AuditEvent.objects.filter(action__startswith="scheduling.calendar").count() == 1
    config.unit_calendar_save(actor=gestor, unit=unit, accepts_bookings=False)
    change = AuditEvent.objects.get(action="scheduling.calendar_change")
    assert change.changes == {"accepts_bookings": False}


@pytest.mark.parametrize(
    ("lat", "lon", "field", "words"),
    [
        ("-56.0974", "-15.6010", "latitude", "fora do Brasil"),  # swapped
        ("-15.6010", None, "longitude", "as duas"),
        (None, "-56.0974", "latitude", "as duas"),
        ("40.7", "-74.0", "latitude", "fora do Brasil"),  # New York
        ("-95", "-56", "latitude", "-90 a 90"),
    ],
)
def test_bad_coordinates_are_refused_on_their_field(agency, gestor, lat, lon, field, words):
    unit = ServiceUnitFactory(agency=agency)
    with pytest.raises(ValidationError) as caught:
        config.unit_calendar_save(
            actor=gestor,
            unit=unit,
            accepts_bookings=True,
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lon) if lon else None,
        )
    assert words in " ".join(_errors(caught.value)[field])
    assert not UnitCalendar.objects.filter(unit=unit).exists()


@pytest.mark.parametrize("prefix", ["ABCD", "G1", "É", "G-T"])
def test_bad_senha_prefixes_are_refused(agency, gestor, prefix):
    unit = ServiceUnitFactory(agency=agency)
    with pytest.raises(ValidationError) as caught:
        config.unit_calendar_save(actor=gestor, unit=unit, accepts_bookings=True, ticket_prefix=prefix)
    assert "ticket_prefix" in _errors(caught.value)


# --- opening hours ------------------------------------------------------------------------------


def test_overlapping_or_inverted_intervals_are_refused_per_weekday_and_nothing_changes(gestor, calendar):
    before = week_of(calendar)
    week = {
        0: [(time(8), time(12)), (time(11), time(15))],  # overlap
        2: [(time(14), time(13))],  # ends before it starts
        4: [(time(8), time(12)), (time(12), time(14))],  # touching is fine
    }
    with pytest.raises(ValidationError) as caught:
        config.opening_hours_set(actor=gestor, calendar=calendar, week=week)
    errors = _errors(caught.value)
    assert set(errors) == {"dia_0", "dia_2"}
    assert "se sobrepõem" in errors["dia_0"][0] and "08:00-12:00" in errors["dia_0"][0]
    assert "terminar depois de começar" in errors["dia_2"][0]
    assert week_of(calendar) == before
    assert not AuditEvent.objects.filter(action="scheduling.hours_change").exists()


def test_too_many_intervals_on_a_day_are_refused(gestor, calendar):
    week = {1: [(time(h), time(h, 30)) for h in range(7, 14)]}
    with pytest.raises(ValidationError) as caught:
        config.opening_hours_set(actor=gestor, calendar=calendar, week=week)
    assert "dia_1" in _errors(caught.value)


def _booked_wednesday_afternoon(agency, calendar):
    service = in_person_service(agency)
    today = local_today()
    offering = offering_for(calendar, service, today=today)
    day = next_weekday(today, 2)
    slot = Slot.objects.get(offering=offering, starts_at=local(day, 14))
    citizen = person(full_name="Maria Aparecida Souza")
    appointment, _created = appointment_book(person=citizen, slot_id=slot.pk, idempotency_key="k1")
    return offering, day, slot, appointment


def test_new_hours_close_slots_on_commit_and_keep_their_appointments(
    agency, gestor, calendar, django_capture_on_commit_callbacks
):
    offering, day, slot, appointment = _booked_wednesday_afternoon(agency, calendar)
    week = week_of(calendar)
    week[2] = [(time(8), time(12))]  # no more afternoon on Wednesdays
    assert change_impact(calendar=calendar, week=week) == [appointment]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        config.opening_hours_set(actor=gestor, calendar=calendar, week=week)
    assert len(callbacks) == 1
    slot.refresh_from_db()
    appointment.refresh_from_db()
    assert slot.open is False and slot.booked == 1
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointments_outside_hours(calendar=calendar) == [appointment]
    # a Wednesday afternoon of a later week is no longer offered at all
    later = day + timedelta(days=7)
    assert not Slot.objects.filter(offering=offering, starts_at=local(later, 14), open=True).exists()
    assert Slot.objects.filter(offering=offering, starts_at=local(later, 10), open=True).exists()
    event = AuditEvent.objects.get(action="scheduling.hours_change")
    assert "2 14:00-18:00" in event.changes["before"] and "2 14:00-18:00" not in event.changes["after"]


def test_reopening_the_hours_reopens_the_slot_and_empties_the_list(
    agency, gestor, calendar, django_capture_on_commit_callbacks
):
    _offering, _day, slot, appointment = _booked_wednesday_afternoon(agency, calendar)
    original = week_of(calendar)
    with django_capture_on_commit_callbacks(execute=True):
        config.opening_hours_set(actor=gestor, calendar=calendar, week={**original, 2: [(time(8), time(12))]})
    assert appointments_outside_hours(calendar=calendar) == [appointment]
    with django_capture_on_commit_callbacks(execute=True):
        config.opening_hours_set(actor=gestor, calendar=calendar, week=original)
    slot.refresh_from_db()
    assert slot.open is True
    assert appointments_outside_hours(calendar=calendar) == []


def test_an_unchanged_week_writes_nothing(gestor, calendar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        config.opening_hours_set(actor=gestor, calendar=calendar, week=week_of(calendar))
    assert callbacks == []
    assert not AuditEvent.objects.filter(action="scheduling.hours_change").exists()


# --- closures -----------------------------------------------------------------------------------


def test_closure_rules(gestor, calendar):
    today = local_today()
    cases = [
        (today - timedelta(days=5), today - timedelta(days=1), "Reforma", "ends_on", "já passou"),
        (today + timedelta(days=3), today + timedelta(days=1), "Reforma", "ends_on", "antes do primeiro"),
        (today, today + timedelta(days=400), "Reforma", "ends_on", "no máximo"),
        (today, today, "   ", "reason", "motivo"),
    ]
    for starts_on, ends_on, reason, field, words in cases:
        with pytest.raises(ValidationError) as caught:
            config.closure_add(
                actor=gestor, calendar=calendar, starts_on=starts_on, ends_on=ends_on, reason=reason
            )
        assert words in " ".join(_errors(caught.value)[field]), (starts_on, ends_on, reason)
    assert not Closure.objects.exists()
    # a period that started in the past and is still going on is accepted
    config.closure_add(
        actor=gestor, calendar=calendar, starts_on=today - timedelta(days=2), ends_on=today, reason="Greve"
    )
    with pytest.raises(ValidationError) as caught:
        config.closure_add(
            actor=gestor,
            calendar=calendar,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            reason="Outra",
        )
    assert "Já há um fechamento" in _errors(caught.value)["starts_on"][0]


def test_a_closure_closes_its_days_and_can_be_removed_until_it_ends(
    agency, gestor, calendar, django_capture_on_commit_callbacks
):
    offering, day, slot, appointment = _booked_wednesday_afternoon(agency, calendar)
    assert change_impact(calendar=calendar, new_closure=(day, day)) == [appointment]
    with django_capture_on_commit_callbacks(execute=True):
        closure = config.closure_add(
            actor=gestor, calendar=calendar, starts_on=day, ends_on=day, reason="Dedetização"
        )
    assert not Slot.objects.filter(offering=offering, starts_at__date=day, open=True).exists()
    assert appointments_outside_hours(calendar=calendar) == [appointment]
    assert AuditEvent.objects.filter(action="scheduling.closure_add", target_id=str(calendar.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        config.closure_remove(actor=gestor, closure=closure)
    slot.refresh_from_db()
    assert slot.open is True and not Closure.objects.exists()


def test_a_closure_that_has_ended_stays_in_the_history(gestor, calendar):
    today = local_today()
    past = Closure.objects.create(
        calendar=calendar,
        starts_on=today - timedelta(days=9),
        ends_on=today - timedelta(days=8),
        reason="Greve",
    )
    with pytest.raises(ValidationError):
        config.closure_remove(actor=gestor, closure=past)
    assert Closure.objects.filter(pk=past.pk).exists()


# --- desks --------------------------------------------------------------------------------------


def test_desk_names_are_unique_in_a_unit_and_changes_are_audited(gestor, calendar):
    desk = config.desk_save(actor=gestor, calendar=calendar, name="  Guichê   1 ")
    assert desk.name == "Guichê 1"
    with pytest.raises(ValidationError) as caught:
        config.desk_save(actor=gestor, calendar=calendar, name="guichê 1")
    assert "Já há um guichê" in _errors(caught.value)["name"][0]
    with pytest.raises(ValidationError):
        config.desk_save(actor=gestor, calendar=calendar, name="")
    config.desk_save(actor=gestor, calendar=calendar, desk=desk, name="Guichê 1", active=False)
    desk.refresh_from_db()
    assert desk.active is False
    change = AuditEvent.objects.get(action="scheduling.desk_change")
    assert change.changes == {"active": False}


# --- offerings ----------------------------------------------------------------------------------


def test_offering_rules_are_checked_on_their_fields(agency, gestor, calendar):
    service = in_person_service(agency)
    other_agency_service = in_person_service(AgencyFactory())
    cases = [
        ({"service": other_agency_service}, "service"),
        ({"mode": "carta"}, "mode"),
        ({"rules": config.OfferingRules(**{**RULES.__dict__, "priority_reserved": 3})}, "priority_reserved"),
        ({"rules": config.OfferingRules(**{**RULES.__dict__, "duration_minutes": 2})}, "duration_minutes"),
        ({"rules": config.OfferingRules(**{**RULES.__dict__, "horizon_days": 181})}, "horizon_days"),
        ({"rules": config.OfferingRules(**{**RULES.__dict__, "capacity": 0})}, "capacity"),
    ]
    for override, field in cases:
        kwargs = {"service": service, "mode": Mode.IN_PERSON, "rules": RULES, **override}
        with pytest.raises(ValidationError) as caught:
            config.offering_create(actor=gestor, calendar=calendar, **kwargs)
        assert field in _errors(caught.value), (override, _errors(caught.value))
    assert not Offering.objects.exists()


def test_an_unpublished_service_cannot_be_offered(agency, gestor, calendar):
    from plataforma.catalog.models import Service

    service = in_person_service(agency)
    Service.objects.filter(pk=service.pk).update(is_published=False, published_version=None)
    service.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        config.offering_create(
            actor=gestor, calendar=calendar, service=service, mode=Mode.IN_PERSON, rules=RULES
        )
    assert "não está publicado" in _errors(caught.value)["service"][0]


def test_creating_an_offering_makes_its_slots_on_commit_and_refuses_a_duplicate(
    agency, gestor, calendar, django_capture_on_commit_callbacks
):
    service = in_person_service(agency)
    with django_capture_on_commit_callbacks(execute=True):
        offering = config.offering_create(
            actor=gestor, calendar=calendar, service=service, mode=Mode.IN_PERSON, rules=RULES
        )
    day = next_weekday(local_today(), 2)
    slot = Slot.objects.get(offering=offering, starts_at=local(day, 8))
    assert (slot.capacity, slot.reserved) == (2, 1)
    event = AuditEvent.objects.get(action="scheduling.offering_create")
    assert event.changes["service"] == str(service.pk) and event.changes["priority_reserved"] == 1
    with pytest.raises(ValidationError) as caught:
        config.offering_create(
            actor=gestor, calendar=calendar, service=service, mode=Mode.IN_PERSON, rules=RULES
        )
    assert "já é oferecido" in _errors(caught.value)["service"][0]
    # the same service by video is another offering
    config.offering_create(actor=gestor, calendar=calendar, service=service, mode=Mode.VIDEO, rules=RULES)
    assert Offering.objects.filter(calendar=calendar, service=service).count() == 2


def test_updating_an_offering_audits_only_what_changed_and_resizes_future_slots(
    agency, gestor, calendar, django_capture_on_commit_callbacks
):
    service = in_person_service(agency)
    with django_capture_on_commit_callbacks(execute=True):
        offering = config.offering_create(
            actor=gestor, calendar=calendar, service=service, mode=Mode.IN_PERSON, rules=RULES
        )
    with django_capture_on_commit_callbacks(execute=True):
        config.offering_update(
            actor=gestor,
            offering=offering,
            rules=config.OfferingRules(**{**RULES.__dict__, "capacity": 4, "priority_reserved": 2}),
        )
    change = AuditEvent.objects.get(action="scheduling.offering_change")
    assert change.changes == {"capacity": 4, "priority_reserved": 2}
    day = next_weekday(local_today(), 2)
    slot = Slot.objects.get(offering=offering, starts_at=local(day, 8))
    assert (slot.capacity, slot.reserved) == (4, 2)
    with pytest.raises(ValidationError) as caught:
        config.offering_update(
            actor=gestor,
            offering=offering,
            rules=config.OfferingRules(**{**RULES.__dict__, "capacity": 1, "priority_reserved": 2}),
        )
    assert "priority_reserved" in _errors(caught.value)
    offering.refresh_from_db()
    assert (offering.capacity, offering.priority_reserved) == (4, 2)
