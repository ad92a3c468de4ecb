"""The agency's gestor configures scheduling and reads its figures, at /gestao/agendamento/
(namespace "scheduling_manage"). Thin views over services.config, selectors.config and
selectors.figures.

Access, in this order: anonymous → sign-in page; no `gestor` role in any agency → 403 page; a unit
of an agency the person does not manage is looked up as if it did not exist (404); every write
goes through services.config, which checks the role again and audits. Invalid input re-renders the
page with field errors and status 400; nothing is saved.
"""

from __future__ import annotations

import functools
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.common.audit import audit_record
from plataforma.common.authcodes import mask_name
from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent

from ..forms_manage import (
    WEEKDAY_LABELS,
    CalendarForm,
    CancelOutsideForm,
    ClosureForm,
    DeskForm,
    PeriodForm,
    WeekHoursForm,
    apply_service_errors,
    format_intervals,
)
from ..models import Appointment, Closure
from ..selectors import config as reads
from ..selectors.figures import agency_figures
from ..services import config as services

TEMPLATES = "scheduling/manage/"


def manager_required(view):
    """Signed in and gestor of at least one agency; sets request.managed_agencies."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.managed_agencies = list(reads.managed_agencies(request.user))
        if not request.managed_agencies:
            return render(request, TEMPLATES + "no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _unit(request: HttpRequest, unit_id: UUID):
    unit = reads.unit_for_manager(user=request.user, unit_id=unit_id)
    if unit is None:
        raise Http404
    return unit


def _calendar(request: HttpRequest, unit_id: UUID):
    """The unit and its calendar; 404 when the unit has no calendar yet (it is enabled first)."""
    unit = _unit(request, unit_id)
    calendar = reads.calendar_of(unit)
    if calendar is None:
        raise Http404
    return unit, calendar


def _agency(request: HttpRequest):
    slug = request.GET.get("orgao")
    agencies = request.managed_agencies
    if slug:
        for agency in agencies:
            if agency.slug == slug:
                return agency
        raise Http404
    return agencies[0]


def _masked(request: HttpRequest, appointments: list[Appointment]) -> list[dict]:
    """The appointments as the gestor sees them (masked names), each read audited for its person
    (Lei 14.129 art. 40: the person can see that staff saw their appointment)."""
    for appointment in appointments:
        audit_record(
            actor=request.user,
            action="scheduling.manage_appointment_read",
            target=appointment,
            kind=AuditEvent.Kind.ACCESS,
            subject_user_id=appointment.person_id,
        )
    return [
        {
            "id": str(a.pk),
            "name": mask_name(a.person.display_name),
            "starts_at": timezone.localtime(a.starts_at, CUIABA),
            "service": a.offering.service.name,
            "mode": a.offering.get_mode_display(),
        }
        for a in appointments
    ]


def _week_rows(calendar) -> list[tuple[str, str]]:
    week = reads.week_of(calendar)
    return [(label, format_intervals(week.get(n, []))) for n, label in enumerate(WEEKDAY_LABELS)]


# --- dashboard and unit page --------------------------------------------------------------------


@manager_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    return render(
        request,
        TEMPLATES + "dashboard.html",
        {"agency": agency, "agencies": request.managed_agencies, "units": reads.units_of_agency(agency)},
    )


def _unit_page(
    request, unit, *, calendar_form=None, closure_form=None, desk_form=None, cancel_form=None, status=200
):
    calendar = reads.calendar_of(unit)
    context = {"unit": unit, "calendar": calendar}
    if calendar_form is None:
        initial = {"accepts_bookings": True}
        if calendar is not None:
            initial = {
                "accepts_bookings": calendar.accepts_bookings,
                "latitude": calendar.latitude,
                "longitude": calendar.longitude,
                "ticket_prefix": calendar.ticket_prefix,
            }
        calendar_form = CalendarForm(initial=initial)
    context["calendar_form"] = calendar_form
    if calendar is not None:
        outside = reads.appointments_outside_hours(calendar=calendar)
        context.update(
            {
                "week": _week_rows(calendar),
                "closures": calendar.closures.order_by("-starts_on")[:50],
                "today": services.local_today(),
                "desks": calendar.desks.order_by("name"),
                "offerings": calendar.offerings.select_related("service").order_by("service__name", "mode"),
                "closure_form": closure_form or ClosureForm(),
                "desk_form": desk_form or DeskForm(initial={"active": True}),
                "outside": _masked(request, outside),
                "cancel_form": cancel_form
                or CancelOutsideForm(choices=[(str(a.pk), str(a.pk)) for a in outside]),
            }
        )
    return render(request, TEMPLATES + "unit.html", context, status=status)


@manager_required
@require_GET
def unit_detail(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    return _unit_page(request, _unit(request, unit_id))


@manager_required
@require_POST
def calendar_save(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = _unit(request, unit_id)
    form = CalendarForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_calendar_save(
                actor=request.user,
                unit=unit,
                accepts_bookings=data["accepts_bookings"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                ticket_prefix=data["ticket_prefix"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Agenda da unidade salva."))
            return redirect("scheduling_manage:unit", unit.pk)
    return _unit_page(request, unit, calendar_form=form, status=400)


# --- hours and closures: shown the appointments a change leaves outside, then confirmed ---------


@manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def hours_edit(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    if request.method != "POST":
        form = WeekHoursForm(week=reads.week_of(calendar))
        return render(request, TEMPLATES + "hours.html", {"unit": unit, "form": form})
    form = WeekHoursForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATES + "hours.html", {"unit": unit, "form": form}, status=400)
    week = form.cleaned_data["week"]
    if not form.cleaned_data.get("confirmar"):
        impact = reads.change_impact(calendar=calendar, week=week)
        if impact:
            confirm = WeekHoursForm(
                {**{k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}, "confirmar": "on"}
            )
            confirm.is_valid()
            return render(
                request,
                TEMPLATES + "hours.html",
                {"unit": unit, "form": confirm, "impact": _masked(request, impact)},
            )
    try:
        services.opening_hours_set(actor=request.user, calendar=calendar, week=week)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return render(request, TEMPLATES + "hours.html", {"unit": unit, "form": form}, status=400)
    messages.success(
        request, _("Horário de funcionamento salvo. Os horários de agendamento foram atualizados.")
    )
    return redirect("scheduling_manage:unit", unit.pk)


@manager_required
@require_POST
def closure_add(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    form = ClosureForm(request.POST)
    if not form.is_valid():
        return _unit_page(request, unit, closure_form=form, status=400)
    data = form.cleaned_data
    today = services.local_today()
    try:
        services.check_closure(
            calendar=calendar,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
            today=today,
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _unit_page(request, unit, closure_form=form, status=400)
    if not data.get("confirmar"):
        impact = reads.change_impact(calendar=calendar, new_closure=(data["starts_on"], data["ends_on"]))
        if impact:
            confirm = ClosureForm(
                initial={
                    "starts_on": data["starts_on"].isoformat(),
                    "ends_on": data["ends_on"].isoformat(),
                    "reason": data["reason"],
                    "confirmar": True,
                }
            )
            return render(
                request,
                TEMPLATES + "closure_confirm.html",
                {"unit": unit, "form": confirm, "data": data, "impact": _masked(request, impact)},
            )
    try:
        services.closure_add(
            actor=request.user,
            calendar=calendar,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
            today=today,
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _unit_page(request, unit, closure_form=form, status=400)
    messages.success(
        request, _("Fechamento registrado. Os horários destes dias foram fechados para agendamento.")
    )
    return redirect("scheduling_manage:unit", unit.pk)


@manager_required
@require_POST
def closure_remove(request: HttpRequest, unit_id: UUID, closure_id: UUID) -> HttpResponse:
    unit, calendar = _calendar(request, unit_id)
    closure = (
        Closure.objects.filter(pk=closure_id, calendar=calendar).select_related("calendar__unit").first()
    )
    if closure is None:
        raise Http404
    try:
        services.closure_remove(actor=request.user, closure=closure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Fechamento removido: a unidade volta a abrir nestes dias."))
    return redirect("scheduling_manage:unit", unit.pk)


# --- appointments left outside the hours --------------------------------------------------------


@manager_required
@require_POST
def cancel_outside(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    """Cancel, with a reason the person receives, appointments whose time the unit no longer
    attends (services.booking.appointment_cancel, by_staff: audited, the person notified)."""
    from ..services.booking import appointment_cancel

    unit, calendar = _calendar(request, unit_id)
    outside = {str(a.pk): a for a in reads.appointments_outside_hours(calendar=calendar)}
    form = CancelOutsideForm(request.POST, choices=[(key, key) for key in outside])
    if not form.is_valid():
        return _unit_page(request, unit, cancel_form=form, status=400)
    services.check_manager(request.user, unit.agency_id)
    done, failed = 0, []
    for key in form.cleaned_data["appointments"]:
        try:
            appointment_cancel(
                actor=request.user,
                appointment=outside[key],
                by_staff=True,
                reason=form.cleaned_data["reason"],
            )
            done += 1
        except ValidationError as exc:
            failed.append(" ".join(exc.messages))
    if done:
        messages.success(
            request,
            ngettext(
                "%(n)d agendamento cancelado; a pessoa recebeu o motivo.",
                "%(n)d agendamentos cancelados; cada pessoa recebeu o motivo.",
                done,
            )
            % {"n": done},
        )
    for problem in failed:
        messages.error(request, problem)
    return redirect("scheduling_manage:unit", unit.pk)


# --- figures ------------------------------------------------------------------------------------


@manager_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Occupancy, no-shows, waiting and attendance times per unit and service (selectors.figures)."""
    agency = _agency(request)
    today = services.local_today()
    context = {"agency": agency, "agencies": request.managed_agencies}
    form = PeriodForm({k: request.GET.get(k, "") for k in ("de", "ate")}, today=today)
    if not form.is_valid():
        return render(request, TEMPLATES + "figures.html", {**context, "form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    shown = PeriodForm(initial={"de": start, "ate": end}, today=today)
    report = agency_figures(agency=agency, start=start, end=end)
    return render(request, TEMPLATES + "figures.html", {**context, "form": shown, "report": report})
