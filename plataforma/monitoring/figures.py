"""Derived figures of one MonthlyIndicator row (means and shares), shared by the panel and the
open data so both always show the same numbers — and withhold the same ones: the rating figures
of a row come out as None when the disclosure control withheld them (disclosure.py, ADR 0023),
with the reason and a plain-Portuguese explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .dimensions import DIMENSION_KEYS, DIMENSION_LABELS, SCORE_LABELS, SCORES
from .disclosure import min_ratings
from .models import RatingsWithheld


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def withheld_label(reason: str, *, year: bool = False) -> str:
    """The short text a table cell shows instead of a withheld figure."""
    if reason == RatingsWithheld.FEW:
        # Beside a mean score (1 to 5), "menos de 5" alone would read as a score.
        return _("menos de %(k)d avaliações") % {"k": min_ratings()}
    if reason == RatingsWithheld.OPEN:
        return _("ano em curso") if year else _("mês em curso")
    if reason == RatingsWithheld.PENDING:
        return _("em revisão")
    return _("não publicada")


def withheld_notice(reason: str) -> str:
    """One sentence saying why the ratings of a period are not shown."""
    k = min_ratings()
    if reason == RatingsWithheld.FEW:
        return _(
            "Menos de %(k)d avaliações neste período: as notas não são publicadas para proteger o "
            "anonimato de quem avaliou."
        ) % {"k": k}
    if reason == RatingsWithheld.COMPLEMENTARY:
        return _(
            "As notas deste período não são publicadas porque, subtraídas dos totais publicados, "
            "revelariam as notas de um grupo com menos de %(k)d avaliações."
        ) % {"k": k}
    if reason == RatingsWithheld.OPEN:
        return _(
            "As notas são publicadas depois que o mês termina, para que ninguém descubra a nota de "
            "quem acabou de avaliar comparando o painel de uma hora com o da hora seguinte."
        )
    return _(
        "As notas deste período estão sendo revisadas para proteger o anonimato de quem avaliou "
        "e voltam a ser publicadas em breve."
    )


@dataclass
class Figures:
    """The figures of a scope in a period (a month, or a whole year).

    The rating figures (`evaluations`, `score_sum`, `scores`, `dimensions`) are None — never
    zero — when withheld; `ratings_withheld` then says why."""

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
    evaluations: int | None = 0
    score_sum: int | None = 0
    scores: dict[int, int] | None = field(default_factory=lambda: dict.fromkeys(SCORES, 0))
    dimensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    ratings_withheld: str = ""
    dimensions_withheld: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row) -> Figures:
        withheld = row.ratings_withheld or ""
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
            evaluations=None if withheld else row.evaluations,
            score_sum=None if withheld else row.score_sum,
            scores=None if withheld else {n: getattr(row, f"score_{n}") for n in SCORES},
            dimensions={} if withheld else dict(row.dimensions or {}),
            ratings_withheld=withheld,
            dimensions_withheld=(
                dict.fromkeys(DIMENSION_KEYS, withheld) if withheld else dict(row.dimensions_withheld or {})
            ),
        )

    @property
    def days_mean(self) -> float | None:
        return ratio(self.days_sum, self.concluded)

    @property
    def on_time_share(self) -> float | None:
        return ratio(self.concluded_on_time, self.concluded_with_deadline)

    @property
    def ratings_published(self) -> bool:
        return not self.ratings_withheld

    @property
    def has_ratings(self) -> bool:
        """Some rating was made in the period (published or withheld for being few or for
        complementary protection; an open period's ratings are unknown here)."""
        return bool(self.evaluations) or self.ratings_withheld in (
            RatingsWithheld.FEW,
            RatingsWithheld.COMPLEMENTARY,
        )

    @property
    def score_mean(self) -> float | None:
        if not self.ratings_published:
            return None
        return ratio(self.score_sum or 0, self.evaluations or 0)

    @property
    def ratings_label(self) -> str:
        return withheld_label(self.ratings_withheld, year=self.month == 0) if self.ratings_withheld else ""

    @property
    def ratings_notice(self) -> str:
        return withheld_notice(self.ratings_withheld) if self.ratings_withheld else ""

    def score_distribution(self) -> list[dict[str, Any]]:
        """Count and share of each score; None for both when the ratings are withheld."""
        scores = self.scores
        return [
            {
                "score": n,
                "label": SCORE_LABELS[n],
                "count": None if scores is None else scores.get(n, 0),
                "share": None if scores is None else ratio(scores.get(n, 0), self.evaluations or 0),
            }
            for n in SCORES
        ]

    def dimension_means(self) -> list[dict[str, Any]]:
        """Each dimension's count, mean and distribution — None, with `withheld` (the reason)
        and `label` (the short text), when that dimension is withheld."""
        result = []
        for key in DIMENSION_KEYS:
            reason = self.dimensions_withheld.get(key, "")
            if reason:
                result.append(
                    {
                        "key": key,
                        "label": DIMENSION_LABELS[key],
                        "withheld": reason,
                        "withheld_label": withheld_label(reason, year=self.month == 0),
                        "count": None,
                        "mean": None,
                        "distribution": [{"score": n, "count": None} for n in SCORES],
                    }
                )
                continue
            entry = self.dimensions.get(key) or {}
            count = int(entry.get("count", 0))
            dist = list(entry.get("dist") or [0] * len(SCORES))
            result.append(
                {
                    "key": key,
                    "label": DIMENSION_LABELS[key],
                    "withheld": "",
                    "withheld_label": "",
                    "count": count,
                    "mean": ratio(float(entry.get("sum", 0)), count),
                    "distribution": [{"score": n, "count": dist[i]} for i, n in enumerate(SCORES)],
                }
            )
        return result
