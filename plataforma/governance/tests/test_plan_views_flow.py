"""The plan through its pages: the Núcleo opens it, the gestor nominates, the Núcleo decides and
approves, the gestor keeps the track; bad input answers 400 with the error next to its field and
saves nothing; a rule the record's state breaks (the deadline passed) answers 409 with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.models import Service
from plataforma.common.models import AuditEvent

from ..models import Milestone, Nomination, PlanCycle, Risk, StatusUpdate, Track
from .factories import (
    AgencyFactory,
    agency_service,
    approved_plan,
    gestor_of,
    nominate,
    nucleo_member,
    open_cycle,
    pass_deadline,
)

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return response.content.decode()


def test_the_whole_plan_through_the_pages(client):
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    gestor, member = gestor_of(agency), nucleo_member()
    services = [agency_service(agency, name=f"Serviço {n}") for n in range(1, 3)]

    client.force_login(member)
    assert client.get(reverse("governance:plan_home")).status_code == 200
    assert client.get(reverse("governance:plan_cycle_new")).status_code == 200
    response = client.post(
        reverse("governance:plan_cycle_new"), {"year": 2026, "max_per_agency": 5, "guidance": ""}
    )
    cycle = PlanCycle.objects.get(year=2026)
    assert response.status_code == 302 and response["Location"] == reverse(
        "governance:plan_cycle", args=[cycle.pk]
    )

    client.force_login(gestor)
    page = _page(client.get(reverse("governance:plan_cycle", args=[cycle.pk])))
    new_url = reverse("governance:plan_nomination_new", args=[cycle.pk, agency.pk])
    assert new_url in page and "Você ainda pode indicar 5 serviços." in page
    form_page = _page(client.get(new_url))
    assert "Serviço 1" in form_page and "Serviço 2" in form_page
    for rank, service in enumerate(services, start=1):
        response = client.post(
            new_url, {"service": service.pk, "rank": rank, "justification": f"Motivo {rank}"}
        )
        assert response.status_code == 302
    assert Nomination.objects.filter(cycle=cycle).count() == 2

    client.force_login(member)
    assert client.post(reverse("governance:plan_cycle_close", args=[cycle.pk])).status_code == 302
    page = _page(client.get(reverse("governance:plan_cycle", args=[cycle.pk])))
    assert "Motivo 1" in page and "DETRAN-MT" in page
    first, second = Nomination.objects.filter(cycle=cycle).order_by("rank")
    response = client.post(
        reverse("governance:plan_nomination_decide", args=[first.pk]), {"decision": "aprovar"}
    )
    assert response.status_code == 302
    response = client.post(reverse("governance:plan_cycle_approve", args=[cycle.pk]), {"note": "Reunião"})
    assert response.status_code == 409 and "sem decisão" in _page(response)
    response = client.post(
        reverse("governance:plan_nomination_decide", args=[second.pk]), {"decision": "recusar", "note": ""}
    )
    assert response.status_code == 400 and 'href="#id_note"' in _page(response)
    client.post(
        reverse("governance:plan_nomination_decide", args=[second.pk]),
        {"decision": "recusar", "note": "Não."},
    )
    assert (
        client.post(
            reverse("governance:plan_cycle_approve", args=[cycle.pk]), {"note": "Reunião"}
        ).status_code
        == 302
    )
    track = Track.objects.get()
    assert track.nomination == first

    client.force_login(gestor)
    track_url = reverse("governance:plan_track", args=[track.pk])
    response = client.post(
        reverse("governance:plan_milestone_new", args=[track.pk]),
        {
            "title": "Diagnóstico",
            "stage": "diagnostico",
            "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = _page(client.get(track_url))
    assert "Atrasado" in page and "fa-exclamation-triangle" in page and "1 marco atrasado" in page
    assert "1 marco atrasado" in _page(client.get(reverse("governance:plan_tracks")))
    milestone = Milestone.objects.get()
    assert client.post(reverse("governance:plan_milestone_done", args=[milestone.pk])).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    response = client.post(
        reverse("governance:plan_update_new", args=[track.pk]), {"text": "Feito.", "stage": "redesenho"}
    )
    assert response.status_code == 302
    track.refresh_from_db()
    assert track.stage == "redesenho"
    response = client.post(
        reverse("governance:plan_track_edit", args=[track.pk]),
        {"owner": gestor.pk, "budget_requested": "150.000,00"},
    )
    assert response.status_code == 302
    track.refresh_from_db()
    assert track.owner == gestor and str(track.budget_requested) == "150000.00"
    assert "150.000,00" in _page(client.get(track_url))


@pytest.fixture
def open_world():
    agency = AgencyFactory()
    gestor = gestor_of(agency)
    cycle = open_cycle(year=2026)
    return {"agency": agency, "gestor": gestor, "cycle": cycle, "service": agency_service(agency)}


def test_bad_nominations_answer_400_with_field_errors_and_save_nothing(client, open_world):
    w = open_world
    client.force_login(w["gestor"])
    url = reverse("governance:plan_nomination_new", args=[w["cycle"].pk, w["agency"].pk])
    foreign = agency_service(AgencyFactory())
    cases = [
        ({"service": w["service"].pk, "rank": 1, "justification": ""}, "id_justification"),
        ({"service": w["service"].pk, "rank": 1, "justification": "x" * 3001}, "id_justification"),
        ({"service": w["service"].pk, "rank": 0, "justification": "Ok"}, "id_rank"),
        ({"service": w["service"].pk, "rank": 6, "justification": "Ok"}, "id_rank"),
        ({"service": w["service"].pk, "rank": "abc", "justification": "Ok"}, "id_rank"),
        ({"service": foreign.pk, "rank": 1, "justification": "Ok"}, "id_service"),
        ({"service": "nao-e-id", "rank": 1, "justification": "Ok"}, "id_service"),
    ]
    for data, field in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        page = _page(response)
        assert f'href="#{field}"' in page and "Nada foi salvo" in page, data
    assert not Nomination.objects.exists()
    nominate(w["cycle"], w["gestor"], w["service"], rank=1)
    other = agency_service(w["agency"])
    response = client.post(url, {"service": other.pk, "rank": 1, "justification": "Ok"})
    assert response.status_code == 400 and "já é de outro serviço" in _page(response)
    assert Nomination.objects.count() == 1


def test_after_the_deadline_the_gestor_is_told_and_nothing_is_saved(client, open_world):
    w = open_world
    nomination = nominate(w["cycle"], w["gestor"], w["service"], rank=1)
    pass_deadline(w["cycle"])
    client.force_login(w["gestor"])
    url = reverse("governance:plan_nomination_new", args=[w["cycle"].pk, w["agency"].pk])
    other = agency_service(w["agency"])
    for response in (
        client.get(url),
        client.post(url, {"service": other.pk, "rank": 2, "justification": "Atrasado"}),
        client.post(
            reverse("governance:plan_nomination_edit", args=[nomination.pk]),
            {"rank": 2, "justification": "X"},
        ),
        client.post(reverse("governance:plan_nomination_withdraw", args=[nomination.pk])),
    ):
        assert response.status_code == 409
        assert "terminou" in _page(response)
    nomination.refresh_from_db()
    assert (nomination.rank, nomination.status) == (1, Nomination.Status.NOMINATED)
    assert Nomination.objects.count() == 1


def test_the_nucleo_edits_the_deadline_before_it_passes_and_bad_values_answer_400(client, open_world):
    w = open_world
    member = nucleo_member()
    client.force_login(member)
    url = reverse("governance:plan_cycle_edit", args=[w["cycle"].pk])
    for data in (
        {"nomination_deadline": "31/02/2026 10:00", "max_per_agency": 5},
        {"nomination_deadline": "01/01/2020 10:00", "max_per_agency": 5},
        {"nomination_deadline": "", "max_per_agency": 25},
    ):
        assert client.post(url, data).status_code == 400, data
    deadline = timezone.localtime() + timedelta(days=3)
    response = client.post(
        url, {"nomination_deadline": deadline.strftime("%d/%m/%Y %H:%M"), "max_per_agency": 4}
    )
    assert response.status_code == 302
    cycle = PlanCycle.objects.get(pk=w["cycle"].pk)
    assert cycle.max_per_agency == 4
    pass_deadline(cycle)
    assert client.get(url).status_code == 409
    assert (
        client.post(reverse("governance:plan_cycle_new"), {"year": 2026, "max_per_agency": 5}).status_code
        == 400
    )
    assert (
        client.post(
            reverse("governance:plan_cycle_new"), {"year": "dois mil", "max_per_agency": 5}
        ).status_code
        == 400
    )
    assert PlanCycle.objects.count() == 1


def test_bad_track_input_answers_400_and_saves_nothing(client):
    plan = approved_plan()
    track, gestor = plan["tracks"][0], plan["gestor"]
    client.force_login(gestor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    posts = [
        (reverse("governance:plan_milestone_new", args=[track.pk]), {"title": "", "due_on": "2026-01-01"}),
        (reverse("governance:plan_milestone_new", args=[track.pk]), {"title": "X", "due_on": "31/02/2026"}),
        (
            reverse("governance:plan_milestone_new", args=[track.pk]),
            {"title": "X", "due_on": "2026-01-01", "done_on": tomorrow},
        ),
        (
            reverse("governance:plan_milestone_new", args=[track.pk]),
            {"title": "X", "due_on": "2026-01-01", "stage": "lua"},
        ),
        (
            reverse("governance:plan_risk_new", args=[track.pk]),
            {"description": "X", "probability": "enorme", "impact": "alto", "status": "aberto"},
        ),
        (reverse("governance:plan_update_new", args=[track.pk]), {"text": "", "stage": "redesenho"}),
        (
            reverse("governance:plan_update_new", args=[track.pk]),
            {"text": "Pulo", "stage": "desenvolvimento"},
        ),
        (
            reverse("governance:plan_update_new", args=[track.pk]),
            {"text": "Pulo", "stage": "publicado_digital"},
        ),
        (reverse("governance:plan_track_edit", args=[track.pk]), {"budget_requested": "-5"}),
        (reverse("governance:plan_track_edit", args=[track.pk]), {"budget_requested": "muito"}),
        (reverse("governance:plan_track_edit", args=[track.pk]), {"owner": plan["nucleo"].pk}),
    ]
    audit = AuditEvent.objects.count()
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 400, (url, data)
        assert "Nada foi salvo" in _page(response)
    client.force_login(plan["nucleo"])
    for value in ("-1", "abc", "", "1e400"):
        response = client.post(
            reverse("governance:plan_track_budget", args=[track.pk]), {"budget_granted": value}
        )
        assert response.status_code == 400, value
    assert AuditEvent.objects.count() == audit
    assert not Milestone.objects.exists() and not Risk.objects.exists() and not StatusUpdate.objects.exists()
    track.refresh_from_db()
    assert (track.stage, track.owner, track.budget_requested, track.budget_granted) == (
        "diagnostico",
        None,
        None,
        None,
    )


def test_the_update_form_offers_digital_only_one_step_away_and_explains_the_carta_rule(client):
    plan = approved_plan()
    track, gestor = plan["tracks"][0], plan["gestor"]
    Track.objects.filter(pk=track.pk).update(stage="homologacao")
    client.force_login(gestor)
    url = reverse("governance:plan_update_new", args=[track.pk])
    page = _page(client.get(url))
    assert (
        "Carta de Serviços" in page
        and 'value="publicado_digital"' in page
        and 'value="redesenho"' not in page
    )
    response = client.post(url, {"text": "No ar", "stage": "publicado_digital"})
    assert response.status_code == 400 and "digital na Carta" in _page(response)
    Service.objects.filter(pk=track.nomination.service_id).update(is_digital=True)
    assert client.post(url, {"text": "No ar", "stage": "publicado_digital"}).status_code == 302
    track.refresh_from_db()
    assert track.stage == "publicado_digital" and track.digital_since is not None
