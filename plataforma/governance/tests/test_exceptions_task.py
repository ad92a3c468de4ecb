"""The daily task: approved exceptions whose term passed go to review, the Núcleo's members and the
agency's gestores are told once, and nothing else moves."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.notifications.models import Notification

from ..models import ExceptionRequest
from ..tasks_exceptions import flag_expired_exceptions
from .factories_exceptions import Role, approved, days, declined, expire, make_world, servant, submitted

pytestmark = pytest.mark.django_db
Status = ExceptionRequest.Status


def test_the_task_is_scheduled_daily_under_its_registered_name():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == flag_expired_exceptions.name]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.hour == {6} and schedule.minute == {15}


def test_expired_exceptions_move_to_review_and_people_are_told_once():
    w = make_world()
    expired = expire(approved(w, service=w.service))
    today_ends = approved(w, service=w.service2)
    type(today_ends).objects.filter(pk=today_ends.pk).update(valid_until=days(0))  # still valid today
    under_analysis = submitted(w, service=w.sefaz_service)
    AgencyRole.objects.create(user=w.other_gestor, agency=w.sefaz, role=Role.NUCLEO)  # not notified twice
    second_gestor = servant(w.detran, Role.MANAGER)
    revoked = servant(w.detran, Role.MANAGER)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    Notification.objects.all().delete()

    assert flag_expired_exceptions.delay().get() == 1

    expired.refresh_from_db()
    assert expired.status == Status.REVIEW and expired.review_due_since == days(0)
    assert ExceptionRequest.objects.get(pk=today_ends.pk).status == Status.APPROVED
    assert ExceptionRequest.objects.get(pk=under_analysis.pk).status == Status.SUBMITTED
    told = list(Notification.objects.filter(title__contains=expired.number).values_list("user_id", flat=True))
    assert sorted(told, key=str) == sorted(
        [w.nucleo.pk, w.nucleo2.pk, w.other_gestor.pk, w.gestor.pk, second_gestor.pk], key=str
    )
    assert Notification.objects.count() == 5
    audit = AuditEvent.objects.get(target_id=str(expired.pk), action="governance.exception.expire")
    assert audit.actor is None and audit.changes["status"] == ["aprovada", "em_revisao"]

    # a second run (Celery may run a task twice) moves and tells nothing more
    assert flag_expired_exceptions.delay().get() == 0
    assert Notification.objects.count() == 5
    assert AuditEvent.objects.filter(action="governance.exception.expire").count() == 1


def test_declined_closed_and_revoked_requests_never_come_back():
    w = make_world()
    gone = declined(w)
    type(gone).objects.filter(pk=gone.pk).update(valid_until=days(-10))  # whatever the date says
    assert flag_expired_exceptions() == 0
    gone.refresh_from_db()
    assert gone.status == Status.DECLINED
