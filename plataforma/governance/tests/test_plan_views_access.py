"""Who gets into the plan's pages at /servidor/governanca/plano/, tested from the side of everyone
who must not: anonymous people go to sign in; citizens and MTI staff get 403; a gestor of another
agency gets 403 on this agency's records and does not see them in the lists; the Núcleo gets 403
on the gestor's edits and the gestor on the Núcleo's decisions. Nothing changes for any of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.models import AuditEvent

from ..models import Milestone, Nomination, PlanCycle, Risk, StatusUpdate, Track
from ..services import plan_tracks
from .factories import (
    AgencyFactory,
    agency_service,
    approved_plan,
    gestor_of,
    mti_member,
    nominate,
    open_cycle,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    plan = approved_plan(agency=agency, year=2025)
    gestor, member, track = plan["gestor"], plan["nucleo"], plan["tracks"][0]
    cycle = open_cycle(member, year=2026)
    service = agency_service(agency, name="Licenciamento anual de veículo")
    nomination = nominate(cycle, gestor, service, rank=1, justification="Um milhão de pedidos por ano.")
    today = timezone.localdate()
    milestone = plan_tracks.milestone_create(
        actor=gestor, track=track, title="Diagnóstico", stage="", due_on=today - timedelta(days=2)
    )
    risk = plan_tracks.risk_create(
        actor=gestor, track=track, description="Atraso", probability="alto", impact="alto"
    )
    return {
        "agency": agency,
        "gestor": gestor,
        "nucleo": member,
        "track": track,
        "cycle": cycle,
        "approved": plan["cycle"],
        "nomination": nomination,
        "milestone": milestone,
        "risk": risk,
        "spare": agency_service(agency, name="Serviço ainda não indicado"),
    }


def _nucleo_only(w):
    """(url, POST data) of the Núcleo's pages, with data that would work for the Núcleo."""
    return [
        (reverse("governance:plan_cycle_new"), {"year": 2031, "max_per_agency": 5}),
        (
            reverse("governance:plan_cycle_edit", args=[w["cycle"].pk]),
            {"nomination_deadline": "31/12/2099 18:00", "max_per_agency": 3, "guidance": "Invadido"},
        ),
        (reverse("governance:plan_cycle_close", args=[w["cycle"].pk]), {}),
        (reverse("governance:plan_cycle_approve", args=[w["cycle"].pk]), {"note": "Invadido"}),
        (reverse("governance:plan_nomination_decide", args=[w["nomination"].pk]), {"decision": "aprovar"}),
        (reverse("governance:plan_track_budget", args=[w["track"].pk]), {"budget_granted": "1.000,00"}),
    ]


def _gestor_only(w):
    """(url, POST data) of the agency's gestor's pages, with data that would work for the gestor."""
    t, m, r = w["track"].pk, w["milestone"].pk, w["risk"].pk
    return [
        (
            reverse("governance:plan_nomination_new", args=[w["cycle"].pk, w["agency"].pk]),
            {"service": w["spare"].pk, "rank": 2, "justification": "Invadido"},
        ),
        (
            reverse("governance:plan_nomination_edit", args=[w["nomination"].pk]),
            {"rank": 3, "justification": "Invadido"},
        ),
        (reverse("governance:plan_nomination_withdraw", args=[w["nomination"].pk]), {}),
        (reverse("governance:plan_track_edit", args=[t]), {"budget_requested": "5,00"}),
        (reverse("governance:plan_milestone_new", args=[t]), {"title": "Invadido", "due_on": "2026-05-01"}),
        (
            reverse("governance:plan_milestone_edit", args=[m]),
            {"title": "Invadido", "due_on": "2026-05-01", "done_on": ""},
        ),
        (reverse("governance:plan_milestone_done", args=[m]), {}),
        (
            reverse("governance:plan_risk_new", args=[t]),
            {"description": "Invadido", "probability": "baixo", "impact": "baixo", "status": "aberto"},
        ),
        (
            reverse("governance:plan_risk_edit", args=[r]),
            {"description": "Invadido", "probability": "baixo", "impact": "baixo", "status": "encerrado"},
        ),
        (reverse("governance:plan_update_new", args=[t]), {"text": "Invadido", "stage": "redesenho"}),
    ]


def _shared_reads(w):
    return [
        reverse("governance:plan_home"),
        reverse("governance:plan_cycle", args=[w["cycle"].pk]),
        reverse("governance:plan_tracks"),
        reverse("governance:plan_track", args=[w["track"].pk]),
    ]


