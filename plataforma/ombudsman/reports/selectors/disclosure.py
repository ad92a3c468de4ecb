"""Which satisfaction figures of the report may be published (ADR 0023, applied to the
ouvidoria's ratings; ADR 0032).

The ratings of a year form a two-level tree: the state total = the sum of its parts (one per
agency holding the manifestações, plus the manifestações still without agency). Rules:

1. A part or total with 1 to k-1 ratings is withheld ("poucas"); k = MONITORING_MIN_RATINGS
   (the panel's, default 5). Zero ratings is published as zero.
2. Nothing by subtraction: when the total is published, the withheld parts are none, or at
   least two that together hold k or more ratings. Otherwise the published part with the fewest
   ratings is withheld too ("complementar", ties by key) until that holds.
3. Only closed years ("em_curso" for the current year): ratings of a past year no longer change,
   so the published figures are a single release nobody can difference with a later one.

An agency's own report shows its part with the decision taken here for the whole tree, so the
state report and the agency report never disagree. A withheld group publishes neither its count
nor its shares (only "fewer than k").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from plataforma.common.calendar import CUIABA

FEW = "poucas"
COMPLEMENTARY = "complementar"
OPEN = "em_curso"
RATING_KEYS = (
    "ratings",
    "resolved",
    "satisfaction_sum",
    "score_1",
    "score_2",
    "score_3",
    "score_4",
    "score_5",
)


def min_ratings() -> int:
    return max(2, int(getattr(settings, "MONITORING_MIN_RATINGS", 5)))


@dataclass
class Decisions:
    total: str = ""
    parts: dict[Any, str] = field(default_factory=dict)
    default: str = ""  # a part without ratings: published as zero, except in an open year

    def part(self, key) -> str:
        return self.parts.get(key, self.default)


def year_is_closed(year: int, now: datetime) -> bool:
    return year < now.astimezone(CUIABA).year


def decide(counts: dict[Any, int], *, year: int, now: datetime | None = None, k: int) -> Decisions:
    """The withheld reason ("" = published) of the total and of each part, from the number of
    ratings of each part."""
    now = now or timezone.now()
    if not year_is_closed(year, now):
        return Decisions(total=OPEN, parts=dict.fromkeys(counts, OPEN), default=OPEN)
    parts = {key: (FEW if 0 < n < k else "") for key, n in counts.items()}
    total = sum(counts.values())
    decisions = Decisions(total=FEW if 0 < total < k else "", parts=parts)
    if decisions.total:
        return decisions
    while True:
        withheld = [key for key, reason in parts.items() if reason]
        if not withheld or (len(withheld) >= 2 and sum(counts[key] for key in withheld) >= k):
            return decisions
        candidates = sorted(
            (key for key, reason in parts.items() if not reason and counts[key] > 0),
            key=lambda key: (counts[key], str(key)),
        )
        if not candidates:  # cannot happen with a published total; stay on the safe side
            decisions.total = COMPLEMENTARY
            return decisions
        parts[candidates[0]] = COMPLEMENTARY


def total_of(groups: dict[Any, dict[str, int]]) -> dict[str, int]:
    return {key: sum((g.get(key) or 0) for g in groups.values()) for key in RATING_KEYS}


def published_group(group: dict[str, int] | None, reason: str) -> dict[str, Any]:
    """The satisfaction figures of one group as stored and shown: all None when withheld."""
    if reason:
        return {"withheld": reason, **dict.fromkeys(RATING_KEYS)}
    group = group or {}
    return {"withheld": "", **{key: int(group.get(key) or 0) for key in RATING_KEYS}}
