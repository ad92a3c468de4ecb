"""Output schemas of the public JSON API (explicit, pydantic). Field names are in English, like
the catalogue's content model (content.py); paths and query parameters are in Portuguese, like the
public site. The gov.br export (/govbr/servicos.json) uses the federal model's Portuguese names."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from plataforma.catalog.content import AudienceCode, ChannelType, LoginLevel, TimeKind, TimeUnit


class ErrorOut(Schema):
    detail: str = Field(description="Mensagem em português")


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class AgencyRef(Schema):
    slug: str
    name: str
    acronym: str


class AgencyContact(AgencyRef):
    website: str
    ombudsman_email: str
    ombudsman_phone: str
    ombudsman_url: str


class AgencyOut(AgencyContact):
    cnpj: str
    administration: Literal["direta", "indireta"]
    legal_nature: str
    description: str
    is_active: bool
    published_services: int = Field(
        validation_alias="service_count", description="Serviços publicados na Carta"
    )


class CategoryRef(Schema):
    slug: str
    name: str


class CategoryOut(CategoryRef):
    description: str
    published_services: int = Field(validation_alias="service_count", description="Serviços publicados")


class AudienceOut(Schema):
    code: AudienceCode
    label: str


class UnitOut(Schema):
    id: str
    agency: str = Field(description="Endereço (slug) do órgão")
    name: str
    address: str = Field(description="Endereço completo, pronto para exibir")
    street: str
    number: str
    complement: str
    district: str
    city: str
    state: str
    postal_code: str
    opening_hours: str
    phone: str
    email: str
    accessibility: str


class TimeOut(Schema):
    kind: TimeKind
    min: int | None
    max: int | None
    unit: TimeUnit | None
    text: str = Field(description="O prazo por extenso, por exemplo “Até 15 dias úteis”")


class ValidityOut(Schema):
    kind: Literal["nao-se-aplica", "indeterminada", "determinada"]
    quantity: int | None
    unit: Literal["dias", "meses", "anos"] | None
    text: str


class CostOut(Schema):
    description: str
    value: str | None = Field(description="Valor em reais, decimal com ponto (por exemplo “95.00”)")
    variable: bool


class ChannelOut(Schema):
    type: ChannelType
    type_label: str
    description: str
    address: str
    estimated_wait: TimeOut | None


class StepOut(Schema):
    title: str
    description: str
    documents: list[str]
    costs: list[CostOut]
    channels: list[ChannelOut]


class RequesterOut(Schema):
    type: str
    requirements: str


class LegislationOut(Schema):
    title: str
    url: str | None


class ContentOut(Schema):
    """The whole Carta content of the published version (Lei 13.460 art. 7 §§2-3)."""

    name: str
    acronym: str
    popular_names: list[str]
    description: str
    audiences: list[AudienceCode]
    categories: list[str]
    requesters: list[RequesterOut]
    steps: list[StepOut]
    total_time: TimeOut
    is_free: bool
    document_validity: ValidityOut
    is_digital: bool
    digital_url: str | None
    min_login_level: LoginLevel
    priority_treatment: str
    expected_wait: str
    communication_channels: str
    manifestation_handling: str
    status_consultation: str
    accessibility_conditions: str
    legislation: list[LegislationOut]
    keywords: list[str]


class ServiceSummary(Schema):
    slug: str
    name: str
    acronym: str
    summary: str
    agency: AgencyRef
    is_digital: bool
    is_free: bool
    published_at: datetime | None
    api_url: str
    page_url: str


class ServiceDetail(Schema):
    slug: str
    name: str
    acronym: str
    summary: str
    agency: AgencyContact
    audiences: list[AudienceOut]
    categories: list[CategoryRef]
    units: list[UnitOut]
    is_digital: bool
    is_free: bool
    min_login_level: LoginLevel
    version: int = Field(description="Número da versão publicada")
    published_at: datetime | None
    last_reviewed_at: datetime | None
    review_overdue: bool = Field(description="Revisão periódica atrasada (Lei 13.460 art. 7 §4)")
    page_url: str
    api_url: str
    content: ContentOut


class ServiceList(Schema):
    total: int
    limit: int
    offset: int
    items: list[ServiceSummary]
    suggestions: list[str] = Field(description="“Você quis dizer …”, quando nada foi encontrado")


class AgencyList(Schema):
    total: int
    limit: int
    offset: int
    items: list[AgencyOut]


class CategoryList(Schema):
    total: int
    limit: int
    offset: int
    items: list[CategoryOut]


class UnitList(Schema):
    total: int
    limit: int
    offset: int
    items: list[UnitOut]


class CatalogueExport(Schema):
    generated_at: datetime
    total: int
    items: list[ServiceDetail]
