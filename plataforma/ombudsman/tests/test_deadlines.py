"""Clocks of the ouvidoria (Lei 13.460 art. 16; ADR 0030): calendar days, end of day in Cuiabá,
moved to the next business day, extensions "por igual período", suspension while waiting."""

from datetime import date, datetime, time

import pytest

from plataforma.common.calendar import CUIABA

from ..deadlines import (
    answer_deadline,
    days_waited,
    deadline_after,
    deadline_state,
    extended_deadline,
    local_date,
    resumed_deadline,
    soon_limit,
)
from ..models import Manifestation, Status

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CUIABA)


def test_the_answer_is_due_at_the_end_of_the_thirtieth_calendar_day():
    # Monday 2 March 2026 + 30 days = Wednesday 1 April 2026, a business day
    due = answer_deadline(at(date(2026, 3, 2)))
    assert due == datetime(2026, 4, 1, 23, 59, 59, tzinfo=CUIABA)
    assert due.tzinfo is not None


def test_a_deadline_on_a_weekend_moves_to_the_next_business_day():
    # Friday 6 March 2026 + 30 = Sunday 5 April 2026 → Monday 6 April
    assert local_date(answer_deadline(at(date(2026, 3, 6)))) == date(2026, 4, 6)


def test_late_evening_receipt_counts_from_the_local_day_in_cuiaba():
    # 23:30 in Cuiabá is already the next day in UTC; the count starts from the local day
    received = datetime(2026, 3, 2, 23, 30, tzinfo=CUIABA)
    assert local_date(answer_deadline(received)) == date(2026, 4, 1)


def test_an_extension_adds_the_same_period_to_the_deadline_in_force():
    due = answer_deadline(at(date(2026, 3, 2)))
    assert local_date(extended_deadline(due, 30)) == date(2026, 5, 1 + 3)  # 1 May is a holiday → Monday 4 May


def test_the_clock_gives_back_the_whole_days_waited():
    paused = at(date(2026, 3, 10), 9)
    assert days_waited(paused, at(date(2026, 3, 10), 17)) == 0
    assert days_waited(paused, at(date(2026, 3, 15))) == 5
    due = answer_deadline(at(date(2026, 3, 2)))
    assert local_date(resumed_deadline(due, paused_at=paused, resumed_at=at(date(2026, 3, 15)))) == date(
        2026, 4, 6
    )


def test_negative_days_are_refused_and_naive_datetimes_too():
    with pytest.raises(ValueError):
        deadline_after(at(date(2026, 3, 2)), -1)
    with pytest.raises(ValueError):
        local_date(datetime(2026, 3, 2, 10))  # noqa: DTZ001 - the point of the test


def test_deadline_states():
    now = at(date(2026, 3, 10))
    soon = soon_limit(now)
    item = Manifestation(status=Status.IN_ANALYSIS, answer_due_at=at(date(2026, 3, 9)))
    assert deadline_state(item, now, soon) == "atrasada"
    item.answer_due_at = at(date(2026, 3, 12))
    assert deadline_state(item, now, soon) == "em_breve"
    item.answer_due_at = at(date(2026, 4, 1))
    assert deadline_state(item, now, soon) == "no_prazo"
    item.clock_paused_at = at(date(2026, 3, 8))
    assert deadline_state(item, now, soon) == "suspenso"
    item.answer_due_at = at(date(2026, 3, 7))
    assert deadline_state(item, now, soon) == "atrasada"  # already late when the clock stopped
    item.status = Status.CONCLUDED
    assert deadline_state(item, now, soon) == "encerrada"
