"""Meus agendamentos (/conta/agendamentos/): the person's appointments, the confirmation page
(code, QR code, calendar file, documents to bring, the place or the meeting link), cancelling and
rescheduling until the notice limit — after it, whom to call.

Only the person who booked sees an appointment: anyone else's code answers 404, like a code that
does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common.calendar import CUIABA
from plataforma.common.ratelimit import hit

from ..carta import documents_to_bring
from ..ics import CONTENT_TYPE, appointment_ics, appointment_latest, code_display, ics_filename
from ..models import ACTIVE_APPOINTMENT, Appointment, AppointmentStatus, Mode
from ..places import opening_hours_lines
from ..selectors.appointments import appointment_of_person, appointments_of_person
from ..selectors.availability import bookable_offerings
from ..services.booking import appointment_cancel, appointment_code_normalise, cancel_deadline
from .citizen_common import (
    CHANGE_LIMIT,
    can_change,
    code_qr_svg,
    day_label,
    see_other,
    too_many,
)

TEMPLATES = "scheduling/citizen/"
MAX_LISTED = 100


def _mine_or_404(request: HttpRequest, code: str) -> Appointment:
    normalised = appointment_code_normalise(code[:20])
    if normalised is None:
        raise Http404
    appointment = appointment_of_person(person=request.user, code=normalised)
    if appointment is None:
        raise Http404
    return appointment


def _phone_hint(user) -> str:
    digits = "".join(ch for ch in (user.phone_number or "") if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


def _facts(appointment: Appointment) -> dict:
    """What every page about one appointment shows."""
    offering = appointment.offering
    local = timezone.localtime(appointment.starts_at, CUIABA)
    return {
        "appointment": appointment,
        "code": code_display(appointment.code),
        "offering": offering,
        "service": offering.service,
        "agency": offering.service.agency,
        "unit": offering.calendar.unit,
        "starts": local,
        "ends": timezone.localtime(appointment.slot.ends_at, CUIABA),
        "day_label": day_label(local.date()),
        "deadline": timezone.localtime(cancel_deadline(appointment), CUIABA),
        "is_video": offering.mode == Mode.VIDEO,
        "is_phone": offering.mode == Mode.PHONE,
    }


def too_late_response(request: HttpRequest, appointment: Appointment) -> HttpResponse:
    """409: the appointment can no longer be changed on the platform; whom to call instead."""
    return render(request, TEMPLATES + "too_late.html", _facts(appointment), status=409)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    appointments = list(
        appointments_of_person(person=request.user).select_related("offering__service__agency")
    )
    upcoming = [a for a in appointments if a.status in ACTIVE_APPOINTMENT and a.starts_at >= now]
    upcoming_ids = {a.pk for a in upcoming}
    history = sorted(
        (a for a in appointments if a.pk not in upcoming_ids), key=lambda a: a.starts_at, reverse=True
    )
    context = {
        "upcoming": upcoming[:MAX_LISTED],
        "history": history[:MAX_LISTED],
        "now": now,
    }
    return render(request, TEMPLATES + "mine.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation page: what to show at the desk, where to go, what to bring."""
    appointment = _mine_or_404(request, code)
    latest = appointment_latest(appointment) if appointment.status == AppointmentStatus.RESCHEDULED else None
    now = timezone.now()
    context = {
        **_facts(appointment),
        "replaced_by": latest if latest is not None and latest.pk != appointment.pk else None,
        "qr_svg": code_qr_svg(appointment.code),
        "documents": documents_to_bring(service=appointment.offering.service),
        "hours": opening_hours_lines(appointment.offering.calendar),
        "can_change": can_change(appointment, now=now),
        "is_booked": appointment.status == AppointmentStatus.BOOKED,
        "phone_end": _phone_hint(request.user),
    }
    return render(request, TEMPLATES + "detail.html", context)


@login_required
@require_GET
def calendar_file(request: HttpRequest, code: str) -> HttpResponse:
    """The .ics file of the appointment (of its successor when it was rescheduled)."""
    appointment = appointment_latest(_mine_or_404(request, code))
    content = appointment_ics(
        appointment=appointment, documents=documents_to_bring(service=appointment.offering.service)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(appointment)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _mine_or_404(request, code)
    now = timezone.now()
    if not can_change(appointment, now=now):
        return too_late_response(request, appointment)
    context = _facts(appointment)
    if request.method == "GET":
        return render(request, TEMPLATES + "cancel.html", context)
    if not hit(CHANGE_LIMIT, str(request.user.pk)):
        return too_many(request, _("Foram feitas muitas alterações em pouco tempo. Aguarde alguns minutos."))
    try:
        appointment_cancel(actor=request.user, appointment=appointment, now=now)
    except ValidationError as exc:
        context["errors"] = exc.messages
        return render(request, TEMPLATES + "cancel.html", context, status=409)
    messages.success(request, _("Agendamento cancelado. O horário ficou livre para outra pessoa."))
    return see_other(reverse("scheduling_citizen:detail", args=[appointment.code]))


@login_required
@require_GET
def reschedule(request: HttpRequest, code: str) -> HttpResponse:
    """Start moving the appointment: the month of the same unit, with the way to another unit."""
    appointment = _mine_or_404(request, code)
    if not can_change(appointment, now=timezone.now()):
        return too_late_response(request, appointment)
    offering = appointment.offering
    if bookable_offerings(service=offering.service).filter(pk=offering.pk).exists():
        url = reverse("scheduling_citizen:month", args=[offering.service.slug, offering.pk])
    else:  # the unit stopped booking this service: choose another one
        url = reverse("scheduling_citizen:units", args=[offering.service.slug])
    return see_other(f"{url}?remarcar={appointment.code}")
