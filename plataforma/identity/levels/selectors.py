"""Reads about levels, for this app and for others (the catalogue and the OIDC provider use
`level_gate_url` to send a person below a service's level to the step-up page; whether this
sign-in reaches a level is `auth_flow.session_meets_level`, since ouro needs the certificate)."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from plataforma.catalog.models import Agency, ServiceUnit
from plataforma.identity.models import AgencyRole, Level, User
from plataforma.identity.selectors import agency_ids_with_role

from .models import LevelValidation

DESK_ROLES = (AgencyRole.Role.ATTENDANT, AgencyRole.Role.MANAGER)
MAX_LISTED_UNITS = 300


def meets_level(user, required: str) -> bool:
    """True when `user` is signed in and their ACCOUNT is at `required` or above. Gates use the
    session's level instead (auth_flow.session_meets_level): an ouro account signed in with a
    password reaches at most prata."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Level.rank(user.level) >= Level.rank(required)


def level_gate_url(*, required: str, next_url: str) -> str:
    """The step-up page explaining how to reach `required`, returning to `next_url` after."""
    query = {"necessario": required}
    if next_url:
        query["next"] = next_url
    return f"{reverse('levels:raise')}?{urlencode(query)}"


def desk_agency_ids(*, user) -> set[UUID]:
    """Agencies where `user` may validate people in person (atendente or gestor, not revoked)."""
    ids: set[UUID] = set()
    for role in DESK_ROLES:
        ids |= agency_ids_with_role(user=user, role=role)
    return ids


def desk_agencies(*, user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=desk_agency_ids(user=user), is_active=True).order_by("acronym")


def desk_units(*, agency_ids: set[UUID]) -> QuerySet[ServiceUnit]:
    return (
        ServiceUnit.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("agency__acronym", "city", "name")
    )


def person_by_cpf(*, cpf: str) -> User | None:
    """The active account with this CPF (digits only), if any."""
    return User.objects.filter(cpf=cpf, is_active=True).first()


def attendance_agencies() -> list[Agency]:
    """Active agencies that have service units, each with its units (for the step-up page);
    two queries, at most MAX_LISTED_UNITS units."""
    units = ServiceUnit.objects.filter(agency__is_active=True).order_by("city", "name")[:MAX_LISTED_UNITS]
    unit_ids = list(units.values_list("pk", flat=True))
    return list(
        Agency.objects.filter(units__pk__in=unit_ids)
        .distinct()
        .order_by("acronym")
        .prefetch_related(
            Prefetch("units", queryset=ServiceUnit.objects.filter(pk__in=unit_ids).order_by("city", "name"))
        )
    )


def validations_of(*, user: User, limit: int = 20) -> list[LevelValidation]:
    """The person's latest validations (what they see on the step-up page)."""
    return list(
        LevelValidation.objects.filter(user=user)
        .select_related("agency", "unit")
        .order_by("-created_at")[:limit]
    )
