"""Notifications of the councils (Lei 14.129 art. 21 X; art. 27: the channels the person chose).
Each is created inside the caller's transaction by notifications.services.notification_send,
which delivers it once the transaction commits."""

from __future__ import annotations

from django.urls import reverse

from plataforma.identity.models import User
from plataforma.notifications.services import notification_send

from .access import STAFF_ROLES

CATEGORY = "geral"


def notify(*, user, title: str, body: str, url: str = "") -> None:
    notification_send(user=user, title=title, body=body, url=url, category=CATEGORY)


def notify_staff(*, agency_id, title: str, body: str, url: str = "") -> None:
    """Every active gestor and ouvidor of the agency."""
    staff = (
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__role__in=STAFF_ROLES,
            agency_roles__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")[:50]
    )
    for user in staff:
        notify(user=user, title=title, body=body, url=url)


def my_councils_url() -> str:
    return reverse("councils:mine")
