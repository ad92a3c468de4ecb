"""The hourly task, the rebuild command and the demo loader."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from plataforma.monitoring.demo import load_monitoring_demo
from plataforma.monitoring.models import PLATFORM_SCOPE_ID, Evaluation, IndicatorRefresh, MonthlyIndicator
from plataforma.monitoring.tasks import refresh_indicators
from plataforma.service_requests.services import service_request_act
from plataforma.service_requests.tests.factories import submit

pytestmark = pytest.mark.django_db


def test_the_hourly_task_refreshes_the_current_month(service, person):
    submit(service, person)
    refresh_indicators.delay()
    today = timezone.localdate()
    row = MonthlyIndicator.objects.get(
        scope="plataforma", scope_id=PLATFORM_SCOPE_ID, year=today.year, month=today.month
    )
    assert (row.submitted, row.in_progress_end) == (1, 1)
    assert IndicatorRefresh.objects.get().refreshed_at is not None


def test_the_rebuild_command(known, capsys):
    call_command("monitoring_rebuild")
    assert "Indicadores recalculados" in capsys.readouterr().out
    assert MonthlyIndicator.objects.get(scope="plataforma", year=2025, month=3).submitted == 9


def test_the_demo_rates_concluded_requests_and_refreshes(service, person, analyst):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")
    submit(service, person)  # still open: not rated
    report = load_monitoring_demo()
    assert report.ratings == 1
    assert Evaluation.objects.count() == 1
    today = timezone.localdate()
    year = MonthlyIndicator.objects.get(scope="plataforma", year=today.year, month=0)
    assert (year.submitted, year.concluded, year.evaluations) == (2, 1, 1)
    assert load_monitoring_demo().ratings == 0  # idempotent
