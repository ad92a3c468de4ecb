"""The request form of a service, as its agency's editors build it without code: an ordered list
of typed fields, validated with pydantic and stored as one immutable JSON document per published
version (a request keeps the version it was made with).

Once-only (Lei 13.460 art. 5 XV; Lei 14.129 art. 21): a field may name a `prefill` source
(`person.email`, `company.cnpj`, …, see prefill.py); when the platform knows the value it is
shown, not asked again.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FieldType = Literal[
    "text",
    "textarea",
    "number",
    "date",
    "cpf",
    "cnpj",
    "cep",
    "email",
    "phone",
    "choice",
    "multichoice",
    "yesno",
    "file",
]

FIELD_TYPE_LABELS: dict[str, str] = {
    "text": "Texto curto",
    "textarea": "Texto longo",
    "number": "Número",
    "date": "Data",
    "cpf": "CPF",
    "cnpj": "CNPJ",
    "cep": "Endereço (com CEP)",
    "email": "E-mail",
    "phone": "Telefone",
    "choice": "Escolha única",
    "multichoice": "Múltipla escolha",
    "yesno": "Sim ou não",
    "file": "Arquivo",
}

# File kinds a field may accept, detected by content (see documents.py), never by extension.
FileKind = Literal["pdf", "jpeg", "png", "webp", "odt", "docx"]
FILE_KIND_LABELS = {
    "pdf": "PDF",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
    "odt": "ODT",
    "docx": "DOCX",
}
MAX_FILE_MB = 20
MAX_FIELDS = 60
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Choice(_Strict):
    value: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    label: str = Field(min_length=1, max_length=200)


class FieldSpec(_Strict):
    key: str = Field(pattern=KEY_PATTERN, description="Nome interno do campo")
    type: FieldType
    label: str = Field(min_length=1, max_length=200)
    help_text: str = Field(default="", max_length=500)
    required: bool = True
    # Validation rules, by type: lengths for text; bounds for number and date; counts for
    # multichoice and files.
    min_length: int | None = Field(default=None, ge=0, le=10000)
    max_length: int | None = Field(default=None, ge=1, le=10000)
    min_value: Decimal | None = Field(default=None, ge=-(10**12), le=10**12)
    max_value: Decimal | None = Field(default=None, ge=-(10**12), le=10**12)
    decimal_places: int = Field(default=0, ge=0, le=4)
    min_date: date | None = None
    max_date: date | None = None
    no_future_dates: bool = False
    no_past_dates: bool = False
    choices: list[Choice] = Field(default_factory=list, max_length=100)
    max_selected: int | None = Field(default=None, ge=1, le=100)
    file_kinds: list[FileKind] = Field(default_factory=list, max_length=6)
    max_file_mb: int = Field(default=10, ge=1, le=MAX_FILE_MB)
    max_files: int = Field(default=1, ge=1, le=10)
    prefill: str = Field(default="", max_length=60, pattern=r"^([a-z_]+\.[a-z_]+)?$")

    @model_validator(mode="after")
    def _check(self) -> FieldSpec:
        if self.type in ("choice", "multichoice"):
            if len(self.choices) < 2:
                raise ValueError("um campo de escolha precisa de pelo menos duas opções")
            values = [c.value for c in self.choices]
            if len(set(values)) != len(values):
                raise ValueError("as opções precisam ter códigos diferentes")
        elif self.choices:
            raise ValueError("só campos de escolha têm opções")
        if self.type == "file" and not self.file_kinds:
            raise ValueError("informe os tipos de arquivo aceitos")
        if self.type != "file" and self.file_kinds:
            raise ValueError("só campos de arquivo têm tipos de arquivo")
        if self.min_length is not None and self.max_length is not None and self.min_length > self.max_length:
            raise ValueError("o tamanho mínimo não pode ser maior que o máximo")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValueError("o valor mínimo não pode ser maior que o máximo")
        if self.min_date and self.max_date and self.min_date > self.max_date:
            raise ValueError("a data mínima não pode ser posterior à máxima")
        if self.no_future_dates and self.no_past_dates:
            raise ValueError("escolha só uma das regras de data (sem datas futuras ou sem datas passadas)")
        if self.prefill:
            # Local import: prefill knows the sources; the spec only names one.
            from .prefill import prefill_source_types

            allowed = prefill_source_types().get(self.prefill)
            if allowed is None:
                raise ValueError("a origem do preenchimento automático não existe")
            if self.type not in allowed:
                raise ValueError("a origem do preenchimento automático não combina com o tipo do campo")
        return self


class FormSpec(_Strict):
    fields: list[FieldSpec] = Field(default_factory=list, max_length=MAX_FIELDS)

    @field_validator("fields")
    @classmethod
    def _unique_keys(cls, fields: list[FieldSpec]) -> list[FieldSpec]:
        keys = [f.key for f in fields]
        if len(set(keys)) != len(keys):
            raise ValueError("cada campo precisa de um nome interno diferente")
        return fields

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def file_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.type == "file"]

    @property
    def prefill_keys(self) -> frozenset[str]:
        """The prefill keys the form uses (what prefill.prefill_values needs to fetch)."""
        return frozenset(f.prefill for f in self.fields if f.prefill)


def slug_key(label: str) -> str:
    """A field key from its label: 'Número do RENAVAM' -> 'numero_do_renavam'."""
    from plataforma.common.text import fold

    key = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:40] or "campo"
    return key if key[0].isalpha() else f"c_{key}"[:40]
