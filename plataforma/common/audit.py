"""The shared audit trail: `audit_record` is called by every service that changes data."""

from __future__ import annotations

from typing import Any

from django.db import models

from .context import OnBehalfOf, current_context
from .models import AuditEvent


def _label(obj: Any) -> str:
    return str(obj)[:300]


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    kind: str = AuditEvent.Kind.CHANGE,
    on_behalf_of: OnBehalfOf | None = None,
    subject_user_id: Any = None,
) -> AuditEvent:
    """Write one audit row. Call inside the same transaction as the change it records.

    `changes` must hold field names and non-personal values only (LGPD): callers pass
    identifiers, states and counts, not names, CPFs or free text typed by citizens.
    """
    ctx = current_context()
    behalf = on_behalf_of or ctx.on_behalf_of
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        kind=kind,
        action=action,
        actor=actor if authenticated else None,
        actor_label=actor.audit_label() if authenticated and hasattr(actor, "audit_label") else "",
        on_behalf_of_type=behalf.kind if behalf else "",
        on_behalf_of_id=behalf.id if behalf else "",
        on_behalf_of_label=behalf.label[:200] if behalf else "",
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=_label(target),
        subject_user_id=subject_user_id,
        ip_address=ctx.ip_address,
        user_agent=ctx.user_agent,
        request_id=ctx.request_id,
        changes=changes or {},
    )


def audit_trail_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
