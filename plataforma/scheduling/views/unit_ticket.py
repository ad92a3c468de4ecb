"""One ticket at the unit's desk: its page (with the person's data, audited), recall, start,
no-show, finish with an outcome and the protocol of a request the attendance led to (ADR 0026)."""

from __future__ import annotations

import io
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.common.audit import audit_record
from plataforma.common.calendar import CUIABA
from plataforma.common.documents import mask_cpf
from plataforma.common.models import AuditEvent

from ..models import AppointmentStatus, TicketStatus
from ..selectors import queue as selectors
from ..services import queue as services
from ..services.booking import appointment_code_display
from .unit import (
    TICKET_ACTIONS,
    _apply_errors,
    _no_unit,
    _see_other,
    _status_for,
    _ticket_url,
    _today,
    _unit_context,
    unit_view,
)
from .unit_forms import FinishForm, ProtocolForm

# --- One ticket ------------------------------------------------------------------------------


def _request_link(request: HttpRequest, service) -> str:
    """The address of the service's request form, when the service takes requests on the
    platform: the person opens it on their own device, signed in with their MT Login."""
    from plataforma.service_requests.services.submit import request_form_for_submission

    try:
        request_form_for_submission(service=service)
    except PermissionDenied:
        return ""
    return request.build_absolute_uri(reverse("service_requests:submit", args=[service.slug]))


def _qr_svg(url: str) -> str:
    import segno

    qr = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff", xmldecl=False, svgclass="unit-qr")
    svg = re.sub(r'\sstyle="[^"]*"', "", out.getvalue().decode())
    name = _("QR code com o endereço do formulário do pedido, escrito ao lado.")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)


def _ticket_page(
    request, calendar, ticket, *, finish_form=None, protocol_form=None, error: str = "", status: int = 200
) -> HttpResponse:
    if ticket.person_id is not None:
        audit_record(
            actor=request.user,
            action="scheduling.ticket_read",
            target=ticket,
            kind=AuditEvent.Kind.ACCESS,
            subject_user_id=ticket.person_id,
        )
    appointment = ticket.appointment
    link = ""
    if ticket.status in (TicketStatus.IN_SERVICE, TicketStatus.DONE) and appointment is not None:
        link = _request_link(request, ticket.service)
    context = _unit_context(calendar, "fila")
    context.update(
        {
            "ticket": ticket,
            "appointment": appointment,
            "appointment_code": appointment_code_display(appointment.code) if appointment else "",
            "person_name": ticket.person.display_name if ticket.person_id else "",
            "person_cpf": mask_cpf(ticket.person.cpf) if ticket.person_id else "",
            "priority_label": selectors.priority_label(ticket.priority),
            "finish_form": finish_form or FinishForm(),
            "protocol_form": protocol_form or ProtocolForm(),
            "request_link": link,
            "request_qr": _qr_svg(link) if link else "",
            "error": error,
            "is_called": ticket.status == TicketStatus.CALLED,
            "is_current": ticket.status in services.CURRENT,
            "can_link": appointment is not None
            and ticket.status in (TicketStatus.IN_SERVICE, TicketStatus.DONE),
            "takes_note": appointment is not None,
            "is_today": ticket.day == _today(),
            "local_due": timezone.localtime(ticket.due_at, CUIABA) if ticket.due_at else None,
            "appointment_done": appointment is not None and appointment.status == AppointmentStatus.DONE,
        }
    )
    return render(request, "scheduling/unit/ticket.html", context, status=status)


def _ticket_or_404(calendar, ticket_id):
    ticket = selectors.ticket_at_unit(calendar=calendar, ticket_id=ticket_id)
    if ticket is None:
        raise Http404
    return ticket


@unit_view
@require_http_methods(["GET", "HEAD"])
def ticket_detail(request: HttpRequest, calendar, ticket_id) -> HttpResponse:
    return _ticket_page(request, calendar, _ticket_or_404(calendar, ticket_id))


@unit_view
@require_http_methods(["POST"])
def ticket_action(request: HttpRequest, calendar, ticket_id, action: str) -> HttpResponse:
    if action not in TICKET_ACTIONS:
        raise Http404
    ticket = _ticket_or_404(calendar, ticket_id)
    finish_form = protocol_form = None
    actor = request.user
    try:
        if action == "rechamar":
            services.ticket_recall(actor=actor, calendar=calendar, ticket_id=ticket.pk)
            done = _("Senha %(label)s chamada de novo.")
        elif action == "iniciar":
            services.ticket_start(actor=actor, calendar=calendar, ticket_id=ticket.pk)
            done = _("Atendimento da senha %(label)s iniciado.")
        elif action == "ausente":
            services.ticket_mark_absent(actor=actor, calendar=calendar, ticket_id=ticket.pk)
            done = _("Senha %(label)s marcada como ausente.")
        elif action == "finalizar":
            finish_form = FinishForm(request.POST)
            if not finish_form.is_valid():
                return _ticket_page(request, calendar, ticket, finish_form=finish_form, status=400)
            services.ticket_finish(
                actor=actor, calendar=calendar, ticket_id=ticket.pk, note=finish_form.cleaned_data["registro"]
            )
            done = _("Atendimento da senha %(label)s finalizado.")
        else:
            protocol_form = ProtocolForm(request.POST)
            if not protocol_form.is_valid():
                return _ticket_page(request, calendar, ticket, protocol_form=protocol_form, status=400)
            services.ticket_link_request(
                actor=actor,
                calendar=calendar,
                ticket_id=ticket.pk,
                protocol=protocol_form.cleaned_data["protocolo"],
            )
            done = _("Protocolo registrado no agendamento.")
    except PermissionDenied:
        return _no_unit(request)
    except ValidationError as exc:
        ticket = _ticket_or_404(calendar, ticket_id)
        if finish_form is not None and hasattr(exc, "error_dict"):
            _apply_errors(finish_form, exc, {"note": "registro"})
            return _ticket_page(request, calendar, ticket, finish_form=finish_form, status=_status_for(exc))
        if protocol_form is not None and hasattr(exc, "error_dict"):
            _apply_errors(protocol_form, exc, {"protocol": "protocolo"})
            return _ticket_page(
                request, calendar, ticket, protocol_form=protocol_form, status=_status_for(exc)
            )
        return _ticket_page(request, calendar, ticket, error=" ".join(exc.messages), status=_status_for(exc))
    messages.success(request, done % {"label": ticket.label})
    if action in ("ausente", "finalizar"):
        return _see_other(reverse("scheduling_unit:queue", args=[calendar.pk]))
    return _see_other(_ticket_url(calendar, ticket))
