"""The gestor's pages at /gestao/agendamento/: who gets in, field-level errors with status 400 and
nothing saved, the confirmation when a change leaves appointments outside the hours, and staff
cancelling those appointments with a reason the person receives."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory
from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification
from plataforma.scheduling.models import AppointmentStatus, Closure, Desk, Offering, Slot, UnitCalendar
from plataforma.scheduling.selectors.config import week_of
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


@pytest.fixture
def agency():
    return AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")


@pytest.fixture
def gestor(agency):
    return servant(agency, "gestor", full_name="Gestora do Órgão")


@pytest.fixture
def calendar(agency):
    return calendar_for(agency, name="Sede do DETRAN-MT")


@pytest.fixture
def unit(calendar):
    return calendar.unit


@pytest.fixture
def booked(agency, calendar):
    """A Wednesday-afternoon appointment of Maria at the unit."""
    service = in_person_service(agency, name="Renovar a CNH")
    today = local_today()
    offering = offering_for(calendar, service, today=today)
    day = next_weekday(today, 2)
    slot = Slot.objects.get(offering=offering, starts_at=local(day, 14))
    maria = person(full_name="Maria Aparecida Souza")
    appointment, _created = appointment_book(person=maria, slot_id=slot.pk, idempotency_key="k1")
    return appointment


def _urls(unit):
    return {
        "dashboard": reverse("scheduling_manage:dashboard"),
        "figures": reverse("scheduling_manage:figures"),
        "unit": reverse("scheduling_manage:unit", args=[unit.pk]),
        "hours": reverse("scheduling_manage:hours", args=[unit.pk]),
        "offering_new": reverse("scheduling_manage:offering_new", args=[unit.pk]),
    }


# --- who gets in --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, unit):
    for url in _urls(unit).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize(
    "roles", [(), ("atendente",), ("analista",), ("carta_editor",), ("atendente", "analista")]
)
def test_people_without_the_gestor_role_get_a_403_page(client, agency, unit, roles):
    client.force_login(servant(agency, *roles))
    for url in _urls(unit).values():
        response = client.get(url)
        assert response.status_code == 403
        assert "Só o gestor do órgão" in response.content.decode()
    response = client.post(reverse("scheduling_manage:desk_add", args=[unit.pk]), {"name": "Guichê 1"})
    assert response.status_code == 403 and not Desk.objects.exists()


def test_a_gestor_of_another_agency_does_not_see_this_agencys_units(client, unit):
    client.force_login(servant(AgencyFactory(), "gestor"))
    assert client.get(reverse("scheduling_manage:unit", args=[unit.pk])).status_code == 404
    response = client.post(reverse("scheduling_manage:desk_add", args=[unit.pk]), {"name": "Guichê 1"})
    assert response.status_code == 404 and not Desk.objects.exists()
    assert client.get(reverse("scheduling_manage:dashboard"), {"orgao": "detran-mt"}).status_code == 404
    page = client.get(reverse("scheduling_manage:dashboard")).content.decode()
    assert "Sede do DETRAN-MT" not in page


def test_the_gestor_sees_the_agencys_units(client, gestor, unit):
    ServiceUnitFactory(agency=unit.agency, name="Ciretran de Sinop", city="Sinop")
    client.force_login(gestor)
    response = client.get(reverse("scheduling_manage:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sede do DETRAN-MT" in page and "Ciretran de Sinop" in page and "Não configurado" in page
    assert "<script>" not in page and 'style="' not in page


# --- the unit's calendar ------------------------------------------------------------------------


def test_enabling_a_unit_creates_its_calendar_with_the_municipality_seat(client, gestor, agency):
    unit = ServiceUnitFactory(agency=agency, name="Ciretran de Sinop", city="Sinop")
    client.force_login(gestor)
    page = client.get(reverse("scheduling_manage:unit", args=[unit.pk])).content.decode()
    assert "Ativar o agendamento nesta unidade" in page
    response = client.post(
        reverse("scheduling_manage:calendar", args=[unit.pk]),
        {"accepts_bookings": "on", "latitude": "", "longitude": "", "ticket_prefix": "cs"},
    )
    assert response.status_code == 302
    calendar = UnitCalendar.objects.get(unit=unit)
    assert calendar.ticket_prefix == "CS" and float(calendar.latitude) == pytest.approx(-11.8604)


def test_swapped_coordinates_answer_400_with_the_error_on_the_field(client, gestor, unit, calendar):
    client.force_login(gestor)
    response = client.post(
        reverse("scheduling_manage:calendar", args=[unit.pk]),
        {"accepts_bookings": "on", "latitude": "-56,0974", "longitude": "-15,6010", "ticket_prefix": ""},
    )
    assert response.status_code == 400
    form = response.context["calendar_form"]
    assert "fora do Brasil" in " ".join(form.errors["latitude"])
    calendar.refresh_from_db()
    assert float(calendar.latitude) == pytest.approx(-15.6014)


# --- hours --------------------------------------------------------------------------------------


def _week_post(**days):
    data = {f"dia_{n}": "" for n in range(7)}
    data.update(days)
    return data


def test_overlapping_hours_answer_400_with_field_errors_and_save_nothing(client, gestor, unit, calendar):
    before = week_of(calendar)
    client.force_login(gestor)
    response = client.post(
        reverse("scheduling_manage:hours", args=[unit.pk]),
        _week_post(dia_0="08:00-12:00, 11:00-13:00", dia_1="8h às 12h", dia_2="de manhã"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "se sobrepõem" in errors["dia_0"][0]
    assert "Não entendi" in errors["dia_2"][0]
    assert "dia_1" not in errors
    assert week_of(calendar) == before
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and "Nada foi salvo" in page


def test_new_hours_without_affected_appointments_are_saved_at_once(client, gestor, unit, calendar):
    client.force_login(gestor)
    response = client.post(
        reverse("scheduling_manage:hours", args=[unit.pk]),
        _week_post(dia_0="07:30-17:30", dia_5="08:00 - 12:00"),
    )
    assert response.status_code == 302
    assert week_of(calendar) == {0: [(time(7, 30), time(17, 30))], 5: [(time(8), time(12))]}


def test_hours_that_leave_appointments_outside_ask_for_confirmation_first(
    client, gestor, unit, calendar, booked, django_capture_on_commit_callbacks
):
    before = week_of(calendar)
    client.force_login(gestor)
    new_week = _week_post(
        dia_0="08:00-12:00, 14:00-18:00",
        dia_1="08:00-12:00, 14:00-18:00",
        dia_2="08:00-12:00",
        dia_3="08:00-12:00, 14:00-18:00",
        dia_4="08:00-12:00, 14:00-18:00",
    )
    response = client.post(reverse("scheduling_manage:hours", args=[unit.pk]), new_week)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 agendamento marcado fica fora do atendimento" in page
    assert "M*** A*** S***" in page and "Maria Aparecida Souza" not in page
    assert week_of(calendar) == before  # nothing saved yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scheduling_manage:hours", args=[unit.pk]), {**new_week, "confirmar": "on"}
        )
    assert response.status_code == 302
    assert week_of(calendar)[2] == [(time(8), time(12))]
    page = client.get(reverse("scheduling_manage:unit", args=[unit.pk])).content.decode()
    assert "Agendamentos fora do horário da unidade" in page and "M*** A*** S***" in page
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED
    # every list of appointments the gestor saw is in the person's access history
    from plataforma.common.models import AuditEvent

    reads = AuditEvent.objects.filter(
        action="scheduling.manage_appointment_read",
        kind=AuditEvent.Kind.ACCESS,
        subject_user_id=booked.person_id,
    )
    assert reads.count() == 2  # the confirmation's list and the unit page's


def test_staff_cancel_appointments_left_outside_and_the_person_is_told_why(
    client, gestor, unit, calendar, booked, django_capture_on_commit_callbacks
):
    day = timezone.localtime(booked.starts_at, CUIABA).date()
    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(calendar=calendar, starts_on=day, ends_on=day, reason="Reforma")
        from plataforma.scheduling.services.slots import calendar_slots_refresh

        calendar_slots_refresh(calendar=calendar)
    client.force_login(gestor)
    url = reverse("scheduling_manage:cancel_outside", args=[unit.pk])
    response = client.post(url, {"appointments": [str(booked.pk)], "reason": ""})
    assert response.status_code == 400
    assert response.context["cancel_form"].errors["reason"]
    response = client.post(url, {"appointments": ["not-an-id"], "reason": "Reforma do prédio"})
    assert response.status_code == 400
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED
    response = client.post(
        url,
        {"appointments": [str(booked.pk)], "reason": "A unidade estará em reforma. Remarque pelo portal."},
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.CANCELLED
    notice = Notification.objects.filter(user=booked.person).order_by("-created_at").first()
    assert "Remarque pelo portal" in notice.body
    event = AuditEvent.objects.get(action="scheduling.cancel", target_id=str(booked.pk))
    assert event.actor == gestor and event.changes["by_staff"] is True


def test_an_appointment_still_within_the_hours_cannot_be_cancelled_from_this_page(
    client, gestor, unit, booked
):
    client.force_login(gestor)
    response = client.post(
        reverse("scheduling_manage:cancel_outside", args=[unit.pk]),
        {"appointments": [str(booked.pk)], "reason": "Tentativa"},
    )
    assert response.status_code == 400
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED


# --- closures -----------------------------------------------------------------------------------


def test_a_past_closure_answers_400_on_the_field(client, gestor, unit):
    client.force_login(gestor)
    today = local_today()
    response = client.post(
        reverse("scheduling_manage:closure_add", args=[unit.pk]),
        {
            "starts_on": (today - timedelta(days=3)).isoformat(),
            "ends_on": (today - timedelta(days=1)).isoformat(),
            "reason": "Greve",
        },
    )
    assert response.status_code == 400
    assert "já passou" in response.context["closure_form"].errors["ends_on"][0]
    assert not Closure.objects.exists()


def test_a_closure_over_booked_days_is_confirmed_before_it_is_saved(client, gestor, unit, booked):
    client.force_login(gestor)
    day = timezone.localtime(booked.starts_at, CUIABA).date()
    data = {"starts_on": day.isoformat(), "ends_on": day.isoformat(), "reason": "Dedetização"}
    url = reverse("scheduling_manage:closure_add", args=[unit.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 agendamento marcado cai nestes dias" in page and "M*** A*** S***" in page
    assert not Closure.objects.exists()
    response = client.post(url, {**data, "confirmar": "True"})
    assert response.status_code == 302
    assert Closure.objects.get().reason == "Dedetização"


# --- desks and offerings ------------------------------------------------------------------------


def test_desks_are_added_and_a_duplicate_answers_400(client, gestor, unit):
    client.force_login(gestor)
    url = reverse("scheduling_manage:desk_add", args=[unit.pk])
    assert client.post(url, {"name": "Guichê 1"}).status_code == 302
    response = client.post(url, {"name": "guichê 1"})
    assert response.status_code == 400
    assert "Já há um guichê" in response.context["desk_form"].errors["name"][0]
    desk = Desk.objects.get()
    response = client.post(reverse("scheduling_manage:desk", args=[unit.pk, desk.pk]), {"name": "Guichê 1"})
    assert response.status_code == 302
    desk.refresh_from_db()
    assert desk.active is False  # the box was not ticked


def _offering_post(service, **over):
    data = {
        "service": str(service.pk),
        "mode": "presencial",
        "duration_minutes": "20",
        "capacity": "3",
        "buffer_minutes": "0",
        "horizon_days": "30",
        "min_notice_hours": "2",
        "per_person_limit": "1",
        "priority_reserved": "1",
        "active": "on",
    }
    data.update(over)
    return data


def test_offering_form_errors_are_field_level_and_in_portuguese(client, gestor, agency, unit):
    service = in_person_service(agency)
    foreign = in_person_service(AgencyFactory())
    client.force_login(gestor)
    url = reverse("scheduling_manage:offering_new", args=[unit.pk])
    response = client.post(url, _offering_post(service, priority_reserved="4", duration_minutes="3"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "não podem passar" in errors["priority_reserved"][0]
    assert "5" in errors["duration_minutes"][0]
    response = client.post(url, _offering_post(foreign))
    assert response.status_code == 400
    assert "Escolha um serviço publicado do seu órgão" in response.context["form"].errors["service"][0]
    assert not Offering.objects.exists()


def test_an_offering_is_created_then_its_rules_changed_but_not_its_service(client, gestor, agency, unit):
    service = in_person_service(agency, name="Emitir segunda via")
    other = in_person_service(agency, name="Outro serviço")
    client.force_login(gestor)
    response = client.post(reverse("scheduling_manage:offering_new", args=[unit.pk]), _offering_post(service))
    assert response.status_code == 302
    offering = Offering.objects.get()
    url = reverse("scheduling_manage:offering", args=[unit.pk, offering.pk])
    assert "Emitir segunda via" in client.get(url).content.decode()
    response = client.post(url, _offering_post(other, mode="video", capacity="5", priority_reserved="2"))
    assert response.status_code == 302
    offering.refresh_from_db()
    assert (offering.service, offering.mode, offering.capacity, offering.priority_reserved) == (
        service,
        "presencial",
        5,
        2,
    )
    page = client.get(reverse("scheduling_manage:unit", args=[unit.pk])).content.decode()
    assert "Emitir segunda via" in page


def test_an_offering_of_another_unit_is_not_found(client, gestor, agency, unit):
    other_calendar = calendar_for(agency, name="Outra unidade")
    offering = offering_for(other_calendar, in_person_service(agency))
    client.force_login(gestor)
    assert client.get(reverse("scheduling_manage:offering", args=[unit.pk, offering.pk])).status_code == 404