def _snapshot(w):
    track = Track.objects.get(pk=w["track"].pk)
    nomination = Nomination.objects.get(pk=w["nomination"].pk)
    cycle = PlanCycle.objects.get(pk=w["cycle"].pk)
    return {
        "cycles": PlanCycle.objects.count(),
        "cycle": (cycle.status, cycle.max_per_agency, cycle.guidance, cycle.nomination_deadline),
        "nominations": Nomination.objects.count(),
        "nomination": (nomination.status, nomination.rank, nomination.justification),
        "track": (track.stage, track.budget_requested, track.budget_granted, track.owner_id),
        "milestones": list(Milestone.objects.values_list("title", "due_on", "done_on")),
        "risks": list(Risk.objects.values_list("description", "status")),
        "updates": StatusUpdate.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def test_anonymous_people_are_sent_to_sign_in_and_change_nothing(client, world):
    before = _snapshot(world)
    for url, data in [*_nucleo_only(world), *_gestor_only(world)]:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302 and "/conta/entrar/" in response["Location"], url
    for url in _shared_reads(world):
        assert client.get(url).status_code == 302, url
    assert _snapshot(world) == before


@pytest.mark.parametrize("who", ["citizen", "mti"])
def test_citizens_and_mti_staff_get_403_everywhere(client, world, who):
    client.force_login(person() if who == "citizen" else mti_member())
    before = _snapshot(world)
    for url, data in [*_nucleo_only(world), *_gestor_only(world)]:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, data).status_code == 403, url
    for url in _shared_reads(world):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Licenciamento anual" not in response.content.decode()
    assert _snapshot(world) == before


def test_a_gestor_of_another_agency_neither_sees_nor_changes_this_agencys_plan(client, world):
    client.force_login(gestor_of(AgencyFactory(acronym="SEDUC", slug="seduc")))
    before = _snapshot(world)
    for url, data in [*_nucleo_only(world), *_gestor_only(world)]:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("governance:plan_track", args=[world["track"].pk])).status_code == 403
    for url in _shared_reads(world)[:3]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Licenciamento anual" not in page and "Um milhão de pedidos" not in page, url
        assert world["track"].nomination.service.name not in page, url
    assert _snapshot(world) == before


def test_the_nucleo_sees_everything_but_does_not_write_the_agencys_records(client, world):
    client.force_login(world["nucleo"])
    before = _snapshot(world)
    for url, data in _gestor_only(world):
        assert client.post(url, data).status_code == 403, url
    assert _snapshot(world) == before
    page = client.get(reverse("governance:plan_cycle", args=[world["cycle"].pk])).content.decode()
    assert "Licenciamento anual" in page and "Um milhão de pedidos por ano." in page
    track_page = client.get(reverse("governance:plan_track", args=[world["track"].pk]))
    assert track_page.status_code == 200
    assert reverse("governance:plan_track_budget", args=[world["track"].pk]) in track_page.content.decode()
    assert (
        reverse("governance:plan_milestone_new", args=[world["track"].pk]) not in track_page.content.decode()
    )


def test_the_gestor_does_not_take_the_nucleos_decisions(client, world):
    client.force_login(world["gestor"])
    before = _snapshot(world)
    for url, data in _nucleo_only(world):
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, data).status_code == 403, url
    assert _snapshot(world) == before
    for url in _shared_reads(world):
        assert client.get(url).status_code == 200, url


def test_malformed_and_unknown_ids_answer_404(client, world):
    client.force_login(world["gestor"])
    base = "/servidor/governanca/plano/"
    unknown = "00000000-0000-0000-0000-000000000000"
    for bad in ("nao-e-id", "123", unknown, "%00"):
        for path in (
            f"ciclos/{bad}/",
            f"ciclos/{bad}/indicar/{world['agency'].pk}/",
            f"ciclos/{world['cycle'].pk}/indicar/{bad}/",
            f"indicacoes/{bad}/alterar/",
            f"indicacoes/{bad}/retirar/",
            f"trilhas/{bad}/",
            f"trilhas/{bad}/marcos/novo/",
            f"marcos/{bad}/alterar/",
            f"riscos/{bad}/alterar/",
        ):
            assert client.get(base + path).status_code == 404, path
    response = client.get(reverse("governance:plan_tracks") + "?ano=abc")
    assert response.status_code == 400
