"""Writes of the notification centre.

`notification_send` is what the other apps call (the service-request workflow, payments,
evaluations, security notices). It always creates the in-platform notification (Lei 14.129
art. 21) and, once the caller's transaction commits, queues the delivery on the channels the
person chose (art. 27; see channels.py and tasks.py).
"""

from __future__ import annotations

import logging
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from .models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Notification,
    NotificationCategory,
    NotificationPreference,
    is_local_path,
)

logger = logging.getLogger(__name__)

# Control characters other than tab and line feed: never stored (PostgreSQL refuses NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _one_line(text: str, limit: int) -> str:
    return _truncate(" ".join(_CONTROL.sub(" ", text or "").split()), limit)


def _plain_text(text: str, limit: int) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _truncate(_CONTROL.sub("", text).strip(), limit)


def _queue_delivery(notification_id: str) -> None:
    from .tasks import deliver_notification

    deliver_notification.delay(notification_id=notification_id)


def notification_send(
    *,
    user,
    title: str,
    body: str,
    url: str = "",
    category: str = "geral",
    company=None,
    email_subject: str | None = None,
) -> Notification:
    """Create the in-platform notification (always) and, on commit, queue a Celery task that sends
    an e-mail when the user's preference allows it and their e-mail is confirmed.

    - `title` is one line of at most 200 characters, `body` plain text of at most 2,000 (both are
      shown as text, never as HTML); longer ones are cut with "…", so a long justification typed
      by a servant never makes the caller's action fail. Put in them only what the person needs.
    - `url` is a path on this portal ("/solicitacoes/…"), or empty for the notification centre.
    - `category` is one of "solicitacao", "pagamento", "avaliacao", "seguranca", "geral".
    - `company`: the Company the notification concerns (a request made on its behalf), or None.
    - `email_subject`: the e-mail's subject when it should differ from the title.

    Raises ValidationError (messages in Portuguese, per field) for an empty title, an unknown
    category or a URL that is not a local path. Call it inside your own transaction: if that
    transaction rolls back, the notification disappears with it and nothing is sent. A failure
    to queue the delivery (broker down) is logged and never undoes the caller's work.
    """
    title = _one_line(title, TITLE_MAX_LENGTH)
    body = _plain_text(body, BODY_MAX_LENGTH)
    subject = _one_line(email_subject or "", TITLE_MAX_LENGTH)
    url = (url or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("A notificação precisa de um título.")]
    if category not in NotificationCategory.values:
        errors["category"] = [
            _("Categoria desconhecida. Use uma destas: %(choices)s.")
            % {"choices": ", ".join(NotificationCategory.values)}
        ]
    if url and (not is_local_path(url) or len(url) > URL_MAX_LENGTH):
        errors["url"] = [
            _("O link da notificação deve ser um caminho deste portal, começando com uma só barra (/).")
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(savepoint=False):  # no savepoint inside the caller's transaction
        notification = Notification.objects.create(
            user=user,
            company=company,
            category=str(category),
            title=title,
            body=body,
            url=url,
            email_subject=subject,
        )
        # robust: a broker that cannot be reached must not break the caller after its commit;
        # the notification is in the centre anyway.
        transaction.on_commit(lambda: _queue_delivery(str(notification.pk)), robust=True)
    return notification


def notification_mark_read(*, user, notification: Notification) -> bool:
    """Mark one of the person's own notifications as read. Returns whether it was unread.
    Reading twice changes nothing and writes no second audit row."""
    if notification.user_id != user.pk:
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        changed = Notification.objects.filter(pk=notification.pk, user=user, read_at__isnull=True).update(
            read_at=now, updated_at=now
        )
        if changed:
            audit_record(
                actor=user,
                action="notifications.notification.read",
                target=notification,
                changes={"read": True},
                subject_user_id=user.pk,
            )
    if changed:
        notification.read_at = now
    return bool(changed)


def notification_mark_all_read(*, user) -> int:
    """Mark all of the person's unread notifications as read; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        changed = Notification.objects.filter(user=user, read_at__isnull=True).update(
            read_at=now, updated_at=now
        )
        if changed:
            audit_record(
                actor=user,
                action="notifications.notification.read_all",
                target=user,
                changes={"count": changed},
                subject_user_id=user.pk,
            )
    return changed


def notification_preference_update(*, user, email: bool) -> tuple[NotificationPreference, bool]:
    """Save the person's choice of channels (Lei 14.129 art. 27). The notification centre is
    always on; `email` adds e-mail. Returns the preference and whether anything changed."""
    with transaction.atomic():
        # A person without a row has the defaults; the row is created on the first save.
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
        previous = preference.email
        changed = previous != bool(email)
        if changed:
            preference.email = bool(email)
            preference.save(update_fields=["email", "updated_at"])
            audit_record(
                actor=user,
                action="notifications.preference.update",
                target=preference,
                changes={"email": [previous, bool(email)]},
                subject_user_id=user.pk,
            )
    return preference, changed
