"""The hourly task, the rebuild command and the demo loader."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from plataforma.monitoring.demo import load_monitoring_demo
from plataforma.monitoring.disclosure import month_start
from plataforma.monitoring.models import PLATFORM_SCOPE_ID, Evaluation, IndicatorRefresh, MonthlyIndicator
from plataforma.monitoring.services import indicators_refresh
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
    assert (year.submitted, year.concluded) == (2, 1)
    # The rating was made this month: its month publishes nothing about ratings until it ends.
    month = MonthlyIndicator.objects.get(scope="plataforma", year=today.year, month=today.month)
    assert (month.ratings_withheld, month.evaluations) == ("em_curso", None)
    # Once the month is over, it counts — as fewer than the minimum: withheld, not zero.
    after = month_start(*((today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)))
    indicators_refresh(months=[(today.year, today.month)], now=after + timedelta(hours=2))
    month = MonthlyIndicator.objects.get(scope="plataforma", year=today.year, month=today.month)
    assert (month.ratings_withheld, month.evaluations) == ("poucas", None)
    assert load_monitoring_demo().ratings == 0  # idempotent
