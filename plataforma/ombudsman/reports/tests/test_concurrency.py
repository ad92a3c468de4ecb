"""Two people of the Ouvidoria-Geral at once (PostgreSQL only: SQLite runs one write transaction
at a time): the report row is created once, and published once."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from plataforma.common.models import AuditEvent
from plataforma.ombudsman.reports import services
from plataforma.ombudsman.reports.models import ManagementReport
from plataforma.ombudsman.tests.factories import Role, servant

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _together(functions: list) -> tuple[list, list]:
    barrier = threading.Barrier(len(functions))
    results, errors, lock = [], [], threading.Lock()

    def run(function):
        try:
            barrier.wait()
            value = function()
            with lock:
                results.append(value)
        except BaseException as exc:  # reported by the caller
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_two_first_drafts_at_once_make_one_report(agencies, people):
    other = servant(agencies[2], Role.OMBUDSMAN)

    def save(who, text):
        return lambda: services.report_draft_save(
            actor=who, year=2025, analysis=text, recommendations="r", addressed_to="a"
        )

    _results, errors = _together([save(people.general, "um"), save(other, "dois")])
    assert not errors, errors
    assert ManagementReport.objects.count() == 1
    assert ManagementReport.objects.get().draft_analysis in ("um", "dois")


def test_two_publications_at_once_publish_once(agencies, people):
    services.report_draft_save(
        actor=people.general, year=2025, analysis="a", recommendations="r", addressed_to="g"
    )
    other = servant(agencies[2], Role.OMBUDSMAN)
    publish = [
        lambda who=who: services.report_publish(actor=who, year=2025) for who in (people.general, other)
    ]
    results, errors = _together(publish)
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert ManagementReport.objects.get().revision == 1
    assert AuditEvent.objects.filter(action="ombudsman.report.publish").count() == 1
