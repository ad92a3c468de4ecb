"""build_request_form: one Django form field (or a group of them) per FieldSpec."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plataforma.common.documents import format_cnpj, format_cpf
from plataforma.common.fields import CNPJFormField, CPFFormField

from ..documents import KIND_CONTENT_TYPES, effective_max_mb, kinds_label
from ..formspec import FieldSpec, FormSpec
from .fields import (
    UFS,
    BrazilianDecimalField,
    CEPField,
    DocumentChoiceField,
    MultipleFileField,
    PhoneField,
    RuleDateField,
    format_cep,
    format_phone,
)

ADDRESS_PARTS: list[tuple[str, Any, bool, str]] = [
    # (part, label, required when the address is asked, autocomplete)
    ("cep", gettext_lazy("CEP"), True, "postal-code"),
    ("logradouro", gettext_lazy("Logradouro (rua, avenida…)"), True, "address-line1"),
    ("numero", gettext_lazy("Número"), True, "off"),
    ("complemento", gettext_lazy("Complemento"), False, "address-line2"),
    ("bairro", gettext_lazy("Bairro"), True, "address-level3"),
    ("municipio", gettext_lazy("Município"), True, "address-level2"),
    ("uf", gettext_lazy("Estado (UF)"), True, "address-level1"),
]
ADDRESS_KEYS = [part for part, *_rest in ADDRESS_PARTS]
_ADDRESS_ALIASES = {
    "postal_code": "cep",
    "street": "logradouro",
    "number": "numero",
    "complement": "complemento",
    "district": "bairro",
    "neighbourhood": "bairro",
    "city": "municipio",
    "state": "uf",
}
YES, NO = "sim", "nao"
TEXT_MAX = {"text": 200, "textarea": 5000}


def normalise_address(value: Any) -> dict[str, str] | None:
    """The address parts from a prefill source's dict (Portuguese or English keys)."""
    if not isinstance(value, dict):
        return None
    parts = {_ADDRESS_ALIASES.get(k, k): "" if v is None else str(v) for k, v in value.items()}
    address = {key: parts.get(key, "") for key in ADDRESS_KEYS}
    return address if any(address.values()) else None


def address_line(address: dict[str, str]) -> str:
    street = ", ".join(
        p for p in [address.get("logradouro"), address.get("numero"), address.get("complemento")] if p
    )
    place = "/".join(p for p in [address.get("municipio"), address.get("uf")] if p)
    tail = " — ".join(p for p in [address.get("bairro"), place] if p)
    cep = format_cep(address.get("cep", ""))
    return " — ".join(p for p in [street, tail, f"CEP {cep}" if cep else ""] if p)


def _display(spec: FieldSpec, value: Any) -> str:
    if spec.type == "cpf":
        return format_cpf(str(value))
    if spec.type == "cnpj":
        return format_cnpj(str(value))
    if spec.type == "phone":
        return format_phone(str(value))
    if spec.type == "cep":
        return address_line(normalise_address(value) or {})
    return str(value)


def _known_value(spec: FieldSpec, known: dict[str, Any]) -> Any:
    if not spec.prefill:
        return None
    value = known.get(spec.prefill)
    if spec.type == "cep":
        return normalise_address(value)
    if value in (None, "", [], {}):
        return None
    return value


@dataclass
class Item:
    """One thing to render: a single field, or a fieldset of parts (address, files)."""

    spec: FieldSpec
    kind: str  # "field" | "address" | "file"
    fields: list[Any] = field(default_factory=list)  # bound fields
    reuse: Any = None  # the bound "reuse a document" field of a file group, if any

    @property
    def main(self):
        return self.fields[0]

    @property
    def group_id(self) -> str:
        return f"grupo_{self.spec.key}"

    @property
    def errors(self) -> list[str]:
        return [e for bf in self.fields for e in bf.errors]


