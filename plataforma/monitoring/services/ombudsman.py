"""The ouvidoria's part of the hourly refresh (Lei 13.460 art. 23 §2; ADR 0032): per period, two
GROUP BY queries through the ouvidoria's selectors (ombudsman.reports.selectors.ranking — this app
never reads the ouvidoria's tables itself), written as OmbudsmanIndicator rows with the requests
the agency received on the platform in the same period (from the MonthlyIndicator rows of the
same refresh). Called by indicators_refresh inside its transaction and lock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..models import MonthlyIndicator, OmbudsmanIndicator


def _requests_by_agency(monthly_rows: Iterable[MonthlyIndicator]) -> dict[tuple[int, int, object], int]:
    out: dict[tuple[int, int, object], int] = {}
    for row in monthly_rows:
        if row.scope == MonthlyIndicator.Scope.AGENCY:
            out[(row.year, row.month, row.agency_id)] = row.submitted
        elif row.scope == MonthlyIndicator.Scope.PLATFORM:
            out[(row.year, row.month, None)] = row.submitted
    return out


def ombudsman_period_rows(
    year: int, month: int, now: datetime, *, requests: dict[tuple[int, int, object], int]
) -> list[OmbudsmanIndicator]:
    from plataforma.ombudsman.reports.selectors.ranking import agency_period_figures

    from .indicators import period_bounds

    start, end = period_bounds(year, month)
    groups = agency_period_figures(start=start, end=end)
    state = OmbudsmanIndicator(agency=None, year=year, month=month, refreshed_at=now)
    rows = [state]
    for group in groups:
        state.received += group.received
        state.complaints += group.complaints
        state.complaints_concluded += group.complaints_concluded
        state.complaints_on_time += group.complaints_on_time
        if group.agency_id is None:  # awaiting triage: in the state's total, never ranked
            continue
        rows.append(
            OmbudsmanIndicator(
                agency_id=group.agency_id,
                year=year,
                month=month,
                received=group.received,
                complaints=group.complaints,
                complaints_concluded=group.complaints_concluded,
                complaints_on_time=group.complaints_on_time,
                requests=requests.get((year, month, group.agency_id), 0),
                refreshed_at=now,
            )
        )
    state.requests = requests.get((year, month, None), 0)
    return rows


def ombudsman_refresh(
    periods: list[tuple[int, int]], now: datetime, *, monthly_rows: Iterable[MonthlyIndicator]
) -> int:
    """Replace the OmbudsmanIndicator rows of `periods`; returns how many were written."""
    requests = _requests_by_agency(monthly_rows)
    rows = [r for year, month in periods for r in ombudsman_period_rows(year, month, now, requests=requests)]
    for year, month in periods:
        OmbudsmanIndicator.objects.filter(year=year, month=month).delete()
    OmbudsmanIndicator.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def ombudsman_first_activity() -> datetime | None:
    from plataforma.ombudsman.reports.selectors.ranking import first_received_at

    return first_received_at()
