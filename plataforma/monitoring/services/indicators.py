"""Refreshing the panel's pre-aggregated indicators (Lei 14.129 art. 22; Lei 13.460 art. 23 §2).

A handful of GROUP BY queries per period over the requests and the evaluations (selectors/
sources.py), rolled up per service, per agency and for the platform, then written as
MonthlyIndicator rows: the refreshed periods are deleted and inserted again in one
transaction, under the IndicatorRefresh row lock, so a refresh is idempotent and two refreshes
never interleave. The panel pages and the open data read only these rows.

Periods are calendar months (month 1-12) and whole years (month 0) in the platform's time zone.
A year's median is computed over the year's requests, never averaged from monthly medians.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from ..dimensions import DIMENSION_KEYS, SCORES
from ..models import PLATFORM_SCOPE_ID, CatalogueIndicator, IndicatorRefresh, MonthlyIndicator
from ..selectors import sources

Period = tuple[int, int]  # (year, month); month 0 = the whole year

COUNT_FIELDS = (
    "submitted",
    "concluded",
    "approved",
    "rejected",
    "cancelled",
    "in_progress_end",
    "concluded_on_time",
    "concluded_with_deadline",
    "evaluations",
    "score_sum",
    *(f"score_{n}" for n in SCORES),
)


@dataclass(frozen=True)
class RefreshResult:
    periods: list[Period]
    rows: int


def period_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """[start, end) of a month (1-12) or of a whole year (0), aware, in the platform's zone."""
    if month == 0:
        first, after = date(year, 1, 1), date(year + 1, 1, 1)
    else:
        first = date(year, month, 1)
        after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(first, datetime.min.time()), zone),
        timezone.make_aware(datetime.combine(after, datetime.min.time()), zone),
    )


def default_periods(today: date | None = None) -> list[Period]:
    """The current and the previous month, and the year(s) they belong to."""
    today = today or timezone.localdate()
    previous = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    months = [previous, (today.year, today.month)]
    years = sorted({y for y, _m in months})
    return [*months, *((y, 0) for y in years)]


def _empty() -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COUNT_FIELDS, 0)
    row["days_sum"] = 0.0
    row["dimensions"] = {key: {"sum": 0, "count": 0, "dist": [0] * len(SCORES)} for key in DIMENSION_KEYS}
    return row


def _add(target: dict[str, Any], source: dict[str, Any]) -> None:
    for name in COUNT_FIELDS:
        if name in source:
            target[name] += source[name] or 0
    duration = source.get("duration_sum")
    if duration is not None:
        target["days_sum"] += duration.total_seconds() / sources.SECONDS_PER_DAY
    for key in DIMENSION_KEYS:
        if f"{key}_count" in source:
            target["dimensions"][key]["sum"] += source[f"{key}_sum"] or 0
            target["dimensions"][key]["count"] += source[f"{key}_count"] or 0
            for i, n in enumerate(SCORES):
                target["dimensions"][key]["dist"][i] += source[f"{key}_{n}"] or 0


