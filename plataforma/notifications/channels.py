"""Channels that carry a notification besides the notification centre (which is always on).

Lei 14.129 art. 27: the person chooses the channel. Each channel says whether a person's
preference and account allow it, how to send, and which Notification field records that it was
sent (the task's idempotency marker). To add SMS or push: a boolean on NotificationPreference,
a `<channel>_at` field on Notification, a class here with `register(...)` (ADR 0019).
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference


class Channel(Protocol):
    key: str
    label: str
    sent_field: str

    def allows(self, *, user, preference: NotificationPreference) -> bool: ...

    def send(self, *, notification: Notification) -> None: ...


_registry: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    """Add a channel; registering a key again replaces the previous one."""
    _registry[channel.key] = channel
    return channel


def registered() -> list[Channel]:
    return list(_registry.values())


def allowed_for(*, user, preference: NotificationPreference) -> list[Channel]:
    """The channels this person's preference and account allow, in registration order."""
    return [channel for channel in _registry.values() if channel.allows(user=user, preference=preference)]


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class EmailChannel:
    """Plain text and HTML e-mail, only to a confirmed address of an active account. It carries
    the title, the body and a link, nothing else about the person (LGPD: minimum data)."""

    key = "email"
    label = _("E-mail")
    sent_field = "emailed_at"

    def allows(self, *, user, preference: NotificationPreference) -> bool:
        return bool(preference.email and user.is_active and user.email and user.email_verified_at is not None)

    def send(self, *, notification: Notification) -> None:
        context = {
            "title": notification.title,
            "body": notification.body,
            "link": absolute_url(notification.url or reverse("notifications:inbox")),
            "preferences_link": absolute_url(reverse("notifications:preferences")),
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = notification.email_subject or notification.title
        subject = " ".join(
            render_to_string("notifications/email/notification_subject.txt", {"subject": subject}).split()
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("notifications/email/notification.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.user.email],
        )
        message.attach_alternative(
            render_to_string("notifications/email/notification.html", context), "text/html"
        )
        message.send()


register(EmailChannel())
