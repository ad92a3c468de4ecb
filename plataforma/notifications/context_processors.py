from __future__ import annotations

from django.http import HttpRequest

from . import selectors


def unread(request: HttpRequest) -> dict[str, int]:
    """`notifications_unread`: how many unread notifications the signed-in person has, for the
    header's "Notificações (N)" link. One COUNT on the (user, read_at, -created_at) index; 0 and
    no query for visitors who are not signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": selectors.notification_unread_count(user=user)}
