"""The request's answers as a servant reads them: the labels of the form version the request was
made with (never the current one), values in plain words, files as links to the inbox's audited
download view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from plataforma.common.documents import format_cnpj, format_cpf

from ..dynamic_forms.builder import address_line, normalise_address
from ..formspec import FieldSpec
from ..models import Attachment, ServiceRequest


@dataclass
class Answer:
    key: str
    label: str
    text: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    is_file: bool = False


def _address(value: dict) -> str:
    """Answers and prefill store the address with Portuguese keys (``logradouro``, ``numero``…);
    the builder's helpers also accept the English aliases of older prefill sources."""
    return address_line(normalise_address(value) or {})


def _display(spec: FieldSpec, value: Any) -> str:
    if value in (None, "", [], {}):
        return ""
    choices = {c.value: c.label for c in spec.choices}
    if spec.type == "choice":
        return choices.get(str(value), str(value))
    if spec.type == "multichoice":
        values = value if isinstance(value, list) else [value]
        return ", ".join(choices.get(str(v), str(v)) for v in values)
    if spec.type == "yesno":
        if isinstance(value, bool):
            return _("Sim") if value else _("Não")
        return {"sim": _("Sim"), "nao": _("Não"), "true": _("Sim"), "false": _("Não")}.get(
            str(value).lower(), str(value)
        )
    if spec.type == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if spec.type == "cpf":
        return format_cpf(str(value))
    if spec.type == "cnpj":
        return format_cnpj(str(value))
    if spec.type == "cep" and isinstance(value, dict):
        return _address(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def request_answers(*, request: ServiceRequest, attachments: list[Attachment]) -> list[Answer]:
    """One entry per field of the request's form version, in the form's order; answers to
    fields the version does not know (should not happen) are left out."""
    by_field: dict[str, list[Attachment]] = {}
    for attachment in attachments:
        if attachment.field_key and attachment.event_id is None:
            by_field.setdefault(attachment.field_key, []).append(attachment)
    answers = []
    for spec in request.form_version.form_spec.fields:
        if spec.type == "file":
            answers.append(
                Answer(key=spec.key, label=spec.label, attachments=by_field.get(spec.key, []), is_file=True)
            )
        else:
            answers.append(
                Answer(key=spec.key, label=spec.label, text=_display(spec, request.data.get(spec.key)))
            )
    return answers


def requester_details(request: ServiceRequest) -> dict[str, str]:
    """Who asked, from the snapshot taken at submission (once-only), completed by the account."""
    known = request.requester_data or {}
    person = request.requester
    company = request.company
    return {
        "full_name": known.get("person.full_name") or person.full_name,
        "social_name": person.social_name if getattr(person, "social_name", "") else "",
        "cpf": format_cpf(known.get("person.cpf") or person.cpf),
        # Only what the form asked (LGPD minimisation): contact goes through the platform.
        "email": known.get("person.email", ""),
        "phone": known.get("person.phone", ""),
        "company": company.legal_name if company is not None else "",
        "cnpj": format_cnpj(company.cnpj) if company is not None else "",
    }
