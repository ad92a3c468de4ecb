"""Open data of the governance records: the page that lists the datasets with their columns, and
each dataset as CSV or JSON (see ..opendata for what goes in and what never does)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import opendata
from .common import PUBLIC, public_crumbs
from .monitoring import parse_year_param, public_cache


def _bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    context = {"errors": errors, "error_title": _("Não foi possível gerar os dados abertos")}
    return render(request, "400.html", context, status=400)


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "name": name,
            "title": d["title"],
            "description": d["description"],
            "columns": d["columns"],
            "by_year": "ano" in d["filters"],
        }
        for name, d in opendata.DATASETS.items()
    ]
    context = {"datasets": datasets, "crumbs": public_crumbs(("", _("Dados abertos")))}
    return public_cache(render(request, PUBLIC + "open_data.html", context), request)


@require_GET
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in opendata.DATASETS or fmt not in ("csv", "json"):
        raise Http404
    allowed = opendata.DATASETS[name]["filters"]
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        accepted = ", ".join(sorted(allowed)) or _("nenhum")
        return _bad_request(
            request,
            [
                _("Filtro desconhecido neste conjunto: %(nomes)s. Filtros aceitos: %(aceitos)s.")
                % {"nomes": ", ".join(unknown)[:100], "aceitos": accepted}
            ],
        )
    year, error = parse_year_param(request.GET.get("ano"))
    if error:
        return _bad_request(request, [error])
    suffix = f"-{year}" if year else ""
    if fmt == "csv":
        response = HttpResponse(opendata.render_csv(name, year=year), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
    else:
        response = HttpResponse(opendata.render_json(name, year=year), content_type="application/json")
        response["Content-Disposition"] = f'inline; filename="{name}{suffix}.json"'
    response["Cache-Control"] = opendata.CACHE_CONTROL
    response["Access-Control-Allow-Origin"] = "*"
    return response
