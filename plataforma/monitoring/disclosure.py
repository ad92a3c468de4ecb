"""Disclosure control of the published ratings (Lei 13.460 art. 23 §2 publishes the results of
the evaluations; LGPD art. 6 III and VII; ADR 0023). The ONE place that decides which rating
figures of the panel and of the open data may be published; both read its decisions from the
indicator rows (`ratings_withheld`, `dimensions_withheld`), so they always agree.

Threat: a servant who knows which few requests of a service were concluded in a month reads the
scores of those requesters — anonymous or not — from a published cell of one to four ratings, or
from published cells by subtraction (an agency's month minus its other services; a year minus
its other months; the platform minus the other agencies), or from two releases an hour apart.

Rules, for the overall score and for each of the seven dimensions separately ("measures"):

1. Primary: a cell (platform, agency or service, in a month) with 1 to k-1 ratings of the
   measure is withheld (k = MONITORING_MIN_RATINGS). Zero is published.
2. Closed periods only: nothing about the ratings of a month is published before the month has
   ended (plus CLOSE_GRACE); it never changes afterwards, so releases cannot be subtracted.
3. Complementary, within a closed month (the cells form a tree: platform = sum of agencies;
   agency = sum of the services whose ratings it received): in every sum whose total is
   published, the withheld terms are none, or at least two whose ratings add up to k or more
   (counting, for a withheld agency, the smaller of its ratings and those of its withheld
   services); in every sum whose total is withheld, at least one term is withheld. Where that
   fails, the published term with the fewest ratings is withheld too; if there is none, the
   total. Every withheld cell is then neither computable from the published ones nor part of a
   computable group of fewer than k ratings (tests/test_disclosure.py checks this with an
   exact linear-algebra attacker).
4. Years: a year's (in the current year: the closed months') rating figures are published only
   when every month of the scope in it is published and their sum is exactly the year — then the
   year says nothing the months did not. So a month can never be recovered as year minus months.

The overall score's withheld cells are withheld for every dimension too (their dimensions are not
shown on their own). Request figures (submitted, concluded, times, deadlines) are not ratings and
are always published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.utils import timezone

from .dimensions import DIMENSION_KEYS, SCORES
from .models import RATING_COUNT_FIELDS, RatingsWithheld

# A month's ratings are published from this long after it ends: a rating saved in the month's
# last second is committed by then, so the figures first published are final.
CLOSE_GRACE = timedelta(hours=1)
OVERALL = "notas"  # the overall score, as a measure beside the dimensions

W = RatingsWithheld


def min_ratings() -> int:
    """k: the fewest ratings a published rating figure may stand on."""
    return int(settings.MONITORING_MIN_RATINGS)


def month_start(year: int, month: int) -> datetime:
    """The first instant of a month in the platform's time zone."""
    zone = timezone.get_current_timezone()
    return timezone.make_aware(datetime.combine(date(year, month, 1), datetime.min.time()), zone)


def anonymous_timestamp(moment: datetime) -> datetime:
    """What an anonymous rating keeps of the time it was made: the start of its month, the
    finest period anything is published for."""
    local = timezone.localtime(moment)
    return month_start(local.year, local.month)


def ratings_cutoff(now: datetime) -> datetime:
    """Months that ended before this instant are closed: their ratings may be published."""
    local = timezone.localtime(now - CLOSE_GRACE)
    return month_start(local.year, local.month)


def month_is_closed(year: int, month: int, *, cutoff: datetime) -> bool:
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return month_start(*after) <= cutoff


def closed_months_of_year(year: int, *, cutoff: datetime) -> int:
    """How many months of `year` are closed (0-12): the window of the year's rating figures."""
    local = timezone.localtime(cutoff)
    if local.year > year:
        return 12
    if local.year < year:
        return 0
    return local.month - 1


@dataclass
class CellDisclosure:
    """The decision for one indicator row: why its ratings are withheld ("" = published) and
    which dimensions are withheld, with why."""

    ratings: str = W.NONE
    dimensions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def all_withheld(cls, reason: str) -> CellDisclosure:
        return cls(ratings=reason, dimensions=dict.fromkeys(DIMENSION_KEYS, reason))


PUBLISHED = CellDisclosure()


def apply(row: Any, decision: CellDisclosure) -> None:
    """Write the decision into an (unsaved) indicator row: withheld figures are dropped."""
    row.ratings_withheld = decision.ratings
    if decision.ratings:
        for name in RATING_COUNT_FIELDS:
            setattr(row, name, None)
        row.dimensions = {}
        row.dimensions_withheld = dict.fromkeys(DIMENSION_KEYS, decision.ratings)
        return
    published = (row.dimensions or {}).items()
    row.dimensions = {key: value for key, value in published if key not in decision.dimensions}
    row.dimensions_withheld = dict(decision.dimensions)


