"""The daily job that tells the agencies' gestores of milestones that became late: once each (per
due date), only the agency's gestores, nothing for milestones done or not yet due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification

from ..models import Milestone
from ..services import plan_tracks
from ..tasks_plan import NOTIFIED, flag_late_milestones, notify_late_milestones
from .factories import AgencyFactory, approved_plan, gestor_of

pytestmark = pytest.mark.django_db


def _milestone(plan, title, days, done_days=None):
    today = timezone.localdate()
    return plan_tracks.milestone_create(
        actor=plan["gestor"],
        track=plan["tracks"][0],
        title=title,
        stage="",
        due_on=today + timedelta(days=days),
        done_on=today + timedelta(days=done_days) if done_days is not None else None,
    )


@pytest.fixture
def plan():
    return approved_plan()


def _late_notes(user):
    return Notification.objects.filter(user=user, title__contains="atrasado")


def test_the_agencys_gestores_hear_of_a_late_milestone_once(plan):
    second_gestor = gestor_of(plan["agency"])
    outsider = gestor_of(AgencyFactory())
    late = _milestone(plan, "Formulário digital", -1)
    _milestone(plan, "Futuro", 3)
    _milestone(plan, "Concluído depois", -5, done_days=-1)
    assert flag_late_milestones.delay().get() == 1
    for gestor in (plan["gestor"], second_gestor):
        notes = list(_late_notes(gestor))
        assert len(notes) == 1
        assert "Formulário digital" in notes[0].body and "Futuro" not in notes[0].body
        assert notes[0].url == f"/servidor/governanca/plano/trilhas/{late.track_id}/"
    assert not _late_notes(outsider).exists() and not _late_notes(plan["nucleo"]).exists()
    assert AuditEvent.objects.filter(action=NOTIFIED, target_id=str(late.pk)).count() == 1
    # the next day's run says nothing new
    assert notify_late_milestones() == 0
    assert _late_notes(plan["gestor"]).count() == 1


def test_a_new_due_date_missed_again_is_announced_again(plan):
    late = _milestone(plan, "Homologação", -2)
    notify_late_milestones()
    today = timezone.localdate()
    plan_tracks.milestone_update(
        actor=plan["gestor"],
        milestone=late,
        title=late.title,
        stage="",
        due_on=today + timedelta(days=2),
        done_on=None,
    )
    assert notify_late_milestones() == 0
    assert notify_late_milestones(today=today + timedelta(days=3)) == 1
    assert _late_notes(plan["gestor"]).count() == 2


def test_a_milestone_done_before_the_run_is_not_announced(plan):
    late = _milestone(plan, "Feito a tempo de avisar", -1)
    plan_tracks.milestone_mark_done(actor=plan["gestor"], milestone=late)
    assert notify_late_milestones() == 0
    assert not _late_notes(plan["gestor"]).exists()
    assert Milestone.objects.get(pk=late.pk).done_on == timezone.localdate()


def test_the_task_is_on_the_daily_schedule():
    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("flag_late_milestones")
    ]
    assert len(entries) == 1
    assert entries[0]["task"] == flag_late_milestones.name


def test_a_worker_registers_the_task_through_autodiscovery():
    from plataforma.celery import app

    app.loader.import_default_modules()
    assert flag_late_milestones.name in app.tasks
