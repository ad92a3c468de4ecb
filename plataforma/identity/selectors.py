"""Reads about accounts and servants' roles, for other apps."""

from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AgencyRole, SecurityEvent, SignInSession, User


def agency_ids_with_role(*, user: User, role: str) -> set[UUID]:
    """Agencies in which `user` currently holds `role` (none for anonymous users)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        AgencyRole.objects.filter(user=user, role=role, revoked_at__isnull=True).values_list(
            "agency_id", flat=True
        )
    )


def user_has_agency_role(*, user: User, agency_id: UUID, role: str) -> bool:
    return agency_id in agency_ids_with_role(user=user, role=role)


def active_roles(*, user: User) -> QuerySet[AgencyRole]:
    return AgencyRole.objects.filter(user=user, revoked_at__isnull=True).select_related("agency")


def emails_of_role_holders(*, agency_id: UUID, role: str) -> list[str]:
    """E-mail addresses of the active accounts that currently hold `role` in the agency."""
    return sorted(
        set(
            User.objects.filter(
                is_active=True,
                agency_roles__agency_id=agency_id,
                agency_roles__role=role,
                agency_roles__revoked_at__isnull=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


# --- The person's own account (issue #3) -------------------------------------------------------


def active_sign_in_sessions(*, user: User) -> QuerySet[SignInSession]:
    """The browsers signed in to the account now, most recently used first."""
    return SignInSession.objects.filter(user=user, ended_at__isnull=True).order_by("-last_seen_at")


def security_events(*, user: User) -> QuerySet[SecurityEvent]:
    """The account's security log, newest first."""
    return SecurityEvent.objects.filter(user=user).order_by("-created_at", "-id")


def connected_applications(*, user: User) -> list | None:
    """Applications the person authorised (OIDC app), or None while that part is not installed."""
    try:
        from plataforma.identity.oidc.selectors import connected_applications as oidc_connected
    except ImportError:
        return None
    return list(oidc_connected(user=user))


NO_ACCOUNT_FOR_CPF = _(
    "Não há conta no MT Login com este CPF. Peça à pessoa que crie a conta e tente de novo."
)


def account_by_cpf(*, cpf: str) -> User | None:
    """The account with this CPF (digits), for servants and representatives who look a person up
    to grant them something (a role, a company tie, a level)."""
    return User.objects.filter(cpf=cpf).first()
