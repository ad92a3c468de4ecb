"""The plans of the governance demo (see demo.py): last year's, approved, with its tracks, and this
year's with nominations open; plus the data of the two demo exceptions.

Dates are relative to today, so the tracks look alive whenever the demo is loaded: milestones
done months ago, one done late, some late now, the next ones ahead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count

from plataforma.catalog.models import Agency, Service
from plataforma.common.audit import audit_record

from .models import Milestone, Nomination, PlanCycle, Risk, StatusUpdate, Track

S = Track.Stage
H, M, L = Risk.Level.HIGH, Risk.Level.MEDIUM, Risk.Level.LOW
MOST_REQUESTED = "*"  # the agency's service with the most demo requests (panel figures)

# agency, service names (preferred first), stage, budget requested / granted, justification,
# milestones (title, stage, due: days from today, done: days before today or None),
# risks (description, probability, impact, mitigation, status), updates (days ago, after, text).
LAST_YEAR = [
    {
        "agency": "DETRAN-MT",
        "services": (MOST_REQUESTED, "Comunicar a venda do veículo"),
        "stage": S.DIGITAL,
        "budget": ("180000.00", "150000.00"),
        "why": "É um dos serviços mais procurados nas ciretrans e pode ser feito todo pela internet.",
        "milestones": [
            ("Diagnóstico do atendimento nas ciretrans", S.DIAGNOSIS, -290, 292),
            ("Novo fluxo redesenhado e aprovado", S.REDESIGN, -230, 224),
            ("Formulário digital pronto para homologação", S.DEVELOPMENT, -170, 172),
            ("Serviço publicado no portal", S.DIGITAL, -125, 125),
        ],
        "risks": [
            (
                "Integração com o sistema de registro de veículos atrasar",
                M,
                H,
                "Testes com o X-VIA desde o início.",
                Risk.Status.MITIGATED,
            )
        ],
        "updates": [
            (
                260,
                S.REDESIGN,
                "Diagnóstico concluído: 70% dos atendimentos podem ser feitos sem ir à unidade.",
            ),
            (200, S.DEVELOPMENT, "Fluxo redesenhado aprovado pela diretoria; começou o desenvolvimento."),
            (160, S.ACCEPTANCE, "Formulário em homologação com servidores de três ciretrans."),
            (125, S.DIGITAL, "Serviço publicado: a comunicação de venda agora é feita pelo portal."),
        ],
    },
    {
        "agency": "DETRAN-MT",
        "services": ("Fazer vistoria veicular",),
        "stage": S.DEVELOPMENT,
        "budget": ("420000.00", "250000.00"),
        "why": "O agendamento e o laudo da vistoria ainda dependem de papel e de idas à unidade.",
        "milestones": [
            ("Diagnóstico concluído", S.DIAGNOSIS, -250, 248),
            ("Redesenho aprovado", S.REDESIGN, -150, 140),
            ("Laudo digital integrado ao registro do veículo", S.DEVELOPMENT, -20, None),
            ("Homologação com as empresas credenciadas", S.ACCEPTANCE, 60, None),
        ],
        "risks": [
            (
                "Empresas credenciadas de vistoria sem equipamento para o laudo digital",
                H,
                H,
                "Prazo de adaptação e aplicativo de vistoria para celular.",
                Risk.Status.OPEN,
            ),
        ],
        "updates": [
            (140, S.REDESIGN, "Redesenho aprovado."),
            (90, S.DEVELOPMENT, "Desenvolvimento iniciado."),
        ],
    },
    {
        "agency": "DETRAN-MT",
        "services": ("Emitir a Permissão Internacional para Dirigir (PID)",),
        "stage": S.REDESIGN,
        "budget": (None, None),
        "why": "Pedido simples, hoje presencial, que pode ser todo digital.",
        "milestones": [
            ("Diagnóstico concluído", S.DIAGNOSIS, -120, 118),
            ("Novo fluxo aprovado", S.REDESIGN, 30, None),
        ],
        "risks": [],
        "updates": [(110, S.REDESIGN, "Diagnóstico concluído; começou o redesenho.")],
    },
    {
        "agency": "SEFAZ",
        "services": ("Pedir isenção de IPVA para pessoa com deficiência",),
        "stage": S.ACCEPTANCE,
        "budget": ("95000.00", "95000.00"),
        "why": "As pessoas com deficiência precisam ir à agência fazendária com vários documentos.",
        "milestones": [
            ("Diagnóstico concluído", S.DIAGNOSIS, -260, 262),
            ("Redesenho com as entidades de pessoas com deficiência", S.REDESIGN, -190, 185),
            ("Integração com o laudo médico digital", S.DEVELOPMENT, -60, 58),
            ("Homologação com usuários", S.ACCEPTANCE, 20, None),
        ],
        "risks": [
            (
                "Laudos médicos em papel ainda predominarem",
                M,
                M,
                "Aceitar laudo digitalizado.",
                Risk.Status.OPEN,
            )
        ],
        "updates": [(60, S.ACCEPTANCE, "Homologação iniciada com 30 usuários voluntários.")],
    },
    {
        "agency": "SEFAZ",
        "services": ("Declarar e pagar o ITCD (herança e doação)",),
        "stage": S.DIAGNOSIS,
        "budget": ("60000.00", None),
        "why": "A declaração tem muitas etapas presenciais e retrabalho.",
        "milestones": [
            ("Diagnóstico concluído", S.DIAGNOSIS, -45, None),
            ("Redesenho aprovado", S.REDESIGN, 75, None),
        ],
        "risks": [
            (
                "Falta de pessoal para o diagnóstico",
                H,
                M,
                "Apoio da equipe do Núcleo no levantamento.",
                Risk.Status.OPEN,
            )
        ],
        "updates": [(100, S.DIAGNOSIS, "Diagnóstico começou com atraso: equipe deslocada para o IPVA.")],
    },
    {
        "agency": "SES",
        "services": ("Solicitar Tratamento Fora do Domicílio (TFD)",),
        "stage": S.DEVELOPMENT,
        "budget": ("310000.00", "280000.00"),
        "why": "Pacientes do interior viajam para entregar documentos do pedido de TFD.",
        "milestones": [
            ("Diagnóstico nos escritórios regionais", S.DIAGNOSIS, -240, 241),
            ("Redesenho aprovado", S.REDESIGN, -160, 150),
            ("Pedido digital com anexos", S.DEVELOPMENT, 45, None),
        ],
        "risks": [],
        "updates": [(150, S.DEVELOPMENT, "Desenvolvimento do pedido digital iniciado.")],
    },
    {
        "agency": "SES",
        "services": ("Obter a licença sanitária estadual",),
        "stage": S.DIAGNOSIS,
        "budget": (None, None),
        "why": "Muitos pedidos voltam por falta de documentos.",
        "milestones": [("Diagnóstico concluído", S.DIAGNOSIS, 15, None)],
        "risks": [],
        "updates": [],
    },
    {
        "agency": "SEDUC",
        "services": ("Pedir transferência escolar",),
        "stage": S.REDESIGN,
        "budget": ("120000.00", "120000.00"),
        "why": "As famílias vão duas vezes à escola para pedir a transferência.",
        "milestones": [
            ("Diagnóstico concluído", S.DIAGNOSIS, -200, 199),
            ("Redesenho aprovado pelas diretorias regionais", S.REDESIGN, -10, None),
        ],
        "risks": [],
        "updates": [(190, S.REDESIGN, "Diagnóstico concluído.")],
    },
]
# A nomination the Núcleo did not approve: (agency, service, reason).
DECLINED = (
    "SEDUC",
    "Solicitar transporte escolar",
    "O transporte escolar é organizado com os municípios; a SEDUC deve indicar um serviço que presta "
    "diretamente.",
)
# This year's nominations so far: (agency, service).
THIS_YEAR = [
    ("DETRAN-MT", "Apresentar defesa ou recurso de multa de trânsito"),
    ("DETRAN-MT", "Dar baixa no registro do veículo"),
    ("SEFAZ", "Pedir restituição de tributo estadual pago a mais"),
    ("SES", "Solicitar medicamentos do Componente Especializado (alto custo)"),
    ("SES", "Solicitar imunobiológicos especiais (CRIE)"),
]

EXCEPTIONS = [
    {
        "agency": "SEFAZ",
        "service": "Emitir nota fiscal avulsa eletrônica (NFA-e)",
        "platform": "Sistema de NFA-e da SEFAZ-MT",
        "url": "",
        "justification": (
            "A NFA-e depende do cálculo do ICMS e da autorização na Secretaria da Fazenda Nacional, feitos "
            "pelo sistema fiscal da SEFAZ. Migrar o serviço exige refazer essa integração pelo X-VIA."
        ),
        "approved": True,
        "submitted_days_ago": 260,
        "decided_days_ago": 240,
        "valid_days": 240,
        "reasons": (
            "Aprovada até o fim do plano de migração: o serviço depende de integração fiscal que ainda "
            "não está no X-VIA. A SEFAZ deve cumprir as datas do plano."
        ),
        "actions": [
            ("Publicar no X-VIA o serviço de cálculo do ICMS da NFA-e", -60, 70),
            ("Formulário de pedido da NFA-e no portal", 90, None),
            ("Desligar a emissão no sistema próprio", 240, None),
        ],
    },
    {
        "agency": "SES",
        "service": "Consultar a fila de consultas, exames e cirurgias (regulação)",
        "platform": "SISREG — Sistema Nacional de Regulação (Ministério da Saúde)",
        "url": "",
        "justification": (
            "A fila da regulação é mantida no sistema nacional do Ministério da Saúde, usado por todos os "
            "municípios. O portal pode mostrar a posição na fila quando o sistema nacional oferecer consulta."
        ),
        "approved": False,
        "submitted_days_ago": 5,
        "actions": [
            ("Pedir ao Ministério da Saúde o acesso à consulta da fila", 30, None),
            ("Mostrar a posição na fila no portal, com login do MT Login", 180, None),
        ],
    },
]


def audit(actor, action: str, target, **changes) -> None:
    """The audit row of a record the demo writes directly (ids, states and counts only)."""
    audit_record(actor=actor, action=action, target=target, changes={"demo": True, **changes})


def pick_service(agency: Agency, names: tuple[str, ...], used: set) -> Service | None:
    """The first of `names` published by `agency` and not used yet in the cycle, else the agency's
    first such service by name (the demo's catalogue may change)."""
    services = Service.objects.filter(agency=agency, is_published=True).exclude(pk__in=used)
    for name in names:
        found = services.filter(name=name).first()
        if found is not None:
            return found
    return services.order_by("name").first()


def most_requested_service(agency: Agency) -> Service | None:
    """The agency's published service with the most requests (the panel has its figures)."""
    return (
        Service.objects.filter(agency=agency, is_published=True)
        .annotate(n=Count("requests"))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .first()
    )


def _cycle(ctx, *, year: int, opened: datetime, approved: bool) -> PlanCycle:
    cycle = PlanCycle.objects.create(
        year=year,
        status=PlanCycle.Status.APPROVED if approved else PlanCycle.Status.OPEN,
        opened_at=opened,
        nomination_deadline=opened + timedelta(days=settings.GOVERNANCE_NOMINATION_DAYS),
        guidance=(
            "Indique até cinco serviços que o seu órgão vai tornar digitais neste ano, em ordem de "
            "prioridade. Prefira os mais procurados e os que hoje exigem idas à unidade."
        ),
        opened_by=ctx.nucleo,
        approved_at=opened + timedelta(days=35) if approved else None,
        approved_by=ctx.nucleo if approved else None,
        approval_note=(
            "Plano aprovado com os serviços indicados pelos órgãos, exceto um serviço que não é prestado "
            "diretamente pelo Estado. O orçamento foi concedido conforme a disponibilidade."
            if approved
            else ""
        ),
    )
    audit(ctx.nucleo, "governance.cycle.open", cycle, year=year)
    if approved:
        audit(ctx.nucleo, "governance.cycle.approve", cycle, status=cycle.status)
    ctx.result.add("ciclos do plano de serviços prioritários")
    return cycle


def _nominate(ctx, cycle, agency, service, rank, why, *, status, decided=None, note="") -> Nomination:
    nomination = Nomination.objects.create(
        cycle=cycle,
        agency=agency,
        service=service,
        rank=rank,
        justification=why,
        status=status,
        nominated_by=ctx.gestores[agency.acronym],
        decided_at=decided,
        decided_by=ctx.nucleo if decided else None,
        decision_note=note,
    )
    audit(ctx.gestores[agency.acronym], "governance.nomination.create", nomination, rank=rank)
    if decided:
        audit(ctx.nucleo, "governance.nomination.decide", nomination, status=status)
    ctx.result.add("indicações de serviços prioritários")
    return nomination


def _track(ctx, nomination: Nomination, spec: dict) -> None:
    requested, granted = spec["budget"]
    digital = spec["stage"] == S.DIGITAL
    gestor = ctx.gestores[nomination.agency.acronym]
    track = Track.objects.create(
        nomination=nomination,
        stage=spec["stage"],
        owner=gestor,
        budget_requested=Decimal(requested) if requested else None,
        budget_granted=Decimal(granted) if granted else None,
        budget_note="Concedido pelo Núcleo na aprovação do plano." if granted else "",
        digital_since=ctx.days_ago(125) if digital else None,
    )
    for title, stage, due_in, done_ago in spec["milestones"]:
        Milestone.objects.create(
            track=track,
            title=title,
            stage=stage,
            due_on=ctx.today + timedelta(days=due_in),
            done_on=ctx.today - timedelta(days=done_ago) if done_ago is not None else None,
        )
    for description, probability, impact, mitigation, status in spec["risks"]:
        Risk.objects.create(
            track=track,
            description=description,
            probability=probability,
            impact=impact,
            mitigation=mitigation,
            status=status,
        )
    before = S.DIAGNOSIS
    for days_ago, after, text in spec["updates"]:
        update = StatusUpdate.objects.create(
            track=track, author=gestor, text=text, stage_before=before, stage_after=after
        )
        StatusUpdate.objects.filter(pk=update.pk).update(created_at=ctx.days_ago(days_ago))
        before = after
    audit(ctx.nucleo, "governance.track.create", track, stage=track.stage, milestones=len(spec["milestones"]))
    ctx.result.add("trilhas de digitalização")


def _last_year(ctx) -> None:
    year = ctx.today.year - 1
    if year < 2021 or PlanCycle.objects.filter(year=year).exists():
        return
    cycle = _cycle(
        ctx,
        year=year,
        opened=ctx.moment(ctx.today.replace(month=1, day=1) - timedelta(days=355)),
        approved=True,
    )
    decided = cycle.approved_at - timedelta(days=2)
    used: set = set()
    ranks: dict[str, int] = {}
    for spec in LAST_YEAR:
        agency = ctx.agencies.get(spec["agency"])
        if agency is None or agency.acronym not in ctx.gestores:
            continue
        service = None
        if spec["services"][0] == MOST_REQUESTED:
            service = most_requested_service(agency)
            service = service if service is not None and service.pk not in used else None
        service = service or pick_service(
            agency, tuple(n for n in spec["services"] if n != MOST_REQUESTED), used
        )
        if service is None:
            continue
        used.add(service.pk)
        ranks[agency.acronym] = ranks.get(agency.acronym, 0) + 1
        nomination = _nominate(
            ctx,
            cycle,
            agency,
            service,
            ranks[agency.acronym],
            spec["why"],
            status=Nomination.Status.APPROVED,
            decided=decided,
        )
        _track(ctx, nomination, spec)
    acronym, name, note = DECLINED
    agency = ctx.agencies.get(acronym)
    if agency is not None and acronym in ctx.gestores:
        service = pick_service(agency, (name,), used)
        if service is not None:
            ranks[acronym] = ranks.get(acronym, 0) + 1
            _nominate(
                ctx,
                cycle,
                agency,
                service,
                ranks[acronym],
                "Muitas famílias pedem o transporte escolar no início do ano.",
                status=Nomination.Status.DECLINED,
                decided=decided,
                note=note,
            )


def _this_year(ctx) -> None:
    if PlanCycle.objects.filter(year=ctx.today.year).exists():
        return
    cycle = _cycle(ctx, year=ctx.today.year, opened=ctx.now - timedelta(days=3), approved=False)
    used: set = set()
    ranks: dict[str, int] = {}
    for acronym, name in THIS_YEAR:
        agency = ctx.agencies.get(acronym)
        if agency is None or acronym not in ctx.gestores:
            continue
        service = pick_service(agency, (name,), used)
        if service is None:
            continue
        used.add(service.pk)
        ranks[acronym] = ranks.get(acronym, 0) + 1
        _nominate(
            ctx,
            cycle,
            agency,
            service,
            ranks[acronym],
            "Serviço muito procurado que ainda exige atendimento presencial.",
            status=Nomination.Status.NOMINATED,
        )


def load_plans(ctx) -> None:
    _last_year(ctx)
    _this_year(ctx)
