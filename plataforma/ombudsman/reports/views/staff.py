"""Where the ouvidoria writes and publishes the "análise e recomendações" of its relatório de
gestão (Área do Servidor, /servidor/ouvidoria/relatorios/). The Ouvidoria-Geral writes the
state's report and may write any agency's; an agency's ouvidores write their agency's. Everyone
else gets 403 and sees no draft (ADR 0032)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ...access import is_general_ombudsman, ombudsman_agency_ids
from ...views.common import apply_errors, no_store, see_other, signed_in
from .. import services
from ..access import can_edit_any_report, can_edit_report
from ..forms import FIELD_MAP, ReportDraftForm, parse_choice
from ..models import MIN_YEAR
from ..presentation import report_view
from ..selectors import reports as selectors
from .public import bad_request, report_urls

ACTIONS = ("salvar", "publicar")


def _forbidden(request: HttpRequest, *, state: bool = False) -> HttpResponse:
    return no_store(render(request, "ombudsman_reports/staff/no_role.html", {"state": state}, status=403))


def _edit_url(year: int, agency) -> str:
    if agency is None:
        return reverse("ombudsman_reports:edit", args=[year])
    return reverse("ombudsman_reports:edit_agency", args=[year, agency.slug])


@signed_in
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The reports the person may write, by year; the Ouvidoria-Geral also picks any agency."""
    user = request.user
    if not can_edit_any_report(user):
        return _forbidden(request)
    general = is_general_ombudsman(user)
    if request.GET.get("ano") or request.GET.get("orgao"):
        year, slug, errors = parse_choice(year=request.GET.get("ano"), agency=request.GET.get("orgao"))
        if errors:
            return bad_request(request, errors)
        agency = selectors.agency_for_report(slug=slug) if slug else None
        if not can_edit_report(user, agency):
            return _forbidden(request, state=agency is None)
        return HttpResponseRedirect(_edit_url(year, agency))
    own_ids = ombudsman_agency_ids(user)
    own = [a for a in selectors.agency_choices() if a.pk in own_ids]
    rows = selectors.editable_reports(agencies=own, include_state=general)
    scopes = ([None] if general else []) + own
    years = list(range(selectors.current_year(), MIN_YEAR - 1, -1))
    table = [
        {
            "year": year,
            "cells": [
                {
                    "agency": agency,
                    "report": rows.get((year, getattr(agency, "pk", None))),
                    "url": _edit_url(year, agency),
                }
                for agency in scopes
            ],
        }
        for year in years
    ]
    context = {
        "general": general,
        "scopes": scopes,
        "table": table,
        "years": years,
        "agencies": selectors.agency_choices() if general else [],
    }
    return no_store(render(request, "ombudsman_reports/staff/index.html", context))


def _edit(request: HttpRequest, year: int, slug: str | None) -> HttpResponse:
    selectors.year_or_404(year)
    agency = selectors.agency_for_report(slug=slug) if slug is not None else None
    if not can_edit_report(request.user, agency):
        return _forbidden(request, state=agency is None)
    report = selectors.report_get(year=year, agency=agency)
    if request.method == "POST":
        form = ReportDraftForm(request.POST)
        action = request.POST.get("acao", "")
        if action not in ACTIONS:
            form.is_valid()
            form.add_error(None, _("Escolha salvar o rascunho ou publicar."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    report = services.report_draft_save(
                        actor=request.user,
                        year=year,
                        agency=agency,
                        analysis=data["analise"],
                        recommendations=data["recomendacoes"],
                        addressed_to=data["encaminhado_a"],
                    )
                    if action == "publicar":
                        report = services.report_publish(actor=request.user, year=year, agency=agency)
            except PermissionDenied:
                return _forbidden(request, state=agency is None)
            except ValidationError as exc:
                apply_errors(form, exc, field_map=FIELD_MAP)
            else:
                if action == "publicar":
                    messages.success(
                        request,
                        _(
                            "Relatório publicado (versão %(n)d). Ele já está no portal, com "
                            "o PDF e os dados abertos."
                        )
                        % {"n": report.revision},
                    )
                    return see_other(report_urls(year, agency)["page"])
                messages.success(request, _("Rascunho salvo. A página pública não mudou."))
                return see_other(_edit_url(year, agency))
        status = 400
    else:
        form = ReportDraftForm(
            initial={
                "analise": report.draft_analysis if report else "",
                "recomendacoes": report.draft_recommendations if report else "",
                "encaminhado_a": report.draft_addressed_to if report else "",
            }
        )
        status = 200
    figures = selectors.report_figures(year=year, agency=agency, report=report)
    context = {
        "form": form,
        "year": year,
        "agency": agency,
        "report": report,
        "v": report_view(figures),
        "urls": report_urls(year, agency),
        "can_publish": year < selectors.current_year(),
        "draft_differs": report is not None
        and report.is_published
        and (
            report.draft_analysis != report.analysis
            or report.draft_recommendations != report.recommendations
            or report.draft_addressed_to != report.addressed_to
        ),
    }
    return no_store(render(request, "ombudsman_reports/staff/edit.html", context, status=status))


@signed_in
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, year: int) -> HttpResponse:
    return _edit(request, year, None)


@signed_in
@require_http_methods(["GET", "POST"])
def edit_agency(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _edit(request, year, slug)
