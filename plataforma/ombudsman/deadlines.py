"""The ouvidoria's clocks (Lei 13.460/2017 art. 16; ADR 0030).

- The answer: 30 days from receipt, extendable once per cycle by 30 with a justification the user
  reads (art. 16 caput).
- A request to the responsible area: 20 days, extendable once by 20 (art. 16 §único).
- The user's reply to a request for more information: 20 days; meanwhile the answer clock is
  suspended the first time in a cycle (ADR 0030), and the deadline moves by the days waited.
- A reopening: within 30 days after the answer (or archiving).

Days are calendar days ("dias corridos"), counted from the day after the start; a deadline ends at
23:59:59 in Cuiabá and, when it falls on a day without attendance (weekend, holiday, ponto
facultativo), moves to the next business day (Lei 9.784/1999 art. 66 §§1-2, applied to the
state's administrative deadlines). All datetimes are aware.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone

from plataforma.common.calendar import CUIABA, is_business_day

from .models import OPEN_STATUSES

ANSWER_DAYS = 30
ANSWER_EXTENSION_DAYS = 30
AREA_DAYS = 20
AREA_EXTENSION_DAYS = 20
USER_REPLY_DAYS = 20
REOPEN_WINDOW_DAYS = 30
MAX_REOPENINGS = 2
DUE_SOON_DAYS = 5
END_OF_DAY = time(23, 59, 59)


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Aware datetimes only.")
    return moment.astimezone(CUIABA).date()


def end_of(day: date) -> datetime:
    """23:59:59 of `day` in Cuiabá, moved to the next business day when `day` has no attendance."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, END_OF_DAY, tzinfo=CUIABA)


def deadline_after(start: datetime, days: int) -> datetime:
    """The deadline `days` calendar days after `start` (the day of `start` not counted)."""
    if days < 0:
        raise ValueError("days must be zero or more.")
    return end_of(local_date(start) + timedelta(days=days))


def answer_deadline(received_at: datetime) -> datetime:
    return deadline_after(received_at, ANSWER_DAYS)


def extended_deadline(due_at: datetime, days: int) -> datetime:
    """ "Por igual período": the days are added to the deadline in force."""
    return deadline_after(due_at, days)


def days_waited(paused_at: datetime, resumed_at: datetime) -> int:
    """Whole calendar days the clock stood still: the day of the request for information counts
    when the user replied on a later day; a reply on the same day gives back nothing."""
    return max(0, (local_date(resumed_at) - local_date(paused_at)).days)


def resumed_deadline(due_at: datetime, *, paused_at: datetime, resumed_at: datetime) -> datetime:
    waited = days_waited(paused_at, resumed_at)
    return due_at if waited == 0 else end_of(local_date(due_at) + timedelta(days=waited))


def reopen_until(concluded_at: datetime) -> datetime:
    return deadline_after(concluded_at, REOPEN_WINDOW_DAYS)


def soon_limit(now: datetime | None = None) -> datetime:
    """End of the `DUE_SOON_DAYS`th calendar day from today: "vence em breve"."""
    now = now or timezone.now()
    return datetime.combine(local_date(now) + timedelta(days=DUE_SOON_DAYS), END_OF_DAY, tzinfo=CUIABA)


def late_clock_q(now: datetime) -> Q:
    """Past the answer deadline, whatever the status: while the clock is suspended a manifestação
    is late only if it already was when the clock stopped."""
    return Q(clock_paused_at__isnull=True, answer_due_at__lt=now) | Q(
        clock_paused_at__isnull=False, answer_due_at__lt=F("clock_paused_at")
    )


def overdue_q(now: datetime) -> Q:
    """Open manifestações past their answer deadline."""
    return Q(status__in=OPEN_STATUSES) & late_clock_q(now)


def deadline_state(manifestation, now: datetime, soon: datetime) -> str:
    """ "atrasada", "em_breve", "no_prazo", "suspenso" or "encerrada"."""
    if manifestation.status not in OPEN_STATUSES:
        return "encerrada"
    reference = manifestation.clock_paused_at or now
    if manifestation.answer_due_at < reference:
        return "atrasada"
    if manifestation.clock_paused_at is not None:
        return "suspenso"
    if manifestation.answer_due_at <= soon:
        return "em_breve"
    return "no_prazo"
