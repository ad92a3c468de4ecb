"""Demo data of the ouvidoria: an ouvidor of DETRAN-MT, an ouvidora of the Ouvidoria-Geral do
Estado (CGE), and manifestações of the demo citizens in every step of the workflow — received,
in analysis, forwarded to the area (seen by DETRAN-MT's demo analyst), waiting for the user,
in decision, answered with a measure, archived, overdue, extended, reopened — plus an anonymous
denúncia and one registered by phone for a person without an account, each followed with the
protocol and an access code the report prints, and one without agency for the Ouvidoria-Geral's
triage. Everything goes through the real services.

Idempotent: identified manifestações have a fixed Idempotency-Key per author; the two followed
by code are found again by their title. Their access codes are fixed demo values (set on the row
after lodging, LOCAL DEMO ONLY), so every run prints the same code.

    from plataforma.ombudsman.demo import load_ombudsman_demo
    result = load_ombudsman_demo(report)  # report: catalog.demo.loader.LoadReport, optional
    for line in result.notes: print(line)  # also appended to report.notes
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.common.authcodes import authcode_normalise
from plataforma.common.documents import format_cpf, make_cpf
from plataforma.identity.models import AgencyRole, Level, User
from plataforma.identity.services import agency_role_grant

from . import services
from .access import general_agency_acronym
from .access_codes import access_code_hash
from .models import Channel, Kind, Manifestation, Subject
from .models.handling import AdoptedMeasure
from .models.manifestations import ArchiveReason

AGENCY = "DETRAN-MT"
OTHER_AGENCY = "SEFAZ"
OUVIDOR = {
    "cpf": make_cpf("147258369"),
    "full_name": "Lúcia Ferraz Batista",
    "email": "lucia.batista.demo@mt.gov.br",
    "label": "Ouvidora — DETRAN-MT",
}
GENERAL = {
    "cpf": make_cpf("369147258"),
    "full_name": "Marcos Vinícius Tavares",
    "email": "marcos.tavares.demo@mt.gov.br",
    "label": "Ouvidor — Ouvidoria-Geral do Estado (CGE: vê todos os órgãos)",
}
ANALYST_CPF = make_cpf("321654987")  # service_requests.demo_inbox: the DETRAN-MT area in the demo
CITIZEN_CPFS = (make_cpf("741852963"), make_cpf("852963741"))
DESK_PERSON_CPF = make_cpf("258369147")  # a person without an MT Login account
ANONYMOUS_TITLE = "Cobrança de propina para liberar veículo no pátio"
ANONYMOUS_CODE = "7K3M-9QXD-2HRT-V8WA"
DESK_TITLE = "Atendimento telefônico não retorna as ligações"
DESK_CODE = "4F8N-2KPW-9C3R-T6HZ"
DEMO_TEXT = (
    "Fui à unidade do DETRAN-MT no dia marcado e esperei mais de três horas para ser atendido. "
    "Quando chamaram minha senha, o sistema estava fora do ar e pediram que eu voltasse outro dia."
)


@dataclass
class OmbudsmanDemoReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def _account(spec: dict, agency: Agency, result: OmbudsmanDemoReport) -> User:
    from plataforma.catalog.demo import DEMO_PASSWORD

    user = User.objects.filter(cpf=spec["cpf"]).first()
    if user is None:
        user = User.objects.create_user(
            spec["cpf"],
            None,
            full_name=spec["full_name"],
            email=spec["email"],
            email_verified_at=timezone.now(),
            level=Level.PRATA,
        )
        user.password = make_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        result.add("contas")
    if not AgencyRole.objects.filter(
        user=user, agency=agency, role=AgencyRole.Role.OMBUDSMAN, revoked_at__isnull=True
    ).exists():
        granter = User.objects.filter(is_staff=True, is_active=True).order_by("date_joined").first()
        agency_role_grant(actor=granter, user=user, agency=agency, role=AgencyRole.Role.OMBUDSMAN)
        result.add("papéis de ouvidor")
    result.accounts.append((spec["label"], format_cpf(spec["cpf"])))
    return user


def _area_servant(agency: Agency) -> User | None:
    """Who answers for DETRAN-MT's area in the demo: the inbox demo's analyst, else a gestor."""
    roles = User.objects.filter(agency_roles__agency=agency, agency_roles__revoked_at__isnull=True)
    return (
        roles.filter(cpf=ANALYST_CPF, agency_roles__role=AgencyRole.Role.ANALYST).first()
        or roles.filter(agency_roles__role__in=[AgencyRole.Role.ANALYST, AgencyRole.Role.MANAGER])
        .order_by("date_joined")
        .first()
    )


def _subject(slug: str) -> Subject | None:
    return Subject.objects.filter(slug=slug).first()


def _lodge(author: User, key: str, **fields) -> Manifestation | None:
    fields.setdefault("description", DEMO_TEXT)
    result = services.manifestation_lodge(actor=author, idempotency_key=f"demo-ouvidoria-{key}", **fields)
    return result.manifestation if result.created else None


def _backdate(manifestation: Manifestation, *, days_ago: int) -> None:
    """Demo only: move a manifestação's receipt (and its deadline) into the past."""
    now = timezone.now()
    Manifestation.objects.filter(pk=manifestation.pk).update(
        received_at=now - timedelta(days=days_ago),
        answer_due_at=manifestation.answer_due_at - timedelta(days=days_ago),
    )


