"""Loads the demo data through the real domain services.

Idempotent by natural keys: categories by slug, agencies by acronym, units by (agency, name),
accounts by CPF, roles through agency_role_grant (which ignores a role already held) and
services by (agency, name). Whatever already exists is left untouched, so a second run writes
nothing. The extras that show the back office at work (a second published version, drafts in
progress, overdue reviews, feedback) are applied only to services created in the same run.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from plataforma.catalog import services as catalog
from plataforma.catalog.models import Agency, Category, Service, ServiceFeedback, ServiceUnit, ServiceVersion
from plataforma.common.audit import audit_record
from plataforma.common.context import ActingContext, OnBehalfOf, acting_context
from plataforma.common.documents import format_cpf
from plataforma.identity.models import AgencyRole, User
from plataforma.identity.services import agency_role_grant

from . import ADMIN, DEMO_PASSWORD, EDITORS, DemoAccount
from .agencies import AGENCIES, phone_note
from .builders import AgencyInfo, UnitInfo, build_content
from .categories import CATEGORIES
from .mtlogin import load_mt_login
from .services import DRAFT_ONLY, all_services
from .units import UNITS

# Extras, by (agency acronym, service name).
SECOND_VERSION = {
    ("DETRAN-MT", "Licenciamento anual do veículo (CRLV-e)"): (
        "Atualização do valor da taxa de licenciamento para o novo exercício",
        lambda c: _replace_cost(c, "Taxa de licenciamento anual", "182.45"),
    ),
    ("SEFAZ", "Emitir certidão negativa de débitos (CND)"): (
        "Inclusão da consulta de autenticidade da certidão",
        lambda c: _add_step(
            c,
            {
                "title": "Confira a autenticidade",
                "description": "Quem recebe a certidão confere a autenticidade pelo código impresso, no site da SEFAZ.",
                "documents": ["Código de autenticidade da certidão"],
                "costs": [],
                "channels": [c["steps"][0]["channels"][0]],
            },
        ),
    ),
}
DRAFTS = {
    # (agency, service): (change summary, change, submit for review?)
    ("DETRAN-MT", "Renovar a Carteira Nacional de Habilitação (CNH)"): (
        "Incluir a renovação automática para condutores sem infrações (em estudo)",
        lambda c: {**c, "keywords": [*c["keywords"], "renovação automática", "bom condutor"]},
        False,
    ),
    ("SES", "Solicitar medicamentos do Componente Especializado (alto custo)"): (
        "Atualizar a lista de documentos conforme a nova portaria",
        lambda c: _add_document(
            c, 0, "Termo de esclarecimento e responsabilidade, quando exigido pelo protocolo clínico"
        ),
        True,
    ),
    ("SEDUC", "Fazer a matrícula na rede estadual de ensino"): (
        "Atualizar o calendário da matrícula do próximo ano letivo",
        lambda c: {
            **c,
            "description": c["description"] + " As datas do próximo ano letivo serão divulgadas em novembro.",
        },
        False,
    ),
}
OVERDUE = {
    ("SEPLAG", "Consultar e emitir o contracheque"): 14,
    ("INDEA", "Cadastrar ou atualizar propriedade rural no INDEA"): 15,
    ("SECEL", "Inscrever projeto cultural em edital de fomento"): 17,
    ("INTERMAT", "Solicitar a regularização fundiária de imóvel rural do Estado"): 19,
    ("AGER", "Reclamar de transporte intermunicipal de passageiros"): 13,
    ("PROCON-MT", "Registrar reclamação contra empresa (Procon)"): 16,
}
FEEDBACK_COMMENTS = {
    True: [
        "Consegui fazer tudo pelo celular, muito prático.",
        "Informação clara, encontrei os documentos que precisava.",
        "Gostei de saber o prazo antes de pedir.",
        "",
    ],
    False: [
        "Não ficou claro onde pagar a taxa.",
        "O site estava fora do ar quando tentei.",
        "Faltou dizer se posso fazer em outra cidade.",
        "",
    ],
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())


def _replace_cost(content: dict, description: str, value: str) -> dict:
    steps = [
        {**s, "costs": [{**c, "value": value} if c["description"] == description else c for c in s["costs"]]}
        for s in content["steps"]
    ]
    return {**content, "steps": steps}


def _add_step(content: dict, step: dict) -> dict:
    return {**content, "steps": [*content["steps"], step]}


def _add_document(content: dict, index: int, document: str) -> dict:
    steps = list(content["steps"])
    steps[index] = {**steps[index], "documents": [*steps[index]["documents"], document]}
    return {**content, "steps": steps}


def _load_categories(admin: User, report: LoadReport) -> None:
    existing = set(Category.objects.values_list("slug", flat=True))
    for slug, name, description in CATEGORIES:
        if slug not in existing:
            category = Category.objects.create(slug=slug, name=name, description=description)
            audit_record(actor=admin, action="catalog.category.create", target=category)
            report.add("categorias")


@functools.cache
def _password_hash() -> str:
    # One hash computed once for every demo account keeps the load fast.
    return make_password(DEMO_PASSWORD)


def _account(spec: DemoAccount, report: LoadReport, *, admin: bool = False) -> User:
    user = User.objects.filter(cpf=spec.cpf).first()
    if user is None:
        create = User.objects.create_superuser if admin else User.objects.create_user
        user = create(
            spec.cpf, None, full_name=spec.full_name, email=spec.email, email_verified_at=timezone.now()
        )
        user.password = _password_hash()
        user.save(update_fields=["password"])
        report.add("contas")
    return user


def _load_agencies(admin: User, report: LoadReport) -> dict[str, Agency]:
    agencies = {a.acronym: a for a in Agency.objects.all()}
    for data in AGENCIES:
        if data["acronym"] in agencies:
            continue
        fields = {k: v for k, v in data.items() if k != "phone"}
        agency = Agency(**fields)
        agency.full_clean()
        agency.save()
        audit_record(actor=admin, action="catalog.agency.create", target=agency)
        agencies[agency.acronym] = agency
        report.add("órgãos")
    return agencies


def _load_units(
    agencies: dict[str, Agency], editor_of: dict[str, User], report: LoadReport
) -> dict[str, dict[str, UnitInfo]]:
    existing = {(u.agency_id, u.name): u for u in ServiceUnit.objects.all()}
    by_agency: dict[str, dict[str, UnitInfo]] = {}
    for acronym, units in UNITS.items():
        agency = agencies[acronym]
        infos: dict[str, UnitInfo] = {}
        for data in units:
            unit = existing.get((agency.pk, data["name"]))
            if unit is None:
                fields = {k: v for k, v in data.items() if k != "key"}
                unit = catalog.unit_create(actor=editor_of[acronym], agency=agency, data=fields)
                report.add("unidades")
            infos[data["key"]] = UnitInfo(
                str(unit.pk), unit.name, unit.address, unit.opening_hours, unit.phone
            )
        by_agency[acronym] = infos
    return by_agency


def _load_editors(admin: User, agencies: dict[str, Agency], report: LoadReport) -> dict[str, User]:
    """The demo editors and their carta_editor roles; returns the editor who writes each agency."""
    role = AgencyRole.Role.CARTA_EDITOR
    held = set(
        AgencyRole.objects.filter(role=role, revoked_at__isnull=True).values_list(
            "user__cpf", "agency__acronym"
        )
    )
    editor_of: dict[str, User] = {}
    for spec in EDITORS:
        editor = _account(spec, report)
        for acronym in spec.agencies:
            if (spec.cpf, acronym) not in held:
                agency_role_grant(actor=admin, user=editor, agency=agencies[acronym], role=role)
                report.add("papéis de editor")
            editor_of[acronym] = editor
    return editor_of


_FEMININE_HEADS = (
    "Secretaria",
    "Junta",
    "Empresa",
    "Procuradoria",
    "Controladoria",
    "Casa",
    "Polícia",
    "Perícia",
    "Universidade",
    "Agência",
)


def _agency_info(agency: Agency) -> AgencyInfo:
    data = next(a for a in AGENCIES if a["acronym"] == agency.acronym)
    feminine = agency.name.startswith(_FEMININE_HEADS) and not agency.acronym.startswith("PROCON")
    return AgencyInfo(
        agency.acronym,
        agency.name,
        agency.website,
        data["phone"],
        agency.ombudsman_email,
        agency.ombudsman_phone,
        phone_note=phone_note(agency.acronym, data["phone"]),
        feminine=feminine,
    )


def _publish(editor: User, version: ServiceVersion) -> ServiceVersion:
    catalog.version_submit(actor=editor, version=version)
    return catalog.version_publish(actor=editor, version=version)


def _load_services(
    agencies: dict[str, Agency],
    units: dict[str, dict[str, UnitInfo]],
    editor_of: dict[str, User],
    report: LoadReport,
) -> dict[tuple[str, str], Service]:
    existing = set(Service.objects.values_list("agency__acronym", "name"))
    created: dict[tuple[str, str], Service] = {}
    for acronym, specs in all_services().items():
        agency = agencies[acronym]
        editor = editor_of[acronym]
        info = _agency_info(agency)
        behalf = OnBehalfOf(kind="agency", id=str(agency.pk), label=agency.acronym)
        with acting_context(
            ActingContext(channel="demo", user_agent="manage.py load_demo", on_behalf_of=behalf)
        ):
            for spec in specs:
                if (acronym, spec["name"]) in existing:
                    continue
                content = build_content(spec, info, units.get(acronym, {}))
                version = catalog.service_create(
                    actor=editor, agency=agency, content=content, change_summary="Publicação inicial da Carta"
                )
                _publish(editor, version)
                created[(acronym, spec["name"])] = version.service
                report.add("serviços publicados")
    return created


def _apply_extras(
    created: dict[tuple[str, str], Service], editor_of: dict[str, User], report: LoadReport
) -> None:
    for key, (summary, change) in SECOND_VERSION.items():
        if key in created:
            editor, service = editor_of[key[0]], created[key]
            draft = catalog.service_draft_start(actor=editor, service=service)
            catalog.version_update(
                actor=editor, version=draft, content=change(draft.content), change_summary=summary
            )
            _publish(editor, draft)
            report.add("novas versões publicadas")
    for key, (summary, change, submit) in DRAFTS.items():
        if key in created:
            editor, service = editor_of[key[0]], created[key]
            draft = catalog.service_draft_start(actor=editor, service=service)
            catalog.version_update(
                actor=editor, version=draft, content=change(draft.content), change_summary=summary
            )
            if submit:
                catalog.version_submit(actor=editor, version=draft)
            report.add("rascunhos em andamento")
    now = timezone.now()
    overdue = [created[key].pk for key in OVERDUE if key in created]
    for key, months in OVERDUE.items():
        if key in created:
            # Demo only: pretend the last review happened long ago so the art. 7 §4 flag shows.
            Service.objects.filter(pk=created[key].pk).update(
                last_reviewed_at=now - timedelta(days=30 * months)
            )
    if overdue:
        # The daily job would flag them tomorrow; run it now so the dashboard shows them at once
        # (it also e-mails the agencies' editors, which the console backend prints).
        report.add("revisões atrasadas", catalog.flag_overdue_reviews(now=now))
    rng = random.Random(2021)  # noqa: S311 - deterministic demo feedback, not security
    sample = [s.pk for s in list(created.values())[::6]]
    for n, service in enumerate(Service.objects.filter(pk__in=sample).order_by("name")):
        for _ in range(rng.randint(2, 6)):
            helpful = rng.random() < 0.8
            comment = rng.choice(FEEDBACK_COMMENTS[helpful]) if n % 2 == 0 else ""
            catalog.feedback_record(service=service, helpful=helpful, comment=comment)
            report.add("avaliações “foi útil?”")


def _load_draft_only(
    agencies: dict[str, Agency],
    units: dict[str, dict[str, UnitInfo]],
    editor_of: dict[str, User],
    report: LoadReport,
) -> None:
    """A brand-new service still being written: it exists only as a draft, never public."""
    existing = set(Service.objects.values_list("agency__acronym", "name"))
    for acronym, specs in DRAFT_ONLY.items():
        agency = agencies[acronym]
        for spec in specs:
            if (acronym, spec["name"]) not in existing:
                content = build_content(spec, _agency_info(agency), units.get(acronym, {}))
                catalog.service_create(
                    actor=editor_of[acronym],
                    agency=agency,
                    content=content,
                    change_summary="Primeira redação",
                )
                report.add("serviços novos em rascunho")


def load_demo() -> LoadReport:
    """Load (or complete) the demo data. Safe to run any number of times."""
    report = LoadReport()
    context = ActingContext(channel="demo", user_agent="manage.py load_demo")
    with acting_context(context), transaction.atomic():
        admin = _account(ADMIN, report, admin=True)
        _load_categories(admin, report)
        agencies = _load_agencies(admin, report)
        editor_of = _load_editors(admin, agencies, report)
        units = _load_units(agencies, editor_of, report)
        created = _load_services(agencies, units, editor_of, report)
        _apply_extras(created, editor_of, report)
        _load_draft_only(agencies, units, editor_of, report)
        citizens = load_mt_login(
            admin=admin, detran_editor=editor_of["DETRAN-MT"], account=_account, report=report
        )
    report.accounts = [(ADMIN.label, format_cpf(ADMIN.cpf))] + [
        (e.label, format_cpf(e.cpf)) for e in [*EDITORS, *citizens]
    ]
    report.totals = {
        "órgãos": Agency.objects.count(),
        "áreas de interesse": Category.objects.count(),
        "unidades": ServiceUnit.objects.count(),
        "serviços publicados": Service.objects.filter(is_published=True).count(),
        "versões": ServiceVersion.objects.count(),
        "avaliações": ServiceFeedback.objects.count(),
    }
    return report
