"""A person's appointments through the API (token with the `agendamentos` scope): book, list,
read, cancel, reschedule, the calendar file. Nobody sees an appointment that is not theirs:
another person's code answers 404, as a code that does not exist. Servants work appointments at
the unit (Área do Servidor), never through this API."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Schema, Status
from pydantic import Field

from plataforma.service_requests.api.auth import api_context, caller_of
from plataforma.service_requests.api.inputs import (
    BadBody,
    has_bad_text,
    json_body,
    json_request_body,
    validation_errors,
)

from ..carta import documents_to_bring
from ..ics import CONTENT_TYPE, appointment_ics, appointment_latest, ics_filename
from ..models import ACTIVE_APPOINTMENT, Appointment
from ..services.booking import (
    BookingConflict,
    LevelTooLow,
    appointment_book,
    appointment_cancel,
    appointment_code_normalise,
    appointment_reschedule,
)
from . import present
from .common import (
    FIELD_MAP,
    IDEMPOTENCY_HEADER,
    MAX_KEY,
    MAX_OFFSET,
    MAX_PER_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    no_store,
    problem,
    router,
)
from .schemas import (
    AppointmentList,
    AppointmentOut,
    BookIn,
    RescheduleIn,
    StatusCode,
)


def _key(request: HttpRequest) -> str | Status:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > MAX_KEY:
        return problem(400, _("Envie o cabeçalho Idempotency-Key (até 80 caracteres)."))
    if not key.isprintable():
        return problem(400, _("O cabeçalho Idempotency-Key tem um caractere inválido."))
    return key


def _appointments(user):
    return Appointment.objects.filter(person=user).select_related(*present.APPOINTMENT_RELATED)


def _mine(request: HttpRequest, codigo: str) -> Appointment:
    code = appointment_code_normalise(codigo[:20]) if not has_bad_text(codigo) else None
    found = _appointments(caller_of(request).user).filter(code=code).first() if code else None
    if found is None:
        raise Http404(_("Agendamento não encontrado."))
    return found


def _reload(appointment: Appointment) -> Appointment:
    return _appointments(appointment.person_id).get(pk=appointment.pk)


def _booking_problem(exc: ValidationError) -> Status:
    """409 when the time filled up (or the key was used for another time), 422 otherwise."""
    errors = validation_errors(exc, field_map=FIELD_MAP)
    if isinstance(exc, BookingConflict):
        return problem(409, " ".join(exc.messages), errors)
    if any(error["field"] == "Idempotency-Key" for error in errors):
        return problem(409, " ".join(exc.messages), errors)
    return problem(422, " ".join(exc.messages), errors)


@router.post(
    "/agendamento/agendamentos",
    response={200: AppointmentOut, 201: AppointmentOut, **WRITE_ERRORS},
    summary="Agendar",
    description="Marca o horário `slot_id` para a pessoa do token. O cabeçalho Idempotency-Key é "
    "obrigatório: a mesma chave devolve o mesmo agendamento (200). 409 quando o horário acabou de "
    "lotar (escolha outro); 422 para horário passado, fora da janela ou da antecedência mínima, "
    "limite por pessoa atingido ou prioridade desconhecida; 403 quando a entrada no MT Login está "
    "abaixo do nível que o serviço pede.",
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER], **json_request_body(BookIn, required=True)},
    url_name="agendamento_agendar",
)
def book(request: HttpRequest, response: HttpResponse):
    caller = caller_of(request)
    key = _key(request)
    if isinstance(key, Status):
        return key
    try:
        body = json_body(request, BookIn, required=True)
    except BadBody as exc:
        return problem(exc.status, exc.detail, exc.errors)
    # No look-up first: appointment_book answers a repeated key with its first booking.
    try:
        with api_context(caller):
            item, created = appointment_book(
                person=caller.user,
                slot_id=body.slot_id,
                priority=body.priority,
                idempotency_key=key,
                session_level=caller.session_level,
            )
    except LevelTooLow as exc:
        return problem(403, " ".join(exc.messages))
    except ValidationError as exc:
        return _booking_problem(exc)
    # A new booking carries its slot, unit and service already: no second read.
    out = (
        present.appointment(request, item, fresh=True)
        if created
        else present.appointment(request, _reload(item))
    )
    no_store(response)
    if created:
        response["Location"] = out["url"]
    return Status(201 if created else 200, out)


class AppointmentListQuery(Schema):
    situacao: StatusCode | None = Field(None, description="Só agendamentos nesta situação")
    proximos: bool = Field(
        False, description="Só os que ainda vão acontecer (marcados, presentes, em atendimento)"
    )
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Quantos itens (1 a 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quantos itens pular")


@router.get(
    "/agendamento/agendamentos",
    response={200: AppointmentList, **READ_ERRORS},
    summary="Meus agendamentos",
    description="Os agendamentos da pessoa do token, do mais próximo ao mais distante no tempo.",
    url_name="agendamento_meus",
)
def list_mine(request: HttpRequest, response: HttpResponse, params: Query[AppointmentListQuery]):
    items = _appointments(caller_of(request).user)
    if params.situacao:
        items = items.filter(status=params.situacao)
    if params.proximos:
        items = items.filter(Q(status__in=ACTIVE_APPOINTMENT), starts_at__gte=timezone.now())
    items = items.order_by("starts_at", "id")
    total = items.count()
    page = list(items[params.offset : params.offset + params.limit]) if total > params.offset else []
    documents: dict = {}
    no_store(response)
    return {
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "items": [present.appointment(request, item, documents=documents) for item in page],
    }


@router.get(
    "/agendamento/agendamentos/{codigo}",
    response={200: AppointmentOut, **READ_ERRORS},
    summary="Um agendamento",
    description="Código, situação, dia e hora, unidade ou sala de vídeo, documentos para levar e até "
    "quando pode cancelar ou remarcar. 404 para o código de outra pessoa.",
    url_name="agendamento_detalhe",
)
def get_one(request: HttpRequest, response: HttpResponse, codigo: str):
    no_store(response)
    return present.appointment(request, _mine(request, codigo))


@router.post(
    "/agendamento/agendamentos/{codigo}/cancelamento",
    response={200: AppointmentOut, **WRITE_ERRORS},
    summary="Cancelar",
    description="Cancela o agendamento e libera o horário. Só até o limite de antecedência do serviço "
    "(`change_deadline`); depois, 409 com o telefone da unidade.",
    url_name="agendamento_cancelar",
)
def cancel(request: HttpRequest, response: HttpResponse, codigo: str):
    caller = caller_of(request)
    item = _mine(request, codigo)
    try:
        with api_context(caller):
            item = appointment_cancel(actor=caller.user, appointment=item)
    except ValidationError as exc:
        return problem(409, " ".join(exc.messages), validation_errors(exc))
    no_store(response)
    return Status(200, present.appointment(request, _reload(item)))


@router.post(
    "/agendamento/agendamentos/{codigo}/remarcacao",
    response={200: AppointmentOut, 201: AppointmentOut, **WRITE_ERRORS},
    summary="Remarcar",
    description="Troca o horário por `slot_id` (do mesmo serviço, em qualquer unidade): um novo "
    "agendamento, com novo código, substitui este (que fica como remarcado). Idempotency-Key "
    "obrigatório: a mesma chave devolve o novo agendamento (200). 409 quando o horário lotou ou o "
    "prazo para remarcar terminou; 422 para horário inválido.",
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER], **json_request_body(RescheduleIn, required=True)},
    url_name="agendamento_remarcar",
)
def reschedule(request: HttpRequest, response: HttpResponse, codigo: str):
    caller = caller_of(request)
    item = _mine(request, codigo)
    key = _key(request)
    if isinstance(key, Status):
        return key
    try:
        body = json_body(request, RescheduleIn, required=True)
    except BadBody as exc:
        return problem(exc.status, exc.detail, exc.errors)
    repeated = _appointments(caller.user).filter(idempotency_key=key, rescheduled_from=item).first()
    if repeated is not None and repeated.slot_id == body.slot_id:
        no_store(response)
        return Status(200, present.appointment(request, repeated))
    try:
        with api_context(caller):
            new = appointment_reschedule(
                person=caller.user,
                appointment=item,
                slot_id=body.slot_id,
                idempotency_key=key,
                session_level=caller.session_level,
            )
    except LevelTooLow as exc:
        return problem(403, " ".join(exc.messages))
    except BookingConflict as exc:
        return _booking_problem(exc)
    except ValidationError as exc:
        errors = validation_errors(exc, field_map=FIELD_MAP)
        if {e["field"] for e in errors} & set(FIELD_MAP.values()):
            return _booking_problem(exc)
        # the appointment's own state (not booked any more, past the notice limit): a conflict
        return problem(409, " ".join(exc.messages), errors)
    out = present.appointment(request, _reload(new))
    no_store(response)
    response["Location"] = out["url"]
    return Status(201, out)


@router.get(
    "/agendamento/agendamentos/{codigo}/agendamento.ics",
    response={200: None, **READ_ERRORS},
    summary="Arquivo de agenda (.ics)",
    description="O agendamento em iCalendar (RFC 5545), para a agenda do celular: alarme na véspera; "
    "cancelado, o arquivo traz METHOD:CANCEL. De um agendamento remarcado, o do novo horário.",
    openapi_extra={
        "responses": {
            200: {
                "description": "Arquivo iCalendar",
                "content": {"text/calendar": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    url_name="agendamento_ics",
)
def calendar_file(request: HttpRequest, codigo: str):
    item = appointment_latest(_mine(request, codigo))
    content = appointment_ics(appointment=item, documents=documents_to_bring(service=item.offering.service))
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(item)}"'
    response["X-Content-Type-Options"] = "nosniff"
    no_store(response)
    return response
