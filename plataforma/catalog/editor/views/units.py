"""Service units of the agencies the user edits: list, create, edit."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.catalog import services
from plataforma.catalog.permissions import check_can_edit_agency

from .. import selectors
from ..forms import UnitForm
from .access import editor_required


@editor_required
@require_http_methods(["GET", "HEAD"])
def unit_list(request: HttpRequest) -> HttpResponse:
    units = selectors.units_of(agency_ids=request.editor_agency_ids)
    page = Paginator(units, 50).get_page(request.GET.get("pagina"))
    return render(request, "catalog/editor/units.html", {"page": page})


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.editor_agencies(agency_ids=request.editor_agency_ids)
    form = UnitForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.unit_create(
                    actor=request.user, agency=form.cleaned_data["agency"], data=form.unit_data()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Unidade de atendimento cadastrada."))
                return redirect("catalog_editor:unit_list")
        return render(request, "catalog/editor/unit_form.html", {"form": form}, status=400)
    return render(request, "catalog/editor/unit_form.html", {"form": form})


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_edit(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = selectors.unit_for_editor(unit_id=unit_id, agency_ids=request.editor_agency_ids)
    check_can_edit_agency(request.user, unit.agency_id)
    initial = {name: getattr(unit, name) for name in services.UNIT_FIELDS}
    form = UnitForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.unit_update(actor=request.user, unit=unit, data=form.unit_data())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Unidade de atendimento atualizada."))
                return redirect("catalog_editor:unit_list")
        return render(request, "catalog/editor/unit_form.html", {"form": form, "unit": unit}, status=400)
    return render(request, "catalog/editor/unit_form.html", {"form": form, "unit": unit})
