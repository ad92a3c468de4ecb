"""The unit's attendance in the Área do Servidor (/servidor/atendimento/) and the public
waiting-room screen (/painel-de-chamadas/<unidade>/). Issue #5, ADR 0026.

Who gets in: the atendentes and gestores of the unit's agency (selectors.queue.UNIT_ROLES).
Anonymous people go to the sign-in page; people without such a role anywhere see a 403 page;
a unit of another agency answers 404, so nobody learns which units exist behind it.

Pages that show a person's data write an ACCESS audit row (Lei 14.129 art. 40 §1): the agenda
(masked names and priorities of the day: one row per view), the check-in results (one row per
person found) and a ticket's page (one row for its person). The queue, the desks and the public
screen show senhas, services and desks only.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent
from plataforma.common.ratelimit import Limit, hit

from ..selectors import queue as selectors
from ..services import queue as services
from .unit_forms import CheckInChoiceForm, CheckInSearchForm, DeskForm, WalkInForm

SESSION_DESK = "scheduling.desk.{calendar}"
STATE_CODES = {"state", "busy", "done"}
TICKET_ACTIONS = {"rechamar", "iniciar", "ausente", "finalizar", "protocolo"}
PANEL_REFRESH_SECONDS = 5


# --- Access ----------------------------------------------------------------------------------


def unit_view(view):
    """Signed in, with a unit role, for this unit: the view receives the UnitCalendar."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, calendar_id, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        calendar = selectors.unit_calendar_for(request.user, calendar_id)
        if calendar is None:
            if not selectors.unit_calendars_for(request.user).exists():
                return _no_unit(request)
            raise Http404
        return view(request, calendar, *args, **kwargs)

    return wrapper


def _no_unit(request: HttpRequest) -> HttpResponse:
    return render(request, "scheduling/unit/no_unit.html", status=403)


def _see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _status_for(exc: ValidationError) -> int:
    codes = {getattr(e, "code", None) for e in getattr(exc, "error_list", [])}
    return 409 if codes & STATE_CODES else 400


def _apply_errors(form, exc: ValidationError, field_map: dict[str, str]) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _today():
    return selectors.local_today()


def _desk_choice(request: HttpRequest, calendar) -> dict:
    return request.session.get(SESSION_DESK.format(calendar=calendar.pk)) or {}


def _chosen_desk(request: HttpRequest, calendar):
    chosen = _desk_choice(request, calendar)
    if not chosen:
        return None, []
    desk = selectors.unit_desks(calendar).filter(pk=chosen.get("guiche")).first()
    return desk, list(chosen.get("servicos") or [])


def _unit_context(calendar, active: str) -> dict:
    return {"calendar": calendar, "unit": calendar.unit, "active": active, "today": _today()}


def _ticket_url(calendar, ticket) -> str:
    return reverse("scheduling_unit:ticket", args=[calendar.pk, ticket.pk])


# --- Units and agenda ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def unit_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    calendars = list(selectors.unit_calendars_for(request.user)[:500])
    if not calendars:
        return _no_unit(request)
    return render(request, "scheduling/unit/units.html", {"calendars": calendars})


@unit_view
@require_http_methods(["GET", "HEAD"])
def agenda(request: HttpRequest, calendar) -> HttpResponse:
    day = _today()
    groups, truncated = selectors.day_agenda(calendar=calendar, day=day)
    now = timezone.now()
    for group in groups:
        for row in group.rows:
            row.window = selectors.window_state(row.appointment, now)
    audit_record(
        actor=request.user,
        action="scheduling.agenda_read",
        target=calendar,
        kind=AuditEvent.Kind.ACCESS,
        changes={"day": day.isoformat(), "appointments": sum(len(g.rows) for g in groups)},
    )
    context = _unit_context(calendar, "agenda")
    context.update(
        {
            "groups": groups,
            "truncated": truncated,
            "max_rows": selectors.MAX_AGENDA_ROWS,
            "search_form": CheckInSearchForm(),
            "desks": selectors.desks_today(calendar=calendar, day=day),
        }
    )
    return render(request, "scheduling/unit/agenda.html", context)


# --- Check-in --------------------------------------------------------------------------------


def _lookup_limit() -> Limit:
    count, seconds = selectors.queue_config()["CPF_LOOKUP_LIMIT"]
    return Limit("scheduling.checkin_cpf", int(count), int(seconds))