# --- Months: the tree platform > agencies > (agency, service) ------------------------------------

Cell = tuple  # ("plataforma",) | ("orgao", agency_id) | ("parte", agency_id, service_id)
PLATFORM: Cell = ("plataforma",)


def _agency(agency_id: UUID) -> Cell:
    return ("orgao", agency_id)


def _part(agency_id: UUID, service_id: UUID) -> Cell:
    return ("parte", agency_id, service_id)


@dataclass
class MonthTree:
    """The rating counts of one month. A service's ratings count for the agency recorded on each
    request, so a service that moved has one part under each agency: the sums are exact."""

    children: dict[UUID, list[Cell]]  # agency -> its parts
    counts: dict[Cell, dict[str, int]]  # cell -> {measure: number of ratings}

    @classmethod
    def from_groups(cls, groups: Iterable[dict[str, Any]]) -> MonthTree:
        counts: dict[Cell, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        children: dict[UUID, list[Cell]] = defaultdict(list)
        for group in groups:
            n = {OVERALL: int(group.get("evaluations") or 0)}
            n.update({key: int(group.get(f"{key}_count") or 0) for key in DIMENSION_KEYS})
            if not n[OVERALL]:
                continue
            agency, part = _agency(group["agency_id"]), _part(group["agency_id"], group["service_id"])
            if part not in counts:
                children[group["agency_id"]].append(part)
            for cell in (PLATFORM, agency, part):
                for measure, value in n.items():
                    counts[cell][measure] += value
        for parts in children.values():
            parts.sort(key=str)
        return cls(children=dict(children), counts={cell: dict(c) for cell, c in counts.items()})

    @property
    def agencies(self) -> list[UUID]:
        return sorted(self.children, key=str)

    def n(self, cell: Cell, measure: str) -> int:
        return self.counts.get(cell, {}).get(measure, 0)


def _protect(tree: MonthTree, measure: str, k: int, forced: dict[Cell, str]) -> dict[Cell, str]:
    """The withheld cells of one measure in one month (rules 1 and 3 of the module docstring).
    `forced` cells are withheld whatever their count (a dimension of a withheld overall cell)."""
    withheld: dict[Cell, str] = dict(forced)
    for cell in tree.counts:
        if cell not in withheld and 0 < tree.n(cell, measure) < k:
            withheld[cell] = W.FEW

    def n(cell: Cell) -> int:
        return tree.n(cell, measure)

    def hidden(cells: list[Cell]) -> list[Cell]:
        # A withheld cell without ratings of this measure has nothing to protect.
        return [c for c in cells if c in withheld and n(c) > 0]

    def cheapest(cells: list[Cell]) -> Cell | None:
        candidates = [c for c in cells if c not in withheld and n(c) > 0]
        return min(candidates, key=lambda c: (n(c), str(c)), default=None)

    def pinned(cells: list[Cell]) -> int:
        """The fewest ratings an attacker can pin down together from a published total minus
        its published terms: each hidden service counts its ratings; each hidden agency the
        smaller of its ratings and those of its hidden services (one level further down)."""
        total = 0
        for cell in cells:
            below = sum(n(c) for c in hidden(tree.children[cell[1]])) if cell[0] == "orgao" else 0
            total += min(n(cell), below) if below else n(cell)
        return total

    def fix(total: Cell, terms: list[Cell]) -> bool:
        """Make one sum `total = terms` safe; True when one more cell was withheld."""
        terms_hidden = hidden(terms)
        if total in withheld:
            # With no hidden term, a withheld total is the sum of published terms.
            if n(total) == 0 or terms_hidden:
                return False
            target = cheapest(terms)
        else:
            if not terms_hidden or (len(terms_hidden) >= 2 and pinned(terms_hidden) >= k):
                return False
            target = cheapest(terms) or total
        if target is None:  # pragma: no cover - a total with ratings has a term with ratings
            return False
        withheld[target] = W.COMPLEMENTARY
        return True

    agencies = tree.agencies
    changed = True
    while changed:
        changed = False
        for agency_id in agencies:
            changed |= fix(_agency(agency_id), tree.children[agency_id])
        changed |= fix(PLATFORM, [_agency(a) for a in agencies])
    return withheld


@dataclass
class MonthDisclosure:
    platform: CellDisclosure
    agencies: dict[UUID, CellDisclosure]
    services: dict[UUID, CellDisclosure]

    def for_row(self, scope: str, scope_id: UUID) -> CellDisclosure:
        if scope == "plataforma":
            return self.platform
        table = self.agencies if scope == "orgao" else self.services
        return table.get(scope_id, PUBLISHED)


def month_disclosure(groups: Iterable[dict[str, Any]], *, k: int) -> MonthDisclosure:
    """The decisions of one CLOSED month, from its rating groups (sources.evaluations_by_group)."""
    tree = MonthTree.from_groups(groups)
    overall = _protect(tree, OVERALL, k, forced={})
    per_dimension = {key: _protect(tree, key, k, forced=overall) for key in DIMENSION_KEYS}

    def decision(cells: list[Cell], n_total: dict[str, int]) -> CellDisclosure:
        """A published row is a sum of tree cells (one, except for a service that moved): it
        is published when all of them are."""

        def reason(measure: str, withheld: dict[Cell, str]) -> str:
            hidden = [withheld[c] for c in cells if c in withheld]
            if not hidden:
                return W.NONE
            if len(cells) == 1:
                return hidden[0]
            return W.FEW if 0 < n_total[measure] < k else W.COMPLEMENTARY

        ratings = reason(OVERALL, overall)
        if ratings:
            return CellDisclosure.all_withheld(ratings)
        dims = {key: reason(key, per_dimension[key]) for key in DIMENSION_KEYS}
        return CellDisclosure(ratings=W.NONE, dimensions={key: r for key, r in dims.items() if r})

    def totals(cells: list[Cell]) -> dict[str, int]:
        return {m: sum(tree.n(c, m) for c in cells) for m in (OVERALL, *DIMENSION_KEYS)}

    parts_of_service: dict[UUID, list[Cell]] = defaultdict(list)
    for parts in tree.children.values():
        for part in parts:
            parts_of_service[part[2]].append(part)
    return MonthDisclosure(
        platform=decision([PLATFORM], totals([PLATFORM])),
        agencies={a: decision([_agency(a)], totals([_agency(a)])) for a in tree.children},
        services={s: decision(parts, totals(parts)) for s, parts in parts_of_service.items()},
    )


# --- Years ---------------------------------------------------------------------------------------


def rating_vector(row: Any) -> dict[str, int] | None:
    """Every additive rating figure of a row, or None when its ratings are withheld."""
    if row.ratings_withheld:
        return None
    return {name: int(getattr(row, name) or 0) for name in RATING_COUNT_FIELDS}


def dimension_vector(row: Any, key: str) -> list[int] | None:
    """A dimension's additive figures (sum, count, distribution), None when withheld."""
    if row.ratings_withheld or key in (row.dimensions_withheld or {}):
        return None
    entry = (row.dimensions or {}).get(key) or {}
    dist = list(entry.get("dist") or [0] * len(SCORES))
    return [int(entry.get("sum", 0)), int(entry.get("count", 0)), *(int(x) for x in dist)]


def _sum(vectors: list[Any]) -> Any:
    if isinstance(vectors[0], dict):
        return {name: sum(v[name] for v in vectors) for name in vectors[0]}
    return [sum(column) for column in zip(*vectors, strict=True)]


def year_disclosure(raw: Any, months: list[Any], *, window: int, k: int) -> CellDisclosure:
    """The decision for a year row (rule 4): `raw` holds the ratings of the year's first
    `window` months (all its closed months), `months` the stored rows of the same scope in the
    same year. Published only when it is exactly the sum of published months."""
    if window == 0:
        return CellDisclosure.all_withheld(W.OPEN)
    in_window = [m for m in months if 1 <= m.month <= window]
    stale = any(m.ratings_withheld in (W.OPEN, W.PENDING) for m in in_window)

    def reason(n: int, parts: list[Any], whole: Any) -> str:
        hidden = any(p is None for p in parts)
        if not stale and not hidden and (_sum(parts) if parts else None) == whole:
            return W.NONE
        if not parts and not n:
            return W.NONE  # no month row and no rating: a published zero
        if 0 < n < k:
            return W.FEW
        if stale or not hidden:
            return W.PENDING  # months not yet final, or not adding up to the year
        return W.COMPLEMENTARY

    whole = {name: int(getattr(raw, name) or 0) for name in RATING_COUNT_FIELDS}
    overall = reason(whole["evaluations"], [rating_vector(m) for m in in_window], whole)
    if overall:
        return CellDisclosure.all_withheld(overall)
    dims: dict[str, str] = {}
    for key in DIMENSION_KEYS:
        entry = (raw.dimensions or {}).get(key) or {}
        dist = list(entry.get("dist") or [0] * len(SCORES))
        raw_vector = [int(entry.get("sum", 0)), int(entry.get("count", 0)), *(int(x) for x in dist)]
        r = reason(raw_vector[1], [dimension_vector(m, key) for m in in_window], raw_vector)
        if r:
            dims[key] = r
    return CellDisclosure(ratings=W.NONE, dimensions=dims)
