"""Input and output schemas of the ouvidoria API: JSON field names in English, paths in Portuguese
(like the rest of /api/v1/). Every response is declared, so Schemathesis can check the contract."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt, field_validator

from ..models import Channel, Kind, Status
from ..models.manifestations import TEXT_MAX_LENGTH, ArchiveReason

KindCode = Literal["reclamacao", "denuncia", "sugestao", "elogio", "solicitacao", "simplifique"]
StatusCode = Literal[
    "recebida", "em_analise", "encaminhada", "aguardando_usuario", "em_decisao", "concluida", "arquivada"
]
ChannelCode = Literal["internet", "aplicativo", "presencial", "telefone", "email", "carta"]
ArchiveCode = Literal[
    "", "duplicada", "informacoes_insuficientes", "sem_resposta_usuario", "fora_de_competencia", "desistencia"
]
assert set(KindCode.__args__) == set(Kind.values)  # noqa: S101 - kept in step with the model
assert set(StatusCode.__args__) == set(Status.values)  # noqa: S101
assert set(ChannelCode.__args__) == set(Channel.values)  # noqa: S101
assert set(ArchiveCode.__args__) - {""} == set(ArchiveReason.values)  # noqa: S101

PROTOCOL_PATTERN = r"^\s*\d{4}\.[A-Za-z0-9]{1,12}\.\d{6,}-\d\s*$"


class OmbudsmanFieldError(Schema):
    field: str = Field(description="Campo (ou '__all__' para o todo)")
    message: str


class OmbudsmanError(Schema):
    detail: str = Field(description="Mensagem em português")
    errors: list[OmbudsmanFieldError] = Field(default_factory=list, description="Erros por campo, quando há")


class OmbudsmanValidationError(Schema):
    detail: str
    errors: list[OmbudsmanFieldError]


class LodgeIn(Schema):
    kind: KindCode = Field(description="Tipo de manifestação")
    title: str = Field(min_length=1, max_length=200, description="Resumo em uma frase")
    description: str = Field(
        min_length=1,
        max_length=TEXT_MAX_LENGTH,
        description=f"Relato, guardado inteiro (até {TEXT_MAX_LENGTH} caracteres; acima disso, 422 "
        "e nada é gravado)",
    )
    agency: str | None = Field(
        None,
        max_length=40,
        pattern=r"^[a-z0-9-]+$",
        description="Órgão (slug, como em /orgaos); vazio se não souber",
    )
    service: str | None = Field(
        None,
        max_length=220,
        pattern=r"^[a-z0-9-]+$",
        description="Serviço da Carta (slug), se a manifestação for sobre um",
    )
    facts_location: str = Field("", max_length=300, description="Local dos fatos (opcional)")
    facts_date: date | None = Field(None, description="Data dos fatos (opcional, AAAA-MM-DD)")
    anonymous: StrictBool = Field(
        False,
        description="Anônima: não fica ligada à pessoa do token; acompanhe com o protocolo e o `access_code` "
        "devolvido só nesta resposta",
    )
    identity_consent: StrictBool = Field(
        False, description="Autoriza a ouvidoria a informar nome e contato à área responsável, se preciso"
    )

    @field_validator("facts_date", mode="before")
    @classmethod
    def _date_as_text(cls, value):
        """JSON has no date type: only "AAAA-MM-DD" text (a number is not a date here)."""
        if value is not None and not isinstance(value, str | date):
            raise ValueError("Informe a data como AAAA-MM-DD.")
        return value


class TextIn(Schema):
    text: str = Field(
        min_length=1, max_length=TEXT_MAX_LENGTH, description="Resposta ao pedido de informações"
    )


class RateIn(Schema):
    resolved: StrictBool = Field(description="A manifestação foi resolvida?")
    satisfaction: StrictInt = Field(ge=1, le=5, description="Satisfação com a resposta, de 1 a 5")
    comment: str = Field("", max_length=1000, description="Comentário (opcional)")


class ReopenIn(Schema):
    reason: str = Field(min_length=1, max_length=TEXT_MAX_LENGTH, description="Por que reabrir")


class AccessIn(Schema):
    protocol: str = Field(min_length=1, max_length=40, description="Protocolo, por exemplo 2026.OUV.000123-4")
    access_code: str = Field(
        min_length=1, max_length=40, description="Código de acesso (16 caracteres, com ou sem hífens)"
    )


class AccessTextIn(AccessIn):
    text: str = Field(min_length=1, max_length=TEXT_MAX_LENGTH)


class AccessRateIn(AccessIn):
    resolved: StrictBool
    satisfaction: StrictInt = Field(ge=1, le=5)
    comment: str = Field("", max_length=1000)


class AccessReopenIn(AccessIn):
    reason: str = Field(min_length=1, max_length=TEXT_MAX_LENGTH)


class OuvidoriaAgencyBrief(Schema):
    slug: str
    acronym: str
    name: str


class OuvidoriaServiceBrief(Schema):
    slug: str
    name: str


class ManifestationAnswerOut(Schema):
    cycle: int
    kind: Literal["resposta", "arquivamento"]
    text: str
    answered_at: datetime
    authentication_code: str = Field(description="Código para conferir em /autenticidade/")


class ManifestationRatingOut(Schema):
    resolved: bool
    satisfaction: int
    comment: str


class ManifestationEventOut(Schema):
    at: datetime
    action: str = Field(description="Chave do passo (lodged, analysis_started, forwarded, info_requested, …)")
    label: str
    actor_role: Literal["usuario", "ouvidoria", "area", "sistema"]
    note: str


class ManifestationOut(Schema):
    protocol: str
    kind: KindCode
    kind_label: str
    channel: ChannelCode
    status: StatusCode
    status_label: str
    title: str
    description: str
    agency: OuvidoriaAgencyBrief | None = Field(description="Vazio enquanto a Ouvidoria-Geral indica o órgão")
    service: OuvidoriaServiceBrief | None
    anonymous: bool
    identity_consent: bool
    received_at: datetime
    answer_due_at: datetime = Field(
        description="Prazo de resposta em vigor (30 dias, prorrogável uma vez por 30)"
    )
    answer_extended: bool
    extension_reason: str = Field(description="Justificativa da prorrogação, quando houve")
    clock_suspended: bool = Field(description="O prazo está suspenso enquanto a ouvidoria espera a pessoa")
    pending_question: str = Field(description="O que a ouvidoria pergunta (situação aguardando_usuario)")
    user_reply_due_at: datetime | None
    concluded_at: datetime | None
    archive_reason: ArchiveCode
    reopen_count: int
    reopen_until: datetime | None = Field(description="Até quando pode reabrir")
    can_reply: bool
    can_rate: bool
    can_reopen: bool
    answers: list[ManifestationAnswerOut]
    rating: ManifestationRatingOut | None
    timeline: list[ManifestationEventOut]
    receipt_code: str = Field(description="Código de autenticação do comprovante")
    web_url: str


class LodgedOut(ManifestationOut):
    access_code: str | None = Field(
        description="Código de acesso, mostrado só nesta resposta, quando a manifestação não fica "
        "ligada a uma conta "
        "(anônima). Guarde-o: a plataforma não consegue recuperá-lo."
    )


class ManifestationBrief(Schema):
    protocol: str
    kind: KindCode
    kind_label: str
    status: StatusCode
    status_label: str
    title: str
    agency: OuvidoriaAgencyBrief | None
    service: OuvidoriaServiceBrief | None
    received_at: datetime
    answer_due_at: datetime
    concluded_at: datetime | None


class ManifestationList(Schema):
    total: int
    limit: int
    offset: int
    items: list[ManifestationBrief]
