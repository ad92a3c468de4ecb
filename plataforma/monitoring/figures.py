"""Derived figures of one MonthlyIndicator row (means and shares), shared by the panel and the
open data so both always show the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dimensions import DIMENSION_KEYS, DIMENSION_LABELS, SCORE_LABELS, SCORES


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class Figures:
    """The figures of a scope in a period (a month, or a whole year)."""

    year: int
    month: int
    submitted: int = 0
    concluded: int = 0
    approved: int = 0
    rejected: int = 0
    cancelled: int = 0
    in_progress_end: int = 0
    concluded_on_time: int = 0
    concluded_with_deadline: int = 0
    days_sum: float = 0.0
    days_median: float | None = None
    evaluations: int = 0
    score_sum: int = 0
    scores: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCORES, 0))
    dimensions: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row) -> Figures:
        return cls(
            year=row.year,
            month=row.month,
            submitted=row.submitted,
            concluded=row.concluded,
            approved=row.approved,
            rejected=row.rejected,
            cancelled=row.cancelled,
            in_progress_end=row.in_progress_end,
            concluded_on_time=row.concluded_on_time,
            concluded_with_deadline=row.concluded_with_deadline,
            days_sum=row.days_sum,
            days_median=row.days_median,
            evaluations=row.evaluations,
            score_sum=row.score_sum,
            scores={n: getattr(row, f"score_{n}") for n in SCORES},
            dimensions=row.dimensions or {},
        )

    @property
    def days_mean(self) -> float | None:
        return ratio(self.days_sum, self.concluded)

    @property
    def on_time_share(self) -> float | None:
        return ratio(self.concluded_on_time, self.concluded_with_deadline)

    @property
    def score_mean(self) -> float | None:
        return ratio(self.score_sum, self.evaluations)

    def score_distribution(self) -> list[dict[str, Any]]:
        return [
            {
                "score": n,
                "label": SCORE_LABELS[n],
                "count": self.scores.get(n, 0),
                "share": ratio(self.scores.get(n, 0), self.evaluations),
            }
            for n in SCORES
        ]

    def dimension_means(self) -> list[dict[str, Any]]:
        result = []
        for key in DIMENSION_KEYS:
            entry = self.dimensions.get(key) or {}
            count = int(entry.get("count", 0))
            dist = list(entry.get("dist") or [0] * len(SCORES))
            result.append(
                {
                    "key": key,
                    "label": DIMENSION_LABELS[key],
                    "count": count,
                    "mean": ratio(float(entry.get("sum", 0)), count),
                    "distribution": [{"score": n, "count": dist[i]} for i, n in enumerate(SCORES)],
                }
            )
        return result
