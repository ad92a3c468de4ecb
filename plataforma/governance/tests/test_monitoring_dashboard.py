"""The Núcleo's dashboard (/servidor/governanca/painel/) and the servants' entry page: who gets in
(tested from the side of every role that must not), what the dashboard shows, bad filters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole

from . import monitoring_data
from .monitoring_data import servant

pytestmark = pytest.mark.django_db
DASHBOARD = "/servidor/governanca/painel/"


@pytest.fixture
def gov(db):
    return monitoring_data.build()


def test_the_dashboard_address_is_the_named_route():
    assert reverse("governance:nucleo_dashboard") == DASHBOARD


def test_anonymous_is_sent_to_sign_in(client, gov):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "next=" in response["Location"] and "painel" in response["Location"]


@pytest.mark.parametrize("who", ["citizen", "gestor", "sefaz_gestor", "mti"])
def test_everyone_but_the_nucleo_gets_403(client, gov, who):
    client.force_login(gov[who])
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert "Acesso restrito" in response.content.decode()
    assert "Laudo digital integrado" not in response.content.decode()


def test_a_nucleo_role_granted_outside_the_nucleos_agencies_opens_nothing(client, gov):
    stray = servant(gov["detran"], AgencyRole.Role.NUCLEO)
    client.force_login(stray)
    assert client.get(DASHBOARD).status_code == 403


def test_a_revoked_nucleo_member_gets_403(client, gov):
    from django.utils import timezone

    AgencyRole.objects.filter(user=gov["nucleo"]).update(revoked_at=timezone.now())
    client.force_login(gov["nucleo"])
    assert client.get(DASHBOARD).status_code == 403


def test_the_nucleo_sees_the_plan_nominations_late_milestones_budget_risks_and_pending(client, gov):
    client.force_login(gov["nucleo"])
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    ctx = response.context
    assert ctx["overview"].cycle == gov["approved"] and ctx["overview"].total == 3
    # the cycle under way, per agency: DETRAN-MT nominated one; SEFAZ not
    nominations = ctx["nominations"]
    assert nominations.cycle == gov["current"]
    assert [(i["agency"].acronym, i["n"], i["waiting"]) for i in nominations.per_agency] == [
        ("DETRAN-MT", 1, 1)
    ]
    # missing: agencies that publish services and nominated none; those with nothing published in
    # the Carta (SEDUC, SEPLAG, MTI here) have nothing to nominate and are not listed
    missing = {a.acronym for a in nominations.missing}
    assert missing == {"SEFAZ"}
    # late milestones: only the open one (the one done late is history)
    assert [m.pk for m in ctx["late_milestones"]] == [gov["late"].pk]
    assert [r.pk for r in ctx["high_risks"]] == [gov["high_risk"].pk]
    budget = ctx["budget"]
    assert (budget["requested"], budget["granted"]) == (Decimal("6000.50"), Decimal("800.00"))
    detran = next(r for r in budget["rows"] if r["acronym"] == "DETRAN-MT")
    assert (detran["requested"], detran["granted"], detran["missing"], detran["asking"]) == (
        Decimal("6000.50"),
        Decimal("800.00"),
        Decimal("5200.50"),
        2,
    )
    pending = ctx["pending"]
    assert (pending.nominations, pending.exceptions_submitted, pending.prices, pending.justifications) == (
        1,
        1,
        1,
        1,
    )
    html = response.content.decode()
    assert "Laudo digital integrado" in html and "Empresas sem equipamento" in html
    assert "R$ 6.000,50" in html and "R$ 800,00" in html
    assert "noindex" in html


def test_the_dashboard_shows_an_older_approved_plan_by_year(client, gov):
    client.force_login(gov["nucleo"])
    response = client.get(DASHBOARD, {"ano": gov["approved"].year})
    assert response.status_code == 200 and response.context["overview"].cycle == gov["approved"]


@pytest.mark.parametrize(
    "query, status",
    [
        ({"ano": "abc"}, 400),
        ({"ano": "20255"}, 400),
        ({"ano": "1999"}, 400),
        ({"ano": "\uff12\uff10\uff12\uff15"}, 400),  # full-width digits
        ({"ano": "2030"}, 404),  # no such cycle
        ({"filtro": "x"}, 400),
    ],
)
def test_bad_filters_answer_4xx(client, gov, query, status):
    client.force_login(gov["nucleo"])
    assert client.get(DASHBOARD, query).status_code == status


def test_a_cycle_not_yet_approved_is_not_a_plan_on_the_dashboard(client, gov):
    client.force_login(gov["nucleo"])
    assert client.get(DASHBOARD, {"ano": gov["current"].year}).status_code == 404


def test_the_dashboard_works_before_any_cycle(client, db):
    seplag = AgencyFactory(acronym="SEPLAG")
    client.force_login(servant(seplag, AgencyRole.Role.NUCLEO))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["overview"] is None and response.context["nominations"] is None


def test_the_dashboard_accepts_only_get(client, gov):
    client.force_login(gov["nucleo"])
    assert client.post(DASHBOARD).status_code == 405


# --- the servants' entry page ----------------------------------------------------------------


def test_the_staff_home_shows_each_role_its_part(client, gov):
    home = reverse("governance:staff_home")
    client.force_login(gov["nucleo"])
    html = client.get(home).content.decode()
    assert DASHBOARD in html and 'id="papel-nucleo"' in html and 'id="papel-mti"' not in html

    client.force_login(gov["gestor"])
    response = client.get(home)
    html = response.content.decode()
    assert response.status_code == 200 and DASHBOARD not in html
    assert 'id="papel-gestor"' in html and "DETRAN-MT" in html and 'id="papel-nucleo"' not in html

    client.force_login(gov["mti"])
    html = client.get(home).content.decode()
    assert 'id="papel-mti"' in html and DASHBOARD not in html and 'id="papel-gestor"' not in html


def test_the_staff_home_is_closed_to_citizens_and_anonymous(client, gov):
    home = reverse("governance:staff_home")
    assert client.get(home).status_code == 302
    client.force_login(gov["citizen"])
    assert client.get(home).status_code == 403


def test_the_servants_home_links_the_governance_tools_to_its_roles(client, gov):
    servants_home = reverse("servants:home")
    for who in ("nucleo", "mti", "gestor"):
        client.force_login(gov[who])
        response = client.get(servants_home)
        assert response.status_code == 200
        assert reverse("governance:staff_home") in response.content.decode(), who
    analyst = servant(gov["detran"], AgencyRole.Role.ANALYST)
    client.force_login(analyst)
    assert reverse("governance:staff_home") not in client.get(servants_home).content.decode()
