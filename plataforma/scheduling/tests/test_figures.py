"""The gestor's figures (occupancy, no-shows, waiting and attendance times) computed in the
database, the same on SQLite and PostgreSQL, and what the public monitoring panel gets of them.

The day D, ten days ago, at unit U1 (service S1, 2 desks; service S2) and unit U2 (service S1):

| slot  | open | booked | appointments                                  |
| 08:00 | yes  | 2      | a1 atendido, a2 atendido                      |
| 09:00 | yes  | 0      | a5 cancelado, a6 remarcado (seat freed)       |
| 09:30 | no   | 1      | a4 agendado (left outside the hours)          |
| 10:00 | yes  | 2      | a3 faltou, a7 atendido                        |
→ offered 2+2+1+2 = 7 seats, booked 5: occupancy 5/7; held 5, attended 3, no-shows 1 (25%).

| ticket | for | issued | due   | called | wait | attended for |
| t1     | a1  | 07:50  | 08:00 | 08:10  | 10   | 15           |
| t2     | a2  | 08:05  | 08:00 | 08:25  | 20   | 25           |
| t3     | —   | 09:00  | —     | 09:40  | 40   | 5            |
| t4     | —   | 09:10  | —     | never  | —    | —            |
| t5     | a7  | 09:50  | 10:00 | 09:55  | 0    | 10           |
| t6 S2  | —   | 11:00  | —     | 12:00  | 60   | 30           |
| t7 U2  | —   | 08:00  | —     | 08:05  | 5    | 10           |
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.monitoring.models import MonthlyIndicator, SchedulingIndicator
from plataforma.monitoring.services import indicators_refresh
from plataforma.scheduling.models import AppointmentStatus as S
from plataforma.scheduling.selectors.figures import agency_figures, percentile, ticket_times, time_key
from plataforma.scheduling.services.slots import local_today

from .factories_manage import (
    appointment_at,
    calendar_for,
    in_person_service,
    local,
    offering_for,
    person,
    servant,
    slot_at,
    ticket,
)

pytestmark = pytest.mark.django_db
MIN = 60.0


@pytest.fixture
def day():
    return local_today() - timedelta(days=10)


@pytest.fixture
def world(day):
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    u1 = calendar_for(agency, name="Sede", weekdays=())
    u2 = calendar_for(agency, name="Ciretran", city="Sinop", weekdays=())
    s1 = in_person_service(agency, name="Renovar a CNH")
    s2 = in_person_service(agency, name="Segunda via da CNH")
    o1 = offering_for(u1, s1, capacity=2, priority_reserved=0)
    offering_for(u1, s2, capacity=1, priority_reserved=0)
    offering_for(u2, s1, capacity=1, priority_reserved=0)
    who = person()
    at8, at9, at930, at10 = (
        slot_at(o1, local(day, 8), booked=2),
        slot_at(o1, local(day, 9), booked=0),
        slot_at(o1, local(day, 9, 30), booked=1, is_open=False),
        slot_at(o1, local(day, 10), booked=2),
    )
    a1, a2 = appointment_at(at8, who, S.DONE), appointment_at(at8, who, S.DONE)
    appointment_at(at9, who, S.CANCELLED)
    appointment_at(at9, who, S.RESCHEDULED)
    appointment_at(at930, who, S.BOOKED)
    appointment_at(at10, who, S.NO_SHOW)
    a7 = appointment_at(at10, who, S.DONE)
    ticket(
        u1,
        s1,
        issued_at=local(day, 7, 50),
        due_at=local(day, 8),
        called_after=20,
        served_minutes=15,
        appointment=a1,
    )
    ticket(
        u1,
        s1,
        issued_at=local(day, 8, 5),
        due_at=local(day, 8),
        called_after=20,
        served_minutes=25,
        appointment=a2,
    )
    ticket(u1, s1, issued_at=local(day, 9), called_after=40, served_minutes=5)
    ticket(u1, s1, issued_at=local(day, 9, 10))
    ticket(
        u1,
        s1,
        issued_at=local(day, 9, 50),
        due_at=local(day, 10),
        called_after=5,
        served_minutes=10,
        appointment=a7,
    )
    ticket(u1, s2, issued_at=local(day, 11), called_after=60, served_minutes=30)
    ticket(u2, s1, issued_at=local(day, 8), called_after=5, served_minutes=10)
    # outside the period, or of another agency: never counted
    earlier = day - timedelta(days=40)
    old_slot = slot_at(o1, local(earlier, 8), booked=1)
    appointment_at(old_slot, who, S.NO_SHOW)
    ticket(u1, s1, issued_at=local(earlier, 8), called_after=300, served_minutes=1)
    stranger = AgencyFactory()
    foreign = calendar_for(stranger, weekdays=())
    foreign_offering = offering_for(foreign, in_person_service(stranger), capacity=5)
    appointment_at(slot_at(foreign_offering, local(day, 8), booked=1), who, S.NO_SHOW)
    ticket(foreign, foreign_offering.service, issued_at=local(day, 8), called_after=500, served_minutes=1)
    return {"agency": agency, "u1": u1, "u2": u2, "s1": s1, "s2": s2}


def test_percentile_is_postgresqls_percentile_cont():
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([0, 10, 20, 40], 0.5) == 15
    assert percentile([0, 10, 20, 40], 0.9) == pytest.approx(34)
    assert percentile([1, 2, 3], 0.5) == 2


def test_agency_figures_per_unit_and_service(world, day, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        report = agency_figures(agency=world["agency"], start=day, end=day)
    assert [u.unit.name for u in report.units] == ["Sede", "Ciretran"]  # by city: Cuiabá, Sinop
    sede = report.units[0]
    cnh, copy = sede.services
    assert cnh.service == world["s1"] and copy.service == world["s2"]
    assert (cnh.offered_seats, cnh.booked_seats) == (7, 5)
    assert cnh.occupancy == pytest.approx(5 / 7)
    assert (cnh.appointments, cnh.attended, cnh.no_show, cnh.cancelled) == (5, 3, 1, 1)
    assert cnh.no_show_rate == pytest.approx(0.25)
    assert (cnh.tickets, cnh.walk_ins) == (5, 2)
    assert cnh.times.waits == 4
    assert cnh.times.wait_median == pytest.approx(15 * MIN)
    assert cnh.times.wait_p90 == pytest.approx(34 * MIN)
    assert cnh.times.services == 4
    assert cnh.times.service_median == pytest.approx(12.5 * MIN)
    assert cnh.times.service_mean == pytest.approx(13.75 * MIN)
    assert copy.times.wait_median == pytest.approx(60 * MIN) and copy.no_show_rate is None
    # the unit: the medians of all its tickets, not an average of medians
    assert sede.total.times.wait_median == pytest.approx(20 * MIN)  # 0 10 20 40 60
    assert sede.total.times.wait_p90 == pytest.approx(52 * MIN)
    assert (sede.total.appointments, sede.total.tickets) == (5, 6)
    # the agency: both units
    assert report.total.times.wait_median == pytest.approx(15 * MIN)  # 0 5 10 20 40 60
    assert report.total.times.wait_p90 == pytest.approx(50 * MIN)
    assert report.total.no_show == 1 and report.has_data


def test_a_period_without_anything_has_no_data(world, day):
    report = agency_figures(
        agency=world["agency"], start=day + timedelta(days=1), end=day + timedelta(days=2)
    )
    assert not report.has_data and report.units == []
    assert report.total.occupancy is None and report.total.times.wait_median is None


def test_ticket_times_by_scope_for_the_panel(world, day):
    times = ticket_times(start=day, end=day, grouping_sets=[("service_id",), ("agency_id",), ()])
    assert times[time_key(service_id=world["s1"].pk)].wait_median == pytest.approx(10 * MIN)  # 0 5 10 20 40
    assert times[time_key(agency_id=world["agency"].pk)].waits == 6
    assert times[()].waits == 7  # with the other agency's ticket


def test_the_monitoring_refresh_writes_scheduling_indicators(world, day):
    indicators_refresh(months=[(day.year, day.month), (day.year, 0)])
    s1 = SchedulingIndicator.objects.get(
        scope="servico", scope_id=world["s1"].pk, year=day.year, month=day.month
    )
    assert (s1.booked, s1.attended, s1.no_show, s1.waits) == (5, 3, 1, 5)
    assert s1.wait_median_minutes == pytest.approx(10)
    assert s1.agency_id == world["agency"].pk
    agency_row = SchedulingIndicator.objects.get(
        scope="orgao", scope_id=world["agency"].pk, year=day.year, month=0
    )
    assert agency_row.booked >= 5 and agency_row.wait_median_minutes is not None
    month_row = SchedulingIndicator.objects.get(scope="orgao", scope_id=world["agency"].pk, month=day.month)
    assert (month_row.booked, month_row.no_show, month_row.waits) == (5, 1, 6)
    assert month_row.wait_median_minutes == pytest.approx(15)
    platform = SchedulingIndicator.objects.get(scope="plataforma", year=day.year, month=day.month)
    assert platform.no_show == 2  # the other agency's no-show too
    # refreshing again rewrites the same rows
    count = SchedulingIndicator.objects.count()
    indicators_refresh(months=[(day.year, day.month), (day.year, 0)])
    assert SchedulingIndicator.objects.count() == count
    # the request figures are untouched by scheduling
    assert not MonthlyIndicator.objects.filter(scope="servico", scope_id=world["s1"].pk).exists()


def test_the_public_panel_shows_appointments_and_waiting_times(client, world, day):
    indicators_refresh(months=[(day.year, day.month), (day.year, 0)])
    response = client.get(reverse("monitoring:panel_service", args=[world["s1"].slug]), {"ano": day.year})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Atendimento com hora marcada" in page
    summary = response.context["summary"]
    month = summary.scheduling.months[day.month - 1]
    assert (month.booked, month.attended, month.no_show) == (5, 3, 1)
    assert month.no_show_rate == pytest.approx(0.25) and "25,0%" in page
    response = client.get(reverse("monitoring:panel_agency", args=["detran-mt"]), {"ano": day.year})
    children = [item.name for item, _f in response.context["summary"].scheduling.children]
    assert children == ["Renovar a CNH", "Segunda via da CNH"]
    assert 'style="' not in response.content.decode()


def test_the_panel_has_no_scheduling_section_without_appointments(client, db):
    agency = AgencyFactory(slug="sem-agenda")
    response = client.get(reverse("monitoring:panel_agency", args=[agency.slug]))
    assert "Atendimento com hora marcada" not in response.content.decode()


# --- the gestor's page --------------------------------------------------------------------------


def test_the_figures_page_shows_the_period_and_refuses_bad_periods(client, world, day):
    client.force_login(servant(world["agency"], "gestor"))
    url = reverse("scheduling_manage:figures")
    response = client.get(url, {"de": day.isoformat(), "ate": day.isoformat()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "71,4%" in page  # occupancy 5/7
    assert "15 min" in page and "34 min" in page
    default = client.get(url)
    assert default.status_code == 200
    report = default.context["report"]
    assert (report.end - report.start).days == 29 and report.end == local_today()
    today = local_today()
    for params, field in [
        ({"de": day.isoformat(), "ate": (day - timedelta(days=1)).isoformat()}, "de"),
        ({"de": (today - timedelta(days=400)).isoformat(), "ate": today.isoformat()}, "ate"),
        ({"ate": (today + timedelta(days=365)).isoformat()}, "ate"),
        ({"de": "31/02/2025"}, "de"),
        ({"ate": "0001-01-10"}, "ate"),  # no date arithmetic below year 1
    ]:
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert response.context["form"].errors[field], params


def test_the_figures_page_is_only_for_the_gestor(client, world):
    url = reverse("scheduling_manage:figures")
    for roles in [("atendente",), ("analista",), ()]:
        client.force_login(servant(world["agency"], *roles))
        assert client.get(url).status_code == 403
    client.force_login(servant(AgencyFactory(), "gestor"))
    assert client.get(url, {"orgao": "detran-mt"}).status_code == 404
