"""The public half of the scheduling API: where and when a service can be booked, and a day's
free times. No token; malformed parameters answer 422 per field, unknown things 404, an unknown
municipality 400 — never a 500."""

from __future__ import annotations

import uuid
from datetime import time, timedelta

import pytest
from django.core.cache import cache

from ..models import Mode
from ..services.slots import local_today
from .factories_citizen import DOCUMENTS, SINOP_POINT, ApiCaller, offering_at, open_day, slot_on, world

pytestmark = pytest.mark.django_db

anonymous = ApiCaller()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def availability(service, **query):
    return anonymous.get(f"/agendamento/servicos/{service.slug}/disponibilidade", query)


def test_anyone_sees_each_units_free_days_and_the_documents_to_bring():
    w = world(capacity=1)
    response = availability(w.service, dias=10)
    assert response.status_code == 200
    body = response.json()
    assert body["service"]["slug"] == w.service.slug and body["service"]["min_login_level"] == "bronze"
    assert body["documents"] == DOCUMENTS
    assert body["days"] == 10 and body["start"] == local_today().isoformat()
    assert {o["offering_id"] for o in body["offerings"]} == {str(w.offering.pk), str(w.far_offering.pk)}
    item = next(o for o in body["offerings"] if o["offering_id"] == str(w.offering.pk))
    assert item["mode"] == "presencial" and item["unit"]["name"] == "Ganha Tempo Cuiabá"
    assert item["rules"] == {
        "duration_minutes": 30,
        "min_notice_hours": 2,
        "horizon_days": 30,
        "per_person_limit": 2,
    }
    day = open_day(w.calendar)
    assert {"day": day.isoformat(), "free_slots": 20} in item["days"]
    assert item["first_free"] is not None and item["distance_km"] is None


def test_nearest_first_by_point_or_by_municipality():
    w = world()
    by_point = availability(w.service, perto=f"{SINOP_POINT[0]},{SINOP_POINT[1]}").json()
    assert [o["unit"]["city"] for o in by_point["offerings"]] == ["Sinop", "Cuiabá"]
    assert by_point["offerings"][0]["distance_km"] < 5
    assert by_point["near"] == {"latitude": float(SINOP_POINT[0]), "longitude": float(SINOP_POINT[1])}
    by_city = availability(w.service, cidade="Cuiabá").json()
    assert [o["unit"]["city"] for o in by_city["offerings"]] == ["Cuiabá", "Sinop"]


def test_mode_and_priority_filters():
    w = world(capacity=1, priority_reserved=1)
    offering_at(w.calendar, w.service, mode=Mode.VIDEO, capacity=1)
    video = availability(w.service, modalidade="video").json()
    assert [o["mode"] for o in video["offerings"]] == ["video"]
    regular = availability(w.service, modalidade="presencial").json()
    assert all(not o["days"] for o in regular["offerings"])  # every seat is reserved
    priority = availability(w.service, modalidade="presencial", prioridade="true").json()
    assert all(o["days"] for o in priority["offerings"])


def test_a_start_in_the_past_counts_from_today():
    w = world()
    body = availability(w.service, inicio=(local_today() - timedelta(days=5)).isoformat()).json()
    assert body["start"] == local_today().isoformat()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"dias": 0}, "dias"),
        ({"dias": 63}, "dias"),
        ({"modalidade": "pombo"}, "modalidade"),
        ({"perto": "abc"}, "perto"),
        ({"perto": "95,10"}, "perto"),
        ({"inicio": "2026-02-30"}, "inicio"),
        ({"prioridade": "talvez"}, "prioridade"),
        ({"cidade": "x" * 101}, "cidade"),
        ({"cidade": "Cuia\x00bá"}, "cidade"),
    ],
)
def test_malformed_parameters_are_422_per_field(query, field):
    w = world()
    response = availability(w.service, **query)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] and [e["field"] for e in body["errors"]] == [field]


def test_a_start_more_than_a_year_ahead_is_422():
    w = world()
    response = availability(w.service, inicio=(local_today() + timedelta(days=400)).isoformat())
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "inicio"


def test_an_unknown_municipality_is_400():
    w = world()
    response = availability(w.service, cidade="Gotham")
    assert response.status_code == 400
    assert response.json()["detail"] == "Município não encontrado em Mato Grosso."


def test_unknown_unpublished_or_unbookable_services_are_404():
    w = world()
    assert anonymous.get("/agendamento/servicos/nao-existe/disponibilidade").status_code == 404
    w.offering.active = False
    w.offering.save()
    w.far_calendar.accepts_bookings = False
    w.far_calendar.save()
    response = availability(w.service)
    assert response.status_code == 404
    assert response.json()["detail"] == "Este serviço não tem agendamento pela internet."


def test_a_days_free_times():
    w = world(capacity=2)
    day = open_day(w.calendar)
    response = anonymous.get(f"/agendamento/ofertas/{w.offering.pk}/dias/{day.isoformat()}")
    assert response.status_code == 200
    body = response.json()
    assert body["offering_id"] == str(w.offering.pk) and body["day"] == day.isoformat()
    assert len(body["slots"]) == 20
    first = body["slots"][0]
    assert first["slot_id"] == slot_on(w.offering, day, at=time(8)).pk and first["free"] == 2


def test_a_day_outside_the_window_is_empty_and_bad_addresses_are_404_or_422():
    w = world()
    far = local_today() + timedelta(days=200)
    response = anonymous.get(f"/agendamento/ofertas/{w.offering.pk}/dias/{far.isoformat()}")
    assert response.status_code == 200 and response.json()["slots"] == []
    assert anonymous.get(f"/agendamento/ofertas/{uuid.uuid4()}/dias/{far.isoformat()}").status_code == 404
    assert anonymous.get(f"/agendamento/ofertas/nao-e-uuid/dias/{far.isoformat()}").status_code == 422
    assert anonymous.get(f"/agendamento/ofertas/{w.offering.pk}/dias/amanha").status_code == 422
    w.offering.active = False
    w.offering.save()
    assert anonymous.get(f"/agendamento/ofertas/{w.offering.pk}/dias/{far.isoformat()}").status_code == 404
