"""Shared test data of the governance parts: agencies (the Núcleo's, MTI, ordinary ones), people of
every role, published services of an agency's Carta, and a plan cycle brought to each state
through the real services. What happened "in the past" (a deadline that passed) is made by moving
the dates back after the services wrote the records.

The other parts (exceptions, MTI, monitoring) import from here and keep their own extra factories
in their own test files.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from plataforma.catalog.models import Agency
from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import Nomination, PlanCycle, Track
from ..services import plan as plan_services
from ..services import plan_nominations

Role = AgencyRole.Role
_names = itertools.count(1)

__all__ = [
    "AgencyFactory",
    "Role",
    "agency_service",
    "approved_plan",
    "citizen",
    "gestor_of",
    "mti_agency",
    "mti_member",
    "nominate",
    "nucleo_agency",
    "nucleo_member",
    "open_cycle",
    "pass_deadline",
    "person",
    "review_cycle",
    "servant",
]


def person(**kwargs):
    """An account with a confirmed e-mail and no role (a citizen)."""
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.BRONZE)
    return UserFactory(**kwargs)


citizen = person


def servant(agency: Agency, *roles: str, **kwargs):
    user = person(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def gestor_of(*agencies: Agency, **kwargs):
    """The gestor of one or several agencies."""
    user = person(**kwargs)
    for agency in agencies:
        AgencyRole.objects.create(user=user, agency=agency, role=Role.MANAGER)
    return user


def _named_agency(acronym: str) -> Agency:
    agency = Agency.objects.filter(acronym=acronym).first()
    return agency or AgencyFactory(acronym=acronym, slug=acronym.lower())


def nucleo_agency() -> Agency:
    """The first of the Núcleo's agencies (SEPLAG by default), created once per test."""
    return _named_agency(settings.GOVERNANCE_NUCLEO_AGENCIES[0])


def mti_agency() -> Agency:
    return _named_agency(settings.GOVERNANCE_MTI_AGENCY)


def nucleo_member(**kwargs):
    return servant(nucleo_agency(), Role.NUCLEO, **kwargs)


def mti_member(**kwargs):
    return servant(mti_agency(), Role.MTI, **kwargs)


def agency_service(agency: Agency, *, digital: bool = False, name: str = "", editor=None):
    """A published service of the agency's Carta (through the catalogue's real workflow)."""
    editor = editor or make_editor(agency)
    overrides = {"name": name or f"Serviço de teste {next(_names)}"}
    if digital:
        overrides.update(is_digital=True, digital_url="https://servicos.mt.gov.br/teste")
    return published_service(agency=agency, editor=editor, **overrides)


def open_cycle(actor=None, *, year: int = 2026, **kwargs) -> PlanCycle:
    """A cycle with nominations open (deadline in GOVERNANCE_NOMINATION_DAYS days)."""
    return plan_services.cycle_open(actor=actor or nucleo_member(), year=year, **kwargs)


def nominate(cycle, gestor, service, *, rank: int = 1, justification: str = "Muito procurado.") -> Nomination:
    return plan_nominations.nomination_create(
        actor=gestor,
        cycle=cycle,
        agency=service.agency,
        service=service,
        rank=rank,
        justification=justification,
    )


def pass_deadline(cycle: PlanCycle) -> PlanCycle:
    """Move the cycle's dates back so that its nomination deadline has passed."""
    now = timezone.now()
    PlanCycle.objects.filter(pk=cycle.pk).update(
        opened_at=now - timedelta(days=20), nomination_deadline=now - timedelta(hours=1)
    )
    cycle.refresh_from_db()
    return cycle


def review_cycle(cycle: PlanCycle, actor) -> PlanCycle:
    """Close the cycle's nominations (deadline passed): the Núcleo's review starts."""
    return plan_services.cycle_close_nominations(actor=actor, cycle=pass_deadline(cycle))


def approved_plan(
    *, agency: Agency | None = None, services: int = 1, digital: bool = False, year: int = 2026
):
    """A plan approved with `services` approved nominations of `agency`; returns a dict with the
    cycle, the agency, its gestor, the Núcleo member and the tracks (rank order)."""
    agency = agency or AgencyFactory()
    gestor = gestor_of(agency)
    member = nucleo_member()
    cycle = open_cycle(member, year=year)
    nominations = [
        nominate(cycle, gestor, agency_service(agency, digital=digital), rank=rank)
        for rank in range(1, services + 1)
    ]
    cycle = review_cycle(cycle, member)
    for nomination in nominations:
        plan_services.nomination_decide(actor=member, nomination=nomination, approve=True, note="")
    cycle = plan_services.cycle_approve(actor=member, cycle=cycle, note="Aprovado na reunião do Núcleo.")
    tracks = list(Track.objects.filter(nomination__cycle=cycle).order_by("nomination__rank"))
    return {"cycle": cycle, "agency": agency, "gestor": gestor, "nucleo": member, "tracks": tracks}