def _checkin_page(request, calendar, *, form=None, candidates=None, error: str = "", status: int = 200):
    context = _unit_context(calendar, "checkin")
    context.update(
        {
            "search_form": form or CheckInSearchForm(),
            "candidates": candidates,
            "error": error,
        }
    )
    return render(request, "scheduling/unit/checkin.html", context, status=status)


def _audit_lookup(request, calendar, candidates) -> None:
    for candidate in candidates:
        audit_record(
            actor=request.user,
            action="scheduling.checkin_lookup",
            target=candidate.appointment,
            kind=AuditEvent.Kind.ACCESS,
            subject_user_id=candidate.appointment.person_id,
        )


@unit_view
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: HttpRequest, calendar) -> HttpResponse:
    """Find today's appointment by code or CPF; check it in (one found, on time) or list what was
    found to choose from, with what is possible for each (early, late, already checked in)."""
    if request.method != "POST":
        return _checkin_page(request, calendar)
    if "agendamento" in request.POST:
        return _checkin_confirm(request, calendar)
    form = CheckInSearchForm(request.POST)
    if not form.is_valid():
        return _checkin_page(request, calendar, form=form, status=400)
    kind, value = form.cleaned_data["busca"]
    now = timezone.now()
    if kind == "cpf":
        if not hit(_lookup_limit(), str(request.user.pk)):
            return _checkin_page(
                request,
                calendar,
                form=form,
                error=_("Muitas consultas por CPF em pouco tempo. Espere alguns minutos ou use o código."),
                status=429,
            )
        from plataforma.identity.selectors import account_by_cpf

        account = account_by_cpf(cpf=value)
        candidates = (
            selectors.appointments_for_checkin(calendar=calendar, person_id=account.pk, now=now)
            if account
            else []
        )
    else:
        candidates = selectors.appointments_for_checkin(calendar=calendar, code=value, now=now)
    if not candidates:
        form.add_error(
            "busca",
            _("Nenhum agendamento para hoje nesta unidade com este código ou CPF. Confira com a pessoa."),
        )
        return _checkin_page(request, calendar, form=form, status=404)
    _audit_lookup(request, calendar, candidates)
    if len(candidates) == 1 and candidates[0].window == "no_horario":
        return _do_check_in(request, calendar, candidates[0].appointment.pk, accept_late=False, form=form)
    return _checkin_page(request, calendar, form=form, candidates=candidates)


def _checkin_confirm(request: HttpRequest, calendar) -> HttpResponse:
    choice = CheckInChoiceForm(request.POST)
    if not choice.is_valid():
        return _checkin_page(
            request, calendar, error=_("Agendamento não encontrado nesta unidade."), status=400
        )
    return _do_check_in(
        request,
        calendar,
        choice.cleaned_data["agendamento"],
        accept_late=choice.cleaned_data["atrasado"],
        form=CheckInSearchForm(),
    )


def _do_check_in(request, calendar, appointment_id, *, accept_late: bool, form) -> HttpResponse:
    try:
        ticket = services.appointment_check_in(
            actor=request.user, calendar=calendar, appointment_id=appointment_id, accept_late=accept_late
        )
    except PermissionDenied:
        return _no_unit(request)
    except ValidationError as exc:
        status = 404 if hasattr(exc, "error_dict") and "appointment" in exc.error_dict else _status_for(exc)
        candidates = None
        appointment = selectors.appointment_at_unit(calendar=calendar, appointment_id=appointment_id)
        if appointment is not None and status != 404:
            candidates = selectors.appointments_for_checkin(calendar=calendar, code=appointment.code)
            _audit_lookup(request, calendar, candidates)
        return _checkin_page(
            request, calendar, form=form, candidates=candidates, error=" ".join(exc.messages), status=status
        )
    messages.success(request, _("Check-in feito. Senha %(label)s.") % {"label": ticket.label})
    return _see_other(_ticket_url(calendar, ticket))


# --- Walk-ins --------------------------------------------------------------------------------


