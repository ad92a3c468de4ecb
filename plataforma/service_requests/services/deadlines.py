"""Deadlines of requests, derived from the Carta's tempo total estimado (Lei 13.460 art. 7 §2 IV).

The clock runs while the agency holds the request and stops while it waits for the requester
(a question) or for payment: on resume, the deadline moves forward by the time it was paused.
"""

from __future__ import annotations

from datetime import datetime

from plataforma.common.calendar import add_time_estimate


def promised_deadline(*, content: dict, start: datetime) -> datetime | None:
    """The deadline the Carta promises for a request made at `start`, or None when the service
    states no estimate. "Até N", "em média N" and "entre M e N" promise N; "atendimento
    imediato" promises the end of the same business day."""
    total = (content or {}).get("total_time") or {}
    kind = total.get("kind", "nao-estimado")
    if kind == "imediato":
        return add_time_estimate(start, quantity=0, unit="dias-uteis")
    if kind in ("ate", "em-media", "entre") and total.get("max") is not None and total.get("unit"):
        return add_time_estimate(start, quantity=int(total["max"]), unit=total["unit"])
    return None


def resume_deadline(*, due_at: datetime | None, paused_at: datetime | None, now: datetime) -> datetime | None:
    if due_at is None or paused_at is None:
        return due_at
    return due_at + (now - paused_at)