def _compute_period(year: int, month: int, now: datetime) -> list[MonthlyIndicator]:
    start, end = period_bounds(year, month)
    groups: list[dict[str, Any]] = [
        *sources.submitted_by_group(start=start, end=end),
        *sources.conclusions_by_group(start=start, end=end),
        *sources.in_progress_by_group(end=end),
        *sources.evaluations_by_group(start=start, end=end),
    ]
    medians = sources.median_days(start=start, end=end)
    by_service: dict[UUID, dict[str, Any]] = defaultdict(_empty)
    by_agency: dict[UUID, dict[str, Any]] = defaultdict(_empty)
    platform = _empty()
    for group in groups:
        _add(by_service[group["service_id"]], group)
        _add(by_agency[group["agency_id"]], group)
        _add(platform, group)
    agency_of = sources.service_agencies(by_service.keys())

    def row(scope: str, scope_id: UUID, figures: dict[str, Any], **links: Any) -> MonthlyIndicator:
        median_key = (scope, None if scope == MonthlyIndicator.Scope.PLATFORM else scope_id)
        return MonthlyIndicator(
            scope=scope,
            scope_id=scope_id,
            year=year,
            month=month,
            days_median=medians.get(median_key),
            refreshed_at=now,
            **figures,
            **links,
        )

    rows = [row(MonthlyIndicator.Scope.PLATFORM, PLATFORM_SCOPE_ID, platform)]
    rows += [
        row(MonthlyIndicator.Scope.AGENCY, agency_id, figures, agency_id=agency_id)
        for agency_id, figures in by_agency.items()
    ]
    rows += [
        row(
            MonthlyIndicator.Scope.SERVICE,
            service_id,
            figures,
            service_id=service_id,
            agency_id=agency_of.get(service_id),
        )
        for service_id, figures in by_service.items()
        if service_id in agency_of
    ]
    return rows


def _refresh_catalogue(now: datetime) -> None:
    published, on_platform = sources.catalogue_counts()
    rows = [
        CatalogueIndicator(
            agency_id=item["agency_id"],
            services_published=item["published"],
            services_digital=item["digital"],
            services_on_platform=on_platform.get(item["agency_id"], 0),
            refreshed_at=now,
        )
        for item in published
    ]
    rows.append(
        CatalogueIndicator(
            agency=None,
            services_published=sum(r.services_published for r in rows),
            services_digital=sum(r.services_digital for r in rows),
            services_on_platform=sum(r.services_on_platform for r in rows),
            refreshed_at=now,
        )
    )
    CatalogueIndicator.objects.all().delete()
    CatalogueIndicator.objects.bulk_create(rows)


def _lock() -> IndicatorRefresh:
    IndicatorRefresh.objects.get_or_create(id=1)
    return IndicatorRefresh.objects.select_for_update().get(id=1)


def indicators_refresh(*, months: list[Period] | None = None) -> RefreshResult:
    """Recompute the indicators of `months` ((year, month) pairs; month 0 = the whole year;
    default: the current and the previous month and their years) and the catalogue snapshot.
    Idempotent: running it twice leaves the same rows. Run hourly by tasks.refresh_indicators."""
    periods = list(dict.fromkeys(months if months is not None else default_periods()))
    for year, month in periods:
        if not (1 <= year <= 9999 and 0 <= month <= 12):
            raise ValueError(f"invalid period {year}-{month}")
    now = timezone.now()
    with transaction.atomic():
        state = _lock()
        rows: list[MonthlyIndicator] = []
        for year, month in periods:
            rows.extend(_compute_period(year, month, now))
        for year, month in periods:
            MonthlyIndicator.objects.filter(year=year, month=month).delete()
        MonthlyIndicator.objects.bulk_create(rows, batch_size=1000)
        _refresh_catalogue(now)
        state.refreshed_at = now
        state.periods = len(periods)
        state.save(update_fields=["refreshed_at", "periods"])
    return RefreshResult(periods=periods, rows=len(rows))


def indicators_rebuild() -> RefreshResult:
    """Recompute the whole history (every month and year since the first request), one year per
    transaction, and drop rows of years outside it. For `manage.py monitoring_rebuild`."""
    first = sources.first_activity()
    today = timezone.localdate()
    first_year = timezone.localtime(first).year if first else today.year
    total_rows = 0
    periods: list[Period] = []
    for year in range(first_year, today.year + 1):
        last_month = today.month if year == today.year else 12
        year_periods = [(year, m) for m in range(1, last_month + 1)] + [(year, 0)]
        result = indicators_refresh(months=year_periods)
        total_rows += result.rows
        periods += year_periods
    MonthlyIndicator.objects.exclude(year__range=(first_year, today.year)).delete()
    MonthlyIndicator.objects.filter(year=today.year, month__gt=today.month).delete()
    return RefreshResult(periods=periods, rows=total_rows)
