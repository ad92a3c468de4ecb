"""Meus agendamentos: the list, the confirmation page (code, QR code, calendar file, documents,
place or meeting room, opening hours), cancelling and rescheduling until the notice limit — and,
after it, whom to call. Nobody but the person who booked sees or changes an appointment."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ..models import Appointment, AppointmentStatus, Mode
from .factories_citizen import (
    DOCUMENTS,
    appointment_raw,
    book,
    bookable_slot,
    open_day,
    servant,
    slot_on,
    world,
)

pytestmark = pytest.mark.django_db


def url(name: str, appointment: Appointment) -> str:
    return reverse(f"scheduling_citizen:{name}", args=[appointment.code])


def soon(w, who, hours: float = 1) -> Appointment:
    """A booked appointment starting within the notice limit (2 hours by default)."""
    starts_at = (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    return appointment_raw(who, w.offering, starts_at=starts_at)


def test_the_pages_need_a_sign_in(client):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    for target in (
        reverse("scheduling_citizen:mine"),
        url("detail", appointment),
        url("ics", appointment),
        url("cancel", appointment),
        url("reschedule", appointment),
    ):
        response = client.get(target)
        assert response.status_code == 302 and response["Location"].startswith(reverse("identity:login"))


def test_the_list_shows_the_persons_upcoming_and_past_appointments_only(client):
    w = world()
    day = open_day(w.calendar)
    upcoming = book(w.citizen, slot_on(w.offering, day))
    past = appointment_raw(
        w.citizen, w.offering, starts_at=timezone.now() - timedelta(days=3), status=AppointmentStatus.DONE
    )
    theirs = book(w.other, slot_on(w.offering, day, at=time(10)))
    client.force_login(w.citizen)
    html = client.get(reverse("scheduling_citizen:mine")).content.decode()
    assert url("detail", upcoming) in html and url("detail", past) in html
    assert url("detail", theirs) not in html
    assert (
        html.index("Próximos") < html.index(url("detail", upcoming)) < html.index("Anteriores e cancelados")
    )
    assert html.index("Anteriores e cancelados") < html.index(url("detail", past))


def test_an_empty_list_explains_how_to_book(client):
    w = world()
    client.force_login(w.citizen)
    html = client.get(reverse("scheduling_citizen:mine")).content.decode()
    assert "Você não tem nenhum atendimento marcado" in html


def test_the_confirmation_page_has_code_qr_calendar_file_documents_place_and_hours(client):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering), priority="deficiencia")
    client.force_login(w.citizen)
    response = client.get(url("detail", appointment))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{appointment.code[:4]}-{appointment.code[4:]}" in html
    assert '<svg role="img" aria-label="QR code com o código do agendamento' in html
    assert url("ics", appointment) in html
    assert all(document in html for document in DOCUMENTS)
    unit = w.calendar.unit
    assert unit.name in html and unit.address in html and unit.phone in html
    assert "Segunda-feira a domingo: 08:00 às 18:00" in html
    assert "Pessoa com deficiência" in html and "leve um documento que comprove" in html
    assert url("cancel", appointment) in html and url("reschedule", appointment) in html
    assert "<script>" not in html and " style=" not in html


def _qr_path(svg: str) -> str:
    """The dark modules' path (after the light background's, when there is one)."""
    return re.findall(r'<path[^>]* d="([^"]+)"', svg)[-1]


def test_the_qr_code_holds_the_appointment_code():
    import io

    import segno

    from ..views.citizen_common import code_qr_svg

    svg = code_qr_svg("ABCD2345")
    reference = io.BytesIO()
    segno.make("ABCD2345", error="m").save(reference, kind="svg", scale=5, border=4)
    assert _qr_path(svg) == _qr_path(reference.getvalue().decode())
    assert _qr_path(svg) != _qr_path(code_qr_svg("ABCD2346"))
    assert "style=" not in svg


def test_a_video_appointment_shows_its_room_and_a_phone_one_the_number_called(client):
    video = world(mode=Mode.VIDEO)
    appointment = book(video.citizen, bookable_slot(video.offering))
    client.force_login(video.citizen)
    html = client.get(url("detail", appointment)).content.decode()
    assert appointment.meeting_url and appointment.meeting_url in html
    assert "Entrar na sala de atendimento" in html and 'rel="noopener noreferrer"' in html
    phone = world(mode=Mode.PHONE)
    appointment = book(phone.citizen, bookable_slot(phone.offering))
    client.force_login(phone.citizen)
    html = client.get(url("detail", appointment)).content.decode()
    assert "terminado em 1234" in html
    assert "meet.jit.si" not in html


def test_the_calendar_file_downloads_for_the_owner(client):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    client.force_login(w.citizen)
    response = client.get(url("ics", appointment))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="agendamento-{appointment.code}.ics"'
    assert response["Cache-Control"] == "private, no-store"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == appointment.starts_at


def test_cancelling_frees_the_seat_and_says_so(client):
    w = world()
    slot = bookable_slot(w.offering)
    appointment = book(w.citizen, slot)
    client.force_login(w.citizen)
    page = client.get(url("cancel", appointment))
    assert page.status_code == 200 and "Sim, cancelar" in page.content.decode()
    response = client.post(url("cancel", appointment))
    assert response.status_code == 303 and response["Location"] == url("detail", appointment)
    appointment.refresh_from_db()
    slot.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED and slot.booked == 0
    html = client.get(url("detail", appointment)).content.decode()
    assert "Agendamento cancelado" in html and url("cancel", appointment) not in html


def test_after_the_notice_limit_the_page_says_whom_to_call_and_nothing_changes(client):
    w = world()
    appointment = soon(w, w.citizen)
    client.force_login(w.citizen)
    html = client.get(url("detail", appointment)).content.decode()
    assert "O prazo para cancelar ou remarcar pela internet terminou" in html
    assert w.calendar.unit.phone in html and w.calendar.unit.email in html
    assert url("cancel", appointment) not in html
    for response in (
        client.get(url("cancel", appointment)),
        client.post(url("cancel", appointment)),
        client.get(url("reschedule", appointment)),
    ):
        assert response.status_code == 409
        assert w.calendar.unit.phone in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_a_cancelled_appointment_cannot_be_cancelled_again(client):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    client.force_login(w.citizen)
    assert client.post(url("cancel", appointment)).status_code == 303
    response = client.post(url("cancel", appointment))
    assert response.status_code == 409


def test_reschedule_starts_at_the_month_of_the_same_unit(client):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    client.force_login(w.citizen)
    response = client.get(url("reschedule", appointment))
    expected = reverse("scheduling_citizen:month", args=[w.service.slug, w.offering.pk])
    assert response.status_code == 303
    assert response["Location"] == f"{expected}?remarcar={appointment.code}"
    html = client.get(response["Location"]).content.decode()
    assert "Você está remarcando" in html
    assert f"remarcar={appointment.code}" in html  # carried to the days


def test_a_replaced_appointment_points_to_its_successor(client):
    from ..services.booking import appointment_reschedule

    w = world()
    day = open_day(w.calendar)
    old = book(w.citizen, slot_on(w.offering, day))
    new = appointment_reschedule(
        person=w.citizen,
        appointment=old,
        slot_id=slot_on(w.offering, day, at=time(14)).pk,
        idempotency_key="k-1",
    )
    client.force_login(w.citizen)
    html = client.get(url("detail", old)).content.decode()
    assert "Este agendamento foi remarcado" in html and url("detail", new) in html
    event = Calendar.from_ical(client.get(url("ics", old)).content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == new.starts_at


@pytest.mark.parametrize("who", ["other person", "servant of the agency"])
def test_nobody_else_sees_or_changes_an_appointment(client, who):
    w = world()
    appointment = book(w.citizen, bookable_slot(w.offering))
    intruder = w.other if who == "other person" else servant(w.agency)
    client.force_login(intruder)
    for target in ("detail", "ics", "cancel", "reschedule"):
        assert client.get(url(target, appointment)).status_code == 404, target
    assert client.post(url("cancel", appointment)).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED
    assert url("detail", appointment) not in client.get(reverse("scheduling_citizen:mine")).content.decode()


def test_a_malformed_code_is_not_found(client):
    w = world()
    client.force_login(w.citizen)
    assert client.get(reverse("scheduling_citizen:detail", args=["0000"])).status_code == 404
    assert client.get(reverse("scheduling_citizen:detail", args=["<script>"])).status_code == 404
