"""What every governance open-data file shares: the column type, the row cap and the formatting
of dates, moments and amounts of money (see opendata.py for the conventions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

MAX_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    name: str
    description: object
    get: Callable[[Any], Any]


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))
