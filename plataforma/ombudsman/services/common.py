"""What the ouvidoria's services share: the timeline, the audit rows, the anonymity of the
audit context, telling the author, and reading texts typed by people."""

from __future__ import annotations

import contextlib
import re
import uuid
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.context import acting_context, current_context
from plataforma.common.models import AuditEvent

from ..models import Manifestation, ManifestationEvent
from ..models.manifestations import TEXT_MAX_LENGTH

Role = ManifestationEvent.ActorRole
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _thousands(n: int) -> str:
    """1234 → "1.234" (Brazilian grouping, whatever the process locale)."""
    return f"{n:,}".replace(",", ".")


def clean_text(
    value: Any, *, field: str, label: str, max_length: int = TEXT_MAX_LENGTH, required: bool = True
) -> str:
    """A text typed by a person, kept whole: line breaks normalised, control characters (which
    PostgreSQL may refuse) removed, surrounding blanks trimmed. Too long → a field error, never cut."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: _("%(label)s precisa ser um texto.") % {"label": label}})
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if required and not text:
        raise ValidationError({field: _("Preencha %(label)s.") % {"label": label.lower()}})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _(
                    "%(label)s tem %(n)s caracteres; o limite é %(max)s. Nada foi enviado: encurte o texto."
                )
                % {"label": label, "n": _thousands(len(text)), "max": _thousands(max_length)}
            }
        )
    return text


def event_add(
    *,
    manifestation: Manifestation,
    actor,
    role: str,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    visible: bool = True,
    data: dict | None = None,
) -> ManifestationEvent:
    return ManifestationEvent.objects.create(
        manifestation=manifestation,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        actor_role=role,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        visible_to_requester=visible,
        data=data or {},
    )


@contextlib.contextmanager
def anonymous_context():
    """Audit rows written while an anonymous author acts carry no address, browser, company acted
    for nor the request id of the person's other rows: the trail must never become a way to find
    who lodged an anonymous manifestação (ADR 0029)."""
    ctx = replace(
        current_context(), ip_address=None, user_agent="", on_behalf_of=None, request_id=uuid.uuid4().hex
    )
    with acting_context(ctx):
        yield


def audit(
    *,
    actor,
    action: str,
    manifestation: Manifestation,
    changes: dict | None = None,
    kind: str = AuditEvent.Kind.CHANGE,
    by_author: bool = False,
) -> AuditEvent:
    """One audit row about a manifestação; its author is the data subject (they see it in their
    access history). Servants always answer for what they do, by name. What the author of an
    anonymous manifestação does is recorded without actor, address or browser."""
    if manifestation.is_anonymous and by_author:
        with anonymous_context():
            return audit_record(actor=None, action=action, target=manifestation, changes=changes, kind=kind)
    return audit_record(
        actor=actor,
        action=action,
        target=manifestation,
        changes=changes,
        kind=kind,
        subject_user_id=manifestation.requester_id,
    )


def author_url(manifestation: Manifestation) -> str:
    if manifestation.requester_id:
        return reverse("ombudsman:mine_detail", kwargs={"protocol": manifestation.protocol})
    return reverse("ombudsman:follow")


def notify_author(*, manifestation: Manifestation, title: str, body: str) -> None:
    """Tell the author (Lei 13.460 art. 12 V; Lei 14.129 art. 27): the notification centre and
    their preferred channel when they have an MT Login account; an e-mail with no content but
    the protocol when the manifestação was registered at a desk with an e-mail address.
    Anonymous authors follow it with their access code: nothing is sent anywhere."""
    if manifestation.is_anonymous:
        return
    if manifestation.requester_id:
        from plataforma.notifications.services import notification_send

        notification_send(
            user=manifestation.requester,
            title=title,
            body=body,
            url=author_url(manifestation),
            category="geral",
        )
        return
    identity = getattr(manifestation, "identity", None)
    if identity is not None and identity.email:
        manifestation_id = str(manifestation.pk)

        def _queue() -> None:
            from ..tasks import email_author

            email_author.delay(manifestation_id=manifestation_id, title=title)

        transaction.on_commit(_queue)
