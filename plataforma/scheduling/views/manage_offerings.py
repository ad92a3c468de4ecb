"""The gestor's desks and bookable services (offerings) of a unit, at /gestao/agendamento/
(namespace "scheduling_manage"); access and errors as in views/manage.py."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms_manage import (
    DeskForm,
    OfferingForm,
    apply_service_errors,
)
from ..models import Desk, Offering
from ..selectors import config as reads
from ..services import config as services
from .manage import TEMPLATES, _calendar, _unit_page, manager_required

# --- desks --------------------------------------------------------------------------------------


@manager_required
@require_POST
def desk_add(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    form = DeskForm(request.POST)
    if form.is_valid():
        try:
            services.desk_save(
                actor=request.user, calendar=calendar, name=form.cleaned_data["name"], active=True
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Guichê incluído."))
            return redirect("scheduling_manage:unit", unit.pk)
    return _unit_page(request, unit, desk_form=form, status=400)


@manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def desk_edit(request: HttpRequest, unit_id: UUID, desk_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    desk = Desk.objects.filter(pk=desk_id, calendar=calendar).first()
    if desk is None:
        raise Http404
    if request.method != "POST":
        form = DeskForm(initial={"name": desk.name, "active": desk.active})
        return render(request, TEMPLATES + "desk.html", {"unit": unit, "desk": desk, "form": form})
    form = DeskForm(request.POST)
    if form.is_valid():
        try:
            services.desk_save(
                actor=request.user,
                calendar=calendar,
                desk=desk,
                name=form.cleaned_data["name"],
                active=form.cleaned_data["active"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Guichê salvo."))
            return redirect("scheduling_manage:unit", unit.pk)
    return render(request, TEMPLATES + "desk.html", {"unit": unit, "desk": desk, "form": form}, status=400)


# --- offerings ----------------------------------------------------------------------------------


def _offering_page(request, unit, form, *, offering=None, status=200):
    return render(
        request,
        TEMPLATES + "offering.html",
        {"unit": unit, "form": form, "offering": offering},
        status=status,
    )


@manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def offering_new(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    services_qs = reads.bookable_services(unit.agency)
    if request.method != "POST":
        form = OfferingForm(
            services=services_qs,
            initial={
                "duration_minutes": 20,
                "capacity": 1,
                "buffer_minutes": 0,
                "horizon_days": 30,
                "min_notice_hours": 2,
                "per_person_limit": 1,
                "priority_reserved": 0,
                "active": True,
            },
        )
        return _offering_page(request, unit, form)
    form = OfferingForm(request.POST, services=services_qs)
    if form.is_valid():
        try:
            services.offering_create(
                actor=request.user,
                calendar=calendar,
                service=form.cleaned_data["service"],
                mode=form.cleaned_data["mode"],
                rules=form.rules(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Serviço incluído na agenda da unidade."))
            return redirect("scheduling_manage:unit", unit.pk)
    return _offering_page(request, unit, form, status=400)


@manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def offering_edit(request: HttpRequest, unit_id: UUID, offering_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    offering = (
        Offering.objects.select_related("service", "calendar__unit")
        .filter(pk=offering_id, calendar=calendar)
        .first()
    )
    if offering is None:
        raise Http404
    services_qs = reads.bookable_services(unit.agency)
    initial = {
        "service": offering.service_id,
        "mode": offering.mode,
        **{name: getattr(offering, name) for name in services.OFFERING_RULES},
    }
    if request.method != "POST":
        form = OfferingForm(services=services_qs, fixed=True, initial=initial)
        return _offering_page(request, unit, form, offering=offering)
    form = OfferingForm(request.POST, services=services_qs, fixed=True, initial=initial)
    if form.is_valid():
        try:
            services.offering_update(actor=request.user, offering=offering, rules=form.rules())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Regras do serviço salvas. Os horários de agendamento foram atualizados.")
            )
            return redirect("scheduling_manage:unit", unit.pk)
    return _offering_page(request, unit, form, offering=offering, status=400)
