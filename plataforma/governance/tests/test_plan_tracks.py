"""The digitisation tracks through their services: owner and budget, milestones (late flag, no
future done dates), risks, and status updates moving the stage one step (digital only when the
Carta says so)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.catalog.models import Service
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ..models import Milestone, Risk, StatusUpdate, Track
from ..selectors import plan as reads
from ..services import plan_tracks as services
from .factories import AgencyFactory, approved_plan, gestor_of, mti_member, person, servant

pytestmark = pytest.mark.django_db
Stage = Track.Stage


@pytest.fixture
def plan():
    return approved_plan()


def _today():
    return timezone.localdate()


def test_milestones_are_late_when_past_due_and_not_done_or_done_after(plan):
    track, gestor = plan["tracks"][0], plan["gestor"]
    today = _today()
    on_time = services.milestone_create(
        actor=gestor,
        track=track,
        title="Diagnóstico",
        stage=Stage.DIAGNOSIS,
        due_on=today + timedelta(days=5),
    )
    overdue = services.milestone_create(
        actor=gestor, track=track, title="Redesenho", stage="", due_on=today - timedelta(days=1)
    )
    done_late = services.milestone_create(
        actor=gestor,
        track=track,
        title="Reunião",
        stage="",
        due_on=today - timedelta(days=10),
        done_on=today - timedelta(days=3),
    )
    done_in_time = services.milestone_create(
        actor=gestor,
        track=track,
        title="Kickoff",
        stage="",
        due_on=today - timedelta(days=10),
        done_on=today - timedelta(days=12),
    )
    assert [m.is_late() for m in (on_time, overdue, done_late, done_in_time)] == [False, True, True, False]
    listed = reads.tracks_for(plan["nucleo"]).get(pk=track.pk)
    assert listed.late_count == 2
    done = services.milestone_mark_done(actor=gestor, milestone=overdue)
    assert done.done_on == today and done.is_late()  # done after the date: still flagged late
    with pytest.raises(ValidationError, match="já está concluído"):
        services.milestone_mark_done(actor=gestor, milestone=overdue)


def test_a_done_date_in_the_future_and_other_bad_dates_are_refused(plan):
    track, gestor = plan["tracks"][0], plan["gestor"]
    today = _today()
    with pytest.raises(ValidationError) as exc:
        services.milestone_create(
            actor=gestor,
            track=track,
            title="",
            stage="etapa-inventada",
            due_on=None,
            done_on=today + timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"title", "stage", "due_on", "done_on"}
    with pytest.raises(ValidationError) as exc:
        services.milestone_create(
            actor=gestor, track=track, title="Antigo", stage="", due_on=timezone.datetime(1990, 1, 1).date()
        )
    assert "due_on" in exc.value.message_dict
    m = services.milestone_create(actor=gestor, track=track, title="Marco", stage="", due_on=today)
    with pytest.raises(ValidationError):
        services.milestone_mark_done(actor=gestor, milestone=m, done_on=today + timedelta(days=2))
    with pytest.raises(ValidationError):
        services.milestone_update(
            actor=gestor,
            milestone=m,
            title="Marco",
            stage="",
            due_on=today,
            done_on=today + timedelta(days=1),
        )
    m.refresh_from_db()
    assert m.done_on is None and Milestone.objects.count() == 1


def test_only_the_agencys_gestor_writes_the_track(plan):
    track = plan["tracks"][0]
    other_gestor = gestor_of(AgencyFactory())
    for outsider in (other_gestor, plan["nucleo"], mti_member(), person()):
        with pytest.raises(PermissionDenied):
            services.milestone_create(actor=outsider, track=track, title="X", stage="", due_on=_today())
        with pytest.raises(PermissionDenied):
            services.status_update_post(actor=outsider, track=track, text="X", stage=Stage.REDESIGN)
        with pytest.raises(PermissionDenied):
            services.risk_create(
                actor=outsider, track=track, description="X", probability="alto", impact="alto"
            )
        with pytest.raises(PermissionDenied):
            services.track_update(actor=outsider, track=track, owner=None, budget_requested=Decimal("1"))
    assert not Milestone.objects.exists() and not StatusUpdate.objects.exists() and not Risk.objects.exists()
    track.refresh_from_db()
    assert track.stage == Stage.DIAGNOSIS and track.budget_requested is None


def test_the_owner_is_a_servant_of_the_agency_and_budgets_are_checked(plan):
    track, gestor, agency = plan["tracks"][0], plan["gestor"], plan["agency"]
    analyst = servant(agency, AgencyRole.Role.ANALYST)
    stranger = person()
    with pytest.raises(ValidationError) as exc:
        services.track_update(actor=gestor, track=track, owner=stranger, budget_requested=Decimal("-1"))
    assert set(exc.value.message_dict) == {"owner", "budget_requested"}
    track = services.track_update(
        actor=gestor, track=track, owner=analyst, budget_requested=Decimal("150000.00")
    )
    assert track.owner == analyst and track.budget_requested == Decimal("150000.00")
    assert analyst in reads.owner_choices(agency.pk) and stranger not in reads.owner_choices(agency.pk)
    # the Núcleo grants; the gestor cannot
    with pytest.raises(PermissionDenied):
        services.track_grant_budget(actor=gestor, track=track, budget_granted=Decimal("1"), note="")
    with pytest.raises(ValidationError):
        services.track_grant_budget(actor=plan["nucleo"], track=track, budget_granted=None, note="")
    track = services.track_grant_budget(
        actor=plan["nucleo"], track=track, budget_granted=Decimal("120000"), note="Fonte 100."
    )
    assert track.budget_granted == Decimal("120000") and track.budget_note == "Fonte 100."
    assert AuditEvent.objects.filter(action="governance.track.grant_budget", target_id=str(track.pk)).exists()


def test_status_updates_move_the_stage_one_step_either_way_and_are_recorded(plan):
    track, gestor = plan["tracks"][0], plan["gestor"]
    with pytest.raises(ValidationError) as exc:
        services.status_update_post(actor=gestor, track=track, text="Pulando etapas", stage=Stage.DEVELOPMENT)
    assert "stage" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.status_update_post(actor=gestor, track=track, text="   ", stage=Stage.REDESIGN)
    assert "text" in exc.value.message_dict
    update = services.status_update_post(
        actor=gestor, track=track, text="Diagnóstico pronto.", stage=Stage.REDESIGN
    )
    assert (update.stage_before, update.stage_after, update.author) == (
        Stage.DIAGNOSIS,
        Stage.REDESIGN,
        gestor,
    )
    services.status_update_post(actor=gestor, track=track, text="Mesma etapa.", stage=Stage.REDESIGN)
    back = services.status_update_post(actor=gestor, track=track, text="Voltamos.", stage=Stage.DIAGNOSIS)
    assert (back.stage_before, back.stage_after) == (Stage.REDESIGN, Stage.DIAGNOSIS)
    track.refresh_from_db()
    assert track.stage == Stage.DIAGNOSIS and StatusUpdate.objects.filter(track=track).count() == 3
    assert services.allowed_stages(Stage.DIAGNOSIS) == [Stage.DIAGNOSIS, Stage.REDESIGN]
    assert services.allowed_stages(Stage.DIGITAL) == [Stage.ACCEPTANCE, Stage.DIGITAL]


def _to_acceptance(track, gestor):
    for stage in (Stage.REDESIGN, Stage.DEVELOPMENT, Stage.ACCEPTANCE):
        services.status_update_post(actor=gestor, track=track, text=f"Agora em {stage}.", stage=stage)


def test_publicado_digital_needs_the_carta_to_say_digital_and_dates_it(plan):
    track, gestor = plan["tracks"][0], plan["gestor"]
    _to_acceptance(track, gestor)
    with pytest.raises(ValidationError, match="digital na Carta"):
        services.status_update_post(actor=gestor, track=track, text="Publicado!", stage=Stage.DIGITAL)
    track.refresh_from_db()
    assert track.stage == Stage.ACCEPTANCE and track.digital_since is None
    Service.objects.filter(pk=track.nomination.service_id).update(is_digital=True)
    services.status_update_post(actor=gestor, track=track, text="Publicado!", stage=Stage.DIGITAL)
    track.refresh_from_db()
    assert track.stage == Stage.DIGITAL and track.digital_since is not None
    services.status_update_post(actor=gestor, track=track, text="Tiramos do ar.", stage=Stage.ACCEPTANCE)
    track.refresh_from_db()
    assert track.stage == Stage.ACCEPTANCE and track.digital_since is None


def test_a_service_already_digital_in_the_carta_can_reach_the_last_stage():
    plan = approved_plan(digital=True)
    track, gestor = plan["tracks"][0], plan["gestor"]
    _to_acceptance(track, gestor)
    services.status_update_post(actor=gestor, track=track, text="No ar.", stage=Stage.DIGITAL)
    track.refresh_from_db()
    assert track.stage == Stage.DIGITAL


def test_risks_are_added_and_edited_with_checked_levels(plan):
    track, gestor = plan["tracks"][0], plan["gestor"]
    with pytest.raises(ValidationError) as exc:
        services.risk_create(
            actor=gestor, track=track, description="", probability="enorme", impact="", status="x"
        )
    assert set(exc.value.message_dict) == {"description", "probability", "impact", "status"}
    risk = services.risk_create(
        actor=gestor, track=track, description="Fornecedor atrasar", probability="medio", impact="alto"
    )
    risk = services.risk_update(
        actor=gestor,
        risk=risk,
        description="Fornecedor atrasar",
        probability="baixo",
        impact="alto",
        mitigation="Contrato com multa.",
        status=Risk.Status.MITIGATED,
    )
    assert (risk.probability, risk.status) == ("baixo", Risk.Status.MITIGATED)
    event = AuditEvent.objects.get(action="governance.risk.update")
    assert event.changes["status"] == ["aberto", "mitigado"]
