"""Demo data of the relatório de gestão: a year of manifestações for LAST year, and the state's and
DETRAN-MT's reports for that year, published — so that /ouvidoria/relatorios/ shows figures,
satisfaction, measures and the "análise e recomendações" right after `make run`.

The manifestações go through the ouvidoria's real services (lodge, analyse, classify, forward,
extend, answer, archive, reopen, rate, record a measure) as the core demo's people; then — LOCAL
DEMO ONLY — their dates are moved into last year, each to a fixed day, with the answer times of
the scenario (some late). Run after load_ombudsman_demo (it needs its two ouvidores).

Idempotent: nothing is created when last year's first demo manifestação exists, and a report
already published is left alone.

    from plataforma.ombudsman.reports.demo import load_reports_demo
    load_reports_demo(report)  # report: catalog.demo.loader.LoadReport, optional
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.common.calendar import CUIABA
from plataforma.common.documents import make_cpf
from plataforma.identity.models import User

from .. import services as core
from ..demo import ANALYST_CPF, CITIZEN_CPFS, GENERAL, OUVIDOR
from ..models import (
    AdoptedMeasure,
    AnswerRating,
    Forwarding,
    Manifestation,
    ManifestationAnswer,
    ManifestationEvent,
    Subject,
)
from . import services
from .selectors.reports import report_get

FIRST_TITLE = "Fila de cinco horas para a vistoria em Cuiabá"
OTHER_CITIZEN_CPF = make_cpf("963741852")
DESK_CPFS = (make_cpf("147369258"), make_cpf("258147369"))
TEXT = (
    "Relato de demonstração: a pessoa descreve o atendimento que recebeu, quando e onde, e o que espera "
    "que o órgão faça."
)


@dataclass(frozen=True)
class Scenario:
    title: str
    agency: str
    kind: str
    subject: str
    month: int
    day: int
    author: str = "maria"  # maria | joao | ana | anon | desk
    channel: str = "internet"
    outcome: str = "answer"  # answer | archive | open
    answer_days: int = 12
    extended: bool = False
    rating: tuple[bool, int] | None = None  # (resolved, satisfaction 1-5)
    measure: tuple[str, str] | None = None  # (AdoptedMeasure.Kind, description)
    forward: bool = False
    reopen: bool = False
    ago: int = 1  # years before the current one (2: the comparison year)


S = Scenario
SCENARIOS = (
    S(
        FIRST_TITLE,
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        1,
        14,
        rating=(False, 2),
        forward=True,
        measure=("processo", "Vistoria passou a ser agendada por horário no aplicativo MT Cidadão."),
    ),
    S(
        "Sistema fora do ar na renovação da CNH",
        "DETRAN-MT",
        "reclamacao",
        "canais-digitais",
        2,
        3,
        "joao",
        rating=(True, 4),
        answer_days=8,
    ),
    S(
        "Cobrança de taxa em duplicidade no licenciamento",
        "DETRAN-MT",
        "reclamacao",
        "cobrancas",
        2,
        20,
        "ana",
        answer_days=41,
        extended=True,
        rating=(True, 3),
        measure=("correcao", "Estorno automático das taxas pagas em duplicidade no licenciamento."),
    ),
    S(
        "Servidora muito atenciosa na Ciretran de Sinop",
        "DETRAN-MT",
        "elogio",
        "atendimento",
        3,
        9,
        "joao",
        rating=(True, 5),
        answer_days=3,
    ),
    S(
        "Demora de 60 dias para a segunda via da CNH",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        3,
        25,
        answer_days=38,
        rating=(False, 1),
        reopen=True,
    ),
    S(
        "Atendente grosseiro no balcão de Rondonópolis",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        4,
        11,
        "desk",
        channel="presencial",
        measure=("orientacao", "Equipe do balcão de Rondonópolis passou por capacitação em atendimento."),
    ),
    S(
        "Cobrança de propina no pátio de veículos",
        "DETRAN-MT",
        "denuncia",
        "irregularidade",
        5,
        6,
        "anon",
        measure=("apuracao", "Aberta apuração disciplinar na corregedoria do órgão."),
    ),
    S(
        "Exigência de comprovante de residência já cadastrado",
        "DETRAN-MT",
        "simplifique",
        "simplificacao",
        5,
        28,
        "ana",
        rating=(True, 5),
        answer_days=20,
        measure=(
            "simplificacao",
            "Comprovante de residência dispensado quando o endereço já consta no cadastro.",
        ),
    ),
    S(
        "Informação errada sobre documentos da transferência",
        "DETRAN-MT",
        "reclamacao",
        "informacao",
        6,
        17,
        "joao",
        rating=(True, 4),
        measure=("carta", "Lista de documentos da transferência corrigida na Carta de Serviços."),
    ),
    S(
        "Telefone da Ciretran não atende",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        7,
        2,
        "desk",
        channel="telefone",
        answer_days=35,
    ),
    S(
        "Placa errada no documento do veículo",
        "DETRAN-MT",
        "solicitacao",
        "documentos",
        8,
        19,
        rating=(True, 4),
        answer_days=6,
    ),
    S(
        "Fila longa sem prioridade para idosos",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        9,
        10,
        "ana",
        rating=(False, 2),
        answer_days=25,
    ),
    S(
        "Reclamação repetida sobre a vistoria",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        10,
        1,
        outcome="archive",
    ),
    S("Aviso por SMS quando a CNH ficar pronta", "DETRAN-MT", "sugestao", "informacao", 11, 12, "joao"),
    S(
        "Vistoria remarcada três vezes",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        12,
        8,
        "desk",
        channel="carta",
        outcome="open",
    ),
    S(
        "Certidão negativa demora a sair",
        "SEFAZ",
        "reclamacao",
        "demora",
        1,
        28,
        "joao",
        rating=(True, 3),
        answer_days=15,
        measure=("processo", "Emissão da certidão negativa automatizada para contribuintes sem pendências."),
    ),
    S(
        "IPVA cobrado de veículo vendido",
        "SEFAZ",
        "reclamacao",
        "cobrancas",
        3,
        3,
        "ana",
        rating=(True, 4),
        answer_days=22,
    ),
    S(
        "Site da SEFAZ fora do ar no último dia do IPVA",
        "SEFAZ",
        "reclamacao",
        "canais-digitais",
        4,
        30,
        rating=(False, 2),
        answer_days=33,
    ),
    S(
        "Boa orientação no plantão fiscal",
        "SEFAZ",
        "elogio",
        "atendimento",
        6,
        5,
        "joao",
        rating=(True, 5),
        answer_days=4,
    ),
    S(
        "Parcelamento do ICMS com regras confusas",
        "SEFAZ",
        "reclamacao",
        "informacao",
        8,
        8,
        "ana",
        rating=(True, 4),
        answer_days=18,
    ),
    S(
        "Unificar as guias de pagamento",
        "SEFAZ",
        "simplifique",
        "simplificacao",
        9,
        22,
        "maria",
        answer_days=27,
    ),
    S(
        "Dificuldade para emitir a nota fiscal avulsa",
        "SEFAZ",
        "solicitacao",
        "canais-digitais",
        11,
        4,
        "joao",
        rating=(True, 5),
        answer_days=9,
    ),
    S(
        "Remédio de alto custo em falta na farmácia",
        "SES",
        "reclamacao",
        "demora",
        2,
        14,
        "maria",
        answer_days=29,
    ),
    S(
        "Demora no agendamento da consulta especializada",
        "SES",
        "reclamacao",
        "agendamento",
        5,
        19,
        "ana",
        answer_days=52,
        extended=True,
    ),
    S("Atendimento humano na regulação", "SES", "elogio", "atendimento", 7, 30, "joao", answer_days=5),
    S(
        "Falta de transporte escolar na zona rural",
        "SEDUC",
        "reclamacao",
        "infraestrutura",
        3,
        17,
        "maria",
        answer_days=31,
    ),
    S(
        "Matrícula on-line exige documento que a escola já tem",
        "SEDUC",
        "simplifique",
        "simplificacao",
        10,
        20,
        "ana",
        answer_days=14,
    ),
    # The year before, for the comparison of the recurring points (art. 15 III).
    S(
        "Atendimento demorado no balcão de Cuiabá",
        "DETRAN-MT",
        "reclamacao",
        "atendimento",
        3,
        4,
        "joao",
        ago=2,
    ),
    S("Servidor não soube informar os documentos", "DETRAN-MT", "reclamacao", "atendimento", 5, 12, ago=2),
    S("Agenda da vistoria sempre lotada", "DETRAN-MT", "reclamacao", "agendamento", 6, 18, "ana", ago=2),
    S(
        "Fila sem senha no posto de Várzea Grande",
        "DETRAN-MT",
        "reclamacao",
        "agendamento",
        8,
        2,
        "joao",
        ago=2,
    ),
    S(
        "Demora na transferência de propriedade",
        "DETRAN-MT",
        "reclamacao",
        "demora",
        9,
        9,
        ago=2,
        answer_days=34,
    ),
    S("IPVA cobrado em dobro", "SEFAZ", "reclamacao", "cobrancas", 2, 7, "ana", ago=2),
    S("Multa de ICMS sem explicação", "SEFAZ", "reclamacao", "cobrancas", 7, 21, "joao", ago=2),
    S("Portal da SEFAZ lento", "SEFAZ", "reclamacao", "canais-digitais", 10, 15, ago=2),
)
ANALYSIS = (
    "As reclamações foram o tipo mais frequente de manifestação, e os assuntos que mais se repetiram foram o "
    "agendamento e as filas, a demora no atendimento e as cobranças. No DETRAN-MT, as filas da vistoria e do "
    "balcão concentraram as queixas do primeiro semestre; na SEFAZ, as falhas "
    "do site nos dias de vencimento do "
    "IPVA.\n\nA maior parte das manifestações foi respondida dentro do prazo "
    "de 30 dias, mas houve atrasos nas "
    "que dependiam de outras áreas, sobretudo na saúde. Algumas respostas foram reabertas porque o problema "
    "continuava: a resposta informava a providência, mas não a data em que ela teria efeito."
)
RECOMMENDATIONS = (
    "1. Ampliar o agendamento com hora marcada nas unidades com mais "
    "reclamações de fila, reservando horários "
    "para as prioridades legais.\n\n2. Avisar os usuários pelo aplicativo quando um serviço digital estiver "
    "fora do ar e prorrogar automaticamente os vencimentos afetados.\n\n3. "
    "Nas respostas, dizer o que foi feito "
    "e quando o usuário verá o resultado.\n\n4. Revisar a Carta de Serviços "
    "sempre que uma manifestação mostrar "
    "informação errada ou incompleta."
)
AGENCY_ANALYSIS = (
    "A vistoria e o atendimento no balcão responderam por metade das reclamações do ano. A adoção do "
    "agendamento por horário reduziu as queixas de fila no segundo semestre."
)
AGENCY_RECOMMENDATIONS = (
    "Estender o agendamento por horário a todas as Ciretrans e capacitar as equipes de balcão em atendimento."
)


def _local(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=CUIABA)


def _shift(m: Manifestation, target: datetime) -> None:
    """Move every date of `m` and of its rows by the same amount, so `received_at` = target."""
    delta = Manifestation.objects.values_list("received_at", flat=True).get(pk=m.pk) - target
    moved = {
        Manifestation: (
            "received_at",
            "answer_due_at",
            "answer_extended_at",
            "clock_paused_at",
            "user_reply_due_at",
            "reopened_at",
            "concluded_at",
            "identity_consent_at",
            "created_at",
            "updated_at",
        ),
        ManifestationAnswer: ("answered_at", "due_at", "created_at", "updated_at"),
        AnswerRating: ("created_at", "updated_at"),
        AdoptedMeasure: ("created_at", "updated_at"),
        Forwarding: ("sent_at", "due_at", "extended_at", "answered_at", "created_at", "updated_at"),
        ManifestationEvent: ("created_at", "updated_at"),
    }
    for model, fields in moved.items():
        key = {"pk": m.pk} if model is Manifestation else {"manifestation": m}
        model.objects.filter(**key).update(**{f: F(f) - delta for f in fields})


def _answer_times(m: Manifestation, s: Scenario, target: datetime) -> None:
    """The scenario's answer time (days after receipt; the second cycle 20 days later), whether it
    met the deadline in force, and the rating and measure a couple of days after it."""
    last = None
    for answer in ManifestationAnswer.objects.filter(manifestation=m).order_by("cycle"):
        answered = target + timedelta(days=s.answer_days + 20 * (answer.cycle - 1))
        due = target + timedelta(days=(60 if answer.extended else 30) + 30 * (answer.cycle - 1))
        ManifestationAnswer.objects.filter(pk=answer.pk).update(
            answered_at=answered, due_at=due, on_time=answered <= due, created_at=answered
        )
        AnswerRating.objects.filter(manifestation=m, cycle=answer.cycle).update(
            created_at=answered + timedelta(days=2)
        )
        last = (answered, due)
    if last is None:
        return
    answered, due = last
    AdoptedMeasure.objects.filter(manifestation=m).update(created_at=answered + timedelta(days=1))
    Manifestation.objects.filter(pk=m.pk, concluded_at__isnull=False).update(
        concluded_at=answered, concluded_on_time=answered <= due, answer_due_at=due
    )


def _lodge(s: Scenario, *, people: dict, agency: Agency, n: int) -> Manifestation:
    services_of = list(Service.objects.filter(agency=agency, is_published=True).order_by("name")[:5])
    service = services_of[n % len(services_of)] if services_of and n % 6 else None
    common = {"kind": s.kind, "title": s.title, "description": TEXT, "agency": agency, "service": service}
    if s.author == "anon":
        return core.manifestation_lodge(actor=None, anonymous=True, **common).manifestation
    if s.author == "desk":
        identity = core.DeskIdentity(full_name="Pessoa atendida no balcão", cpf=DESK_CPFS[n % 2])
        return core.manifestation_lodge(
            actor=people["ouvidor"], channel=s.channel, desk_identity=identity, **common
        ).manifestation
    return core.manifestation_lodge(
        actor=people[s.author], channel=s.channel, idempotency_key=f"demo-relatorio-{n}", **common
    ).manifestation


def _play(s: Scenario, n: int, *, people: dict, agencies: dict, current_year: int) -> None:
    agency = agencies[s.agency]
    handler = people["ouvidor"] if s.agency == "DETRAN-MT" else people["general"]
    m = _lodge(s, people=people, agency=agency, n=n)
    author = None if s.author in ("anon", "desk") else people[s.author]
    m = core.manifestation_start_analysis(actor=handler, manifestation=m)
    m = core.manifestation_classify(
        actor=handler, manifestation=m, kind=s.kind, subject=Subject.objects.filter(slug=s.subject).first()
    )
    if s.forward and people.get("area") is not None:
        forwarding = core.manifestation_forward(
            actor=handler,
            manifestation=m,
            area="Coordenadoria de Vistoria",
            extract="O usuário relata espera longa para a vistoria.",
            question="Quais providências a área adotou para reduzir a espera?",
        )
        core.forwarding_answer(
            actor=people["area"], forwarding=forwarding, answer="Passamos a agendar a vistoria por horário."
        )
        m.refresh_from_db()
    if s.extended:
        m = core.manifestation_extend(
            actor=handler, manifestation=m, reason="A resposta depende de informações de outra área do órgão."
        )
    if s.outcome == "archive":
        core.manifestation_archive(
            actor=handler,
            manifestation=m,
            reason="duplicada",
            text="Esta manifestação repete outra já respondida.",
        )
    elif s.outcome == "answer":
        core.manifestation_answer(
            actor=handler, manifestation=m, text="Apuramos o caso e informamos a providência."
        )
        if s.reopen and author is not None:
            m.refresh_from_db()
            m = core.manifestation_reopen(actor=author, manifestation=m, reason="O problema continua.")
            core.manifestation_answer(
                actor=handler, manifestation=m, text="Refizemos a análise e corrigimos o erro."
            )
        if s.measure is not None:
            m.refresh_from_db()
            core.measure_record(actor=handler, manifestation=m, kind=s.measure[0], description=s.measure[1])
        if s.rating is not None and author is not None:
            m.refresh_from_db()
            core.manifestation_rate(
                actor=author, manifestation=m, resolved=s.rating[0], satisfaction=s.rating[1]
            )
    target = _local(current_year - s.ago, s.month, s.day)
    _shift(m, target)
    _answer_times(m, s, target)


def _people() -> dict | None:
    users = {
        "ouvidor": User.objects.filter(cpf=OUVIDOR["cpf"]).first(),
        "general": User.objects.filter(cpf=GENERAL["cpf"]).first(),
        "maria": User.objects.filter(cpf=CITIZEN_CPFS[0]).first(),
        "joao": User.objects.filter(cpf=CITIZEN_CPFS[1]).first(),
        "ana": User.objects.filter(cpf=OTHER_CITIZEN_CPF).first(),
    }
    if any(u is None for u in users.values()):
        return None
    users["area"] = User.objects.filter(cpf=ANALYST_CPF).first()
    return users


def load_reports_demo(report=None) -> list[str]:
    """Create last year's demo manifestações and publish the state's and DETRAN-MT's reports of
    last year (see the module docstring). Returns lines for the person running the demo (also
    appended to report.notes)."""
    year = timezone.localdate().year - 1
    people = _people()
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in={s.agency for s in SCENARIOS})}
    notes: list[str] = []
    if people is None or len(agencies) < len({s.agency for s in SCENARIOS}):
        return notes
    created = 0
    if not Manifestation.objects.filter(title=FIRST_TITLE, received_at__year=year).exists():
        with transaction.atomic():
            for n, scenario in enumerate(SCENARIOS):
                _play(scenario, n, people=people, agencies=agencies, current_year=year + 1)
                created += 1
    detran = agencies["DETRAN-MT"]
    for actor, agency, analysis, recommendations, addressee in (
        (people["general"], None, ANALYSIS, RECOMMENDATIONS, "Governador do Estado de Mato Grosso"),
        (people["ouvidor"], detran, AGENCY_ANALYSIS, AGENCY_RECOMMENDATIONS, "Presidente do DETRAN-MT"),
    ):
        found = report_get(year=year, agency=agency)
        if found is not None and found.is_published:
            continue
        with transaction.atomic():
            services.report_draft_save(
                actor=actor,
                year=year,
                agency=agency,
                analysis=analysis,
                recommendations=recommendations,
                addressed_to=addressee,
            )
            services.report_publish(actor=actor, year=year, agency=agency)
    notes.append(
        f"Relatório de gestão da ouvidoria de {year}: /ouvidoria/relatorios/{year}/ (e o do DETRAN-MT em "
        f"/ouvidoria/relatorios/{year}/orgaos/{detran.slug}/); a Ouvidoria-Geral escreve os relatórios em "
        "/servidor/ouvidoria/relatorios/"
    )
    if report is not None:
        if created:
            report.add("manifestações do ano passado (relatório de gestão)", created)
        existing = getattr(report, "notes", None)
        if existing is None:
            report.notes = existing = []
        existing.extend(notes)
    return notes
