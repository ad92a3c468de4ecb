"""Input and output schemas of the scheduling API: JSON field names in English, paths and query
parameters in Portuguese (like the rest of /api/v1/). Every response is declared, so the OpenAPI
document is a contract Schemathesis can check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from ..models import AppointmentStatus, Mode, Priority

ModeCode = Literal["presencial", "video", "telefone"]
StatusCode = Literal["agendado", "cancelado", "remarcado", "presente", "em_atendimento", "atendido", "faltou"]
PriorityCode = Literal[
    "", "idoso80", "idoso60", "gestante", "lactante", "crianca_colo", "deficiencia", "tea", "obesidade"
]
assert set(ModeCode.__args__) == set(Mode.values)  # noqa: S101 - kept in step with the model
assert set(StatusCode.__args__) == set(AppointmentStatus.values)  # noqa: S101
assert set(PriorityCode.__args__) == set(Priority.values)  # noqa: S101

# Own error shapes (same JSON as the rest of /api/v1/), under names of their own: two schemas with
# one name would clash in the OpenAPI document.


class SchedulingFieldError(Schema):
    field: str = Field(description="Campo (ou '__all__' para o todo)")
    message: str


class SchedulingError(Schema):
    detail: str = Field(description="Mensagem em português")
    errors: list[SchedulingFieldError] = Field(default_factory=list, description="Erros por campo, quando há")


class SchedulingValidationError(Schema):
    detail: str
    errors: list[SchedulingFieldError]


class ServiceBrief(Schema):
    slug: str
    name: str
    agency: str = Field(description="Sigla do órgão")
    min_login_level: Literal["bronze", "prata", "ouro"] = Field(description="Nível do MT Login para agendar")


class Point(Schema):
    latitude: float
    longitude: float


class BookingUnit(Schema):
    name: str
    address: str
    city: str
    phone: str
    email: str
    opening_hours: str = Field(description="Horário de atendimento, como publicado na Carta")
    accessibility: str
    latitude: float | None
    longitude: float | None


class Rules(Schema):
    duration_minutes: int
    min_notice_hours: int = Field(description="Antecedência mínima para agendar, cancelar ou remarcar")
    horizon_days: int = Field(description="Até quantos dias à frente a agenda está aberta")
    per_person_limit: int = Field(description="Agendamentos ativos por pessoa para este serviço")


class DayFree(Schema):
    day: date
    free_slots: int = Field(description="Horários com vaga neste dia")


class OfferingAvailability(Schema):
    offering_id: str = Field(description="Identificador da oferta (unidade, serviço e forma de atendimento)")
    mode: ModeCode
    mode_label: str
    unit: BookingUnit
    distance_km: float | None = Field(description="Distância em linha reta até o ponto pedido")
    first_free: datetime | None = Field(description="Primeiro horário livre no período")
    rules: Rules
    days: list[DayFree]


class AvailabilityOut(Schema):
    service: ServiceBrief
    start: date
    days: int
    near: Point | None = Field(description="Ponto usado para ordenar (perto, cep, cidade)")
    near_city: str | None = Field(
        None, description="Município usado para ordenar (de `cep` ou `cidade`); null com `perto` ou sem eles"
    )
    documents: list[str] = Field(description="Documentos para levar, da Carta de Serviços")
    offerings: list[OfferingAvailability]


class SlotOut(Schema):
    slot_id: int = Field(description="Use no agendamento")
    starts_at: datetime
    ends_at: datetime
    free: int = Field(description="Vagas livres neste horário")


class DaySlotsOut(Schema):
    offering_id: str
    day: date
    slots: list[SlotOut]


class BookIn(Schema):
    slot_id: int = Field(ge=1, le=2**63 - 1, description="Horário escolhido (slot_id)")
    priority: PriorityCode = Field(
        "", description="Prioridade legal declarada (conferida na unidade com documento); vazio se nenhuma"
    )


class RescheduleIn(Schema):
    slot_id: int = Field(ge=1, le=2**63 - 1, description="Novo horário (do mesmo serviço)")


class AppointmentOut(Schema):
    code: str = Field(description="Código do agendamento (8 caracteres; mostre como XXXX-XXXX)")
    code_display: str
    status: StatusCode
    status_label: str
    priority: PriorityCode
    starts_at: datetime
    ends_at: datetime
    mode: ModeCode
    mode_label: str
    service: ServiceBrief
    agency_name: str
    unit: BookingUnit
    meeting_url: str = Field(description="Sala de vídeo (só no atendimento por vídeo)")
    documents: list[str] = Field(description="Documentos para levar")
    can_change: bool = Field(description="Se ainda pode cancelar ou remarcar pela API")
    change_deadline: datetime = Field(description="Até quando pode cancelar ou remarcar")
    rescheduled_from: str | None = Field(description="Código do agendamento que este substituiu")
    rescheduled_to: str | None = Field(description="Código do agendamento que substituiu este")
    created_at: datetime
    url: str = Field(description="Endereço deste agendamento na API")
    ics_url: str = Field(description="Arquivo iCalendar (.ics) para a agenda do celular")
    web_url: str = Field(description="Página do agendamento no portal")


class AppointmentList(Schema):
    total: int
    limit: int
    offset: int
    items: list[AppointmentOut]
