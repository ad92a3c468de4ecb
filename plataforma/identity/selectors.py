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