@unit_view
@require_http_methods(["GET", "HEAD", "POST"])
def walk_in(request: HttpRequest, calendar) -> HttpResponse:
    """A ticket for someone without an appointment (atendimento espontâneo)."""
    context = _unit_context(calendar, "espontaneo")
    if request.method != "POST":
        initial = {}
        if request.GET.get("servico"):
            initial["servico"] = request.GET.get("servico")[:40]
        context["form"] = WalkInForm(calendar=calendar, initial=initial)
        return render(request, "scheduling/unit/walk_in.html", context)
    form = WalkInForm(request.POST, calendar=calendar)
    context["form"] = form
    if form.is_valid() and form.cleaned_data["cpf"] and not hit(_lookup_limit(), str(request.user.pk)):
        # a CPF links the ticket to an account (and shows its name): the check-in's pace applies,
        # so that the walk-in form is no CPF-to-name look-up without limits
        form.add_error("cpf", _("Muitas consultas por CPF em pouco tempo. Espere alguns minutos."))
        return render(request, "scheduling/unit/walk_in.html", context, status=429)
    if form.is_valid():
        try:
            ticket = services.ticket_issue_walk_in(
                actor=request.user,
                calendar=calendar,
                service_id=form.cleaned_data["servico"].pk,
                priority=form.cleaned_data["prioridade"],
                cpf=form.cleaned_data["cpf"] or "",
            )
        except PermissionDenied:
            return _no_unit(request)
        except ValidationError as exc:
            _apply_errors(form, exc, {"service": "servico", "priority": "prioridade", "cpf": "cpf"})
        else:
            messages.success(request, _("Senha %(label)s emitida.") % {"label": ticket.label})
            return _see_other(_ticket_url(calendar, ticket))
    return render(request, "scheduling/unit/walk_in.html", context, status=400)


# --- The queue, desks and calling ------------------------------------------------------------


def _queue_page(request, calendar, *, desk_form=None, error: str = "", status: int = 200) -> HttpResponse:
    day = _today()
    desk, service_ids = _chosen_desk(request, calendar)
    if desk_form is None:
        initial = {"guiche": desk.pk if desk else None, "servicos": service_ids}
        desk_form = DeskForm(calendar=calendar, initial=initial)
    context = _unit_context(calendar, "fila")
    context.update(
        {
            "rows": selectors.queue_rows(calendar=calendar, day=day, service_ids=service_ids or None),
            "all_waiting": selectors.waiting_tickets(calendar=calendar, day=day).count(),
            "desk": desk,
            "desk_services": [s for s in desk_form.fields["servicos"].queryset if str(s.pk) in service_ids],
            "current": selectors.desk_current_ticket(desk=desk, day=day) if desk else None,
            "desks": selectors.desks_today(calendar=calendar, day=day),
            "desk_form": desk_form,
            "error": error,
            "config": selectors.queue_config(),
            "max_rows": selectors.MAX_QUEUE_ROWS,
        }
    )
    return render(request, "scheduling/unit/queue.html", context, status=status)


@unit_view
@require_http_methods(["GET", "HEAD"])
def queue(request: HttpRequest, calendar) -> HttpResponse:
    return _queue_page(request, calendar)


@unit_view
@require_http_methods(["POST"])
def desk_select(request: HttpRequest, calendar) -> HttpResponse:
    form = DeskForm(request.POST, calendar=calendar)
    if not form.is_valid():
        return _queue_page(request, calendar, desk_form=form, status=400)
    request.session[SESSION_DESK.format(calendar=calendar.pk)] = {
        "guiche": str(form.cleaned_data["guiche"].pk),
        "servicos": [str(s.pk) for s in form.cleaned_data["servicos"]],
    }
    messages.success(request, _("Você está no %(desk)s.") % {"desk": form.cleaned_data["guiche"].name})
    return _see_other(reverse("scheduling_unit:queue", args=[calendar.pk]))


@unit_view
@require_http_methods(["POST"])
def call_next(request: HttpRequest, calendar) -> HttpResponse:
    desk, service_ids = _chosen_desk(request, calendar)
    if desk is None:
        return _queue_page(request, calendar, error=_("Escolha o seu guichê antes de chamar."), status=400)
    try:
        ticket = services.ticket_call_next(
            actor=request.user, calendar=calendar, desk_id=desk.pk, service_ids=service_ids
        )
    except PermissionDenied:
        return _no_unit(request)
    except ValidationError as exc:
        return _queue_page(request, calendar, error=" ".join(exc.messages), status=_status_for(exc))
    if ticket is None:
        messages.info(request, _("Ninguém aguardando para os serviços do seu guichê."))
        return _see_other(reverse("scheduling_unit:queue", args=[calendar.pk]))
    messages.success(
        request, _("Senha %(label)s chamada para o %(desk)s.") % {"label": ticket.label, "desk": desk.name}
    )
    return _see_other(_ticket_url(calendar, ticket))
