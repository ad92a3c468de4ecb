"""Test data of the monitoring pages and the open data: the people of every role, an approved plan
of last year with tracks in several stages (one digital, with the panel's figures for this year),
a declined nomination, this year's cycle with nominations open, exceptions, MTI's catalogue and
justifications in public and non-public states — written straight with the models, as the
foundation's constraints allow, so these tests do not depend on the other parts' services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory, make_editor
from plataforma.monitoring.models import MonthlyIndicator

from ..models import (
    ExceptionAction,
    ExceptionRequest,
    MarketReference,
    Milestone,
    Nomination,
    PlanCycle,
    PriceVersion,
    Risk,
    StandardService,
    TechJustification,
    Track,
)

Role = AgencyRole.Role
# Names and CPFs of servants that must never reach a public page or the open data.
SECRET_NAMES = ("Gabriela Gestora Sigilosa", "Norberto Nucleo Sigiloso", "Marta Mti Sigilosa")


def servant(agency, role, **kwargs):
    user = UserFactory(**kwargs)
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def _moment(days_ago: int):
    return timezone.now() - timedelta(days=days_ago)


def indicator_row(service, year: int, **figures) -> MonthlyIndicator:
    """The panel's year row (month 0) of a service, ratings published."""
    values = {
        "submitted": 12,
        "concluded": 10,
        "approved": 8,
        "rejected": 2,
        "concluded_with_deadline": 8,
        "concluded_on_time": 6,
        "days_sum": 40.0,
        "days_median": 3.5,
        "evaluations": 6,
        "score_sum": 27,
        "score_1": 0,
        "score_2": 0,
        "score_3": 0,
        "score_4": 3,
        "score_5": 3,
        "ratings_withheld": "",
    }
    values.update(figures)
    return MonthlyIndicator.objects.create(
        scope=MonthlyIndicator.Scope.SERVICE,
        scope_id=service.pk,
        agency=service.agency,
        service=service,
        year=year,
        month=0,
        refreshed_at=timezone.now(),
        **values,
    )


