"""Reads of the relatórios de gestão: the report rows, the figures of a year (the frozen snapshot
of a published report, or computed and kept in the cache for an hour), the measures adopted, and
the years and agencies with reports (ADR 0032)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from plataforma.common.calendar import CUIABA

from ...models import AdoptedMeasure
from ...pseudonymise import pseudonymise
from ..models import MIN_YEAR, ManagementReport, ReportStatus
from .figures import FIGURES_VERSION, compute_figures, year_bounds

FIGURES_CACHE_SECONDS = 3600
MEASURES_ON_PAGE = 200


def current_year() -> int:
    return timezone.localdate().year


def valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= current_year()


def year_or_404(year: int) -> int:
    if not valid_year(year):
        raise Http404
    return year


def agency_for_report(*, slug: str):
    """The agency named in the address (any registered agency: its ouvidoria reports on it)."""
    Agency = apps.get_model("catalog", "Agency")
    agency = Agency.objects.filter(slug=slug).only("id", "acronym", "name", "slug").first()
    if agency is None:
        raise Http404
    return agency


def agency_choices() -> list:
    Agency = apps.get_model("catalog", "Agency")
    return list(
        Agency.objects.filter(is_active=True).only("id", "acronym", "name", "slug").order_by("acronym")[:500]
    )


def report_get(*, year: int, agency=None) -> ManagementReport | None:
    qs = ManagementReport.objects.filter(year=year)
    qs = qs.filter(agency__isnull=True) if agency is None else qs.filter(agency=agency)
    return qs.first()


def figures_cache_key(year: int, agency) -> str:
    scope = str(agency.pk) if agency is not None else "estado"
    return f"ombudsman_reports:figures:v{FIGURES_VERSION}:{year}:{scope}"


def report_figures(*, year: int, agency=None, report: ManagementReport | None = None) -> dict[str, Any]:
    """The figures the public sees: the published report's snapshot; otherwise computed from the
    manifestações (about ten aggregate queries) and cached for an hour."""
    if report is not None and report.is_published:
        return report.figures
    key = figures_cache_key(year, agency)
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures(year=year, agency=agency)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def published_reports() -> list[ManagementReport]:
    """Every published report (one per year and scope: a few hundred rows at most)."""
    return list(
        ManagementReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("agency")
        .only("id", "year", "agency__acronym", "agency__name", "agency__slug", "published_at", "revision")
        .order_by("-year", "agency__acronym")[:2000]
    )


def editable_reports(*, agencies: list, include_state: bool) -> dict[tuple[int, Any], ManagementReport]:
    """The report rows (drafts and published) of the scopes a person may edit, by (year, agency id)."""
    qs = ManagementReport.objects.filter(agency__in=[a.pk for a in agencies])
    if include_state:
        qs = qs | ManagementReport.objects.filter(agency__isnull=True)
    rows = qs.only("id", "year", "agency_id", "status", "revision", "draft_updated_at", "published_at")
    return {(r.year, r.agency_id): r for r in rows.order_by("-year")[:2000]}


def _measures_qs(*, year: int, agency=None) -> QuerySet[AdoptedMeasure]:
    start, end = year_bounds(year)
    qs = AdoptedMeasure.objects.filter(created_at__gte=start, created_at__lt=end)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("created_at", "id")


MEASURE_COLUMNS = ("created_at", "kind", "description", "agency__acronym", "manifestation__service__name")


def measures_for_page(*, year: int, agency=None) -> tuple[list[dict[str, Any]], int]:
    """The first MEASURES_ON_PAGE measures of the year (the open data has them all) and how many
    there are. Publishable fields only: kind, description, agency, service, month — never the
    protocol or anything of the manifestação's author."""
    qs = _measures_qs(year=year, agency=agency)
    rows = [_measure_row(r) for r in qs.values(*MEASURE_COLUMNS)[:MEASURES_ON_PAGE]]
    total = len(rows) if len(rows) < MEASURES_ON_PAGE else qs.count()
    return rows, total


def measures_iter(*, year: int, agency=None) -> Iterator[dict[str, Any]]:
    for row in _measures_qs(year=year, agency=agency).values(*MEASURE_COLUMNS).iterator(chunk_size=1000):
        yield _measure_row(row)


def _measure_row(row: dict[str, Any]) -> dict[str, Any]:
    created: datetime = row["created_at"].astimezone(CUIABA)
    kind = row["kind"]
    return {
        "month": created.month,
        "kind": kind,
        "kind_label": str(AdoptedMeasure.Kind(kind).label) if kind in AdoptedMeasure.Kind.values else kind,
        # Written by the ouvidoria to be published; CPFs, e-mails and phone numbers typed by
        # mistake are masked all the same (a safety net, like the area's extract).
        "description": pseudonymise(row["description"]),
        "agency": row["agency__acronym"] or "",
        "service": row["manifestation__service__name"] or "",
    }
