"""Reads of the Área do Servidor: a person's agencies and roles, who may manage an agency's
members, and the claims of the OpenID Connect "servidor" scope.

Agencies live in `catalog`; identity reaches the model through the app registry, never by
importing catalog (ADR 0001)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet

from plataforma.identity.models import AgencyRole, User
from plataforma.identity.selectors import active_roles, agency_ids_with_role

Role = AgencyRole.Role


def agency_model():
    return apps.get_model("catalog", "Agency")


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@dataclass
class Membership:
    """One agency and the roles the person holds in it."""

    agency: object
    roles: list[str] = field(default_factory=list)

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles]


def memberships(user) -> list[Membership]:
    """The person's agencies, each with their active roles (ordered by agency acronym)."""
    if not _signed_in(user):
        return []
    by_agency: dict = {}
    for grant in active_roles(user=user).order_by("agency__acronym", "role"):
        by_agency.setdefault(grant.agency_id, Membership(agency=grant.agency)).roles.append(grant.role)
    return list(by_agency.values())


def has_servant_access(user) -> bool:
    """The Área do Servidor is for people with an active role in an agency, and for platform
    administrators."""
    if not _signed_in(user):
        return False
    return user.is_staff or AgencyRole.objects.filter(user=user, revoked_at__isnull=True).exists()


def can_manage_members(user, agency) -> bool:
    """The agency's gestor, or a platform administrator (Resolução 002/2021: agencies manage
    their own servants; MTI administers the platform)."""
    if not _signed_in(user):
        return False
    return user.is_staff or agency.pk in agency_ids_with_role(user=user, role=Role.MANAGER)


def managed_agencies(user) -> QuerySet:
    Agency = agency_model()
    if not _signed_in(user):
        return Agency.objects.none()
    if user.is_staff:
        return Agency.objects.order_by("acronym")
    return Agency.objects.filter(pk__in=agency_ids_with_role(user=user, role=Role.MANAGER)).order_by(
        "acronym"
    )


def managed_agency(*, user, slug: str):
    """The agency, if the person manages its members; None otherwise (the view answers 404)."""
    return managed_agencies(user).filter(slug=slug).first()


def members_of(agency) -> list[dict]:
    """Active members of the agency, each with their active grants (for the members page)."""
    people: dict = {}
    grants = (
        AgencyRole.objects.filter(agency=agency, revoked_at__isnull=True)
        .select_related("user")
        .order_by("user__full_name", "role")[:2000]
    )
    for grant in grants:
        people.setdefault(grant.user_id, {"user": grant.user, "grants": []})["grants"].append(grant)
    return list(people.values())


def active_grant(*, agency, grant_id) -> AgencyRole | None:
    return (
        AgencyRole.objects.filter(pk=grant_id, agency=agency, revoked_at__isnull=True)
        .select_related("user", "agency")
        .first()
    )


def servant_claims(user: User) -> list[dict]:
    """The OpenID Connect "servidor" claim: one entry per active agency with the roles held in it,
    e.g. [{"orgao": "SEFAZ-MT", "cnpj": "03507415000144", "papeis": ["atendente", "gestor"]}]."""
    return [
        {"orgao": m.agency.acronym, "cnpj": m.agency.cnpj, "papeis": sorted(m.roles)}
        for m in memberships(user)
        if m.agency.is_active
    ]


def grantable_roles(agency) -> list[str]:
    """The roles a servant may hold in ``agency``: the Núcleo de Governança Digital's only in the
    Núcleo's agencies, MTI's only in MTI (Resolução 002/2021/NGD arts. 2 and 3)."""
    roles = [AgencyRole.Role.CARTA_EDITOR, AgencyRole.Role.ATTENDANT, AgencyRole.Role.ANALYST]
    roles += [AgencyRole.Role.OMBUDSMAN, AgencyRole.Role.MANAGER]
    if agency.acronym in settings.GOVERNANCE_NUCLEO_AGENCIES:
        roles.append(AgencyRole.Role.NUCLEO)
    if agency.acronym == settings.GOVERNANCE_MTI_AGENCY:
        roles.append(AgencyRole.Role.MTI)
    return [str(r) for r in roles]
