"""The public relatórios de gestão (Lei 13.460 art. 15 §único II: published in full on the
internet): the index, the report of a year for the state or an agency as a page and a PDF, and its
open data. No sign-in. A published report is read from its frozen snapshot (one row); an
unpublished year shows preliminary figures computed at most once an hour (ADR 0032)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import opendata
from ..forms import parse_choice
from ..models import MIN_YEAR
from ..presentation import report_view
from ..selectors import reports as selectors

PAGE_CACHE_SECONDS = 300
PDF_CACHE_SECONDS = 24 * 60 * 60


def public(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Shared caches may keep an anonymous visitor's page for 5 minutes; a signed-in person's
    page has a personal header."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=PAGE_CACHE_SECONDS)
    return response


def bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    context = {"errors": errors, "error_title": _("Não foi possível mostrar o relatório")}
    return render(request, "400.html", context, status=400)


def report_urls(year: int, agency) -> dict[str, str]:
    if agency is None:
        name, args = "ombudsman_reports:report", [year]
    else:
        name, args = "ombudsman_reports:agency_report", [year, agency.slug]
    suffix = "" if agency is None else "_agency"
    return {
        "page": reverse(name, args=args),
        "pdf": reverse(f"ombudsman_reports:pdf{suffix}", args=args),
        "csv": reverse(f"ombudsman_reports:csv{suffix}", args=args),
        "json": reverse(f"ombudsman_reports:json{suffix}", args=args),
        "measures_csv": reverse(f"ombudsman_reports:measures_csv{suffix}", args=args),
    }


def _scope(year: int, slug: str | None):
    selectors.year_or_404(year)
    agency = selectors.agency_for_report(slug=slug) if slug is not None else None
    report = selectors.report_get(year=year, agency=agency)
    figures = selectors.report_figures(year=year, agency=agency, report=report)
    return agency, report, figures


def _body_key(kind: str, year: int, agency, report, figures: dict[str, Any]) -> str:
    """A rendered body changes with the report's publication, the figures and the language."""
    parts = [
        "ombudsman_reports",
        kind,
        str(year),
        str(agency.pk) if agency is not None else "estado",
        f"r{report.revision}-{report.published_at.isoformat()}"
        if report and report.is_published
        else "prelim",
        figures["computed_at"],
        get_language() or "",
    ]
    return ":".join(parts)


def _body_context(year: int, agency, report, figures) -> dict[str, Any]:
    measures, measures_total = selectors.measures_for_page(year=year, agency=agency)
    return {
        "v": report_view(figures),
        "report": report if report is not None and report.is_published else None,
        "agency": agency,
        "year": year,
        "measures": measures,
        "measures_total": measures_total,
        "measures_limit": selectors.MEASURES_ON_PAGE,
        "urls": report_urls(year, agency),
        "columns": opendata.COLUMNS,
        "indicators": opendata.INDICATORS,
        "year_closed": year < selectors.current_year(),
    }


def _page(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    agency, report, figures = _scope(year, slug)
    key = _body_key("page", year, agency, report, figures)
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "ombudsman_reports/_report_body.html", _body_context(year, agency, report, figures)
        )
        cache.set(key, body, PAGE_CACHE_SECONDS)
    context = {
        "body": mark_safe(body),  # noqa: S308 - our own template, rendered without the request
        "year": year,
        "agency": agency,
        "published": report is not None and report.is_published,
        "years": list(range(selectors.current_year(), MIN_YEAR - 1, -1)),
        "urls": report_urls(year, agency),
    }
    return public(render(request, "ombudsman_reports/report.html", context), request)


def _pdf(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    """The same body as the page, in the print shell, rendered by WeasyPrint (seconds): kept in
    the cache as long as the report and its figures do not change."""
    from plataforma.catalog.pdf import render_pdf

    agency, report, figures = _scope(year, slug)
    key = _body_key("pdf", year, agency, report, figures)
    pdf = cache.get(key)
    if pdf is None:
        context = {**_body_context(year, agency, report, figures), "for_pdf": True}
        html = render_to_string("ombudsman_reports/report_pdf.html", context)
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    scope = agency.slug if agency is not None else "estado"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="relatorio-de-gestao-ouvidoria-{year}-{scope}.pdf"'
    return public(response, request)


def _filename(kind: str, year: int, agency) -> str:
    scope = agency.slug if agency is not None else "estado"
    return f"ouvidoria-{kind}-{year}-{scope}"


def _csv(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    agency, _report, figures = _scope(year, slug)
    response = HttpResponse(opendata.figures_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("relatorio", year, agency)}.csv"'
    return public(response, request)


def _json(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    agency, report, figures = _scope(year, slug)
    key = _body_key("json", year, agency, report, figures)
    body = cache.get(key)
    if body is None:
        measures = selectors.measures_iter(year=year, agency=agency)
        body = opendata.figures_json(figures, report=report, measures=measures).encode("utf-8")
        cache.set(key, body, PAGE_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{_filename("relatorio", year, agency)}.json"'
    return public(response, request)


def _measures_csv(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    """Every measure of the year; kept in the cache like the page (the measures of a past year no
    longer change)."""
    agency, report, figures = _scope(year, slug)
    key = _body_key("measures", year, agency, report, figures)
    body = cache.get(key)
    if body is None:
        chunks = opendata.measures_csv(year, selectors.measures_iter(year=year, agency=agency))
        body = "".join(chunks).encode("utf-8")
        cache.set(key, body, PAGE_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("providencias", year, agency)}.csv"'
    return public(response, request)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The reports published, and a chooser of year and agency (`?ano=&orgao=` → the report)."""
    if request.GET.get("ano") or request.GET.get("orgao"):
        year, slug, errors = parse_choice(year=request.GET.get("ano"), agency=request.GET.get("orgao"))
        if errors:
            return bad_request(request, errors)
        if slug:
            selectors.agency_for_report(slug=slug)
            return HttpResponseRedirect(reverse("ombudsman_reports:agency_report", args=[year, slug]))
        return HttpResponseRedirect(reverse("ombudsman_reports:report", args=[year]))
    published = selectors.published_reports()
    by_year: dict[int, dict[str, Any]] = {}
    for report in published:
        entry = by_year.setdefault(report.year, {"year": report.year, "state": None, "agencies": []})
        if report.agency_id is None:
            entry["state"] = report
        else:
            entry["agencies"].append(report)
    context = {
        "published": sorted(by_year.values(), key=lambda e: -e["year"]),
        "years": list(range(selectors.current_year(), MIN_YEAR - 1, -1)),
        "agencies": selectors.agency_choices(),
        "current_year": selectors.current_year(),
    }
    return public(render(request, "ombudsman_reports/index.html", context), request)


@require_GET
def report(request: HttpRequest, year: int) -> HttpResponse:
    return _page(request, year, None)


@require_GET
def agency_report(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _page(request, year, slug)


@require_GET
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    return _pdf(request, year, None)


@require_GET
def agency_report_pdf(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _pdf(request, year, slug)


@require_GET
def report_csv(request: HttpRequest, year: int) -> HttpResponse:
    return _csv(request, year, None)


@require_GET
def agency_report_csv(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _csv(request, year, slug)


@require_GET
def report_json(request: HttpRequest, year: int) -> HttpResponse:
    return _json(request, year, None)


@require_GET
def agency_report_json(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _json(request, year, slug)


@require_GET
def measures_csv(request: HttpRequest, year: int) -> HttpResponse:
    return _measures_csv(request, year, None)


@require_GET
def agency_measures_csv(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _measures_csv(request, year, slug)
