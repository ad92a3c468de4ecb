"""Demo of the conselhos de usuários: DETRAN-MT's council of users of its driving-licence services,
with a first call already decided (members chosen by the public draw, one application not found
eligible), a consultation whose deadline has passed (opinions and the agency's answer published),
an open consultation awaiting opinions, and a complementary call open to applications, which the
demo citizens (852.963.741-00, 741.852.963-55) can try.

Everything is written by the agency's demo gestor and the demo people through the real services
(audited, notified). What happened "in the past" (the first call's window, the first
consultation's deadline) is made by moving those dates back once the services have written the
records, as time would have done. João Batista Moraes (852.963.741-00) is the sole applicant of
"Empresas e entidades", so he is a member whatever the draw, and can give his opinion.

Idempotent: nothing is written when DETRAN-MT already has the demo council. Call after the
catalogue and MT Login demo (the agency, its services, its gestor and the citizens must exist):

    from plataforma.ombudsman.councils.demo import load_councils_demo
    load_councils_demo(report)   # report: catalog.demo.loader.LoadReport, optional
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.common.documents import make_cpf
from plataforma.identity.models import AgencyRole, Level, User

from .models import Call, Consultation, Council
from .services import applications as apply_services
from .services import calls as call_services
from .services import consultations as consult_services
from .services import councils as council_services
from .services import selection

AGENCY = "DETRAN-MT"
COUNCIL_NAME = "Conselho de Usuários dos Serviços de Habilitação do DETRAN-MT"
CITIZEN_MEMBER = make_cpf("852963741")  # João Batista Moraes
CITIZEN_APPLICANT = make_cpf("741852963")  # Maria Aparecida da Silva
# The Loteria Federal result the first call announced (illustrative).
PUBLIC_VALUE = "38.421"

# (CPF base, name, municipality IBGE code, category code, motivation)
APPLICANTS = (
    (
        "600100201",
        "Rosângela Ferreira Lima",
        "5103403",
        "cidadaos",
        "Uso os serviços de habilitação há 20 anos.",
    ),
    ("600100202", "Carlos Eduardo Nunes", "5107602", "cidadaos", "Sou instrutor voluntário de trânsito."),
    ("600100203", "Luana Correa da Costa", "5107909", "cidadaos", ""),
    ("600100204", "Paulo Henrique Arruda", "5108402", "cidadaos", "Quero ajudar a melhorar o agendamento."),
    ("600100205", "Tereza Cristina Gomes", "5106752", "cidadaos", ""),
    ("600100206", "Wagner Luiz Siqueira", "5100250", "cidadaos", "Moro no interior e dependo da ciretran."),
    ("600100207", "Sebastiana de Souza Campos", "5103403", "pessoas-com-deficiencia", "Sou cadeirante."),
    ("600100208", "Antônio Carlos Pereira", "5103403", "pessoas-idosas", "Renovo a CNH a cada 3 anos."),
    ("600100209", "Maria de Lourdes Rocha", "5108402", "pessoas-idosas", ""),
    ("600100210", "Jorge Amorim Bastos", "5107602", "cidadaos", ""),
)
OPINIONS = (
    (
        "600100201",
        "favor",
        "A abertura de vagas aos sábados ajuda quem trabalha. Peço que os horários sejam "
        "anunciados com uma semana de antecedência.",
    ),
    (
        "600100208",
        "favor",
        "Concordo, e peço prioridade de atendimento às pessoas idosas também aos sábados.",
    ),
    ("852963741", "abstencao", "As autoescolas precisam ser ouvidas antes: a mudança afeta os instrutores."),
    (
        "600100207",
        "contra",
        "Sem intérprete de Libras e sem acessibilidade nas pistas, o sábado não resolve "
        "para as pessoas com deficiência.",
    ),
)


@dataclass
class CouncilsDemoReport:
    councils: int = 0
    calls: int = 0
    applications: int = 0
    members: int = 0
    consultations: int = 0
    opinions: int = 0

    @property
    def created_anything(self) -> bool:
        return bool(self.councils)


def _gestor() -> User | None:
    return (
        User.objects.filter(
            is_active=True,
            agency_roles__agency__acronym=AGENCY,
            agency_roles__role=AgencyRole.Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
        )
        .order_by("date_joined")
        .first()
    )


def _person(base: str, name: str) -> User:
    cpf = make_cpf(base)
    user = User.objects.filter(cpf=cpf).first()
    if user is None:
        user = User.objects.create_user(
            cpf,
            None,  # unusable password: these people exist for the demo's council only
            full_name=name,
            email=f"conselho.{base}@example.org",
            email_verified_at=timezone.now(),
            level=Level.BRONZE,
        )
    return user


def _backdate_call(call: Call, *, closed_days_ago: int) -> None:
    now = timezone.now()
    closes = now - timedelta(days=closed_days_ago)
    Call.objects.filter(pk=call.pk).update(
        opens_at=closes - timedelta(days=30),
        closes_at=closes,
        published_at=closes - timedelta(days=31),
        mandate_starts_on=timezone.localdate() - timedelta(days=closed_days_ago - 10),
    )


def _first_call(gestor: User, council: Council, result: CouncilsDemoReport) -> None:
    now = timezone.now()
    call = call_services.call_create(
        actor=gestor,
        council=council,
        data=call_services.CallData(
            notice=(
                "O DETRAN-MT convida as pessoas usuárias dos serviços de habilitação a compor o seu "
                "conselho de "
                "usuários (Lei federal nº 13.460/2017, arts. 18 a 22).\n\n"
                "Quem pode participar: pessoas com 18 anos ou mais que usam os serviços de habilitação. "
                "Servidores do DETRAN-MT e representantes de empresas contratadas por ele não podem se "
                "inscrever.\n\n"
                "Seleção: as inscrições são conferidas pelo órgão; havendo mais inscrições do que vagas numa "
                "categoria, a ordem é definida por sorteio público com o 1º prêmio da Loteria Federal "
                "indicado abaixo."
            ),
            opens_at=now - timedelta(minutes=5),
            closes_at=now + timedelta(days=2),
            mandate_starts_on=timezone.localdate() + timedelta(days=10),
            draw_value_source="1º prêmio da Loteria Federal do primeiro sábado depois do fim das inscrições",
        ),
    )
    call = call_services.call_publish(actor=gestor, call=call)
    result.calls += 1
    categories = {c.code: c for c in council.categories.all()}
    people = [(_person(base, name), city, code, why) for base, name, city, code, why in APPLICANTS]
    joao = User.objects.filter(cpf=CITIZEN_MEMBER).first()
    if joao is not None:
        people.append(
            (joao, "5103403", "empresas", "Represento uma pequena empresa de peças que usa o DETRAN.")
        )
    rejected = None
    for user, municipality, code, motivation in people:
        application = apply_services.application_submit(
            actor=user,
            call=call,
            category=categories[code],
            municipality_code=municipality,
            motivation=motivation,
            declares_no_conflict=True,
            declares_unpaid=True,
        )
        result.applications += 1
        if user.full_name == "Jorge Amorim Bastos":
            rejected = application
    _backdate_call(call, closed_days_ago=20)
    call.refresh_from_db()
    call = call_services.call_close(actor=gestor, call=call)
    if rejected is not None:
        selection.application_reject(
            actor=gestor,
            application=rejected,
            reason="A inscrição indicou vínculo com autoescola contratada pelo órgão "
            "(conflito de interesses).",
        )
    call = selection.call_publish_result(actor=gestor, call=call, public_value=PUBLIC_VALUE)
    result.members += call.memberships.count()


def _consultations(gestor: User, council: Council, result: CouncilsDemoReport) -> None:
    now = timezone.now()
    service = council.services.filter(Q(name__icontains="primeira")).first() or council.services.first()
    past = consult_services.consultation_create(
        actor=gestor,
        council=council,
        data=consult_services.ConsultationData(
            subject="Provas práticas de direção aos sábados",
            question=(
                "O DETRAN-MT estuda abrir vagas de prova prática de direção aos sábados em Cuiabá e "
                "Várzea Grande. "
                "O conselho concorda? O que precisa ser cuidado para que a mudança funcione para todos?"
            ),
            service=service,
            asks_vote=True,
            deadline=now + timedelta(days=2),
        ),
    )
    result.consultations += 1
    members = {
        m.person.cpf: m.person for m in consult_services.active_memberships(council).select_related("person")
    }
    for base, vote, text in OPINIONS:
        person = members.get(make_cpf(base))
        if person is None:
            continue
        consult_services.opinion_submit(actor=person, consultation=past, text=text, vote=vote)
        result.opinions += 1
    Consultation.objects.filter(pk=past.pk).update(deadline=now - timedelta(days=7))
    past.refresh_from_db()
    consult_services.consultation_respond(
        actor=gestor,
        consultation=past,
        response=(
            "O DETRAN-MT vai abrir as provas aos sábados a partir do próximo mês, com os horários publicados "
            "no agendamento com uma semana de antecedência e prioridade às pessoas idosas. Antes disso, "
            "as pistas "
            "de Cuiabá e Várzea Grande recebem rampas e sinalização tátil, e haverá intérprete de Libras "
            "mediante "
            "agendamento. As autoescolas foram convidadas para uma reunião sobre a mudança."
        ),
    )
    consult_services.consultation_create(
        actor=gestor,
        council=council,
        data=consult_services.ConsultationData(
            subject="Linguagem das páginas da CNH na Carta de Serviços",
            question=(
                "Leia as páginas dos serviços de habilitação no Portal de Serviços. O que está difícil "
                "de entender? "
                "Que informação falta para você saber o que levar e quanto vai pagar?"
            ),
            service=None,
            asks_vote=False,
            deadline=now + timedelta(days=14),
        ),
    )
    result.consultations += 1


def _open_call(gestor: User, council: Council, result: CouncilsDemoReport) -> None:
    now = timezone.now()
    call = call_services.call_create(
        actor=gestor,
        council=council,
        data=call_services.CallData(
            notice=(
                "Chamamento complementar: o DETRAN-MT recebe inscrições para formar o cadastro de "
                "titulares e "
                "suplentes do próximo mandato do conselho, em todas as categorias.\n\n"
                "Inscreva-se com a sua conta MT Login. Você informa a categoria, o município onde mora e, se "
                "quiser, por que quer participar. A participação é voluntária e não é remunerada."
            ),
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=30),
            mandate_starts_on=timezone.localdate() + timedelta(days=45),
            draw_value_source="1º prêmio da Loteria Federal do primeiro sábado depois do fim das inscrições",
        ),
    )
    call_services.call_publish(actor=gestor, call=call)
    result.calls += 1


def load_councils_demo(report=None) -> CouncilsDemoReport:
    """DETRAN-MT's council with a decided call, consultations and an open call (see the module doc)."""
    result = CouncilsDemoReport()
    gestor = _gestor()
    agency = Agency.objects.filter(acronym=AGENCY).first()
    if gestor is None or agency is None or Council.objects.filter(agency=agency, name=COUNCIL_NAME).exists():
        return result
    services = list(
        Service.objects.filter(agency=agency, is_published=True)
        .filter(Q(name__icontains="CNH") | Q(name__icontains="habilitação"))
        .order_by("name")[:12]
    )
    with transaction.atomic():
        council = council_services.council_create(
            actor=gestor,
            agency=agency,
            rules=council_services.CouncilRules(
                name=COUNCIL_NAME,
                description=(
                    "Acompanha os serviços de habilitação de condutores (primeira habilitação, "
                    "renovação, segunda "
                    "via, mudança de categoria), avalia o atendimento nas unidades e no portal e propõe "
                    "melhorias."
                ),
                mandate_months=24,
                requirements="Ter 18 anos ou mais e usar os serviços de habilitação do DETRAN-MT.",
            ),
            services=services,
            with_suggested=True,
        )
        result.councils += 1
        _first_call(gestor, council, result)
        _consultations(gestor, council, result)
        _open_call(gestor, council, result)
    if report is not None:
        report.add("conselhos de usuários", result.councils)
        report.add("chamamentos públicos", result.calls)
        report.add("inscrições em chamamentos", result.applications)
        report.add("membros de conselhos", result.members)
        report.add("consultas a conselhos", result.consultations)
        report.add("pareceres de conselheiros", result.opinions)
    return result


