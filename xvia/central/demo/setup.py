"""Idempotent development registry: SEFAZ-MT, DETRAN-MT and MTI (with the portal's subsystem),
their security servers, a vehicle lookup at DETRAN-MT, a tax-clearance status at SEFAZ-MT and
the access rights between them. Members are linked to the catalogue agencies of the same acronym
when the catalogue demo is loaded (their CNPJs are then the catalogue's illustrative ones)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from plataforma.common.documents import make_cnpj

from .. import services
from ..models import (
    AccessRight,
    GlobalGroup,
    GlobalGroupMember,
    Member,
    MemberClass,
    SecurityServer,
    Service,
    Subsystem,
)
from ..models import SecurityServerClient as Link
from .openapi import TAX_CLEARANCE, VEHICLES, as_text


@dataclass(frozen=True)
class DemoMember:
    acronym: str
    name: str
    fallback_cnpj: str  # used when the catalogue has no agency with this acronym
    subsystem: str
    subsystem_name: str
    server: str
    address: str


SEFAZ = DemoMember(
    "SEFAZ",
    "Secretaria de Estado de Fazenda",
    "03507415000144",
    "SEFAZ-ARRECADACAO",
    "Sistema de arrecadação e cadastro de contribuintes",
    "ss-sefaz",
    "127.0.0.1:5502",
)
DETRAN = DemoMember(
    "DETRAN-MT",
    "Departamento Estadual de Trânsito de Mato Grosso",
    make_cnpj("015407980001"),
    "DETRAN-VEICULOS",
    "Registro nacional de veículos (base estadual)",
    "ss-detran",
    "127.0.0.1:5501",
)
MTI = DemoMember(
    "MTI",
    "Empresa Mato-grossense de Tecnologia da Informação",
    make_cnpj("039434960001"),
    "PORTAL",
    "Portal Único de Serviços e MT Cidadão",
    "ss-mti",
    "127.0.0.1:5503",
)
GROUP = (
    "interoperabilidade-basica",
    "Sistemas do Estado com acesso às consultas básicas de interoperabilidade",
)


@dataclass
class Report:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def _member(spec: DemoMember, gov: MemberClass, report: Report) -> Member:
    Agency = apps.get_model("catalog", "Agency")
    agency = Agency.objects.filter(acronym=spec.acronym).first()
    found = Member.objects.filter(agency=agency).first() if agency else None
    found = found or Member.objects.filter(member_class=gov, name=spec.name).first()
    if found:
        return found
    cnpj = agency.cnpj if agency else spec.fallback_cnpj
    report.add(f"membro {spec.acronym}")
    return services.member_create(actor=None, member_class=gov, code=cnpj, name=spec.name, agency=agency)


def _subsystem(member: Member, spec: DemoMember, report: Report) -> Subsystem:
    found = Subsystem.objects.filter(member=member, code=spec.subsystem).first()
    if found:
        return found
    report.add(f"subsistema {spec.subsystem}")
    return services.subsystem_create(actor=None, member=member, code=spec.subsystem, name=spec.subsystem_name)


def _server(member: Member, subsystem: Subsystem, spec: DemoMember, report: Report) -> SecurityServer:
    server = SecurityServer.objects.filter(owner=member, code=spec.server).first()
    if server is None:
        report.add(f"servidor de segurança {spec.server}")
        server = services.server_create(actor=None, owner=member, code=spec.server, address=spec.address)
    if not Link.objects.filter(server=server, subsystem=subsystem).exists():
        services.server_client_add(actor=None, server=server, subsystem=subsystem)
    return server


def _service(
    subsystem: Subsystem, code: str, title: str, description: str, openapi: dict, report: Report
) -> Service:
    found = Service.objects.filter(subsystem=subsystem, code=code).first()
    if found:
        return found
    report.add(f"serviço {code}")
    return services.service_create(
        actor=None,
        subsystem=subsystem,
        code=code,
        title=title,
        description=description,
        personal_data=True,
        openapi=as_text(openapi),
    )


def _grant(service: Service, *, method: str, path: str, subsystem=None, group=None) -> None:
    exists = AccessRight.objects.filter(
        service=service, subject_subsystem=subsystem, subject_group=group, method=method, path=path
    ).exists()
    if not exists:
        services.access_right_grant(
            actor=None,
            service=service,
            subject_subsystem=subsystem,
            subject_group=group,
            method=method,
            path=path,
        )


@transaction.atomic
def dev_setup() -> Report:
    report = Report()
    report.created += [f"chave {name}" for name in services.pki_init(actor=None)]
    gov = services.member_class_ensure(
        actor=None, code="GOV", description="Órgãos e entidades do Estado de Mato Grosso"
    )
    subsystems = {}
    for spec in (SEFAZ, DETRAN, MTI):
        member = _member(spec, gov, report)
        subsystems[spec.acronym] = _subsystem(member, spec, report)
        _server(member, subsystems[spec.acronym], spec, report)
    vehicles = _service(
        subsystems["DETRAN-MT"],
        "veiculos",
        "Consulta de veículos",
        "Dados cadastrais e débitos de um veículo registrado em Mato Grosso, pela placa.",
        VEHICLES,
        report,
    )
    clearance = _service(
        subsystems["SEFAZ"],
        "situacao-fiscal",
        "Situação fiscal do contribuinte",
        "Informa se o contribuinte (CPF ou CNPJ) está regular com a Fazenda Estadual.",
        TAX_CLEARANCE,
        report,
    )
    group = GlobalGroup.objects.filter(code=GROUP[0]).first()
    if group is None:
        group = services.group_create(actor=None, code=GROUP[0], description=GROUP[1])
        report.add("grupo global")
    for key in ("MTI", "DETRAN-MT"):
        if not GlobalGroupMember.objects.filter(group=group, subsystem=subsystems[key]).exists():
            services.group_member_add(actor=None, group=group, subsystem=subsystems[key])
    _grant(vehicles, method="GET", path="/veiculos/{placa}", subsystem=subsystems["SEFAZ"])
    _grant(vehicles, method="GET", path="/veiculos/**", subsystem=subsystems["MTI"])
    # the portal's once-only prefill (plataforma/service_requests/prefill_xvia.py)
    _grant(vehicles, method="GET", path="/proprietarios/{cpf}/veiculos", subsystem=subsystems["MTI"])
    _grant(clearance, method="GET", path="/situacao-fiscal/{documento}", group=group)
    return report