def _fixed_code(manifestation: Manifestation, code: str) -> None:
    Manifestation.objects.filter(pk=manifestation.pk).update(
        access_code_hash=access_code_hash(protocol=manifestation.protocol, code=authcode_normalise(code))
    )


def _scenarios(*, ouvidor, general, area, citizens, agency, other, service, result) -> None:
    maria, joao = citizens
    start = services.manifestation_start_analysis
    forward_args = {
        "area": "Diretoria de Atendimento ao Cidadão",
        "extract": DEMO_TEXT,
        "question": "Informe o que houve no sistema nesse dia e quais providências a unidade adotou.",
    }

    m = _lodge(
        maria,
        "recebida",
        kind=Kind.COMPLAINT,
        title="Espera de três horas na unidade",
        agency=agency,
        service=service,
    )
    if m:
        result.add("manifestações")

    m = _lodge(
        joao,
        "em-analise",
        kind=Kind.SUGGESTION,
        title="Aviso por SMS quando a CNH estiver pronta",
        agency=agency,
        description="Sugiro que o DETRAN-MT avise por SMS quando a CNH ficar pronta para retirada.",
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_classify(
            actor=ouvidor, manifestation=m, kind=Kind.SUGGESTION, subject=_subject("informacao")
        )
        result.add("manifestações")

    m = _lodge(
        maria,
        "encaminhada",
        kind=Kind.COMPLAINT,
        title="Sistema fora do ar na hora do atendimento",
        agency=agency,
        service=service,
        identity_consent=True,
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_forward(actor=ouvidor, manifestation=m, **forward_args)
        result.add("manifestações")

    m = _lodge(
        joao,
        "aguardando-usuario",
        kind=Kind.REQUEST,
        title="Corrigir endereço no documento do veículo",
        agency=agency,
        description="O endereço no meu CRLV-e está errado. Peço que corrijam.",
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_request_info(
            actor=ouvidor,
            manifestation=m,
            question="Informe a placa do veículo e o endereço correto, com CEP.",
        )
        result.add("manifestações")

    m = _lodge(maria, "em-decisao", kind=Kind.COMPLAINT, title="Taxa cobrada em duplicidade", agency=agency)
    if m and area is not None:
        start(actor=ouvidor, manifestation=m)
        fwd = services.manifestation_forward(actor=ouvidor, manifestation=m, **forward_args)
        services.forwarding_answer(
            actor=area,
            forwarding=fwd,
            answer="Confirmamos a cobrança em dobro; o estorno foi feito em 5 dias úteis.",
        )
        result.add("manifestações")

    m = _lodge(
        joao,
        "concluida",
        kind=Kind.PRAISE,
        title="Atendimento excelente na Ciretran de Sinop",
        agency=agency,
        description="Quero elogiar a servidora que me atendeu em Sinop: foi atenciosa e resolveu "
        "tudo na hora.",
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_answer(
            actor=ouvidor,
            manifestation=m,
            text="Agradecemos o elogio. Ele foi encaminhado à chefia da Ciretran de Sinop e à servidora.",
        )
        services.measure_record(
            actor=ouvidor,
            manifestation=m,
            kind=AdoptedMeasure.Kind.GUIDANCE,
            description="Elogio registrado na ficha funcional e divulgado à equipe como boa prática.",
        )
        result.add("manifestações")

    m = _lodge(
        maria,
        "arquivada",
        kind=Kind.COMPLAINT,
        title="Espera de três horas na unidade (repetida)",
        agency=agency,
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_archive(
            actor=ouvidor,
            manifestation=m,
            reason=ArchiveReason.DUPLICATE,
            text="Esta manifestação repete outra que você registrou antes; ela segue em análise.",
        )
        result.add("manifestações")

    m = _lodge(joao, "atrasada", kind=Kind.COMPLAINT, title="Vistoria remarcada três vezes", agency=agency)
    if m:
        start(actor=ouvidor, manifestation=m)
        _backdate(m, days_ago=40)
        result.add("manifestações")

    m = _lodge(
        maria,
        "prorrogada",
        kind=Kind.SIMPLIFY,
        title="Dispensar o comprovante de residência na renovação",
        agency=agency,
        description="O DETRAN-MT já tem meu endereço: não precisava pedir comprovante de novo.",
    )
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_extend(
            actor=ouvidor,
            manifestation=m,
            reason="A proposta depende de mudança no sistema de habilitação, em análise pela área "
            "de tecnologia.",
        )
        result.add("manifestações")

    m = _lodge(joao, "reaberta", kind=Kind.COMPLAINT, title="Multa indevida não foi cancelada", agency=agency)
    if m:
        start(actor=ouvidor, manifestation=m)
        services.manifestation_answer(
            actor=ouvidor, manifestation=m, text="A multa foi cancelada no sistema."
        )
        services.manifestation_reopen(
            actor=joao, manifestation=m, reason="A multa continua aparecendo no aplicativo."
        )
        result.add("manifestações")

    m = _lodge(
        maria,
        "sem-orgao",
        kind=Kind.SIMPLIFY,
        title="Um só cadastro para todos os serviços do Estado",
        description="Cada órgão pede meus dados de novo. Sugiro um cadastro único.",
    )
    if m:
        result.add("manifestações")

    if other is not None:
        m = _lodge(
            joao, "outro-orgao", kind=Kind.COMPLAINT, title="Certidão negativa demora a sair", agency=other
        )
        if m:
            result.add("manifestações")


def _followed_by_code(*, ouvidor, agency, result) -> None:
    anonymous = Manifestation.objects.filter(title=ANONYMOUS_TITLE, is_anonymous=True).first()
    if anonymous is None:
        anonymous = services.manifestation_lodge(
            actor=None,
            kind=Kind.DENUNCIATION,
            title=ANONYMOUS_TITLE,
            description="No pátio de veículos apreendidos, um funcionário pediu dinheiro por fora "
            "para liberar "
            "meu carro mais rápido. Aconteceu na última sexta-feira, no período da tarde.",
            agency=agency,
            facts_location="Pátio de veículos apreendidos — Cuiabá",
            anonymous=True,
        ).manifestation
        _fixed_code(anonymous, ANONYMOUS_CODE)
        services.manifestation_start_analysis(actor=ouvidor, manifestation=anonymous)
        services.manifestation_classify(
            actor=ouvidor, manifestation=anonymous, kind=Kind.DENUNCIATION, subject=_subject("irregularidade")
        )
        services.manifestation_request_info(
            actor=ouvidor,
            manifestation=anonymous,
            question="Se puder, informe o horário aproximado e alguma característica do funcionário.",
        )
        result.add("manifestações")
    result.notes.append(
        f"Denúncia anônima de demonstração: protocolo {anonymous.protocol}, código de acesso "
        f"{ANONYMOUS_CODE} "
        "(acompanhe em /ouvidoria/acompanhar/)"
    )
    desk = Manifestation.objects.filter(title=DESK_TITLE, channel=Channel.PHONE).first()
    if desk is None:
        desk = services.manifestation_lodge(
            actor=ouvidor,
            kind=Kind.COMPLAINT,
            title=DESK_TITLE,
            description="A pessoa ligou para a ouvidoria: liga para a Ciretran há uma semana e "
            "ninguém atende.",
            channel=Channel.PHONE,
            agency=agency,
            desk_identity=services.DeskIdentity(full_name="Sebastião Rodrigues Leite", cpf=DESK_PERSON_CPF),
        ).manifestation
        _fixed_code(desk, DESK_CODE)
        result.add("manifestações")
    result.notes.append(
        f"Manifestação registrada por telefone (pessoa sem conta): protocolo {desk.protocol}, "
        f"código de acesso {DESK_CODE}"
    )


def load_ombudsman_demo(report=None) -> OmbudsmanDemoReport:
    """Create the ouvidoria demo (see the module docstring). Call after the catalogue's demo and the
    requests' inbox demo (agencies, services, citizens, DETRAN-MT's analyst)."""
    result = OmbudsmanDemoReport()
    agency = Agency.objects.filter(acronym=AGENCY).first()
    cge = Agency.objects.filter(acronym__iexact=general_agency_acronym()).first()
    citizens = [User.objects.filter(cpf=cpf).first() for cpf in CITIZEN_CPFS]
    if agency is None or cge is None or None in citizens:
        return result
    with transaction.atomic():
        ouvidor = _account(OUVIDOR, agency, result)
        general = _account(GENERAL, cge, result)
    service = (
        Service.objects.filter(agency=agency, is_published=True, name__icontains="Renovar")
        .order_by("name")
        .first()
        or Service.objects.filter(agency=agency, is_published=True).order_by("name").first()
    )
    _scenarios(
        ouvidor=ouvidor,
        general=general,
        area=_area_servant(agency),
        citizens=citizens,
        agency=agency,
        other=Agency.objects.filter(acronym=OTHER_AGENCY).first(),
        service=service,
        result=result,
    )
    _followed_by_code(ouvidor=ouvidor, agency=agency, result=result)
    if report is not None:
        for what, n in result.created.items():
            report.add(what if what != "manifestações" else "manifestações (ouvidoria)", n)
        for account in result.accounts:
            if account not in report.accounts:
                report.accounts.append(account)
        notes = getattr(report, "notes", None)
        if notes is None:
            notes = []
            report.notes = notes
        notes.extend(result.notes)
    return result
