"""Confirming a time (the last step of the booking flow, views/citizen.py): MT Login at the
service's level, the legal priority declared (optional, checked at the unit), one click. The page
carries a signed idempotency key: a double click, a retry or a repeat never books twice.

A time that filled up or closed meanwhile → 409; in the past, within the notice, beyond the
window, over the per-person limit → 422; a malformed key or choice → 400. Nothing is booked.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plataforma.common.calendar import CUIABA
from plataforma.common.ratelimit import hit
from plataforma.identity.auth_flow import session_level, session_meets_level
from plataforma.identity.levels.selectors import level_gate_url

from ..carta import documents_to_bring
from ..models import Appointment, Priority, Slot
from ..places import opening_hours_lines
from ..selectors.availability import (
    bookable_window,
    day_slots,
)
from ..services.booking import BookingConflict, appointment_book, appointment_reschedule
from .citizen import TEMPLATES, base_context, flow_state
from .citizen_common import (
    BOOK_LIMIT,
    KEY_FIELD,
    Flow,
    day_label,
    login_first,
    new_booking_key,
    priority_choices,
    read_booking_key,
    see_other,
    too_many,
)

MAX_SLOT_ID = 2**63 - 1


class PriorityForm(forms.Form):
    prioridade = forms.ChoiceField(
        label=gettext_lazy("Você tem direito a atendimento prioritário?"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": gettext_lazy("Escolha uma das opções da lista.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prioridade"].choices = priority_choices()


def _slot_or_404(slot_id: int) -> Slot:
    if slot_id > MAX_SLOT_ID:
        raise Http404
    slot = (
        Slot.objects.select_related("offering__calendar__unit", "offering__service__agency")
        .filter(pk=slot_id, offering__service__is_published=True)
        .first()
    )
    if slot is None:
        raise Http404
    return slot


def _availability_problem(slot: Slot, *, priority: bool, now) -> tuple[int, str] | None:
    """Why this time cannot be booked now, as (status, message), or None when it can."""
    offering = slot.offering
    earliest, latest = bookable_window(offering, now)
    if not (offering.active and offering.calendar.accepts_bookings):
        return 409, _("Esta unidade não está recebendo agendamentos para este serviço.")
    if slot.starts_at <= now:
        return 422, _("Este horário já passou. Escolha outro.")
    if slot.starts_at < earliest:
        return 422, _(
            "Agende com pelo menos %(hours)d horas de antecedência. Escolha um horário mais adiante."
        ) % {"hours": offering.min_notice_hours}
    if slot.starts_at >= latest:
        return 422, _(
            "A agenda está aberta só para os próximos %(days)d dias. Escolha um horário mais próximo."
        ) % {"days": offering.horizon_days}
    local_day = timezone.localtime(slot.starts_at, CUIABA).date()
    free = {s.slot_id for s in day_slots(offering=offering, day=local_day, priority=priority, now=now)}
    if slot.pk not in free:
        return 409, _("Este horário não está mais disponível. Escolha outro.")
    return None


def _confirm_context(request, *, slot: Slot, flow: Flow, reschedule, form, key: str) -> dict:
    offering = slot.offering
    service = offering.service
    local = timezone.localtime(slot.starts_at, CUIABA)
    return {
        **base_context(service, flow, reschedule),
        "slot": slot,
        "offering": offering,
        "unit": offering.calendar.unit,
        "hours": opening_hours_lines(offering.calendar),
        "day_label": day_label(local.date()),
        "starts": local,
        "ends": timezone.localtime(slot.ends_at, CUIABA),
        "documents": documents_to_bring(service=service),
        "form": form,
        "key_field": KEY_FIELD,
        "booking_key": key,
        "person_name": request.user.display_name,
        "person_cpf": request.user.masked_cpf,
        "day_url": reverse(
            "scheduling_citizen:day", args=[service.slug, offering.pk, local.date().isoformat()]
        )
        + flow.query(),
        "priority_labels": [label for value, label in Priority.choices if value],
    }


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, slot_id: int) -> HttpResponse:
    """Confirm a time: MT Login at the service's level, the legal priority (optional), one click."""
    slot = _slot_or_404(slot_id)
    service = slot.offering.service
    flow, reschedule, stop = flow_state(request, service)
    if stop is not None:
        return stop
    if not request.user.is_authenticated:
        return login_first(request)
    required = service.min_login_level
    if not session_meets_level(request, required):
        return HttpResponseRedirect(level_gate_url(required=required, next_url=request.get_full_path()))
    user = request.user
    now = timezone.now()
    template = TEMPLATES + "confirm.html"

    if request.method == "GET":
        form = PriorityForm(initial={"prioridade": reschedule.priority if reschedule else ""})
        context = _confirm_context(
            request, slot=slot, flow=flow, reschedule=reschedule, form=form, key=new_booking_key(user)
        )
        problem = _availability_problem(slot, priority=flow.priority, now=now)
        if problem is not None:
            context["problem"] = problem[1]
            return render(request, template, context, status=problem[0])
        return render(request, template, context)

    signed = request.POST.get(KEY_FIELD, "")
    key = read_booking_key(user, signed)
    form = PriorityForm(data=request.POST)
    context = _confirm_context(request, slot=slot, flow=flow, reschedule=reschedule, form=form, key=signed)
    if key is None:
        context["booking_key"] = new_booking_key(user)
        context["errors"] = [_("A página expirou ou foi alterada. Confira os dados e confirme de novo.")]
        return render(request, template, context, status=400)
    # a retry of a booking already made goes straight to it
    existing = Appointment.objects.filter(person=user, idempotency_key=key).only("code").first()
    if existing is not None:
        return see_other(reverse("scheduling_citizen:detail", args=[existing.code]))
    if not hit(BOOK_LIMIT, str(user.pk)):
        return too_many(
            request, _("Foram feitos muitos agendamentos em pouco tempo. Aguarde alguns minutos.")
        )
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        if reschedule is not None:
            appointment = appointment_reschedule(
                person=user,
                appointment=reschedule,
                slot_id=slot.pk,
                idempotency_key=key,
                session_level=session_level(request),
                now=now,
            )
            messages.success(request, _("Agendamento remarcado. Confira o novo horário."))
        else:
            appointment, created = appointment_book(
                person=user,
                slot_id=slot.pk,
                priority=form.cleaned_data["prioridade"],
                idempotency_key=key,
                session_level=session_level(request),
                now=now,
            )
            if created:
                messages.success(request, _("Agendamento confirmado."))
    except BookingConflict as exc:
        context["errors"] = exc.messages
        return render(request, template, context, status=409)
    except ValidationError as exc:
        context["errors"] = exc.messages
        return render(request, template, context, status=422)
    return see_other(reverse("scheduling_citizen:detail", args=[appointment.code]))
