"""Demo of the Núcleo de Governança Digital (issue #8):

- accounts: a Núcleo member at SEPLAG, an MTI servant, and the gestores of SEFAZ, SES and SEDUC
  (DETRAN-MT's demo gestor, 390.533.447-05, already exists);
- last year's plan, approved, with tracks in every stage: one service of DETRAN-MT already digital
  (the one with the most demo requests, so the panel has its figures), milestones done, done late
  and late, open high risks, budgets requested and granted, status updates; one nomination not
  approved;
- this year's plan with nominations open: DETRAN-MT, SEFAZ and SES nominated, SEDUC not yet;
- two exceptions (one approved with its migration plan, one under the Núcleo's analysis);
- MTI's catalogue: eight services in every category, each with an approved price compared with
  three market references (one with two versions), and one price proposal awaiting decision;
- two technical justifications (one approved, one under analysis) and three published guides.

Records are written straight with the models (respecting every constraint) and each gets an
audit row, as the catalogue's loader does for what it writes directly. Idempotent: accounts and
roles are looked up first, and each part is skipped when its first record already exists.
Numbers of exceptions and justifications come from the shared protocol counters, in the formats
the governance services issue.

    from plataforma.governance.demo import load_governance_demo
    load_governance_demo(report)  # report: catalog.demo.loader.LoadReport, optional
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from plataforma.catalog.models import Agency
from plataforma.common.documents import format_cpf, make_cpf
from plataforma.identity.models import AgencyRole, Level, User
from plataforma.identity.services import agency_role_grant

from . import demo_content as content
from . import demo_plan
from .demo_plan import audit, pick_service
from .models import GuidancePage, MarketReference, PriceVersion, StandardService, TechJustification

Role = AgencyRole.Role
DETRAN = "DETRAN-MT"
DETRAN_GESTOR_CPF = make_cpf("390533447")

# (cpf base, name, e-mail, agency, role, label)
ACCOUNTS = [
    (
        "620100101",
        "Helena Duarte Moreira",
        "helena.moreira.demo@mt.gov.br",
        "SEPLAG",
        Role.NUCLEO,
        "Núcleo de Governança Digital — SEPLAG (painel do Núcleo, plano, exceções e preços da MTI)",
    ),
    (
        "620100102",
        "Igor Tavares Lacerda",
        "igor.lacerda.demo@mt.gov.br",
        None,  # settings.GOVERNANCE_MTI_AGENCY
        Role.MTI,
        "Equipe da MTI (catálogo de serviços, justificativas técnicas e orientações)",
    ),
    (
        "620100103",
        "Juliana Prates Amorim",
        "juliana.amorim.demo@mt.gov.br",
        "SEFAZ",
        Role.MANAGER,
        "Gestora — SEFAZ (plano de serviços prioritários e exceções)",
    ),
    (
        "620100104",
        "Leonardo Bastos Ribeiro",
        "leonardo.ribeiro.demo@mt.gov.br",
        "SES",
        Role.MANAGER,
        "Gestor — SES (plano de serviços prioritários e exceções)",
    ),
    (
        "620100105",
        "Mariana Leite Cardoso",
        "mariana.cardoso.demo@mt.gov.br",
        "SEDUC",
        Role.MANAGER,
        "Gestora — SEDUC (plano de serviços prioritários)",
    ),
]


@dataclass
class GovernanceDemoReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())


@dataclass
class Context:
    """What every part of the demo needs: the people, the agencies, today and the report."""

    result: GovernanceDemoReport
    agencies: dict[str, Agency]
    nucleo: User
    mti: User
    gestores: dict[str, User]
    today: date
    now: datetime

    def moment(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, 0)))

    def days_ago(self, n: int, hour: int = 10) -> datetime:
        return self.moment(self.today - timedelta(days=n), hour)


def _account(spec, agency: Agency, result: GovernanceDemoReport, password: list[str]) -> User:
    base, name, email, _acronym, role, label = spec
    cpf = make_cpf(base)
    user = User.objects.filter(cpf=cpf).first()
    if user is None:
        if not password:
            from plataforma.catalog.demo import DEMO_PASSWORD

            password.append(make_password(DEMO_PASSWORD))
        user = User.objects.create_user(
            cpf, None, full_name=name, email=email, email_verified_at=timezone.now(), level=Level.PRATA
        )
        user.password = password[0]
        user.save(update_fields=["password"])
        result.add("contas")
    if not AgencyRole.objects.filter(user=user, agency=agency, role=role, revoked_at__isnull=True).exists():
        granter = User.objects.filter(is_staff=True, is_active=True).order_by("date_joined").first()
        agency_role_grant(actor=granter, user=user, agency=agency, role=role)
        result.add("papéis de governança digital")
    result.accounts.append((label, format_cpf(cpf)))
    return user


# --- exceptions -------------------------------------------------------------------------------


def _exceptions(ctx: Context) -> None:
    from plataforma.common.protocols import protocol_issue

    from .models import ExceptionAction, ExceptionDecision, ExceptionRequest
    from .services.exceptions import PROTOCOL_PREFIX

    for spec in demo_plan.EXCEPTIONS:
        agency = ctx.agencies.get(spec["agency"])
        gestor = ctx.gestores.get(spec["agency"])
        if agency is None or gestor is None:
            continue
        service = pick_service(agency, (spec["service"],), set())
        if service is None or ExceptionRequest.objects.filter(service=service).exists():
            continue
        approved = spec["approved"]
        submitted = ctx.days_ago(spec["submitted_days_ago"])
        exc = ExceptionRequest.objects.create(
            number=protocol_issue(prefix=PROTOCOL_PREFIX, year=timezone.localtime(submitted).year),
            agency=agency,
            service=service,
            platform_name=spec["platform"],
            platform_url=spec["url"],
            justification=spec["justification"],
            status=ExceptionRequest.Status.APPROVED if approved else ExceptionRequest.Status.SUBMITTED,
            valid_until=ctx.today + timedelta(days=spec["valid_days"]) if approved else None,
            created_by=gestor,
            submitted_at=submitted,
            decided_at=ctx.days_ago(spec["decided_days_ago"]) if approved else None,
            decided_by=ctx.nucleo if approved else None,
            decision_reasons=spec.get("reasons", ""),
        )
        for description, due_in, done_ago in spec["actions"]:
            ExceptionAction.objects.create(
                request=exc,
                description=description,
                due_on=ctx.today + timedelta(days=due_in),
                done_on=ctx.today - timedelta(days=done_ago) if done_ago is not None else None,
            )
        audit(gestor, "governance.exception.submit", exc, status=exc.status, actions=len(spec["actions"]))
        if approved:
            ExceptionDecision.objects.create(
                request=exc,
                kind=ExceptionDecision.Kind.APPROVED,
                reasons=exc.decision_reasons,
                valid_until=exc.valid_until,
                decided_by=exc.decided_by,
                decided_at=exc.decided_at,
            )
            audit(
                ctx.nucleo,
                "governance.exception.approve",
                exc,
                status=["em_analise", exc.status],
                valid_until=exc.valid_until.isoformat(),
            )
        ctx.result.add("pedidos de exceção")


# --- MTI --------------------------------------------------------------------------------------


def _references(version: PriceVersion, references, effective: date) -> None:
    for kind, source, price, days_before, url, note in references:
        MarketReference.objects.create(
            version=version,
            kind=kind,
            source=source,
            price=Decimal(price),
            reference_date=effective - timedelta(days=days_before),
            url=url,
            note=note,
        )


def _catalogue(ctx: Context) -> None:
    for code, name, category, unit, description, level, versions in content.CATALOGUE:
        if StandardService.objects.filter(code=code).exists():
            continue
        service = StandardService.objects.create(
            code=code, name=name, category=category, unit=unit, description=description, service_level=level
        )
        audit(ctx.mti, "governance.mti_service.create", service, code=code)
        for number, (days_ago, price, justification, references) in enumerate(versions, start=1):
            effective = ctx.today - timedelta(days=days_ago)
            version = PriceVersion.objects.create(
                service=service,
                number=number,
                price=Decimal(price),
                valid_from=effective,
                justification=justification,
                status=PriceVersion.Status.APPROVED,
                created_by=ctx.mti,
                submitted_at=ctx.days_ago(days_ago + 12),
                decided_at=ctx.days_ago(days_ago + 5),
                decided_by=ctx.nucleo,
                decision_reasons=(
                    "Aprovado: o preço está abaixo da mediana das referências de mercado e a composição "
                    "de custos foi apresentada."
                ),
            )
            _references(version, references, effective)
            audit(ctx.mti, "governance.price.submit", version, number=number, references=len(references))
            audit(ctx.nucleo, "governance.price.decide", version, status=version.status)
            ctx.result.add("preços aprovados da MTI")
        ctx.result.add("serviços do catálogo da MTI")
    _proposal(ctx)


def _proposal(ctx: Context) -> None:
    """A price proposal awaiting the Núcleo — made once, while the service has only the demo's
    first version."""
    code, in_days, price, justification, references = content.PROPOSAL
    service = StandardService.objects.filter(code=code).first()
    if service is None or service.prices.count() != 1:
        return
    version = PriceVersion.objects.create(
        service=service,
        number=2,
        price=Decimal(price),
        valid_from=ctx.today + timedelta(days=in_days),
        justification=justification,
        status=PriceVersion.Status.SUBMITTED,
        created_by=ctx.mti,
        submitted_at=ctx.days_ago(2),
    )
    _references(version, references, ctx.today)
    audit(ctx.mti, "governance.price.submit", version, number=2, references=len(references))
    ctx.result.add("propostas de preço em análise")


def _justifications(ctx: Context) -> None:
    from plataforma.common.protocols import protocol_issue, protocol_parse

    from .services.mti_docs import JUSTIFICATION_SEQUENCE, justification_number

    for spec in content.JUSTIFICATIONS:
        if TechJustification.objects.filter(title=spec["title"]).exists():
            continue
        decided = spec["decided"]
        submitted = ctx.days_ago(120 if decided else 6)
        year, _prefix, sequence = protocol_parse(
            protocol_issue(prefix=JUSTIFICATION_SEQUENCE, year=timezone.localtime(submitted).year)
        )
        item = TechJustification.objects.create(
            number=justification_number(year, sequence),
            title=spec["title"],
            technology=spec["technology"],
            context=spec["context"],
            justification=spec["justification"],
            alternatives=spec["alternatives"],
            costs=spec["costs"],
            status=TechJustification.Status.APPROVED if decided else TechJustification.Status.SUBMITTED,
            created_by=ctx.mti,
            submitted_at=submitted,
            decided_at=ctx.days_ago(100) if decided else None,
            decided_by=ctx.nucleo if decided else None,
            decision_reasons=spec["reasons"],
        )
        audit(ctx.mti, "governance.justification.submit", item, status=item.status)
        if decided:
            audit(ctx.nucleo, "governance.justification.decide", item, status=item.status)
        ctx.result.add("justificativas técnicas")


def _guides(ctx: Context) -> None:
    for spec in content.GUIDES:
        if GuidancePage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = GuidancePage.objects.create(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=content.guide_body(spec["slug"]),
            order=spec["order"],
            is_published=True,
            published_at=ctx.now,
            updated_by=ctx.mti,
        )
        audit(ctx.mti, "governance.guide.publish", page, slug=page.slug)
        ctx.result.add("orientações de integração")


# --- entry point ------------------------------------------------------------------------------


def load_governance_demo(report=None) -> GovernanceDemoReport:
    """Create the governance demo (see the module docstring). Call after the catalogue's, MT
    Login's and the requests' demos (agencies, services, DETRAN-MT's gestor, demo requests) and
    before the panel's rebuild (load_monitoring_demo)."""
    result = GovernanceDemoReport()
    mti_acronym = settings.GOVERNANCE_MTI_AGENCY
    wanted = {DETRAN, mti_acronym, *(spec[3] for spec in ACCOUNTS if spec[3])}
    agencies = {a.acronym: a for a in Agency.objects.filter(acronym__in=wanted)}
    detran_gestor = (
        User.objects.filter(
            cpf=DETRAN_GESTOR_CPF,
            agency_roles__agency__acronym=DETRAN,
            agency_roles__role=Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
        ).first()
        if DETRAN in agencies
        else None
    )
    if detran_gestor is None or mti_acronym not in agencies or "SEPLAG" not in agencies:
        return result
    password: list[str] = []
    with transaction.atomic():
        people = {}
        for spec in ACCOUNTS:
            agency = agencies.get(spec[3] or mti_acronym)
            if agency is not None:
                people[spec[3] or mti_acronym] = _account(spec, agency, result, password)
        gestores = {DETRAN: detran_gestor}
        gestores.update({a: u for a, u in people.items() if a not in ("SEPLAG", mti_acronym)})
        now = timezone.now()
        ctx = Context(
            result=result,
            agencies=agencies,
            nucleo=people["SEPLAG"],
            mti=people[mti_acronym],
            gestores=gestores,
            today=timezone.localdate(),
            now=now,
        )
        demo_plan.load_plans(ctx)
        _exceptions(ctx)
        _catalogue(ctx)
        _justifications(ctx)
        _guides(ctx)
    if report is not None:
        for what, n in result.created.items():
            report.add(what, n)
        for account in result.accounts:
            if account not in report.accounts:
                report.accounts.append(account)
    return result


def governance_a11y_targets() -> dict:
    """Paths of the demo's governance pages (public, and the Núcleo's), for scripts/a11y."""
    from django.urls import reverse

    from .models import PlanCycle

    years = list(PlanCycle.objects.order_by("-year").values_list("year", flat=True)[:2])
    public = [
        reverse("governance:pub_home"),
        reverse("governance:pub_plan"),
        *[reverse("governance:pub_plan", args=[y]) for y in years],
        reverse("governance:pub_open_data"),
    ]
    staff = [reverse("governance:staff_home"), reverse("governance:nucleo_dashboard")]
    return {"governance_public": public, "governance_nucleo": staff, "nucleo_cpf": make_cpf(ACCOUNTS[0][0])}
