"""A person's appointments through the API: book (Idempotency-Key), list, read, cancel,
reschedule, the calendar file — with the errors of the rest of /api/v1/ ({detail, errors}) and
nothing changed on any error. Another person's appointment is a 404, like one that does not exist."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar

from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent
from plataforma.identity.models import Level

from ..models import Appointment, AppointmentStatus, Mode, Slot
from .factories_citizen import (
    DOCUMENTS,
    ApiCaller,
    app_client,
    appointment_raw,
    book,
    bookable_slot,
    issue_token,
    open_day,
    person,
    servant,
    slot_on,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return world()


@pytest.fixture
def app():
    return app_client()


@pytest.fixture
def as_citizen(w, app):
    return ApiCaller(issue_token(w.citizen, app))


@pytest.fixture
def as_other(w, app):
    return ApiCaller(issue_token(w.other, app))


def new_key() -> str:
    return str(uuid.uuid4())


def book_api(caller, slot, *, priority: str = "", key: str | None = None):
    return caller.post(
        "/agendamento/agendamentos", {"slot_id": slot.pk, "priority": priority}, key=key or new_key()
    )


# --- booking -------------------------------------------------------------------------------------


def test_booking_answers_201_with_the_appointment_and_its_location(w, as_citizen):
    slot = bookable_slot(w.offering)
    response = book_api(as_citizen, slot, priority="idoso80")
    assert response.status_code == 201, response.content
    body = response.json()
    appointment = Appointment.objects.get()
    assert (
        body["code"] == appointment.code
        and body["code_display"] == f"{appointment.code[:4]}-{appointment.code[4:]}"
    )
    assert body["status"] == "agendado" and body["priority"] == "idoso80"
    assert body["unit"]["address"] == w.calendar.unit.address
    assert body["documents"] == DOCUMENTS
    assert body["can_change"] is True
    assert response["Location"] == body["url"] == f"/api/v1/agendamento/agendamentos/{appointment.code}"
    assert body["ics_url"].endswith("/agendamento.ics")
    assert body["web_url"].endswith(f"/conta/agendamentos/{appointment.code}/")
    assert response["Cache-Control"] == "private, no-store"
    audit = AuditEvent.objects.get(action="scheduling.book", target_id=str(appointment.pk))
    assert audit.changes["priority"] is True


def test_the_booking_answer_is_the_appointment_as_reading_it_gives(w, as_citizen):
    # the 201 is built from the booked row without reading it again: it must say what a GET says
    booked = book_api(as_citizen, bookable_slot(w.offering))
    read = as_citizen.get(f"/agendamento/agendamentos/{booked.json()['code']}")
    assert booked.status_code == 201 and read.status_code == 200
    assert booked.json() == read.json()


def test_the_same_idempotency_key_returns_the_same_appointment(w, as_citizen):
    slot = bookable_slot(w.offering)
    key = new_key()
    first = book_api(as_citizen, slot, key=key)
    second = book_api(as_citizen, slot, key=key)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json() == second.json()
    assert Appointment.objects.count() == 1


def test_a_key_used_for_another_time_is_a_409(w, as_citizen):
    day = open_day(w.calendar)
    key = new_key()
    assert book_api(as_citizen, slot_on(w.offering, day), key=key).status_code == 201
    response = book_api(as_citizen, slot_on(w.offering, day, at=time(10)), key=key)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize("key", [None, "", "x" * 81, "chave\x01ruim"])
def test_booking_needs_a_valid_idempotency_key(w, as_citizen, key):
    slot = bookable_slot(w.offering)
    extra = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    response = as_citizen.post("/agendamento/agendamentos", {"slot_id": slot.pk}, **extra)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "slot_id"),
        ({"slot_id": "nove"}, "slot_id"),
        ({"slot_id": 0}, "slot_id"),
        ({"slot_id": 1, "priority": "vip"}, "priority"),
    ],
)
def test_malformed_bodies_are_422_per_field(w, as_citizen, payload, field):
    response = as_citizen.post("/agendamento/agendamentos", payload, key=new_key())
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Appointment.objects.exists()


def test_a_body_that_is_not_json_is_400(w, as_citizen):
    from django.test import Client

    response = Client().post(
        "/api/v1/agendamento/agendamentos",
        "{não é json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {as_citizen.token}",
        HTTP_IDEMPOTENCY_KEY=new_key(),
    )
    assert response.status_code == 400 and response.json()["detail"] == "O corpo não é um JSON válido."


def test_an_unknown_slot_is_422_on_slot_id(w, as_citizen):
    response = as_citizen.post("/agendamento/agendamentos", {"slot_id": 987654321}, key=new_key())
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "slot_id", "message": "Horário não encontrado. Escolha um horário da lista."}
    ]


def test_a_full_time_is_409_and_books_nothing(w, as_citizen):
    full = world(capacity=1)
    slot = bookable_slot(full.offering)
    book(full.other, slot)
    response = book_api(as_citizen, slot)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "slot_id"
    assert not Appointment.objects.filter(person=w.citizen).exists()


def test_a_past_time_is_422(w, as_citizen):
    starts_at = (timezone.now() - timedelta(hours=2)).replace(minute=7, second=0, microsecond=0)
    slot = Slot.objects.create(
        offering=w.offering, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=30), capacity=2
    )
    response = book_api(as_citizen, slot)
    assert response.status_code == 422 and "já passou" in response.json()["detail"]


def test_a_time_beyond_the_window_is_422(w, as_citizen):
    day = timezone.localtime(timezone.now(), CUIABA).date() + timedelta(days=60)
    starts_at = datetime.combine(day, time(9), CUIABA)
    slot = Slot.objects.create(
        offering=w.offering, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=30), capacity=2
    )
    response = book_api(as_citizen, slot)
    assert response.status_code == 422 and "próximos 30 dias" in response.json()["detail"]


def test_beyond_the_per_person_limit_is_422(app):
    limited = world(per_person_limit=1)
    caller = ApiCaller(issue_token(limited.citizen, app))
    day = open_day(limited.calendar)
    assert book_api(caller, slot_on(limited.offering, day)).status_code == 201
    response = book_api(caller, slot_on(limited.far_offering, day))
    assert response.status_code == 422 and "limite por pessoa" in response.json()["detail"]
    assert Appointment.objects.filter(person=limited.citizen).count() == 1


def test_a_sign_in_below_the_service_level_is_403(app):
    gold = world(min_login_level="ouro")
    caller = ApiCaller(issue_token(person(level=Level.PRATA), app))
    response = book_api(caller, bookable_slot(gold.offering))
    assert response.status_code == 403 and "nível Ouro" in response.json()["detail"]
    assert not Appointment.objects.exists()


def test_a_video_booking_has_its_meeting_room(app):
    video = world(mode=Mode.VIDEO)
    caller = ApiCaller(issue_token(video.citizen, app))
    body = book_api(caller, bookable_slot(video.offering)).json()
    assert body["mode"] == "video" and body["meeting_url"].startswith("https://meet.jit.si/govmt")


# --- reading -------------------------------------------------------------------------------------


def test_mine_lists_only_the_callers_appointments_with_filters(w, as_citizen):
    day = open_day(w.calendar)
    mine = book(w.citizen, slot_on(w.offering, day))
    done = appointment_raw(
        w.citizen, w.offering, starts_at=timezone.now() - timedelta(days=2), status=AppointmentStatus.DONE
    )
    book(w.other, slot_on(w.offering, day, at=time(10)))
    body = as_citizen.get("/agendamento/agendamentos").json()
    assert body["total"] == 2 and [i["code"] for i in body["items"]] == [done.code, mine.code]
    assert [
        i["code"] for i in as_citizen.get("/agendamento/agendamentos", {"proximos": "true"}).json()["items"]
    ] == [mine.code]
    assert [
        i["code"]
        for i in as_citizen.get("/agendamento/agendamentos", {"situacao": "atendido"}).json()["items"]
    ] == [done.code]
    page = as_citizen.get("/agendamento/agendamentos", {"limit": 1, "offset": 1}).json()
    assert page["total"] == 2 and [i["code"] for i in page["items"]] == [mine.code]
    assert as_citizen.get("/agendamento/agendamentos", {"situacao": "sumido"}).status_code == 422
    assert as_citizen.get("/agendamento/agendamentos", {"limit": 0}).status_code == 422


def test_one_appointment_by_code_in_any_spelling(w, as_citizen):
    appointment = book(w.citizen, bookable_slot(w.offering))
    for code in (
        appointment.code,
        f"{appointment.code[:4]}-{appointment.code[4:]}",
        appointment.code.lower(),
    ):
        response = as_citizen.get(f"/agendamento/agendamentos/{code}")
        assert response.status_code == 200 and response.json()["code"] == appointment.code


@pytest.mark.parametrize(
    "path",
    [
        # an encoded "?" then characters oauthlib refuses in a query (found by Schemathesis)
        "/agendamento/agendamentos/%3F%C2%AA%C2%85fw%F1%A9%BA%AF%C3%B5%C2%9A%C2%83%7F%5B/agendamento.ics",
        "/agendamento/agendamentos/%3F%5B",
        "/agendamento/agendamentos/a%00b",
    ],
)
def test_odd_codes_in_the_path_get_404(as_citizen, path):
    assert as_citizen.get(path).status_code == 404


@pytest.mark.parametrize("who", ["other person", "servant of the agency"])
def test_nobody_else_reads_or_changes_an_appointment(w, app, who):
    appointment = book(w.citizen, bookable_slot(w.offering))
    intruder = w.other if who == "other person" else servant(w.agency, "gestor")
    caller = ApiCaller(issue_token(intruder, app))
    base = f"/agendamento/agendamentos/{appointment.code}"
    assert caller.get(base).status_code == 404
    assert caller.get(f"{base}/agendamento.ics").status_code == 404
    assert caller.post(f"{base}/cancelamento").status_code == 404
    other_slot = slot_on(w.offering, open_day(w.calendar), at=time(15))
    assert caller.post(f"{base}/remarcacao", {"slot_id": other_slot.pk}, key=new_key()).status_code == 404
    assert caller.get("/agendamento/agendamentos").json()["total"] == 0
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED
    assert caller.get(base).json() == {"detail": "Agendamento não encontrado."}


def test_the_calendar_file(w, as_citizen):
    appointment = book(w.citizen, bookable_slot(w.offering))
    response = as_citizen.get(f"/agendamento/agendamentos/{appointment.code}/agendamento.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CONFIRMED" and event.decoded("DTSTART") == appointment.starts_at


# --- cancel and reschedule -----------------------------------------------------------------------


def test_cancel_frees_the_seat_then_a_second_cancel_is_409(w, as_citizen):
    slot = bookable_slot(w.offering)
    appointment = book(w.citizen, slot)
    response = as_citizen.post(f"/agendamento/agendamentos/{appointment.code}/cancelamento")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelado" and response.json()["can_change"] is False
    slot.refresh_from_db()
    assert slot.booked == 0
    again = as_citizen.post(f"/agendamento/agendamentos/{appointment.code}/cancelamento")
    assert again.status_code == 409 and "não pode mais ser cancelado" in again.json()["detail"]


def test_after_the_notice_limit_cancel_and_reschedule_are_409_with_whom_to_call(w, as_citizen):
    starts_at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    appointment = appointment_raw(w.citizen, w.offering, starts_at=starts_at)
    detail = as_citizen.get(f"/agendamento/agendamentos/{appointment.code}").json()
    assert detail["can_change"] is False
    response = as_citizen.post(f"/agendamento/agendamentos/{appointment.code}/cancelamento")
    assert response.status_code == 409 and w.calendar.unit.phone in response.json()["detail"]
    slot = bookable_slot(w.offering)
    response = as_citizen.post(
        f"/agendamento/agendamentos/{appointment.code}/remarcacao", {"slot_id": slot.pk}, key=new_key()
    )
    assert response.status_code == 409 and w.calendar.unit.phone in response.json()["detail"]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_reschedule_creates_the_new_appointment_once(w, as_citizen):
    day = open_day(w.calendar)
    old = book(w.citizen, slot_on(w.offering, day))
    new_slot = slot_on(w.far_offering, day, at=time(11))
    key = new_key()
    path = f"/agendamento/agendamentos/{old.code}/remarcacao"
    response = as_citizen.post(path, {"slot_id": new_slot.pk}, key=key)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rescheduled_from"] == old.code and body["unit"]["city"] == "Sinop"
    assert response["Location"] == body["url"]
    repeat = as_citizen.post(path, {"slot_id": new_slot.pk}, key=key)
    assert repeat.status_code == 200 and repeat.json()["code"] == body["code"]
    old_body = as_citizen.get(f"/agendamento/agendamentos/{old.code}").json()
    assert old_body["status"] == "remarcado" and old_body["rescheduled_to"] == body["code"]
    assert Appointment.objects.filter(person=w.citizen).count() == 2


def test_reschedule_errors(w, as_citizen):
    day = open_day(w.calendar)
    old = book(w.citizen, slot_on(w.offering, day))
    path = f"/agendamento/agendamentos/{old.code}/remarcacao"
    same = as_citizen.post(path, {"slot_id": old.slot_id}, key=new_key())
    assert same.status_code == 422 and same.json()["errors"][0]["field"] == "slot_id"
    assert as_citizen.post(path, {"slot_id": old.slot_id}).status_code == 400  # no key
    assert as_citizen.post(path, {}, key=new_key()).status_code == 422
    other_service = world()
    foreign = as_citizen.post(path, {"slot_id": bookable_slot(other_service.offering).pk}, key=new_key())
    assert foreign.status_code == 422 and "mesmo serviço" in foreign.json()["detail"]
    full = slot_on(w.offering, day, at=time(16))
    book(w.other, full)
    book(person(), full)
    assert as_citizen.post(path, {"slot_id": full.pk}, key=new_key()).status_code == 409
    old.refresh_from_db()
    assert old.status == AppointmentStatus.BOOKED