def councils_a11y_targets() -> dict:
    """Paths of the demo's councils pages, for the accessibility scan (scripts/a11y)."""
    from django.urls import reverse

    from .models import CallState, ConsultationState

    council = Council.objects.filter(name=COUNCIL_NAME).first()
    if council is None:
        return {}
    open_call = council.calls.filter(state=CallState.OPEN).first()
    decided = council.calls.filter(state=CallState.RESULT).first()
    now = timezone.now()
    published = council.consultations.filter(state=ConsultationState.OPEN, deadline__lte=now).first()
    ongoing = council.consultations.filter(state=ConsultationState.OPEN, deadline__gt=now).first()
    member = decided.memberships.filter(person__cpf=CITIZEN_MEMBER).first() if decided else None
    application = decided.applications.first() if decided else None
    targets = {
        "councils_public": [
            reverse("councils:list"),
            reverse("councils:council", args=[council.slug]),
            reverse("councils:draw_help"),
            reverse("councils:data"),
        ],
        "councils_citizen": [reverse("councils:mine")],
        "councils_staff": [
            reverse("councils:staff_home"),
            reverse("councils:staff_council", args=[council.pk]),
        ],
    }
    if decided:
        targets["councils_public"].append(reverse("councils:call", args=[council.slug, decided.pk]))
        targets["councils_staff"].append(reverse("councils:staff_call", args=[decided.pk]))
    if open_call:
        targets["councils_public"].append(reverse("councils:call", args=[council.slug, open_call.pk]))
        targets["councils_citizen"].append(reverse("councils:apply", args=[council.slug, open_call.pk]))
        targets["councils_staff"].append(reverse("councils:staff_call", args=[open_call.pk]))
    if published:
        targets["councils_public"].append(reverse("councils:consultation", args=[council.slug, published.pk]))
        targets["councils_staff"].append(reverse("councils:staff_consultation", args=[published.pk]))
    if ongoing:
        targets["councils_citizen"].append(reverse("councils:opinion", args=[ongoing.pk]))
    if member:
        targets["councils_citizen"].append(reverse("councils:resign", args=[member.pk]))
        targets["councils_staff"].append(reverse("councils:staff_membership", args=[member.pk]))
    if application:
        targets["councils_staff"].append(reverse("councils:staff_application", args=[application.pk]))
    targets["councils_staff"].append(reverse("councils:staff_consultation_new", args=[council.pk]))
    return targets
