"""The appointment's iCalendar file (RFC 5545), parsed back with the icalendar library: one event
per booking across reschedulings (stable UID, growing SEQUENCE), METHOD:CANCEL when cancelled,
times in America/Cuiaba with their VTIMEZONE, the place or the meeting room, the documents to
bring, an alarm the day before, and no personal data."""

from __future__ import annotations

import uuid
from datetime import time, timedelta

import pytest
from icalendar import Calendar

from ..carta import documents_to_bring
from ..ics import appointment_ics
from ..models import Appointment, Mode
from ..services.booking import appointment_cancel, appointment_reschedule
from .factories_citizen import DOCUMENTS, book, bookable_slot, open_day, slot_on, world

pytestmark = pytest.mark.django_db


def _load(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_related(
        "slot",
        "offering__calendar__unit",
        "offering__service__agency",
        "offering__service__published_version",
    ).get(pk=appointment.pk)


def _file(appointment: Appointment) -> bytes:
    appointment = _load(appointment)
    return appointment_ics(
        appointment=appointment, documents=documents_to_bring(service=appointment.offering.service)
    )


def _event(raw: bytes):
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_a_booked_appointment_is_a_confirmed_event_at_the_unit_with_an_alarm_the_day_before():
    w = world()
    slot = bookable_slot(w.offering)
    appointment = book(w.citizen, slot, priority="idoso60")
    calendar, event = _event(_file(appointment))

    assert str(calendar["VERSION"]) == "2.0" and "Governo de Mato Grosso" in str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["UID"]) == f"agendamento-{appointment.pk}@127.0.0.1"
    assert event.decoded("DTSTAMP").tzinfo is not None
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == slot.starts_at and end == slot.ends_at
    assert event["DTSTART"].params["TZID"] == "America/Cuiaba"
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["America/Cuiaba"]
    assert str(event["SUMMARY"]) == f"Atendimento: {w.service.name}"
    location = str(event["LOCATION"])
    unit = w.calendar.unit
    assert unit.name in location and unit.address in location
    assert event.decoded("GEO") is not None
    assert str(event["URL"]).endswith(f"/conta/agendamentos/{appointment.code}/")
    description = str(event["DESCRIPTION"])
    assert f"{appointment.code[:4]}-{appointment.code[4:]}" in description
    for document in DOCUMENTS:
        assert description.count(document) == 1  # the Carta's documents, each once
    assert "(65) 3613-0000" in description
    assert "segunda-feira a domingo 08:00 às 18:00" in description  # the unit's calendar
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:atendimento@example.org" and organizer.params["CN"] == w.agency.name
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == -timedelta(days=1)


def test_the_file_holds_no_personal_data():
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering), priority="gestante")
    text = _file(appointment).decode()
    unfolded = text.replace("\r\n ", "")
    assert w.citizen.cpf not in unfolded
    assert w.citizen.full_name not in unfolded and "Maria" not in unfolded
    assert "Gestante" not in unfolded and "gestante" not in unfolded  # the kind of priority
    assert "comprove" in unfolded  # but the person is told to bring proof


def test_the_same_appointment_always_gives_the_same_uid():
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    first = _event(_file(appointment))[1]
    second = _event(_file(appointment))[1]
    assert str(first["UID"]) == str(second["UID"])
    assert int(first["SEQUENCE"]) == int(second["SEQUENCE"])


def test_a_cancelled_appointment_cancels_the_event():
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    uid = str(_event(_file(appointment))[1]["UID"])
    appointment_cancel(actor=w.citizen, appointment=appointment)
    calendar, event = _event(_file(appointment))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert not event.walk("VALARM")
    assert "CANCELADO" in str(event["DESCRIPTION"])


def test_a_rescheduling_moves_the_same_event_and_the_old_file_shows_the_new_time():
    w = world()
    day = open_day(w.calendar)
    first = book(w.citizen, slot_on(w.offering, day))
    uid = str(_event(_file(first))[1]["UID"])
    new_slot = slot_on(w.offering, day, at=time(15))
    second = appointment_reschedule(
        person=w.citizen, appointment=_load(first), slot_id=new_slot.pk, idempotency_key=uuid.uuid4().hex
    )
    calendar, event = _event(_file(second))
    assert str(calendar["METHOD"]) == "PUBLISH" and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == new_slot.starts_at
    # the replaced appointment's file is the new one's: never a CANCEL that would drop the event
    old_calendar, old_event = _event(_file(first))
    assert str(old_calendar["METHOD"]) == "PUBLISH"
    assert old_event.decoded("DTSTART") == new_slot.starts_at and int(old_event["SEQUENCE"]) == 1
    # cancelling after a rescheduling: a higher sequence still
    appointment_cancel(actor=w.citizen, appointment=_load(second))
    _cal, cancelled = _event(_file(second))
    assert str(cancelled["UID"]) == uid and int(cancelled["SEQUENCE"]) == 2


def test_a_video_appointment_points_at_its_room():
    w = world(mode=Mode.VIDEO)
    appointment = _load(book(w.citizen, bookable_slot(w.offering)))
    _cal, event = _event(_file(appointment))
    assert str(event["URL"]) == appointment.meeting_url
    assert str(event["LOCATION"]) == appointment.meeting_url
    assert str(event["CONFERENCE"]) == appointment.meeting_url
    assert event["CONFERENCE"].params["FEATURE"] == "VIDEO"
    assert str(event["SUMMARY"]).startswith("Atendimento por vídeo")
    assert appointment.meeting_url in str(event["DESCRIPTION"])
    assert "GEO" not in event


def test_a_phone_appointment_says_the_agency_calls():
    w = world(mode=Mode.PHONE)
    appointment = book(w.citizen, bookable_slot(w.offering))
    _cal, event = _event(_file(appointment))
    assert "telefone" in str(event["LOCATION"]).lower()
    assert "meet.jit.si" not in _file(appointment).decode()
    assert str(event["SUMMARY"]).startswith("Atendimento por telefone")
