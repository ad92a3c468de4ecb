"""What every registry write shares: the registry revision bump (so the next global
configuration carries the change) and the audit row (ADR 0008)."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from plataforma.common.audit import audit_record

from ..models import RegistryRevision


def registry_touch() -> None:
    """Bump the registry revision inside the caller's transaction."""
    updated = RegistryRevision.objects.filter(id=1).update(revision=F("revision") + 1)
    if not updated:
        RegistryRevision.objects.get_or_create(id=1, defaults={"revision": 1})


def changed(*, actor, action: str, target, changes: dict[str, Any] | None = None) -> None:
    """Audit a registry change and mark the registry changed; call inside the transaction."""
    audit_record(actor=actor, action=f"xvia.{action}", target=target, changes=changes or {})
    registry_touch()
