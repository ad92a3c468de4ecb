"""Slots, availability and booking: the capacity invariant, the per-person limit, the booking
window, priorities, cancel and reschedule; concurrency on PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification

from ..models import Appointment, AppointmentStatus, PersonQuota, Priority, Slot
from ..selectors.availability import day_slots, service_availability
from ..services.booking import (
    BookingConflict,
    appointment_book,
    appointment_cancel,
    appointment_code_normalise,
    appointment_reschedule,
)
from ..services.slots import offering_slots_refresh, opening_intervals
from .factories_core import (
    calendar_for,
    close,
    in_person_service,
    local_now,
    next_weekday,
    offering_for,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(acronym="DETRAN-MT")


@pytest.fixture
def service(agency):
    return in_person_service(agency)


@pytest.fixture
def calendar(agency):
    return calendar_for(agency)


@pytest.fixture
def offering(calendar, service):
    return offering_for(calendar, service, capacity=2)


def _slot_at(offering, day, hour, minute=0):
    return Slot.objects.get(offering=offering, starts_at=datetime.combine(day, time(hour, minute), CUIABA))


def book(who, slot, **kwargs):
    kwargs.setdefault("idempotency_key", uuid.uuid4().hex)
    appointment, _created = appointment_book(person=who, slot_id=slot.pk, **kwargs)
    return appointment


def test_slots_follow_the_opening_hours_and_skip_weekends_and_holidays(offering):
    day = next_weekday(local_now().date(), 2)
    starts = sorted(
        s.astimezone(CUIABA).time()
        for s in Slot.objects.filter(offering=offering, starts_at__date=day).values_list(
            "starts_at", flat=True
        )
    )
    # 08:00-12:00 and 14:00-18:00 in 30-minute slots
    assert starts[0] == time(8) and starts[-1] == time(17, 30) and len(starts) == 16
    assert time(12) not in starts and time(13, 30) not in starts
    saturday = next_weekday(local_now().date(), 5)
    assert not Slot.objects.filter(offering=offering, starts_at__date=saturday).exists()
    christmas = date(2026, 12, 25)
    assert opening_intervals(offering.calendar, christmas) == []


def test_a_closure_closes_slots_but_keeps_their_bookings(offering, calendar):
    day = next_weekday(local_now().date(), 2)
    maria = person()
    booked = book(maria, _slot_at(offering, day, 9))
    close(calendar, day)
    offering_slots_refresh(offering=offering)
    assert not Slot.objects.filter(offering=offering, starts_at__date=day, open=True).exists()
    assert Appointment.objects.get(pk=booked.pk).status == AppointmentStatus.BOOKED
    with pytest.raises(ValidationError):
        book(person(), _slot_at(offering, day, 10))
    assert day_slots(offering=offering, day=day) == []


def test_buffer_and_length_shape_the_day(calendar, service):
    offering = offering_for(calendar, service, duration_minutes=40, buffer_minutes=20)
    day = next_weekday(local_now().date(), 3)
    times = [s.starts_at.astimezone(CUIABA).time() for s in day_slots(offering=offering, day=day)]
    assert times[:4] == [time(8), time(9), time(10), time(11)]  # 11:00-11:40 fits before 12:00
    assert time(14) in times and time(17) in times


def test_never_more_bookings_than_seats(offering):
    day = next_weekday(local_now().date(), 2)
    slot = _slot_at(offering, day, 8)
    book(person(), slot)
    book(person(), slot)
    with pytest.raises(BookingConflict):
        book(person(), slot)
    slot.refresh_from_db()
    assert slot.booked_regular == 2 and Appointment.objects.filter(slot=slot).count() == 2


def test_reserved_seats_are_kept_for_legal_priorities(calendar, service):
    offering = offering_for(calendar, service, capacity=2, priority_reserved=1)
    day = next_weekday(local_now().date(), 2)
    slot = _slot_at(offering, day, 8)
    book(person(), slot)
    with pytest.raises(BookingConflict):
        book(person(), slot)  # the second seat is reserved
    elder = book(person(), slot, priority=Priority.AGE_80)
    assert elder.uses_reserved_seat
    with pytest.raises(BookingConflict):
        book(person(), slot, priority=Priority.PREGNANT)  # full
    free = service_availability(service=service, start=day, days=1, priority=False)[0]
    assert all(d.day != day or d.free_slots == 15 for d in free.days)


def test_the_same_key_books_once(offering):
    maria = person()
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 8)
    first, created = appointment_book(person=maria, slot_id=slot.pk, idempotency_key="k1")
    again, created_again = appointment_book(person=maria, slot_id=slot.pk, idempotency_key="k1")
    assert created and not created_again and first == again
    other = _slot_at(offering, next_weekday(local_now().date(), 2), 9)
    with pytest.raises(ValidationError) as error:
        appointment_book(person=maria, slot_id=other.pk, idempotency_key="k1")
    assert "idempotency_key" in error.value.message_dict


def test_the_per_person_limit_holds(offering, calendar, service):
    maria = person()
    day = next_weekday(local_now().date(), 2)
    book(maria, _slot_at(offering, day, 8))
    with pytest.raises(ValidationError) as error:
        book(maria, _slot_at(offering, day, 9))
    assert "limite por pessoa" in error.value.messages[0]
    assert Appointment.objects.filter(person=maria).count() == 1
    assert PersonQuota.objects.get(person=maria).active == 1


@pytest.mark.parametrize(
    "when, message",
    [
        ("past", "já passou"),
        ("notice", "antecedência"),
        ("beyond", "próximos"),
    ],
)
def test_bad_times_are_refused_and_nothing_is_booked(offering, when, message):
    now = local_now()
    day = next_weekday(now.date(), 2)
    slot = _slot_at(offering, day, 10)
    if when == "past":
        at = slot.starts_at + timedelta(minutes=5)
    elif when == "notice":
        at = slot.starts_at - timedelta(hours=1)
    else:
        at = slot.starts_at - timedelta(days=offering.horizon_days + 2)
    with pytest.raises(ValidationError) as error:
        appointment_book(person=person(), slot_id=slot.pk, idempotency_key="k", now=at)
    assert message in " ".join(error.value.messages)
    assert not Appointment.objects.exists() and not PersonQuota.objects.filter(active__gt=0).exists()


@pytest.mark.parametrize("slot_id", [0, -1, "abc", None, 10**20])
def test_an_unknown_slot_is_a_field_error(slot_id):
    with pytest.raises(ValidationError) as error:
        appointment_book(person=person(), slot_id=slot_id, idempotency_key="k")
    assert "slot" in error.value.message_dict


def test_an_unknown_priority_or_key_is_refused(offering):
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 8)
    with pytest.raises(ValidationError) as error:
        appointment_book(person=person(), slot_id=slot.pk, idempotency_key="k", priority="vip")
    assert "priority" in error.value.message_dict
    with pytest.raises(ValidationError):
        appointment_book(person=person(), slot_id=slot.pk, idempotency_key="")
    assert not Appointment.objects.exists()


def test_booking_is_audited_without_the_kind_of_priority_and_notifies(offering):
    maria = person()
    appointment = book(
        maria, _slot_at(offering, next_weekday(local_now().date(), 2), 8), priority=Priority.DISABILITY
    )
    row = AuditEvent.objects.get(action="scheduling.book")
    assert row.changes["priority"] is True and "deficiencia" not in str(row.changes)
    note = Notification.objects.get(user=maria)
    assert appointment.code[:4] in note.body


def test_cancel_frees_the_seat_and_the_quota_until_the_notice(offering):
    maria = person()
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 8)
    appointment = book(maria, slot)
    with pytest.raises(ValidationError):
        appointment_cancel(actor=maria, appointment=appointment, now=slot.starts_at - timedelta(hours=1))
    appointment_cancel(actor=maria, appointment=appointment)
    slot.refresh_from_db()
    assert slot.booked_regular == 0 and PersonQuota.objects.get(person=maria).active == 0
    assert Appointment.objects.get(pk=appointment.pk).status == AppointmentStatus.CANCELLED
    with pytest.raises(ValidationError):
        appointment_cancel(actor=maria, appointment=appointment)  # twice
    slot.refresh_from_db()
    assert slot.booked_regular == 0


def test_nobody_else_cancels_and_staff_must_say_why(offering):
    maria, joao = person(), person()
    appointment = book(maria, _slot_at(offering, next_weekday(local_now().date(), 2), 8))
    with pytest.raises(ValidationError):
        appointment_cancel(actor=joao, appointment=appointment)
    with pytest.raises(ValidationError) as error:
        appointment_cancel(actor=joao, appointment=appointment, by_staff=True)
    assert "reason" in error.value.message_dict
    appointment_cancel(
        actor=joao, appointment=appointment, by_staff=True, reason="Unidade fechada por falta de energia"
    )
    assert "falta de energia" in Notification.objects.filter(user=maria).latest("created_at").body


def test_reschedule_moves_the_seat_in_one_step(offering):
    maria = person()
    day = next_weekday(local_now().date(), 2)
    old_slot, new_slot = _slot_at(offering, day, 8), _slot_at(offering, day, 15)
    old = book(maria, old_slot)
    new = appointment_reschedule(person=maria, appointment=old, slot_id=new_slot.pk, idempotency_key="r1")
    again = appointment_reschedule(person=maria, appointment=old, slot_id=new_slot.pk, idempotency_key="r1")
    assert new == again and new.rescheduled_from_id == old.pk
    old_slot.refresh_from_db()
    new_slot.refresh_from_db()
    assert (old_slot.booked_regular, new_slot.booked_regular) == (0, 1)
    assert Appointment.objects.get(pk=old.pk).status == AppointmentStatus.RESCHEDULED
    assert PersonQuota.objects.get(person=maria).active == 1


def test_availability_counts_free_slots_per_unit_nearest_first(agency, service):
    far = calendar_for(agency, city="Sinop", lat="-11.864200", lon="-55.509400")
    near = calendar_for(agency, city="Várzea Grande", lat="-15.646700", lon="-56.132500")
    offering_for(far, service)
    near_offering = offering_for(near, service)
    day = next_weekday(local_now().date(), 2)
    result = service_availability(service=service, start=day, days=1, near=(-15.60, -56.10))
    assert [r.unit.city for r in result] == ["Várzea Grande", "Sinop"]
    assert result[0].distance_km < 10 < result[1].distance_km
    assert result[0].days[0].free_slots == 16
    book(person(), _slot_at(near_offering, day, 8))
    book(person(), _slot_at(near_offering, day, 8))
    assert service_availability(service=service, start=day, days=1)[0].days[0].free_slots in (15, 16)
    assert len(day_slots(offering=near_offering, day=day)) == 15


def test_code_normalisation():
    assert appointment_code_normalise(" abcd-2345 ") == "ABCD2345"
    assert appointment_code_normalise("ABCD-234O") is None  # O is not in the alphabet
    assert appointment_code_normalise("") is None


@pytest.mark.django_db(transaction=True)
def test_parallel_people_on_the_last_seats_never_overbook(agency, service):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    calendar = calendar_for(agency)
    offering = offering_for(calendar, service, capacity=3, per_person_limit=1)
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 8)
    people = [person() for _ in range(12)]
    barrier = threading.Barrier(len(people) + 2)
    results: list[str] = []

    def work(who, key):
        try:
            barrier.wait()
            appointment_book(person=who, slot_id=slot.pk, idempotency_key=key)
            results.append("ok")
        except BookingConflict:
            results.append("full")
        except ValidationError as exc:
            results.append(f"other:{exc.messages}")
        finally:
            close_old_connections()

    # twelve people, and one of them double-clicking twice with the same key
    threads = [threading.Thread(target=work, args=(p, f"k-{i}")) for i, p in enumerate(people)]
    threads += [threading.Thread(target=work, args=(people[0], "k-0")) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    slot.refresh_from_db()
    assert slot.booked_regular == 3 == Appointment.objects.filter(slot=slot).count()
    assert results.count("full") >= 9 and not [r for r in results if r.startswith("other")]


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_by_one_person_respect_the_limit(agency, service):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    calendar = calendar_for(agency)
    offering = offering_for(calendar, service, capacity=5, per_person_limit=2)
    day = next_weekday(local_now().date(), 2)
    slots = [_slot_at(offering, day, hour) for hour in (8, 9, 10, 11, 14, 15)]
    maria = person()
    barrier = threading.Barrier(len(slots))

    def work(slot):
        try:
            barrier.wait()
            appointment_book(person=maria, slot_id=slot.pk, idempotency_key=f"k-{slot.pk}")
        except ValidationError:
            pass
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work, args=(s,)) for s in slots]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Appointment.objects.filter(person=maria).count() == 2
    assert PersonQuota.objects.get(person=maria).active == 2


def test_a_code_drawn_twice_books_with_another_code(offering, monkeypatch):
    from ..services import booking

    day = next_weekday(local_now().date(), 2)
    first = book(person(), _slot_at(offering, day, 8))
    codes = iter([first.code, "ZZZZ2345"])
    monkeypatch.setattr(booking, "appointment_code_generate", lambda: next(codes))
    maria = person()
    second = book(maria, _slot_at(offering, day, 9))
    assert second.code == "ZZZZ2345"
    assert PersonQuota.objects.get(person=maria).active == 1  # the failed attempt left nothing
    assert Appointment.objects.filter(person=maria).count() == 1


def test_a_late_retry_still_gets_its_booking(offering):
    maria = person()
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 10)
    first, _created = appointment_book(person=maria, slot_id=slot.pk, idempotency_key="k")
    again, created = appointment_book(
        person=maria, slot_id=slot.pk, idempotency_key="k", now=slot.starts_at + timedelta(minutes=1)
    )
    assert again == first and not created


def test_free_priority_seats_are_offered_to_everyone_the_day_before(calendar, service):
    from ..services.slots import reserved_seats_release

    offering = offering_for(calendar, service, capacity=2, priority_reserved=1)
    slot = _slot_at(offering, next_weekday(local_now().date(), 2), 8)
    book(person(), slot)
    with pytest.raises(BookingConflict):
        book(person(), slot)  # the other seat is reserved
    reserved_seats_release(now=slot.starts_at - timedelta(hours=30))
    slot.refresh_from_db()
    assert slot.reserved == 1  # 30 h before: still kept for priorities
    assert reserved_seats_release(now=slot.starts_at - timedelta(hours=20)) >= 1
    book(person(), slot, now=slot.starts_at - timedelta(hours=20))
    slot.refresh_from_db()
    assert (slot.reserved, slot.booked_regular) == (0, 2)
