"""Delivery of a notification on the channels the person allows, by the worker, after the
transaction that created it commits.

The task receives only the notification's id; it reads the title and body from the database, so
no personal data sits in the broker's queue. Idempotent (ADR 0004: acks late, so a task may run
twice): each channel's delivery happens under a row lock and sets the channel's `<...>_at` field,
and a channel already marked is skipped.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException, SMTPRecipientsRefused

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import channels, selectors
from .models import Notification

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """A channel could not deliver for now; retried. Its message names the channel and the kind
    of error only: SMTP errors can quote the recipient's address, which must not reach the logs."""


def _deliver_once(notification_id: str, channel: channels.Channel) -> int:
    """Send on one channel unless already sent; 1 when sent now. A failure to send raises and
    rolls back, leaving the marker empty so that a retry sends."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or getattr(notification, channel.sent_field) is not None:
            return 0
        try:
            channel.send(notification=notification)
        except SMTPRecipientsRefused:
            # Permanent: retrying would not help. The address is not logged.
            logger.warning("notification %s: %s recipient refused", notification_id, channel.key)
            return 0
        except (OSError, SMTPException) as exc:
            raise DeliveryFailed(f"{channel.key}: {type(exc).__name__}") from None
        setattr(notification, channel.sent_field, timezone.now())
        notification.save(update_fields=[channel.sent_field, "updated_at"])
    logger.info("notification %s sent by %s", notification_id, channel.key)
    return 1


@shared_task(
    name="plataforma.notifications.tasks.deliver_notification",
    autoretry_for=(DeliveryFailed,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
)
def deliver_notification(*, notification_id: str) -> int:
    """Deliver one notification on every channel the person's preference and account allow now
    (an e-mail only to a confirmed address). Returns how many channels sent it this time."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        return 0
    user = notification.user
    preference = selectors.notification_preference_get(user=user)
    return sum(
        _deliver_once(notification_id, channel)
        for channel in channels.allowed_for(user=user, preference=preference)
    )
