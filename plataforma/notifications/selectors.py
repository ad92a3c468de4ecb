"""Reads of the notification centre. Every read is scoped to the person: nobody reaches
another person's notifications through these functions."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from .models import Notification, NotificationPreference


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's notifications, newest first (served by the (user, read_at, -created_at) index)."""
    qs = Notification.objects.filter(user=user).select_related("company")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get(*, user, notification_id) -> Notification | None:
    """One of the person's own notifications; None for an unknown id or another person's."""
    try:
        pk = uuid.UUID(str(notification_id))
    except ValueError:
        return None
    return Notification.objects.filter(pk=pk, user=user).select_related("company").first()


def notification_preference_get(*, user) -> NotificationPreference:
    """The saved preference, or an unsaved one with the defaults (e-mail on)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference if preference is not None else NotificationPreference(user=user)
