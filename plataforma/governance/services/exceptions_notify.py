"""Who is told about an exception request, and how: in-platform notifications (and e-mail where the
person chose it), created inside the caller's transaction so they exist exactly when the change
does."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings

from plataforma.identity.models import AgencyRole, User
from plataforma.notifications.services import notification_send


def nucleo_members() -> list[User]:
    """Active accounts holding the `nucleo` role in one of the Núcleo's agencies."""
    return list(
        User.objects.filter(
            is_active=True,
            agency_roles__role=AgencyRole.Role.NUCLEO,
            agency_roles__revoked_at__isnull=True,
            agency_roles__agency__acronym__in=settings.GOVERNANCE_NUCLEO_AGENCIES,
            agency_roles__agency__is_active=True,
        ).distinct()
    )


def agency_gestores(agency_id: UUID) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            agency_roles__role=AgencyRole.Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
            agency_roles__agency_id=agency_id,
        ).distinct()
    )


def notify_users(users: Iterable[User], *, title: str, body: str, url: str) -> int:
    """One notification per distinct person; returns how many were created."""
    seen: set[UUID] = set()
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        notification_send(user=user, title=title, body=body, url=url, category="geral")
    return len(seen)
