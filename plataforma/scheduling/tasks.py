"""Periodic jobs of the unit queue (Celery beat; schedule in settings.CELERY_BEAT_SCHEDULE).

- `close_past_days` (nightly, after midnight in Cuiabá): what the previous days left open is
  closed — booked appointments nobody checked in become "faltou", tickets left waiting or called
  are cancelled, attendances left open are closed (services.queue.queue_close_past_days).
  Idempotent and bounded; a second run does nothing.
- `send_appointment_reminders` (every 15 minutes, in reminders.py): the day-before reminders.
- `release_reserved_seats` (every 15 minutes): priority seats still free a day before are
  offered to everyone (services.slots.reserved_seats_release).
- `extend_slots` (nightly): every offering's booking window moves on one day, and holidays or
  closures recorded since are applied (services.slots.slots_extend_all).
"""

from __future__ import annotations

import logging

from celery import shared_task

from .reminders import send_appointment_reminders  # noqa: F401 - registers the reminders task
from .services.queue import queue_close_past_days
from .services.slots import reserved_seats_release, slots_extend_all

logger = logging.getLogger(__name__)


@shared_task
def close_past_days() -> dict[str, int]:
    counts = queue_close_past_days()
    logger.info("scheduling.close_past_days %s", counts)
    return counts


@shared_task
def extend_slots() -> int:
    created = slots_extend_all()
    logger.info("scheduling.extend_slots created=%d", created)
    return created


def holidays_edited_refresh(sender, **kwargs) -> None:
    """common.calendar.holidays_edited: queue the slot refresh (the same work as the nightly one)."""
    extend_slots.delay()


@shared_task
def release_reserved_seats() -> int:
    released = reserved_seats_release()
    if released:
        logger.info("scheduling.release_reserved_seats slots=%d", released)
    return released
