"""The booking flow before confirming: units nearest first (from the city typed or the person's
saved address), each with its first free time; a month of free days as an accessible table; a
day's free times. No sign-in needed to look; malformed parameters answer 400."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.calendar import CUIABA
from plataforma.identity.models import PostalAddress

from ..models import Closure, Mode
from ..services.slots import local_today, offering_slots_refresh
from ..views.citizen_common import day_label
from .factories_citizen import (
    RONDONOPOLIS_POINT,
    book,
    offering_at,
    open_day,
    person,
    slot_on,
    unit_calendar,
    world,
)

pytestmark = pytest.mark.django_db


def units_url(service, **query) -> str:
    url = reverse("scheduling_citizen:units", args=[service.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def month_url(w, offering=None, **query) -> str:
    offering = offering or w.offering
    url = reverse("scheduling_citizen:month", args=[w.service.slug, offering.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def day_url(w, day, offering=None, **query) -> str:
    offering = offering or w.offering
    url = reverse("scheduling_citizen:day", args=[w.service.slug, offering.pk, day.isoformat()])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _order(html: str, *names: str) -> list[int]:
    return [html.index(name) for name in names]


def test_anyone_sees_the_units_with_their_first_free_time(client):
    w = world()
    response = client.get(units_url(w.service))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ganha Tempo Cuiabá" in html and "Ganha Tempo Sinop" in html
    assert "2 unidades atendem este serviço com agendamento" in html
    assert month_url(w) in html and month_url(w, w.far_offering) in html
    first = min(
        w.offering.slots.filter(open=True, starts_at__gte=timezone.now() + timedelta(hours=2)).values_list(
            "starts_at", flat=True
        )
    )
    first = timezone.localtime(first, CUIABA)
    assert f"{day_label(first.date())}, às {first:%H:%M}" in html


def test_units_nearest_to_the_city_typed_come_first(client):
    w = world()
    html = client.get(units_url(w.service, cidade="Sinop")).content.decode()
    sinop, cuiaba = _order(html, "Ganha Tempo Sinop", "Ganha Tempo Cuiabá")
    assert sinop < cuiaba
    assert "km" in html
    html = client.get(units_url(w.service, cidade="cuiaba")).content.decode()  # accents and case ignored
    sinop, cuiaba = _order(html, "Ganha Tempo Sinop", "Ganha Tempo Cuiabá")
    assert cuiaba < sinop


def test_the_saved_address_orders_units_for_a_signed_in_person(client):
    w = world()
    PostalAddress.objects.create(
        user=w.citizen,
        cep="78550000",
        street="Rua das Nogueiras",
        number="10",
        district="Centro",
        city="Sinop",
        state="MT",
    )
    client.force_login(w.citizen)
    html = client.get(units_url(w.service)).content.decode()
    sinop, cuiaba = _order(html, "Ganha Tempo Sinop", "Ganha Tempo Cuiabá")
    assert sinop < cuiaba
    assert "usamos o município do seu endereço: Sinop" in html


def test_an_unknown_city_is_a_400_with_the_field_error_and_the_list_still_shown(client):
    w = world()
    response = client.get(units_url(w.service, cidade="Gotham"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Não encontramos o município" in html and 'aria-invalid="true"' in html
    assert "Ganha Tempo Cuiabá" in html


@pytest.mark.parametrize(
    "query",
    [{"prioridade": "sim"}, {"modalidade": "pombo"}, {"remarcar": "nao-e-codigo"}, {"cidade": "x" * 101}],
)
def test_malformed_parameters_are_a_400(client, query):
    w = world()
    response = client.get(units_url(w.service, **query))
    assert response.status_code == 400


def test_a_service_without_bookings_or_unpublished_is_not_found(client):
    w = world()
    w.offering.active = False
    w.offering.save()
    w.far_offering.calendar.accepts_bookings = False
    w.far_offering.calendar.save()
    assert client.get(units_url(w.service)).status_code == 404
    assert client.get(reverse("scheduling_citizen:units", args=["nao-existe"])).status_code == 404


def test_the_mode_filter_shows_only_that_kind_of_attendance(client):
    w = world()
    video = offering_at(w.calendar, w.service, mode=Mode.VIDEO)
    html = client.get(units_url(w.service, modalidade="video")).content.decode()
    assert month_url(w, video) in html
    assert month_url(w) not in html
    assert "Como quer ser atendido" in client.get(units_url(w.service)).content.decode()


def test_the_month_is_a_table_with_free_counts_and_links_to_open_days(client):
    w = world(capacity=1)
    day = open_day(w.calendar)
    response = client.get(month_url(w, mes=f"{day:%Y-%m}"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table>" in html and "<caption" in html and 'scope="col"' in html
    assert '<abbr title="segunda-feira">Seg</abbr>' in html
    assert day_url(w, day) in html
    # 08:00 to 18:00 in 30 minutes: 20 times a day, one seat each
    assert '<span class="sched-day-count">20 livres</span>' in html
    # a screen reader hears the whole date: "quarta-feira, 2 de dezembro de 2026: 20 livres"
    weekday = day_label(day).split(",")[0]
    assert f'<span class="sr-only">{weekday}, </span><span class="sched-day-number">{day.day}</span>' in html


def _slots_of_day(offering, day):
    start = datetime.combine(day, time.min, CUIABA)
    return list(
        offering.slots.filter(open=True, starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    )


def test_a_full_day_and_a_closed_day_have_no_link(client):
    w = world(capacity=1)
    day = open_day(w.calendar)
    closed = open_day(w.calendar, after=day)
    Closure.objects.create(calendar=w.calendar, starts_on=closed, ends_on=closed, reason="Reforma")
    offering_slots_refresh(offering=w.offering)
    for slot in _slots_of_day(w.offering, day):
        book(person(), slot)
    html = client.get(month_url(w, mes=f"{day:%Y-%m}")).content.decode()
    assert day_url(w, day) not in html
    assert day_url(w, closed) not in html
    assert "sem vagas" in html


def test_the_month_parameter_is_checked(client):
    w = world()
    assert client.get(month_url(w, mes="2026-13")).status_code == 400
    assert client.get(month_url(w, mes="março")).status_code == 400
    far = local_today() + timedelta(days=400)
    response = client.get(month_url(w, mes=f"{far:%Y-%m}"))
    assert response.status_code == 200
    assert "Não há horários livres neste mês" in response.content.decode()


def test_an_offering_of_another_service_or_closed_is_not_found(client):
    w = world()
    other = world()
    url = reverse("scheduling_citizen:month", args=[w.service.slug, other.offering.pk])
    assert client.get(url).status_code == 404
    w.offering.active = False
    w.offering.save()
    assert client.get(month_url(w)).status_code == 404


def test_the_day_lists_free_times_linking_to_confirmation(client):
    w = world(capacity=2)
    day = open_day(w.calendar)
    slot = slot_on(w.offering, day)
    book(w.other, slot)
    response = client.get(day_url(w, day))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("scheduling_citizen:confirm", args=[slot.pk]) in html
    assert "09:00" in html
    assert "(2 vagas)" in html  # other times have both seats free


def test_priority_seats_show_only_with_the_priority_flag(client):
    w = world(capacity=1, priority_reserved=1)
    day = open_day(w.calendar)
    assert "Não há horários livres neste dia" in client.get(day_url(w, day)).content.decode()
    html = client.get(day_url(w, day, prioridade=1)).content.decode()
    slot = slot_on(w.offering, day)
    assert reverse("scheduling_citizen:confirm", args=[slot.pk]) + "?prioridade=1" in html


def test_a_malformed_day_is_a_400(client):
    w = world()
    url = reverse("scheduling_citizen:day", args=[w.service.slug, w.offering.pk, "2026-02-30"])
    assert client.get(url).status_code == 400
    url = reverse("scheduling_citizen:day", args=[w.service.slug, w.offering.pk, "amanha"])
    assert client.get(url).status_code == 400


def test_a_unit_in_another_city_is_ordered_by_distance(client):
    w = world()
    rondonopolis = unit_calendar(
        w.agency, name="Ganha Tempo Rondonópolis", city="Rondonópolis", point=RONDONOPOLIS_POINT
    )
    offering_at(rondonopolis, w.service)
    html = client.get(units_url(w.service, cidade="Rondonópolis")).content.decode()
    r, c, s = _order(html, "Ganha Tempo Rondonópolis", "Ganha Tempo Cuiabá", "Ganha Tempo Sinop")
    assert r < c < s


def test_pages_carry_no_inline_script_or_style(client):
    w = world()
    day = open_day(w.calendar)
    for url in (units_url(w.service), month_url(w), day_url(w, day)):
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_the_service_page_link_appears_only_when_some_unit_books_the_service():
    from django.template import Context, Template

    w = world()
    template = Template("{% load catalog_actions %}{% service_actions service %}")
    html = template.render(Context({"service": w.service}))
    assert units_url(w.service) in html and "Agendar atendimento" in html
    w.offering.active = False
    w.offering.save()
    w.far_calendar.accepts_bookings = False
    w.far_calendar.save()
    assert "Agendar atendimento" not in template.render(Context({"service": w.service}))
