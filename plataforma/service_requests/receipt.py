"""The comprovante of a request (Lei 14.129 art. 21 II): what was asked, by whom, when, with an
authentication code anyone can check on the public verification page, as page and PDF. Also the
readable form of a request's answers, shared by the comprovante and the request page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.authcodes import authcode_display, authentication_qr_svg
from plataforma.common.documents import format_cnpj, mask_cpf

from .dynamic_forms import format_phone
from .dynamic_forms.builder import address_line, normalise_address
from .formspec import FieldSpec
from .models import Attachment, ServiceRequest

TIME_ZONE = "America/Cuiaba"


@dataclass
class Answer:
    label: str
    text: str
    files: list[Attachment] = field(default_factory=list)
    is_file: bool = False


def _yes_no(value: Any) -> str:
    if isinstance(value, str):
        value = value.strip().lower() in ("sim", "s", "true", "1", "yes")
    return _("Sim") if value else _("Não")


def answer_text(spec: FieldSpec, value: Any) -> str:
    """One answer as a person reads it (CPF masked: the comprovante may be printed and shared)."""
    if value in (None, "", [], {}):
        return _("Não informado")
    labels = {c.value: c.label for c in spec.choices}
    if spec.type == "choice":
        return labels.get(str(value), str(value))
    if spec.type == "multichoice":
        values = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(v), str(v)) for v in values)
    if spec.type == "yesno":
        return _yes_no(value)
    if spec.type == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if spec.type == "cpf":
        return mask_cpf(str(value)) or str(value)
    if spec.type == "cnpj":
        return format_cnpj(str(value))
    if spec.type == "cep":
        return address_line(normalise_address(value) or {}) if isinstance(value, dict) else str(value)
    if spec.type == "phone":
        return format_phone(str(value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def answers_of(service_request: ServiceRequest) -> list[Answer]:
    """The request's answers in the order and with the labels of the form version it was made
    with; file fields list their attachments (2 queries: the version and the attachments)."""
    spec = service_request.form_version.form_spec
    attachments: dict[str, list[Attachment]] = {}
    for attachment in service_request.attachments.filter(event__isnull=True).select_related("document"):
        attachments.setdefault(attachment.field_key, []).append(attachment)
    rows = []
    data = service_request.data or {}
    for item in spec.fields:
        if item.type == "file":
            files = attachments.get(item.key, [])
            rows.append(Answer(item.label, "" if files else _("Nenhum arquivo"), files, is_file=True))
        else:
            rows.append(Answer(item.label, answer_text(item, data.get(item.key))))
    return rows


def verification_url(request: HttpRequest, code: str) -> str:
    try:
        base = reverse("common:authenticity")
    except NoReverseMatch:  # the public page is always wired in production; keep the text useful
        base = "/autenticidade/"
    return request.build_absolute_uri(f"{base}?{urlencode({'codigo': authcode_display(code)})}")


def receipt_context(*, request: HttpRequest, service_request: ServiceRequest) -> dict[str, Any]:
    requester = service_request.requester
    company = service_request.company
    code = service_request.receipt_code
    url = verification_url(request, code) if code else ""
    return {
        "sr": service_request,
        "service": service_request.service,
        "agency": service_request.agency,
        "submitted_at": timezone.localtime(service_request.submitted_at, timezone=_tz()),
        "requester_name": requester.display_name,
        "requester_cpf": mask_cpf(requester.cpf),
        "company_name": company.legal_name if company else "",
        "company_cnpj": format_cnpj(company.cnpj) if company else "",
        "answers": answers_of(service_request),
        "code": authcode_display(code) if code else "",
        "verification_url": url,
        "verification_page": url.split("?", 1)[0],
        "qr_svg": authentication_qr_svg(url=url) if url else "",
        "issued_at": timezone.localtime(timezone=_tz()),
    }


def _tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo(TIME_ZONE)


def receipt_pdf(*, request: HttpRequest, service_request: ServiceRequest) -> bytes:
    """The comprovante as PDF (WeasyPrint, never reaching the network: see catalog/pdf.py)."""
    from plataforma.catalog.pdf import render_pdf

    context = {
        **receipt_context(request=request, service_request=service_request),
        "base_template": "service_requests/citizen/print_base.html",
        "for_pdf": True,
    }
    html = render_to_string("service_requests/citizen/receipt.html", context, request=request)
    return render_pdf(html, base_url=request.build_absolute_uri("/"))