class RequestFormBase(forms.Form):
    """Base of every built form; `spec`, `prefilled` and `version` are set by the builder."""

    spec: FormSpec
    prefilled: dict[str, Any]
    version: Any = None
    template_name = "service_requests/widgets/request_form.html"

    # --- results -------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """JSON-safe answers of the non-file fields (after is_valid()). Prefilled fields hold the
        platform's value; a posted value for them is never read."""
        data: dict[str, Any] = {}
        for spec in self.spec.fields:
            if spec.type == "file":
                continue
            if spec.key in self.prefilled:
                value = self.prefilled[spec.key]
                data[spec.key] = dict(value) if isinstance(value, dict) else str(value)
                continue
            data[spec.key] = self._answer(spec)
        return data

    def _answer(self, spec: FieldSpec) -> Any:
        cleaned = self.cleaned_data
        if spec.type == "cep":
            address = {part: cleaned.get(f"{spec.key}-{part}") or "" for part in ADDRESS_KEYS}
            return address if any(address.values()) else None
        value = cleaned.get(spec.key)
        if spec.type == "yesno":
            return None if value in (None, "") else value == YES
        if isinstance(value, Decimal):
            return str(value.quantize(Decimal(1).scaleb(-spec.decimal_places)))
        if isinstance(value, date):
            return value.isoformat()
        if spec.type == "multichoice":
            return list(value or [])
        if value is None:
            return None if spec.type in ("number", "date") else ""
        return value

    def file_choices(self) -> dict[str, dict[str, list]]:
        """{field_key: {"uploads": [UploadedFile], "reuse": [Document]}} (after is_valid())."""
        return {
            spec.key: {
                "uploads": list(self.cleaned_data.get(spec.key) or []),
                "reuse": list(self.cleaned_data.get(f"{spec.key}-reuse") or []),
            }
            for spec in self.spec.file_fields
        }

    # --- cross-field rules ---------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for spec in self.spec.fields:
            if spec.key in self.prefilled:
                continue
            if spec.type == "cep" and not spec.required:
                self._check_optional_address(spec)
            if spec.type == "file" and spec.key not in self.errors:
                count = len(cleaned.get(spec.key) or []) + len(cleaned.get(f"{spec.key}-reuse") or [])
                if spec.required and count == 0:
                    self.add_error(
                        spec.key, _("Envie um arquivo ou escolha um dos documentos que você já tem.")
                    )
                elif count > spec.max_files:
                    self.add_error(
                        spec.key, _("Escolha no máximo %(n)s arquivo(s) neste campo.") % {"n": spec.max_files}
                    )
        return cleaned

    def _check_optional_address(self, spec: FieldSpec) -> None:
        values = {part: self.cleaned_data.get(f"{spec.key}-{part}") for part in ADDRESS_KEYS}
        if not any(values.values()):
            return
        for part, _label, required, _auto in ADDRESS_PARTS:
            name = f"{spec.key}-{part}"
            if required and not values[part] and name not in self.errors:
                self.add_error(name, _("Preencha esta parte do endereço ou deixe o endereço todo em branco."))

    # --- rendering -----------------------------------------------------------------------------

    def known_items(self) -> list[tuple[str, str]]:
        """(label, value) of what is not asked because the platform already knows it."""
        return [
            (spec.label, _display(spec, self.prefilled[spec.key]))
            for spec in self.spec.fields
            if spec.key in self.prefilled
        ]

    def items(self) -> list[Item]:
        result = []
        for spec in self.spec.fields:
            if spec.key in self.prefilled:
                continue
            if spec.type == "cep":
                result.append(Item(spec, "address", [self[f"{spec.key}-{p}"] for p in ADDRESS_KEYS]))
            elif spec.type == "file":
                reuse = self[f"{spec.key}-reuse"] if f"{spec.key}-reuse" in self.fields else None
                result.append(Item(spec, "file", [self[spec.key]], reuse=reuse))
            else:
                result.append(Item(spec, "field", [self[spec.key]]))
        return result


def _help(spec: FieldSpec, *extra: str) -> str:
    return " ".join(p for p in [spec.help_text, *extra] if p)


def _choices_field(spec: FieldSpec) -> forms.Field:
    choices = [(c.value, c.label) for c in spec.choices]
    if spec.type == "multichoice":
        hint = _("Escolha até %(n)s.") % {"n": spec.max_selected} if spec.max_selected else ""
        validators = []
        if spec.max_selected:
            from django.core.validators import MaxLengthValidator

            validators.append(
                MaxLengthValidator(spec.max_selected, message=_("Escolha no máximo %(limit_value)s opções."))
            )
        return forms.MultipleChoiceField(
            label=spec.label,
            required=spec.required,
            help_text=_help(spec, hint),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            validators=validators,
            error_messages={"required": _("Escolha pelo menos uma opção.")},
        )
    if len(choices) <= 5:
        widget: forms.Widget = forms.RadioSelect
    else:
        widget = forms.Select
        choices = [("", _("— escolha uma opção —")), *choices]
    return forms.ChoiceField(
        label=spec.label,
        required=spec.required,
        help_text=spec.help_text,
        choices=choices,
        widget=widget,
        error_messages={"required": _("Escolha uma opção.")},
    )


