"""Reads about accounts and servants' roles, for other apps."""

from uuid import UUID

from django.db.models import QuerySet

from .models import AgencyRole, User


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
