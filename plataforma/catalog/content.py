"""The content of one version of a service: every item of Lei 13.460 art. 7 §2 and §3 and the
fields of the federal gov.br service model (API de Serviços), validated with pydantic.

A published version is an immutable snapshot of this document; the catalogue's tables carry
denormalised copies of what search and filters need (see services/workflow.py `_apply_published`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

TimeUnit = Literal["minutos", "horas", "dias", "dias-uteis", "meses"]
TimeKind = Literal["ate", "entre", "em-media", "imediato", "nao-estimado"]
ChannelType = Literal["web", "aplicativo-movel", "presencial", "telefone", "e-mail", "postal", "sms"]
LoginLevel = Literal["bronze", "prata", "ouro"]
AudienceCode = Literal["cidadao", "empresa", "servidor"]

TIME_UNIT_LABELS = {
    "minutos": ("minuto", "minutos"),
    "horas": ("hora", "horas"),
    "dias": ("dia", "dias"),
    "dias-uteis": ("dia útil", "dias úteis"),
    "meses": ("mês", "meses"),
}
CHANNEL_LABELS = {
    "web": "Internet",
    "aplicativo-movel": "Aplicativo",
    "presencial": "Presencial",
    "telefone": "Telefone",
    "e-mail": "E-mail",
    "postal": "Correios",
    "sms": "SMS",
}
LEVEL_LABELS = {"bronze": "Bronze", "prata": "Prata", "ouro": "Ouro"}

Text = Field(default="", max_length=5000)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class TimeEstimate(_Strict):
    """tempoTotalEstimado / tempoEstimadoEspera of the gov.br model."""

    kind: TimeKind = "nao-estimado"
    min: int | None = Field(default=None, ge=0, le=100000)
    max: int | None = Field(default=None, ge=0, le=100000)
    unit: TimeUnit | None = None

    @model_validator(mode="after")
    def _check(self) -> TimeEstimate:
        if self.kind in ("ate", "em-media") and (self.max is None or self.unit is None):
            raise ValueError("informe a quantidade e a unidade do prazo")
        if self.kind == "entre" and (
            self.min is None or self.max is None or self.unit is None or self.min > self.max
        ):
            raise ValueError("informe o mínimo, o máximo (maior ou igual ao mínimo) e a unidade do prazo")
        return self

    def __str__(self) -> str:
        def unit(n: int) -> str:
            singular, plural = TIME_UNIT_LABELS[self.unit or "dias"]
            return singular if n == 1 else plural

        if self.kind == "imediato":
            return "Atendimento imediato"
        if self.kind == "ate":
            return f"Até {self.max} {unit(self.max or 0)}"
        if self.kind == "em-media":
            return f"Em média {self.max} {unit(self.max or 0)}"
        if self.kind == "entre":
            return f"Entre {self.min} e {self.max} {unit(self.max or 0)}"
        return "Não estimado"


class Cost(_Strict):
    description: str = Field(min_length=1, max_length=300)
    value: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    variable: bool = False


class Channel(_Strict):
    type: ChannelType
    description: str = Field(default="", max_length=1000)
    address: str = Field(default="", max_length=500, description="URL, telefone, e-mail ou endereço do canal")
    estimated_wait: TimeEstimate | None = None


class Step(_Strict):
    title: str = Field(min_length=1, max_length=300)
    description: str = Text
    documents: list[str] = Field(default_factory=list, max_length=50)
    costs: list[Cost] = Field(default_factory=list, max_length=20)
    channels: list[Channel] = Field(default_factory=list, max_length=20)


class Requester(_Strict):
    type: str = Field(min_length=1, max_length=300)
    requirements: str = Text


class Legislation(_Strict):
    title: str = Field(min_length=1, max_length=300)
    url: HttpUrl | None = None


class DocumentValidity(_Strict):
    kind: Literal["nao-se-aplica", "indeterminada", "determinada"] = "nao-se-aplica"
    quantity: int | None = Field(default=None, ge=1, le=1000)
    unit: Literal["dias", "meses", "anos"] | None = None

    @model_validator(mode="after")
    def _check(self) -> DocumentValidity:
        if self.kind == "determinada" and (self.quantity is None or self.unit is None):
            raise ValueError("informe a quantidade e a unidade da validade do documento")
        return self

    def __str__(self) -> str:
        if self.kind == "indeterminada":
            return "Indeterminada"
        if self.kind == "determinada":
            return f"{self.quantity} {self.unit}"
        return "Não se aplica"


class ServiceContent(_Strict):
    # Art. 7 §2 I and gov.br: nome, sigla, nomesPopulares, descricao
    name: str = Field(min_length=3, max_length=200)
    acronym: str = Field(default="", max_length=30)
    popular_names: list[str] = Field(default_factory=list, max_length=20)
    description: str = Field(min_length=10, max_length=5000)
    audiences: list[AudienceCode] = Field(min_length=1)
    categories: list[str] = Field(default_factory=list, max_length=10)
    # Art. 7 §2 II: who may request, requirements; documents live in each step
    requesters: list[Requester] = Field(min_length=1, max_length=20)
    # Art. 7 §2 III and V: main steps, with their channels (how it is delivered)
    steps: list[Step] = Field(min_length=1, max_length=30)
    # Art. 7 §2 IV: maximum time
    total_time: TimeEstimate = TimeEstimate()
    is_free: bool = True
    document_validity: DocumentValidity = DocumentValidity()
    is_digital: bool = False
    digital_url: HttpUrl | None = None
    min_login_level: LoginLevel = "bronze"
    unit_ids: list[str] = Field(default_factory=list, max_length=200)
    # Art. 7 §3: quality commitments
    priority_treatment: str = Text  # I attendance priorities (Lei 10.048/2000)
    expected_wait: str = Text  # II expected waiting time
    communication_channels: str = Text  # III channels to talk to the user
    manifestation_handling: str = Text  # IV (and §2 VI) how manifestações are received and answered
    status_consultation: str = Text  # V how to consult the status of a service and a manifestação
    accessibility_conditions: str = Text
    legislation: list[Legislation] = Field(default_factory=list, max_length=30)
    keywords: list[str] = Field(default_factory=list, max_length=30)

    @field_validator("popular_names", "keywords", "categories")
    @classmethod
    def _clean_list(cls, values: list[str]) -> list[str]:
        seen: dict[str, None] = {}
        for v in values:
            v = v.strip()
            if len(v) > 100:
                raise ValueError("cada item pode ter no máximo 100 caracteres")
            if v:
                seen.setdefault(v, None)
        return list(seen)

    @field_validator("audiences")
    @classmethod
    def _unique_audiences(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))

    @model_validator(mode="after")
    def _check(self) -> ServiceContent:
        if self.is_digital and not self.digital_url:
            raise ValueError("serviço digital precisa do endereço onde é solicitado")
        has_cost = any(c.value or c.variable for s in self.steps for c in s.costs)
        if self.is_free and has_cost:
            raise ValueError("serviço gratuito não pode ter custos com valor; desmarque 'gratuito'")
        return self

    def channel_types(self) -> list[str]:
        return list(dict.fromkeys(ch.type for s in self.steps for ch in s.channels))
