"""Input and output schemas of the requests API. JSON field names in English, like the catalogue
API; paths and query parameters in Portuguese. Every response the endpoints give is declared, so
the OpenAPI document is a contract a tool (Schemathesis) can check."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from ..formspec import FieldType, FileKind
from ..workflow import Status

StatusCode = Literal[
    "aguardando_pagamento", "em_andamento", "pendente", "deferida", "indeferida", "cancelada"
]
assert set(StatusCode.__args__) == set(Status.values)  # noqa: S101 - kept in step with the model

# Own copies of the catalogue API's error and agency shapes (same JSON), under other names: this
# package must not import plataforma.catalog.api, whose NinjaAPI mounts this router (an import
# cycle), and two schemas with one name would clash in the OpenAPI document.


class RequestError(Schema):
    detail: str = Field(description="Mensagem em português")


class RequestFieldError(Schema):
    field: str = Field(description="Chave do campo (endereço: <key>.<parte>; '__all__' para o todo)")
    message: str


class RequestValidationError(Schema):
    detail: str
    errors: list[RequestFieldError]


class RequestBadRequest(Schema):
    detail: str = Field(description="Mensagem em português")
    errors: list[RequestFieldError] = Field(default_factory=list, description="Erros por campo, quando há")


class AgencyBrief(Schema):
    slug: str
    name: str
    acronym: str


class ServiceRef(Schema):
    slug: str
    name: str


class CompanyRef(Schema):
    cnpj: str = Field(description="CNPJ, só números")
    name: str = Field(description="Razão social")


class RequestSummary(Schema):
    protocol: str = Field(description="Número de protocolo, por exemplo 2026.DETRANMT.000123-7")
    service: ServiceRef
    agency: AgencyBrief
    company: CompanyRef | None = Field(description="Empresa em nome da qual o pedido foi feito")
    status: StatusCode = Field(description="Situação, comum a todos os serviços")
    status_label: str
    state: str = Field(description="Etapa do fluxo do serviço (código)")
    state_label: str
    submitted_at: datetime
    due_at: datetime | None = Field(description="Prazo prometido na Carta (parado enquanto espera você)")
    concluded_at: datetime | None
    answer_due_at: datetime | None = Field(description="Prazo para responder à pergunta do órgão")
    url: str = Field(description="Endereço desta solicitação na API")


class RequestList(Schema):
    total: int
    limit: int
    offset: int
    items: list[RequestSummary]


class AttachmentOut(Schema):
    id: str
    name: str
    content_type: str
    size: int = Field(description="Tamanho em bytes")
    field: str = Field(description="Campo do formulário ('' para anexos de etapas)")
    download_url: str


class AnswerOut(Schema):
    key: str
    label: str
    type: FieldType
    value: Any = Field(
        description="A resposta. Campos de arquivo: a lista de ids dos anexos. Endereço: um objeto."
    )


class ActionOut(Schema):
    key: str
    label: str
    kind: Literal["resposta", "cancelamento", "outra"] = Field(
        description="resposta: POST …/resposta; cancelamento: POST …/cancelamento; outra: só no portal"
    )
    requires_note: bool
    note_label: str
    allows_attachments: bool


class EventOut(Schema):
    at: datetime
    action: str
    label: str
    role: str
    role_label: str
    state: str = Field(description="Etapa depois deste passo ('' quando não mudou)")
    state_label: str
    note: str
    attachments: list[str] = Field(description="Ids dos anexos deste passo")


class ReceiptOut(Schema):
    code: str = Field(description="Código de autenticação do comprovante")
    verification_url: str = Field(description="Página pública onde qualquer pessoa confere o comprovante")


class ChargeOut(Schema):
    amount: Decimal
    description: str
    status: Literal["pendente", "paga", "expirada", "cancelada"]
    br_code: str = Field(description="PIX copia e cola")
    expires_at: datetime
    paid_at: datetime | None


class RatingStepOut(Schema):
    step: str
    label: str


class RequestDetail(RequestSummary):
    state_description: str = Field(description="O que esta etapa significa para você")
    pending_question: str = Field(description="A pergunta do órgão, quando o pedido espera você")
    answers: list[AnswerOut]
    attachments: list[AttachmentOut]
    actions: list[ActionOut] = Field(description="O que você pode fazer agora")
    timeline: list[EventOut]
    receipt: ReceiptOut | None
    charge: ChargeOut | None = Field(description="A cobrança da taxa (PIX), quando há")
    rating_steps: list[RatingStepOut] = Field(description="Etapas que você ainda pode avaliar")


class RequestCreated(RequestSummary):
    """What a submission answers (201, or 200 for a repeated Idempotency-Key); the whole request
    — timeline, answers, actions — is at `url`."""

    attachments: list[AttachmentOut]
    receipt: ReceiptOut | None
    charge: ChargeOut | None = Field(description="A cobrança da taxa (PIX), quando há")


class ChoiceOut(Schema):
    value: str
    label: str


class FieldRules(Schema):
    min_length: int | None = None
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    decimal_places: int = 0
    min_date: date | None = None
    max_date: date | None = None
    no_future_dates: bool = False
    no_past_dates: bool = False
    max_selected: int | None = None
    file_kinds: list[FileKind] = []
    max_file_mb: int | None = None
    max_files: int | None = None


class FormFieldOut(Schema):
    key: str
    type: FieldType
    type_label: str
    label: str
    help_text: str
    required: bool
    rules: FieldRules
    choices: list[ChoiceOut]
    prefilled: bool = Field(
        description="O valor vem da plataforma e não é perguntado (Lei 13.460, art. 5º XV)"
    )
    value: Any = Field(description="O valor que a plataforma já tem (quando prefilled)")
    upload_part: str | None = Field(description="Nome da parte multipart para enviar arquivos deste campo")
    reuse_part: str | None = Field(description="Nome da parte multipart para reaproveitar documentos (ids)")


class DocumentOut(Schema):
    id: str
    name: str
    content_type: str
    size: int
    created_at: datetime


class FeeOut(Schema):
    amount: Decimal
    description: str
    payment_days: int


class FormOut(Schema):
    service: ServiceRef
    agency: AgencyBrief
    version: int
    min_login_level: Literal["bronze", "prata", "ouro"]
    session_level: str = Field(description="O nível da entrada que emitiu o seu token")
    level_ok: bool = Field(description="Falso quando o serviço pede um nível mais alto que o do token")
    fee: FeeOut | None
    fields: list[FormFieldOut]
    documents: list[DocumentOut] = Field(description="Documentos que você já guardou e pode reaproveitar")


class CancelIn(Schema):
    reason: str = Field("", max_length=5000, description="Motivo (opcional)")


class RatingIn(Schema):
    step: str = Field(max_length=40, description="Etapa a avaliar, de rating_steps (por exemplo conclusao)")
    score: int = Field(ge=1, le=5, description="Nota de 1 (muito insatisfeito) a 5 (muito satisfeito)")
    dimensions: dict[str, int | None] = Field(
        default_factory=dict,
        description="Notas de 1 a 5 das dimensões do gov.br: clareza, facilidade, canais, custo, "
        "disponibilidade, tempo, eficacia",
    )
    comment: str = Field("", max_length=1000)
    anonymous: bool = Field(False, description="Avaliar sem que a avaliação fique ligada a você")


class RatingOut(Schema):
    id: str
    step: str
    score: int
    anonymous: bool
    created_at: datetime
