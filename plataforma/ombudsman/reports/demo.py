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

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.common.calendar import CUIABA
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
from .demo_scenarios import (
    AGENCY_ANALYSIS,
    AGENCY_RECOMMENDATIONS,
    ANALYSIS,
    DESK_CPFS,
    FIRST_TITLE,
    OTHER_CITIZEN_CPF,
    RECOMMENDATIONS,
    SCENARIOS,
    TEXT,
    Scenario,
)
from .selectors.reports import report_get


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
