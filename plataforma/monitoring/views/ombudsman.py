"""The panel's ouvidoria page: the ranking of the agencies with most reclamações in a year or a
month (Lei 13.460 art. 23 §2), and its open data. No sign-in; reads only OmbudsmanIndicator."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import opendata, opendata_ombudsman, selectors
from ..forms import MIN_YEAR, parse_year
from ..selectors.ombudsman import (
    RATE_MIN_REQUESTS,
    last_month_of,
    ombudsman_rows_for_export,
    ombudsman_summary,
)
from ..selectors.panel import MONTH_LABELS
from .data import SLUG
from .panel import bad_request, public


def parse_month(raw: str | None, *, year: int) -> tuple[int | None, str | None]:
    """`mes`: empty = the whole year; else 1 to 12 (not after the current month)."""
    raw = (raw or "").strip()
    if raw == "":
        return 0, None
    if raw.isascii() and raw.isdigit() and len(raw) <= 2 and 1 <= int(raw) <= last_month_of(year):
        return int(raw), None
    return None, _("O mês precisa ser um número de 1 a %(ate)d.") % {"ate": last_month_of(year)}


@require_GET
def ranking(request: HttpRequest) -> HttpResponse:
    unknown = set(request.GET) - {"ano", "mes"}
    year, error = parse_year(request.GET.get("ano"))
    errors = [error] if error else []
    month = 0
    if year is not None:
        month, month_error = parse_month(request.GET.get("mes"), year=year)
        if month_error:
            errors.append(month_error)
    if unknown:
        errors.append(
            _("Filtro desconhecido: %(nomes)s. Use ano ou mes.") % {"nomes": ", ".join(sorted(unknown))}
        )
    if errors:
        return bad_request(request, errors)
    summary = ombudsman_summary(year=year, month=month, last_month=last_month_of(year))
    labels = [str(MONTH_LABELS[m - 1]) for m in range(1, last_month_of(year) + 1)]
    context = {
        "summary": summary,
        "month_rows": [
            (m, label, row) for m, (label, row) in enumerate(zip(labels, summary.months, strict=True), 1)
        ],
        "columns": opendata_ombudsman.COLUMNS,
        "year": year,
        "month": month,
        "month_label": str(MONTH_LABELS[month - 1]) if month else "",
        "months": list(enumerate(labels, 1)),
        "years": list(range(timezone.localdate().year, MIN_YEAR - 1, -1)),
        "rate_min": RATE_MIN_REQUESTS,
        "refreshed_at": selectors.last_refresh(),
    }
    return public(render(request, "monitoring/ombudsman.html", context), request)


def _filters(request: HttpRequest) -> tuple[dict | None, list[str]]:
    from plataforma.catalog.models import Agency

    errors: list[str] = []
    unknown = sorted(set(request.GET) - {"ano", "orgao"})
    if unknown:
        errors.append(_("Filtro desconhecido: %(nomes)s. Use orgao ou ano.") % {"nomes": ", ".join(unknown)})
    filters: dict = {}
    slug = request.GET.get("orgao", "").strip()[:60]
    if slug:
        found = Agency.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
        if found is None:
            errors.append(_("Não encontramos o órgão “%(v)s”.") % {"v": slug})
        filters["agency"] = found
    if request.GET.get("ano", "").strip():
        year, error = parse_year(request.GET.get("ano"))
        if error:
            errors.append(error)
        filters["year"] = year
    return (None if errors else filters), errors


def _export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Streamed, and kept in the cache until the next refresh of the indicators (like
    indicadores.csv|json: one query on a hit)."""
    filters, errors = _filters(request)
    if filters is None:
        return bad_request(request, errors)
    kwargs = (
        {"content_type": "text/csv; charset=utf-8", "filename": "ouvidoria.csv", "attachment": True}
        if fmt == "csv"
        else {"content_type": "application/json", "filename": "ouvidoria.json", "attachment": False}
    )
    key = opendata.cache_key(f"ouvidoria-{fmt}", filters, selectors.last_refresh())
    body = opendata.cached_body(key)
    if body is not None:
        return opendata.streaming(None, body=body, **kwargs)
    rows = ombudsman_rows_for_export(**filters)
    render_rows = opendata_ombudsman.iter_csv if fmt == "csv" else opendata_ombudsman.iter_json
    return opendata.streaming(render_rows(rows), key=key, **kwargs)


@require_GET
def ombudsman_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@require_GET
def ombudsman_json(request: HttpRequest) -> HttpResponse:
    return _export(request, "json")
