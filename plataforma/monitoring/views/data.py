"""Open data of the panel: the indicators and the attendance by appointment as CSV and JSON, and
their dictionary of columns."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plataforma.catalog.models import Agency, Service

from .. import opendata, opendata_scheduling, selectors
from ..disclosure import min_ratings
from ..forms import SCOPE_PARAM, parse_year
from .panel import bad_request, public

ALLOWED_PARAMS = {"escopo", "orgao", "servico", "ano"}
SLUG = re.compile(r"[-a-z0-9_]+")


def _filters(request: HttpRequest) -> tuple[dict | None, list[str]]:
    errors: list[str] = []
    unknown = sorted(set(request.GET) - ALLOWED_PARAMS)
    if unknown:
        errors.append(
            _("Filtro desconhecido: %(nomes)s. Use escopo, orgao, servico ou ano.")
            % {"nomes": ", ".join(unknown)}
        )
    filters: dict = {}
    scope = request.GET.get("escopo", "").strip()
    if scope:
        if scope not in SCOPE_PARAM:
            errors.append(_("O escopo precisa ser plataforma, orgao ou servico."))
        else:
            filters["scope"] = SCOPE_PARAM[scope]
    for param, model, key in (("orgao", Agency, "agency"), ("servico", Service, "service")):
        slug = request.GET.get(param, "").strip()
        if not slug:
            continue
        # Slugs are [-a-z0-9_]: anything else (a NUL byte, which PostgreSQL refuses in text)
        # names nothing and is never sent to the database.
        found = model.objects.filter(slug=slug[:220]).first() if SLUG.fullmatch(slug[:220]) else None
        if found is None:
            errors.append(
                _("Não encontramos o órgão “%(v)s”.") % {"v": slug[:60]}
                if param == "orgao"
                else _("Não encontramos o serviço “%(v)s”.") % {"v": slug[:60]}
            )
        else:
            filters[key] = found
    if request.GET.get("ano", "").strip():
        year, error = parse_year(request.GET.get("ano"))
        if error:
            errors.append(error)
        else:
            filters["year"] = year
    return (None if errors else filters), errors


def _export(
    fmt: str, filters: dict, render_rows, *, rows_for=selectors.indicator_rows_for_export, **response_kwargs
) -> HttpResponse:
    """Serve an export from the cache (one query: the time of the last refresh) or compute it
    from the indicators, streaming, and cache it for the next visitors."""
    key = opendata.cache_key(fmt, filters, selectors.last_refresh())
    body = opendata.cached_body(key)
    if body is not None:
        return opendata.streaming(None, body=body, **response_kwargs)
    rows = rows_for(**filters)
    return opendata.streaming(render_rows(rows), key=key, **response_kwargs)


@require_GET
def indicators_csv(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters(request)
    if filters is None:
        return bad_request(request, errors)
    return _export(
        "csv",
        filters,
        opendata.iter_csv,
        content_type="text/csv; charset=utf-8",
        filename="indicadores.csv",
        attachment=True,
    )


@require_GET
def indicators_json(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters(request)
    if filters is None:
        return bad_request(request, errors)
    return _export(
        "json",
        filters,
        opendata.iter_json,
        content_type="application/json",
        filename="indicadores.json",
        attachment=False,
    )


def _scheduling_csv(rows):
    return opendata.iter_csv(rows, header=opendata_scheduling.HEADER, values=opendata_scheduling.row_values)


def _scheduling_json(rows):
    return opendata.iter_json(rows, header=opendata_scheduling.HEADER, values=opendata_scheduling.row_values)


@require_GET
def scheduling_csv(request: HttpRequest) -> HttpResponse:
    """Attendance by appointment (ADR 0027), with the indicators' filters and conventions."""
    filters, errors = _filters(request)
    if filters is None:
        return bad_request(request, errors)
    return _export(
        "agendamento-csv",
        filters,
        _scheduling_csv,
        rows_for=selectors.scheduling_rows_for_export,
        content_type="text/csv; charset=utf-8",
        filename="agendamento.csv",
        attachment=True,
    )


@require_GET
def scheduling_json(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters(request)
    if filters is None:
        return bad_request(request, errors)
    return _export(
        "agendamento-json",
        filters,
        _scheduling_json,
        rows_for=selectors.scheduling_rows_for_export,
        content_type="application/json",
        filename="agendamento.json",
        attachment=False,
    )


def _described(columns) -> list[dict]:
    return [{"name": name, "description": description} for name, description, _getter in columns]


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    context = {
        "columns": _described(opendata.COLUMNS),
        "scheduling_columns": _described(opendata_scheduling.COLUMNS),
        "refreshed_at": selectors.last_refresh(),
        "min_ratings": min_ratings(),
    }
    return public(render(request, "monitoring/data.html", context), request)
