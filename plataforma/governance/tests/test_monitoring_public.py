"""The public pages of the monitoring of priority services: /governanca/ and /governanca/plano/.
Only approved plans show their services; the digital ones show the panel's own figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import Nomination, PlanCycle
from ..selectors import monitoring as selectors
from . import monitoring_data
from .monitoring_data import SECRET_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def gov(db):
    return monitoring_data.build()


def test_the_plan_page_shows_the_latest_approved_plan_by_agency(client, gov):
    response = client.get(reverse("governance:pub_plan"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.cycle == gov["approved"]
    assert (overview.total, overview.digital) == (3, 1)
    assert [p.agency.acronym for p in overview.agencies] == ["DETRAN-MT", "SEFAZ"]
    html = response.content.decode()
    assert "Comunicar a venda do veículo" in html and "Pedir isenção de IPVA" in html
    # the declined nomination and this year's nomination under way are not in the plan
    assert gov["declined_service"].name not in html
    assert gov["nominated_now"].name not in html
    # progress as text beside the decorative bar, and the milestone counts
    assert "Etapa 5 de 5: Publicado digital" in html and "Etapa 3 de 5: Desenvolvimento" in html
    assert 'class="gov-stage-bar" aria-hidden="true"' in html
    assert "2 de 2 concluídos" in html and "0 de 2 concluídos" in html
    for name in SECRET_NAMES:
        assert name not in html
    assert 'style="' not in html
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


def test_the_milestone_counts_follow_the_models_rule_of_lateness(gov):
    overview = selectors.plan_overview(gov["approved"], today=gov["today"])
    rows = {row.service.name: row for row in overview.rows}
    digital, dev = rows["Comunicar a venda do veículo"], rows["Fazer vistoria veicular"]
    assert (digital.milestones_total, digital.milestones_done, digital.milestones_late) == (2, 2, 1)
    assert (dev.milestones_total, dev.milestones_done, dev.milestones_late) == (2, 0, 1)
    assert dev.risks_high_open == 1  # the low one and the mitigated high one do not count
    for row in overview.rows:
        expected = sum(m.is_late(gov["today"]) for m in row.track.milestones.all())
        assert row.milestones_late == expected
    assert overview.milestones_late == 2


def test_the_digital_service_shows_the_same_figures_as_the_panel(client, gov):
    year = gov["today"].year
    plan = client.get(reverse("governance:pub_plan"))
    (row,) = plan.context["overview"].digital_rows
    panel = client.get(reverse("monitoring:panel_service", args=[gov["digital"].slug]), {"ano": year})
    assert panel.status_code == 200
    total = panel.context["summary"].total
    ours = row.indicators
    assert (ours.submitted, ours.days_median, ours.on_time_share, ours.score_mean) == (
        total.submitted,
        total.days_median,
        total.on_time_share,
        total.score_mean,
    )
    assert (ours.submitted, ours.days_median, ours.on_time_share, ours.score_mean) == (12, 3.5, 0.75, 4.5)
    html = plan.content.decode()
    assert "3,5" in html and "75,0%" in html and "4,5" in html
    assert reverse("monitoring:panel_service", args=[gov["digital"].slug]) + f"?ano={year}" in html
    # services not yet digital show no figures
    assert html.count("Ainda não é digital.") == 2


def test_withheld_ratings_are_not_shown_on_the_plan_either(client, gov):
    from plataforma.monitoring.models import MonthlyIndicator

    MonthlyIndicator.objects.filter(service=gov["digital"]).update(
        ratings_withheld="poucas",
        evaluations=None,
        score_sum=None,
        score_1=None,
        score_2=None,
        score_3=None,
        score_4=None,
        score_5=None,
    )
    response = client.get(reverse("governance:pub_plan"))
    (row,) = response.context["overview"].digital_rows
    assert row.indicators.score_mean is None
    assert "menos de" in response.content.decode()


def test_a_digital_service_without_requests_shows_zeros_like_the_panel(client, gov):
    from plataforma.monitoring.models import MonthlyIndicator

    MonthlyIndicator.objects.all().delete()
    response = client.get(reverse("governance:pub_plan"))
    (row,) = response.context["overview"].digital_rows
    assert row.indicators.submitted == 0 and row.indicators.days_median is None


def test_a_cycle_under_way_shows_counts_only(client, gov):
    response = client.get(reverse("governance:pub_plan", args=[gov["today"].year]))
    assert response.status_code == 200
    assert response.context["overview"] is None
    progress = response.context["progress"]
    assert (progress.services, progress.agencies) == (1, 1)
    assert progress.per_agency == [] and progress.missing == []  # the Núcleo's detail only
    html = response.content.decode()
    assert "indicações em andamento" in html
    assert gov["nominated_now"].name not in html
    assert "DETRAN-MT" not in html.split('id="main-content"')[1].split("<footer")[0]


def test_before_any_approval_the_page_shows_the_cycle_under_way(client, gov):
    PlanCycle.objects.filter(pk=gov["approved"].pk).update(status=PlanCycle.Status.REVIEW)
    response = client.get(reverse("governance:pub_plan"))
    assert response.status_code == 200 and response.context["overview"] is None
    assert response.context["cycle"].year == gov["today"].year


def test_without_any_cycle_the_page_says_so(client, db):
    response = client.get(reverse("governance:pub_plan"))
    assert response.status_code == 200
    assert "Ainda não há plano" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/governanca/plano/1999/", "/governanca/plano/2099/", "/governanca/plano/20x5/"]
)
def test_an_unknown_year_is_404(client, gov, path):
    assert client.get(path).status_code == 404


def test_a_plan_under_analysis_shows_no_service_even_when_nominations_were_approved(client, gov):
    Nomination.objects.filter(cycle=gov["current"]).update(
        status=Nomination.Status.APPROVED, decided_at=gov["approved"].approved_at
    )
    PlanCycle.objects.filter(pk=gov["current"].pk).update(status=PlanCycle.Status.REVIEW)
    html = client.get(reverse("governance:pub_plan", args=[gov["today"].year])).content.decode()
    assert gov["nominated_now"].name not in html
    assert "analisando o plano" in html


def test_the_public_home_links_every_public_record(client, gov):
    response = client.get(reverse("governance:pub_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("governance:pub_plan") in html and reverse("governance:pub_open_data") in html
    overview = response.context["overview"]
    assert (overview.total, overview.digital) == (3, 1)
    assert response.context["under_way"].services == 1
    for name in ("exc_public_list", "mti_public_catalogue", "mti_public_justifications", "mti_public_guides"):
        assert reverse(f"governance:{name}") in html, name
    for name in SECRET_NAMES:
        assert name not in html


def test_the_portal_links_the_governance_pages(client, db):
    html = client.get(reverse("portal:open_data")).content.decode()
    assert reverse("governance:pub_home") in html  # the footer
    assert reverse("governance:pub_open_data") in html


def test_the_public_pages_accept_only_get(client, gov):
    for url in (reverse("governance:pub_home"), reverse("governance:pub_plan")):
        assert client.post(url).status_code == 405


def test_the_governance_demo_writes_nothing_without_the_other_demos(db):
    from ..demo import load_governance_demo

    assert load_governance_demo().created_anything is False
    assert not PlanCycle.objects.exists()


def _add_approved_track(gov, name):
    from plataforma.catalog.tests.factories import published_service
    from plataforma.identity.tests.factories import make_editor

    from ..models import Milestone, Risk, Track

    service = published_service(agency=gov["sefaz"], editor=make_editor(gov["sefaz"]), name=name)
    rank = Nomination.objects.filter(cycle=gov["approved"], agency=gov["sefaz"]).count() + 1
    nomination = Nomination.objects.create(
        cycle=gov["approved"],
        agency=gov["sefaz"],
        service=service,
        rank=rank,
        justification="Outro serviço.",
        status=Nomination.Status.APPROVED,
        decided_at=gov["approved"].approved_at,
    )
    track = Track.objects.create(
        nomination=nomination, stage=Track.Stage.DIGITAL, digital_since=gov["approved"].approved_at
    )
    Milestone.objects.create(track=track, title="Marco", due_on=gov["today"])
    Risk.objects.create(track=track, description="Risco", probability="alto", impact="alto")


def test_the_pages_read_a_fixed_number_of_queries_whatever_the_number_of_tracks(client, gov):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nucleo_client = client.__class__()
    nucleo_client.force_login(gov["nucleo"])
    pages = [
        (client, reverse("governance:pub_plan")),
        (client, reverse("governance:pub_home")),
        (nucleo_client, reverse("governance:nucleo_dashboard")),
    ]

    def counts():
        result = []
        for who, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    _add_approved_track(gov, "Serviço extra um")
    _add_approved_track(gov, "Serviço extra dois")
    assert counts() == before