def build() -> dict:
    """Everything the monitoring and open-data tests read; returns a dict of the objects. (Each
    test module wraps it in its own `gov` fixture.)"""
    today = timezone.localdate()
    detran = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")
    sefaz = AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")
    seplag = AgencyFactory(acronym="SEPLAG", slug="seplag", name="Secretaria de Estado de Planejamento")
    mti_agency = AgencyFactory(acronym="MTI", slug="mti", name="Empresa de Tecnologia da Informação")
    AgencyFactory(acronym="SEDUC", slug="seduc", name="Secretaria de Estado de Educação")
    gestor = servant(detran, Role.MANAGER, full_name=SECRET_NAMES[0])
    sefaz_gestor = servant(sefaz, Role.MANAGER)
    nucleo = servant(seplag, Role.NUCLEO, full_name=SECRET_NAMES[1])
    mti = servant(mti_agency, Role.MTI, full_name=SECRET_NAMES[2])
    citizen = UserFactory()
    editor_a, editor_b = make_editor(detran), make_editor(sefaz)

    def service(agency, editor, name):
        return published_service(agency=agency, editor=editor, name=name)

    digital = service(detran, editor_a, "Comunicar a venda do veículo")
    developing = service(detran, editor_a, "Fazer vistoria veicular")
    declined_service = service(detran, editor_a, "Emitir a permissão internacional")
    diagnosing = service(sefaz, editor_b, "Pedir isenção de IPVA")
    nominated_now = service(detran, editor_a, "Dar baixa no registro do veículo")
    other_sefaz = service(sefaz, editor_b, "Emitir nota fiscal avulsa")
    draft_exc_service = service(sefaz, editor_b, "Parcelar débitos de ICMS")

    last = today.year - 1
    approved = PlanCycle.objects.create(
        year=last,
        status=PlanCycle.Status.APPROVED,
        opened_at=_moment(400),
        nomination_deadline=_moment(390),
        approved_at=_moment(360),
        approved_by=nucleo,
    )

    def nominate(cycle, agency, svc, rank, status, by):
        decided = _moment(362) if status in (Nomination.Status.APPROVED, Nomination.Status.DECLINED) else None
        return Nomination.objects.create(
            cycle=cycle,
            agency=agency,
            service=svc,
            rank=rank,
            justification="Serviço muito procurado.",
            status=status,
            nominated_by=by,
            decided_at=decided,
            decided_by=nucleo if decided else None,
        )

    t_digital = Track.objects.create(
        nomination=nominate(approved, detran, digital, 1, Nomination.Status.APPROVED, gestor),
        stage=Track.Stage.DIGITAL,
        digital_since=_moment(100),
        owner=gestor,
        budget_requested=Decimal("1000.00"),
        budget_granted=Decimal("800.00"),
    )
    t_dev = Track.objects.create(
        nomination=nominate(approved, detran, developing, 2, Nomination.Status.APPROVED, gestor),
        stage=Track.Stage.DEVELOPMENT,
        owner=gestor,
        budget_requested=Decimal("5000.50"),
    )
    t_diag = Track.objects.create(
        nomination=nominate(approved, sefaz, diagnosing, 1, Nomination.Status.APPROVED, sefaz_gestor),
        stage=Track.Stage.DIAGNOSIS,
    )
    nominate(approved, detran, declined_service, 3, Nomination.Status.DECLINED, gestor)
    # Milestones: on time, done late, late and open, ahead.
    Milestone.objects.create(
        track=t_digital,
        title="Diagnóstico",
        due_on=today - timedelta(days=200),
        done_on=today - timedelta(days=201),
    )
    Milestone.objects.create(
        track=t_digital,
        title="Publicação",
        due_on=today - timedelta(days=110),
        done_on=today - timedelta(days=100),
    )
    late = Milestone.objects.create(
        track=t_dev, title="Laudo digital integrado", due_on=today - timedelta(days=20)
    )
    Milestone.objects.create(
        track=t_dev, title="Homologação com as empresas", due_on=today + timedelta(days=30)
    )
    high = Risk.objects.create(
        track=t_dev,
        description="Empresas sem equipamento",
        probability="alto",
        impact="medio",
        mitigation="Prazo",
    )
    Risk.objects.create(track=t_dev, description="Risco baixo", probability="baixo", impact="baixo")
    Risk.objects.create(
        track=t_diag,
        description="Risco alto já mitigado",
        probability="alto",
        impact="alto",
        status="mitigado",
    )
    indicator_row(digital, today.year)

    current = PlanCycle.objects.create(
        year=today.year,
        status=PlanCycle.Status.OPEN,
        opened_at=_moment(2),
        nomination_deadline=timezone.now() + timedelta(days=8),
    )
    nominate(current, detran, nominated_now, 1, Nomination.Status.NOMINATED, gestor)

    public_exc = ExceptionRequest.objects.create(
        number="2026.EXC.000001-0",
        agency=sefaz,
        service=other_sefaz,
        platform_name="Sistema de NFA-e da SEFAZ",
        justification="Integração fiscal própria.",
        status=ExceptionRequest.Status.APPROVED,
        valid_until=today + timedelta(days=90),
        created_by=sefaz_gestor,
        submitted_at=_moment(30),
        decided_at=_moment(20),
        decided_by=nucleo,
        decision_reasons="Aprovada até o fim do plano.",
    )
    ExceptionAction.objects.create(
        request=public_exc, description="Migrar", due_on=today + timedelta(days=90)
    )
    ExceptionRequest.objects.create(
        number="RASC-rascunho1",
        agency=sefaz,
        service=draft_exc_service,
        platform_name="Plataforma em rascunho",
        justification="Rascunho sigiloso.",
        created_by=sefaz_gestor,
    )
    ExceptionRequest.objects.create(
        number="2026.EXC.000002-8",
        agency=detran,
        service=developing,
        platform_name="Plataforma em análise",
        justification="Em análise.",
        status=ExceptionRequest.Status.SUBMITTED,
        submitted_at=_moment(1),
        created_by=gestor,
    )

    catalogue = StandardService.objects.create(
        code="HOSP-01",
        name="Hospedagem",
        category="hospedagem",
        description="Contêiner.",
        unit="contêiner por mês",
    )
    StandardService.objects.create(
        code="REDE-01", name="Link de dados", category="rede", description="Link.", unit="link por mês"
    )
    v1 = PriceVersion.objects.create(
        service=catalogue,
        number=1,
        price=Decimal("420.00"),
        valid_from=today - timedelta(days=100),
        justification="Custo do cluster.",
        status=PriceVersion.Status.APPROVED,
        created_by=mti,
        decided_at=_moment(105),
        decided_by=nucleo,
    )
    for source, price in (("Fonte A", "512.00"), ("Fonte B", "468.00"), ("Fonte C", "455.00")):
        MarketReference.objects.create(
            version=v1,
            kind="cotacao",
            source=source,
            price=Decimal(price),
            reference_date=today - timedelta(days=120),
        )
    proposal = PriceVersion.objects.create(
        service=catalogue,
        number=2,
        price=Decimal("398.00"),
        valid_from=today + timedelta(days=30),
        justification="Proposta sigilosa em análise.",
        status=PriceVersion.Status.SUBMITTED,
        created_by=mti,
        submitted_at=_moment(1),
    )
    MarketReference.objects.create(
        version=proposal,
        kind="cotacao",
        source="Fonte da proposta",
        price=Decimal("500.00"),
        reference_date=today,
    )
    for number, status, title in (
        ("2025.JT.0001", TechJustification.Status.APPROVED, "Kubernetes"),
        ("2026.JT.0002", TechJustification.Status.SUBMITTED, "Justificativa em análise"),
        ("RASC-jt", TechJustification.Status.DRAFT, "Justificativa em rascunho"),
    ):
        decided = status == TechJustification.Status.APPROVED
        TechJustification.objects.create(
            number=number,
            title=title,
            technology="Tecnologia",
            context="Contexto",
            justification="Justificativa",
            alternatives="Alternativas",
            status=status,
            created_by=mti,
            decided_at=_moment(10) if decided else None,
            decided_by=nucleo if decided else None,
        )
    return {
        "today": today,
        "detran": detran,
        "sefaz": sefaz,
        "gestor": gestor,
        "sefaz_gestor": sefaz_gestor,
        "nucleo": nucleo,
        "mti": mti,
        "citizen": citizen,
        "approved": approved,
        "current": current,
        "digital": digital,
        "developing": developing,
        "declined_service": declined_service,
        "nominated_now": nominated_now,
        "late": late,
        "high_risk": high,
        "t_digital": t_digital,
    }
