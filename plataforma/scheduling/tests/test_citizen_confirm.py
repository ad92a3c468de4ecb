"""Confirming a time on the portal: MT Login at the service's level, the legal priority declared
(optional), one appointment per confirmation whatever the repeats; bad input books nothing and
answers 4xx with the reason in Portuguese."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent
from plataforma.identity.models import Level
from plataforma.notifications.models import Notification

from ..models import Appointment, AppointmentStatus, Closure, OpeningHours, Slot
from ..services.slots import offering_slots_refresh
from ..views import citizen_common
from .factories_citizen import DOCUMENTS, book, bookable_slot, open_day, person, slot_on, world

pytestmark = pytest.mark.django_db


def confirm_url(slot, **query) -> str:
    url = reverse("scheduling_citizen:confirm", args=[slot.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def booking_key(client, slot, **query) -> str:
    page = client.get(confirm_url(slot, **query))
    assert page.status_code == 200, page.status_code
    found = re.search(r'name="_envio" value="([^"]+)"', page.content.decode())
    assert found, "the page carries a signed key"
    return found.group(1)


def post_confirm(client, slot, data=None, *, key=None, **query):
    key = key or booking_key(client, slot, **query)
    return client.post(confirm_url(slot, **query), {"_envio": key, **(data or {})})


def manual_slot(offering, starts_at) -> Slot:
    return Slot.objects.create(
        offering=offering,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        capacity=offering.capacity,
    )


def test_anonymous_people_are_sent_to_mt_login_first(client):
    w = world()
    slot = bookable_slot(w.offering)
    for response in (client.get(confirm_url(slot)), client.post(confirm_url(slot), {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("identity:login"))
        assert "next=" in response["Location"]
    assert not Appointment.objects.exists()


def test_a_sign_in_below_the_service_level_meets_the_step_up_page(client):
    w = world(min_login_level="ouro")
    slot = bookable_slot(w.offering)
    client.force_login(person(level=Level.PRATA))
    for response in (client.get(confirm_url(slot)), client.post(confirm_url(slot), {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("levels:raise"))
        assert "necessario=ouro" in response["Location"]
    assert not Appointment.objects.exists()


def test_the_confirm_page_shows_what_where_when_the_documents_and_explains_priority(client):
    w = world()
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    response = client.get(confirm_url(slot))
    html = response.content.decode()
    assert response.status_code == 200
    assert w.service.name in html and w.calendar.unit.address in html
    assert "segunda-feira a domingo: 08:00 às 18:00" in html.replace("Segunda", "segunda")
    assert all(document in html for document in DOCUMENTS)
    assert "das 09:00 às 09:30" in html
    assert w.citizen.masked_cpf in html and w.citizen.cpf not in html
    assert 'name="prioridade"' in html and "Pessoa com 80 anos ou mais" in html
    assert "mostre um documento que comprove" in html
    assert "<script>" not in html and " style=" not in html


def test_confirming_books_once_and_lands_on_the_appointment_page(client):
    w = world()
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    response = post_confirm(client, slot, {"prioridade": "idoso60"})
    appointment = Appointment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("scheduling_citizen:detail", args=[appointment.code])
    assert appointment.person == w.citizen and appointment.slot == slot
    assert appointment.priority == "idoso60" and appointment.status == AppointmentStatus.BOOKED
    assert AuditEvent.objects.filter(action="scheduling.book", target_id=str(appointment.pk)).exists()
    assert Notification.objects.filter(user=w.citizen, title__startswith="Agendamento confirmado").exists()


def test_the_same_confirmation_sent_twice_books_one_appointment(client):
    w = world()
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    key = booking_key(client, slot)
    first = post_confirm(client, slot, key=key)
    second = post_confirm(client, slot, key=key)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Appointment.objects.count() == 1
    slot.refresh_from_db()
    assert slot.booked == 1


def test_a_tampered_key_is_a_400_and_books_nothing(client):
    w = world()
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    response = post_confirm(client, slot, key="forjada:abc")
    assert response.status_code == 400
    assert "A página expirou" in response.content.decode()
    # another person's key is not valid for this one
    other_key = booking_key(client, slot)
    client.force_login(w.other)
    assert post_confirm(client, slot, key=other_key).status_code == 400
    assert not Appointment.objects.exists()


def test_an_unknown_priority_is_a_400_on_the_field(client):
    w = world()
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    response = post_confirm(client, slot, {"prioridade": "vip"})
    assert response.status_code == 400
    assert "Escolha uma das opções da lista." in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_time_that_filled_up_meanwhile_is_a_409(client):
    w = world(capacity=1)
    slot = bookable_slot(w.offering)
    client.force_login(w.citizen)
    key = booking_key(client, slot)
    book(w.other, slot)  # someone else takes the last seat
    response = post_confirm(client, slot, key=key)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Nada foi agendado." in html and "acabou de ser preenchido" in html
    assert not Appointment.objects.filter(person=w.citizen).exists()
    # and the page itself says so when opened again
    response = client.get(confirm_url(slot))
    assert response.status_code == 409 and "não está mais disponível" in response.content.decode()


def test_a_time_in_the_past_is_a_422(client):
    w = world()
    past = manual_slot(
        w.offering, (timezone.now() - timedelta(hours=3)).replace(minute=7, second=0, microsecond=0)
    )
    client.force_login(w.citizen)
    response = client.get(confirm_url(past))
    assert response.status_code == 422 and "já passou" in response.content.decode()
    response = client.post(confirm_url(past), {"_envio": citizen_common.new_booking_key(w.citizen)})
    assert response.status_code == 422 and "já passou" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_time_within_the_minimum_notice_is_a_422(client):
    w = world(min_notice_hours=48)
    soon = (timezone.now() + timedelta(hours=5)).replace(minute=7, second=0, microsecond=0)
    slot = manual_slot(w.offering, soon)
    client.force_login(w.citizen)
    response = client.post(confirm_url(slot), {"_envio": citizen_common.new_booking_key(w.citizen)})
    assert response.status_code == 422
    assert "pelo menos 48 horas de antecedência" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_time_beyond_the_booking_window_is_a_422(client):
    w = world(horizon_days=10)
    far_day = timezone.localtime(timezone.now(), CUIABA).date() + timedelta(days=40)
    slot = manual_slot(w.offering, datetime.combine(far_day, time(9), CUIABA))
    client.force_login(w.citizen)
    response = client.post(confirm_url(slot), {"_envio": citizen_common.new_booking_key(w.citizen)})
    assert response.status_code == 422
    assert "próximos 10 dias" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_day_closed_after_the_time_was_shown_is_a_409(client):
    w = world()
    day = open_day(w.calendar)
    slot = slot_on(w.offering, day)
    client.force_login(w.citizen)
    key = booking_key(client, slot)
    Closure.objects.create(calendar=w.calendar, starts_on=day, ends_on=day, reason="Dedetização")
    offering_slots_refresh(offering=w.offering)
    response = post_confirm(client, slot, key=key)
    assert response.status_code == 409
    assert "não está mais disponível" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_time_outside_the_new_opening_hours_is_a_409(client):
    w = world()
    slot = slot_on(w.offering, open_day(w.calendar), at=time(16))
    client.force_login(w.citizen)
    key = booking_key(client, slot)
    OpeningHours.objects.filter(calendar=w.calendar).update(closes=time(12))
    offering_slots_refresh(offering=w.offering)
    response = post_confirm(client, slot, key=key)
    assert response.status_code == 409
    assert not Appointment.objects.exists()


def test_beyond_the_per_person_limit_is_a_422(client):
    w = world(per_person_limit=1)
    day = open_day(w.calendar)
    client.force_login(w.citizen)
    assert post_confirm(client, slot_on(w.offering, day)).status_code == 303
    response = post_confirm(client, slot_on(w.offering, day, at=time(10)))
    assert response.status_code == 422
    assert "limite por pessoa" in response.content.decode()
    assert Appointment.objects.filter(person=w.citizen).count() == 1


def test_an_unknown_or_impossible_slot_is_not_found(client):
    w = world()
    client.force_login(w.citizen)
    assert client.get(reverse("scheduling_citizen:confirm", args=[987654321])).status_code == 404
    assert client.get(reverse("scheduling_citizen:confirm", args=[2**70])).status_code == 404


def test_too_many_confirmations_are_a_429(client, monkeypatch):
    from plataforma.common.ratelimit import Limit

    from ..views import citizen_confirm

    monkeypatch.setattr(citizen_confirm, "BOOK_LIMIT", Limit("scheduling.book.test", 1, 600))
    w = world(per_person_limit=3)
    day = open_day(w.calendar)
    client.force_login(w.citizen)
    assert post_confirm(client, slot_on(w.offering, day)).status_code == 303
    response = post_confirm(client, slot_on(w.offering, day, at=time(10)))
    assert response.status_code == 429
    assert Appointment.objects.count() == 1


def test_rescheduling_through_the_flow_moves_the_appointment(client):
    w = world()
    day = open_day(w.calendar)
    old = book(w.citizen, slot_on(w.offering, day))
    new_slot = slot_on(w.far_offering, day, at=time(11))
    client.force_login(w.citizen)
    page = client.get(confirm_url(new_slot, remarcar=old.code)).content.decode()
    assert "Você está remarcando" in page and "Confirmar o novo horário" in page
    response = post_confirm(client, new_slot, remarcar=old.code)
    old.refresh_from_db()
    new = Appointment.objects.get(rescheduled_from=old)
    assert response.status_code == 303
    assert response["Location"] == reverse("scheduling_citizen:detail", args=[new.code])
    assert old.status == AppointmentStatus.RESCHEDULED and new.slot == new_slot


def test_someone_elses_code_cannot_be_rescheduled(client):
    w = world()
    day = open_day(w.calendar)
    theirs = book(w.other, slot_on(w.offering, day))
    client.force_login(w.citizen)
    slot = slot_on(w.offering, day, at=time(11))
    assert client.get(confirm_url(slot, remarcar=theirs.code)).status_code == 404
    response = client.post(
        confirm_url(slot, remarcar=theirs.code), {"_envio": citizen_common.new_booking_key(w.citizen)}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == AppointmentStatus.BOOKED
