"""Demo request forms for a few DETRAN-MT and SEFAZ services of the demo Carta, written through the
editors' own services (forms_admin) so the data is what an editor would produce.

Idempotent: a service whose form already has a published version is left untouched. Call after
the catalogue demo is loaded (the services and the agencies' editors must exist):

    from plataforma.service_requests.demo_forms import load_request_forms_demo
    load_request_forms_demo(report)   # report: catalog.demo.loader.LoadReport, optional
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from plataforma.catalog.models import Service
from plataforma.identity.models import AgencyRole, User

from .models import RequestForm
from .services import forms_admin

RENAVAM = {
    "type": "text",
    "label": "Número do RENAVAM",
    "help_text": "Os 11 números do Registro Nacional de Veículos, no documento do veículo (CRLV).",
    "min_length": 9,
    "max_length": 11,
}
PLACA = {
    "type": "text",
    "label": "Placa do veículo",
    "help_text": "Por exemplo QBX1A23 (modelo Mercosul) ou QBX1234.",
    "min_length": 7,
    "max_length": 8,
}
# The vehicle in the person's name, asked of DETRAN-MT through X-VIA with their consent (issue #7)
PLACA_XVIA = {**PLACA, "prefill": "detran.vehicle_plate"}
PERSON = [
    {"type": "text", "label": "Nome completo", "prefill": "person.full_name"},
    {"type": "cpf", "label": "CPF", "prefill": "person.cpf"},
    {"type": "email", "label": "E-mail para contato", "prefill": "person.email"},
    {"type": "phone", "label": "Celular", "prefill": "person.phone", "required": False},
]

DEMO_FORMS: list[dict[str, Any]] = [
    {
        "agency": "DETRAN-MT",
        "service": "Transferir a propriedade do veículo",
        "fee": Decimal("247.64"),
        "fee_description": "Taxa de transferência de propriedade",
        "fields": [
            *PERSON,
            {"type": "cep", "label": "Endereço do comprador", "prefill": "person.address"},
            RENAVAM,
            PLACA,
            {
                "type": "date",
                "label": "Data da venda",
                "no_future_dates": True,
                "help_text": "A data em que o vendedor assinou a ATPV-e.",
            },
            {
                "type": "number",
                "label": "Valor da venda (R$)",
                "decimal_places": 2,
                "min_value": "0",
                "required": False,
            },
            {"type": "yesno", "label": "O veículo está financiado (alienação fiduciária)?"},
            {
                "type": "file",
                "label": "ATPV-e ou contrato de compra e venda assinado",
                "help_text": "Foto ou PDF legível do documento assinado pelo vendedor.",
                "file_kinds": ["pdf", "jpeg", "png"],
                "max_files": 2,
                "max_file_mb": 10,
            },
            {"type": "file", "label": "Laudo de vistoria", "file_kinds": ["pdf"], "max_file_mb": 10},
        ],
    },
    {
        "agency": "DETRAN-MT",
        "service": "Comunicar a venda do veículo",
        "fields": [
            *PERSON,
            RENAVAM,
            PLACA,
            {"type": "date", "label": "Data da venda", "no_future_dates": True},
            {
                "type": "cpf",
                "label": "CPF do comprador",
                "help_text": "Se o comprador for uma empresa, informe o CNPJ no campo seguinte.",
            },
            {"type": "cnpj", "label": "CNPJ do comprador (se for empresa)", "required": False},
            {"type": "text", "label": "Nome do comprador", "max_length": 200},
            {
                "type": "file",
                "label": "Comprovante de transferência (ATPV-e assinada)",
                "file_kinds": ["pdf", "jpeg", "png"],
                "max_file_mb": 10,
            },
        ],
    },
    {
        "agency": "SEFAZ",
        "service": "Emitir certidão negativa de débitos (CND)",
        "fields": [
            {
                "type": "cnpj",
                "label": "CNPJ da empresa",
                "prefill": "company.cnpj",
                "help_text": "Entre na plataforma como representante da empresa para não precisar digitar.",
            },
            {"type": "text", "label": "Razão social", "prefill": "company.legal_name"},
            {
                "type": "choice",
                "label": "Para que você precisa da certidão?",
                "choices": [
                    {"value": "licitacao", "label": "Participar de licitação"},
                    {"value": "financiamento", "label": "Financiamento ou crédito"},
                    {"value": "contrato", "label": "Contrato com órgão público"},
                    {"value": "outro", "label": "Outra finalidade"},
                ],
            },
            {"type": "email", "label": "E-mail para receber a certidão", "prefill": "person.email"},
            {"type": "textarea", "label": "Observações", "required": False, "max_length": 1000},
        ],
    },
    {
        "agency": "SEFAZ",
        "service": "Pedir isenção de IPVA para pessoa com deficiência",
        "fields": [
            *PERSON,
            {"type": "cep", "label": "Endereço", "prefill": "person.address"},
            PLACA_XVIA,
            RENAVAM,
            {
                "type": "multichoice",
                "label": "Tipo de deficiência",
                "max_selected": 3,
                "choices": [
                    {"value": "fisica", "label": "Física"},
                    {"value": "visual", "label": "Visual"},
                    {"value": "auditiva", "label": "Auditiva"},
                    {"value": "intelectual", "label": "Intelectual"},
                    {"value": "tea", "label": "Transtorno do espectro autista"},
                    {"value": "multipla", "label": "Múltipla"},
                ],
            },
            {"type": "yesno", "label": "O veículo será conduzido por outra pessoa (condutor autorizado)?"},
            {
                "type": "file",
                "label": "Laudo médico",
                "file_kinds": ["pdf", "jpeg", "png"],
                "max_files": 3,
                "max_file_mb": 10,
            },
            {"type": "file", "label": "Nota fiscal do veículo", "file_kinds": ["pdf"], "required": False},
        ],
    },
]


def _actor(service: Service) -> User | None:
    """One of the agency's Carta editors (the demo gives every agency one)."""
    return (
        User.objects.filter(
            agency_roles__agency_id=service.agency_id,
            agency_roles__role=AgencyRole.Role.CARTA_EDITOR,
            agency_roles__revoked_at__isnull=True,
            is_active=True,
        )
        .order_by("date_joined")
        .first()
    )


def load_request_forms_demo(report=None) -> int:
    """Give the demo services their request forms; returns how many forms were published."""
    published = 0
    for item in DEMO_FORMS:
        service = Service.objects.filter(
            agency__acronym=item["agency"], name=item["service"], is_published=True
        ).first()
        if service is None:
            continue
        existing = RequestForm.objects.filter(service=service, current_version__isnull=False).exists()
        actor = _actor(service)
        if existing or actor is None:
            continue
        with transaction.atomic():
            form = forms_admin.request_form_get_or_create(actor=actor, service=service)
            draft = forms_admin.form_draft_start(actor=actor, form=form)
            for field in item["fields"]:
                forms_admin.form_field_save(actor=actor, version=draft, field=dict(field))
            forms_admin.form_version_publish(actor=actor, version=draft)
            forms_admin.request_form_configure(
                actor=actor,
                form=form,
                accepts_requests=True,
                fee_amount=item.get("fee"),
                fee_description=item.get("fee_description", ""),
                payment_days=3,
                rate_each_step=False,
                workflow=None,
            )
        published += 1
    if report is not None and published:
        report.add("formulários de pedido", published)
    return published
