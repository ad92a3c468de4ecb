"""Refreshing the panel's pre-aggregated indicators (Lei 14.129 art. 22; Lei 13.460 art. 23 §2).

A handful of GROUP BY queries per period over the requests and the evaluations (selectors/
sources.py), rolled up per service, per agency and for the platform, then written as
MonthlyIndicator rows: the refreshed periods are deleted and inserted again in one
transaction, under the IndicatorRefresh row lock, so a refresh is idempotent and two refreshes
never interleave. The panel pages and the open data read only these rows.

Periods are calendar months (month 1-12) and whole years (month 0) in the platform's time zone.
A year's median is computed over the year's requests, never averaged from monthly medians.

Rating figures go through the disclosure control (disclosure.py, ADR 0023) before they are
written: a month's are decided from its own rating groups once it is closed; a year's (in the
current year: its closed months') are published only when they are the sum of published months.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from .. import disclosure
from ..dimensions import DIMENSION_KEYS, SCORES
from ..models import (
    PLATFORM_SCOPE_ID,
    RATING_COUNT_FIELDS,
    CatalogueIndicator,
    IndicatorRefresh,
    MonthlyIndicator,
    OmbudsmanIndicator,
    SchedulingIndicator,
)
from ..selectors import sources
from .ombudsman import ombudsman_first_activity, ombudsman_refresh

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
        return disclosure.month_start(year, 1), disclosure.month_start(year + 1, 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return disclosure.month_start(year, month), disclosure.month_start(*after)


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


def _compute_period(
    year: int, month: int, now: datetime, *, cutoff: datetime, k: int
) -> list[MonthlyIndicator]:
    """The rows of one period. A month's rows leave with their disclosure decisions applied; a
    year's rows leave raw (their rating figures cover the closed months only) for
    `_protect_years`, which needs the months' decisions."""
    start, end = period_bounds(year, month)
    ratings_end = min(end, cutoff) if month == 0 else end
    ratings = sources.evaluations_by_group(start=start, end=ratings_end) if ratings_end > start else []
    groups: list[dict[str, Any]] = [
        *sources.submitted_by_group(start=start, end=end),
        *sources.conclusions_by_group(start=start, end=end),
        *sources.in_progress_by_group(end=end),
        *ratings,
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
    if month:
        if disclosure.month_is_closed(year, month, cutoff=cutoff):
            decisions = disclosure.month_disclosure(ratings, k=k)
            for item in rows:
                disclosure.apply(item, decisions.for_row(item.scope, item.scope_id))
        else:
            for item in rows:
                disclosure.apply(item, disclosure.CellDisclosure.all_withheld(disclosure.W.OPEN))
    return rows


def _protect_years(rows: list[MonthlyIndicator], *, cutoff: datetime, k: int) -> None:
    """Decide the year rows from the month rows already written in this transaction (rule 4 of
    disclosure.py): one query per year."""
    by_year: dict[int, list[MonthlyIndicator]] = defaultdict(list)
    for item in rows:
        by_year[item.year].append(item)
    for year, year_rows in by_year.items():
        months: dict[tuple[str, UUID], list[MonthlyIndicator]] = defaultdict(list)
        stored = MonthlyIndicator.objects.filter(year=year, month__gte=1).only(
            "scope",
            "scope_id",
            "month",
            "ratings_withheld",
            "dimensions_withheld",
            "dimensions",
            *RATING_COUNT_FIELDS,
        )
        for month_row in stored:
            months[(month_row.scope, month_row.scope_id)].append(month_row)
        window = disclosure.closed_months_of_year(year, cutoff=cutoff)
        for item in year_rows:
            decision = disclosure.year_disclosure(
                item, months[(item.scope, item.scope_id)], window=window, k=k
            )
            disclosure.apply(item, decision)


def _scheduling_period(year: int, month: int, now: datetime) -> list[SchedulingIndicator]:
    """The SchedulingIndicator rows of one period, from the scheduling app's figures: one GROUP
    BY over the appointments and one over the tickets' times (ADR 0027)."""
    from plataforma.scheduling.selectors import figures

    start, end = period_bounds(year, month)
    first_day, last_day = start.date(), (end - timedelta(days=1)).date()
    groups = figures.appointments_by_agency_service(start=first_day, end=last_day)
    waits = figures.wait_times_by_scope(start=first_day, end=last_day)
    counts: dict[tuple[str, UUID | None], list[int]] = defaultdict(lambda: [0, 0, 0])
    for group in groups:
        for key in (("servico", group.service_id), ("orgao", group.agency_id), ("plataforma", None)):
            total = counts[key]
            total[0] += group.booked
            total[1] += group.attended
            total[2] += group.no_show
    for key in waits:
        columns = dict(key)
        if "service_id" in columns:
            counts.setdefault(("servico", columns["service_id"]), [0, 0, 0])
        elif "agency_id" in columns:
            counts.setdefault(("orgao", columns["agency_id"]), [0, 0, 0])
        else:
            counts.setdefault(("plataforma", None), [0, 0, 0])
    agency_of = sources.service_agencies([i for scope, i in counts if scope == "servico"])
    rows = []
    for (scope, scope_id), (booked, attended, no_show) in counts.items():
        if scope == "servico":
            if scope_id not in agency_of:
                continue
            links = {"service_id": scope_id, "agency_id": agency_of[scope_id]}
            stats = waits.get(figures.time_key(service_id=scope_id))
        elif scope == "orgao":
            links = {"agency_id": scope_id}
            stats = waits.get(figures.time_key(agency_id=scope_id))
        else:
            links = {}
            stats = waits.get(())
        median = stats.wait_median if stats else None
        rows.append(
            SchedulingIndicator(
                scope=scope,
                scope_id=scope_id or PLATFORM_SCOPE_ID,
                year=year,
                month=month,
                booked=booked,
                attended=attended,
                no_show=no_show,
                waits=stats.waits if stats else 0,
                wait_median_minutes=None if median is None else median / 60,
                refreshed_at=now,
                **links,
            )
        )
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


def indicators_refresh(*, months: list[Period] | None = None, now: datetime | None = None) -> RefreshResult:
    """Recompute the indicators of `months` ((year, month) pairs; month 0 = the whole year;
    default: the current and the previous month and their years) and the catalogue snapshot,
    as of `now` (default: now). Idempotent: running it twice leaves the same rows. Run hourly by
    tasks.refresh_indicators (through indicators_update)."""
    now = now or timezone.now()
    periods = list(dict.fromkeys(months if months is not None else default_periods(timezone.localdate(now))))
    for year, month in periods:
        if not (1 <= year <= 9999 and 0 <= month <= 12):
            raise ValueError(f"invalid period {year}-{month}")
    cutoff = disclosure.ratings_cutoff(now)
    k = disclosure.min_ratings()
    with transaction.atomic():
        state = _lock()
        rows: list[MonthlyIndicator] = []
        for year, month in periods:
            rows.extend(_compute_period(year, month, now, cutoff=cutoff, k=k))
        for year, month in periods:
            MonthlyIndicator.objects.filter(year=year, month=month).delete()
        # Months first: the years are decided from the months as stored.
        MonthlyIndicator.objects.bulk_create([r for r in rows if r.month], batch_size=1000)
        year_rows = [r for r in rows if not r.month]
        _protect_years(year_rows, cutoff=cutoff, k=k)
        MonthlyIndicator.objects.bulk_create(year_rows, batch_size=1000)
        scheduling_rows = [r for year, month in periods for r in _scheduling_period(year, month, now)]
        for year, month in periods:
            SchedulingIndicator.objects.filter(year=year, month=month).delete()
        SchedulingIndicator.objects.bulk_create(scheduling_rows, batch_size=1000)
        ombudsman_rows = ombudsman_refresh(periods, now, monthly_rows=rows)
        _refresh_catalogue(now)
        state.refreshed_at = now
        state.periods = len(periods)
        state.save(update_fields=["refreshed_at", "periods"])
    return RefreshResult(periods=periods, rows=len(rows) + len(scheduling_rows) + ombudsman_rows)


def indicators_rebuild(*, now: datetime | None = None) -> RefreshResult:
    """Recompute the whole history (every month and year since the first request), one year per
    transaction, and drop rows of years outside it. Then records the disclosure threshold it
    applied everywhere (IndicatorRefresh.min_ratings). For `manage.py monitoring_rebuild`, and
    for the hourly job when the threshold changed."""
    now = now or timezone.now()
    k = disclosure.min_ratings()
    first = min(filter(None, (sources.first_activity(), ombudsman_first_activity())), default=None)
    today = timezone.localdate(now)
    first_year = timezone.localtime(first).year if first else today.year
    total_rows = 0
    periods: list[Period] = []
    for year in range(first_year, today.year + 1):
        last_month = today.month if year == today.year else 12
        year_periods = [(year, m) for m in range(1, last_month + 1)] + [(year, 0)]
        result = indicators_refresh(months=year_periods, now=now)
        total_rows += result.rows
        periods += year_periods
    with transaction.atomic():
        state = _lock()
        for model in (MonthlyIndicator, SchedulingIndicator, OmbudsmanIndicator):
            model.objects.exclude(year__range=(first_year, today.year)).delete()
            model.objects.filter(year=today.year, month__gt=today.month).delete()
        state.min_ratings = k
        state.save(update_fields=["min_ratings"])
    return RefreshResult(periods=periods, rows=total_rows)


def indicators_update(*, now: datetime | None = None) -> RefreshResult:
    """The hourly job: refresh the current and previous month and their years — or rebuild
    everything when the last complete rebuild applied another MONITORING_MIN_RATINGS (or none:
    rows written before the disclosure control stay withheld until then)."""
    applied = IndicatorRefresh.objects.filter(id=1).values_list("min_ratings", flat=True).first()
    if applied != disclosure.min_ratings():
        return indicators_rebuild(now=now)
    return indicators_refresh(now=now)
