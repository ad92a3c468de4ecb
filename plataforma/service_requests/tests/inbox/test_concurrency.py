"""Two workers at once (PostgreSQL only): row locks keep the inbox's writes consistent."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ... import tasks
from ...models import RequestEvent, ServiceRequest
from ..factories import submit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _together(*functions) -> list:
    barrier = threading.Barrier(len(functions))
    results: list = []
    errors: list = []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_two_escalation_runs_at_once_escalate_each_request_once(service, person, manager, monkeypatch):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 3)
    made = [submit(service, person) for _ in range(10)]
    ServiceRequest.objects.filter(pk__in=[r.pk for r in made]).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    results = _together(tasks.escalate_overdue_requests, tasks.escalate_overdue_requests)
    assert sum(results) == 10
    assert RequestEvent.objects.filter(action="escalada").count() == 10
    assert not ServiceRequest.objects.filter(escalated_at__isnull=True).exists()


def test_two_servants_taking_the_same_request_leave_one_event_per_change(service, person, analyst, attendant):
    from ...inbox.services import request_assign

    request = submit(service, person)
    _together(
        lambda: request_assign(actor=analyst, request_id=request.pk, assignee=analyst),
        lambda: request_assign(actor=attendant, request_id=request.pk, assignee=attendant),
    )
    final = ServiceRequest.objects.get(pk=request.pk)
    events = list(RequestEvent.objects.filter(request=request, action="atribuir").order_by("created_at"))
    assert len(events) == 2
    assert final.assignee_id == events[-1].actor_id