def _simple_field(spec: FieldSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    match spec.type:
        case "text" | "textarea":
            widget = forms.Textarea(attrs={"rows": 5}) if spec.type == "textarea" else forms.TextInput
            return forms.CharField(
                min_length=spec.min_length,
                max_length=spec.max_length or TEXT_MAX[spec.type],
                widget=widget,
                **common,
            )
        case "number":
            return BrazilianDecimalField(
                min_value=spec.min_value,
                max_value=spec.max_value,
                decimal_places=spec.decimal_places,
                max_digits=13 + spec.decimal_places,
                **common,
            )
        case "date":
            return RuleDateField(
                min_date=spec.min_date,
                max_date=spec.max_date,
                no_future=spec.no_future_dates,
                no_past=spec.no_past_dates,
                **common,
            )
        case "cpf":
            return CPFFormField(widget=forms.TextInput(attrs={"inputmode": "numeric"}), **common)
        case "cnpj":
            return CNPJFormField(**common)
        case "email":
            return forms.EmailField(max_length=254, **common)
        case "phone":
            return PhoneField(**common)
        case "yesno":
            return forms.TypedChoiceField(
                choices=[(YES, _("Sim")), (NO, _("Não"))],
                widget=forms.RadioSelect,
                empty_value=None,
                error_messages={"required": _("Responda sim ou não.")},
                **common,
            )
        case "choice" | "multichoice":
            return _choices_field(spec)
    raise ValueError(f"unknown field type {spec.type}")


def _address_fields(spec: FieldSpec, initial: dict[str, str] | None) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for part, label, required, autocomplete in ADDRESS_PARTS:
        kwargs: dict[str, Any] = {
            "label": label,
            "required": spec.required and required,
            "initial": (initial or {}).get(part) or None,
        }
        if part == "cep":
            fields[f"{spec.key}-{part}"] = CEPField(**kwargs)
        elif part == "uf":
            fields[f"{spec.key}-{part}"] = forms.ChoiceField(
                choices=[("", _("— escolha o estado —")), *UFS],
                widget=forms.Select(attrs={"autocomplete": autocomplete}),
                **kwargs,
            )
        else:
            max_length = {"numero": 20, "logradouro": 200}.get(part, 100)
            help_text = _("Se não houver número, escreva s/n.") if part == "numero" else ""
            fields[f"{spec.key}-{part}"] = forms.CharField(
                max_length=max_length,
                help_text=help_text,
                widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
                **kwargs,
            )
    return fields


def _file_fields(spec: FieldSpec, documents: QuerySet | None) -> dict[str, forms.Field]:
    max_mb = effective_max_mb(spec.max_file_mb)
    rules = _("Tipos aceitos: %(kinds)s. Até %(mb)s MB por arquivo; no máximo %(n)s arquivo(s).") % {
        "kinds": kinds_label(spec.file_kinds),
        "mb": max_mb,
        "n": spec.max_files,
    }
    fields: dict[str, forms.Field] = {
        spec.key: MultipleFileField(
            label=_("Enviar arquivo") if spec.max_files == 1 else _("Enviar arquivos"),
            help_text=rules,
            allowed_kinds=spec.file_kinds,
            max_mb=max_mb,
            max_files=spec.max_files,
        )
    }
    if documents is not None:
        offered = documents.filter(
            deleted_at__isnull=True,
            content_type__in=[KIND_CONTENT_TYPES[k] for k in spec.file_kinds],
            size__lte=max_mb * 1024 * 1024,
        )
        if offered.exists():
            fields[f"{spec.key}-reuse"] = DocumentChoiceField(
                queryset=offered,
                required=False,
                label=_("Ou use um documento que você já guardou em “Meus documentos”"),
                error_messages={"invalid_choice": _("Escolha apenas documentos da lista.")},
            )
    return fields


def build_request_form(
    *, version, known: dict[str, Any], documents: QuerySet | None
) -> type[RequestFormBase]:
    """The form class for `version` (a RequestFormVersion), for a person of whom the platform
    knows `known` (prefill.prefill_values) and who holds `documents` (their Document queryset,
    already restricted to the person or the company they act for)."""
    spec: FormSpec = version.form_spec
    known = known or {}
    prefilled: dict[str, Any] = {}
    attrs: dict[str, Any] = {}
    person_address = normalise_address(known.get("person.address"))
    for field_spec in spec.fields:
        value = _known_value(field_spec, known)
        if value is not None:
            prefilled[field_spec.key] = value
            continue
        if field_spec.type == "cep":
            attrs.update(_address_fields(field_spec, person_address))
        elif field_spec.type == "file":
            attrs.update(_file_fields(field_spec, documents))
        else:
            attrs[field_spec.key] = _simple_field(field_spec)
    attrs.update({"spec": spec, "prefilled": prefilled, "version": version})
    return type("RequestForm", (RequestFormBase,), attrs)
