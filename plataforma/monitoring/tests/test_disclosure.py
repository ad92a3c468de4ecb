"""The disclosure control of ratings (disclosure.py, ADR 0023), checked against an attacker who
knows every published figure and every sum the panel implies, and solves the equations exactly.

The attacker here is independent of the rule it checks: it does not reason about trees or
"pinned" groups, it asks linear algebra (over the rationals) whether a withheld cell, or the
combined ratings of several withheld cells, can be computed from what is published.
"""

from __future__ import annotations

import itertools
import random
import uuid
from fractions import Fraction
from types import SimpleNamespace

import pytest

from plataforma.monitoring import disclosure
from plataforma.monitoring.dimensions import DIMENSION_KEYS
from plataforma.monitoring.disclosure import (
    OVERALL,
    PLATFORM,
    CellDisclosure,
    MonthTree,
    month_disclosure,
    year_disclosure,
)
from plataforma.monitoring.models import RATING_COUNT_FIELDS

K = 5
FEW, COMPLEMENTARY, OPEN, PENDING = "poucas", "complementar", "em_curso", "pendente"


# --- Building months -------------------------------------------------------------------------------


def ids(n: int) -> list[uuid.UUID]:
    return [uuid.UUID(int=i + 1) for i in range(n)]


A, B, C = ids(3)
S1, S2, S3, T1, U1 = (uuid.UUID(int=100 + i) for i in range(5))


def group(agency, service, n, **dimension_counts):
    row = {"agency_id": agency, "service_id": service, "evaluations": n}
    row.update({f"{key}_count": dimension_counts.get(key, 0) for key in DIMENSION_KEYS})
    return row


def agency_cell(agency):
    return ("orgao", agency)


def part(agency, service):
    return ("parte", agency, service)


# --- The attacker ------------------------------------------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [list(r) for r in rows]
    rank = 0
    columns = len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def _overlap(a: tuple, b: tuple) -> bool:
    """Cells that share ratings (one contains the other)."""
    if a == PLATFORM or b == PLATFORM:
        return True
    return a[1] == b[1] and (a[0] == "orgao" or b[0] == "orgao")


class Attacker:
    """Knows each published cell of one measure in one month, and that the platform is the sum of
    the agencies and each agency the sum of its (agency, service) parts."""

    def __init__(self, tree: MonthTree, measure: str, withheld: dict):
        self.tree, self.measure = tree, measure
        self.unknown = [c for c in tree.counts if c in withheld]
        equations = [{PLATFORM: 1, **{agency_cell(a): -1 for a in tree.children}}]
        for agency, parts in tree.children.items():
            equations.append({agency_cell(agency): 1, **dict.fromkeys(parts, -1)})
        self.matrix = [
            [Fraction(eq.get(c, 0)) for c in self.unknown]
            for eq in equations
            if any(eq.get(c, 0) for c in self.unknown)
        ]
        self.base = _rank(self.matrix)

    def computes(self, cells) -> bool:
        """Whether the sum of `cells` (withheld ones) follows from what is published."""
        vector = [Fraction(1 if c in cells else 0) for c in self.unknown]
        return _rank([*self.matrix, vector]) == self.base

    def leaks(self, k: int) -> list[tuple]:
        """Withheld cells with ratings it computes alone, and groups of withheld cells (sharing no
        rating) whose combined ratings it computes while they are fewer than k."""
        rated = [c for c in self.unknown if self.tree.n(c, self.measure) > 0]
        found = [(c,) for c in rated if self.computes({c})]
        for size in range(2, len(rated) + 1):
            for cells in itertools.combinations(rated, size):
                if any(_overlap(a, b) for a, b in itertools.combinations(cells, 2)):
                    continue
                if sum(self.tree.n(c, self.measure) for c in cells) < k and self.computes(set(cells)):
                    found.append(cells)
        return found


def protect_all(groups, k=K):
    tree = MonthTree.from_groups(groups)
    overall = disclosure._protect(tree, OVERALL, k, forced={})
    dims = {key: disclosure._protect(tree, key, k, forced=overall) for key in DIMENSION_KEYS}
    return tree, overall, dims


# --- Known answers -------------------------------------------------------------------------------


def test_a_cell_of_four_ratings_is_withheld_everywhere_it_shows():
    decisions = month_disclosure([group(A, S1, 4)], k=K)
    assert decisions.services[S1].ratings == FEW
    assert decisions.agencies[A].ratings == FEW
    assert decisions.platform.ratings == FEW
    assert decisions.services[S1].dimensions == dict.fromkeys(DIMENSION_KEYS, FEW)


def test_a_cell_of_five_ratings_is_published():
    decisions = month_disclosure([group(A, S1, 5, clareza=5)], k=K)
    assert decisions.services[S1] == decisions.agencies[A] == decisions.platform
    assert decisions.platform.ratings == ""
    # Dimensions nobody rated are zero, and zero is published.
    assert decisions.platform.dimensions == {}


def test_the_threshold_is_the_setting(settings):
    settings.MONITORING_MIN_RATINGS = 3
    assert disclosure.min_ratings() == 3
    assert month_disclosure([group(A, S1, 4)], k=disclosure.min_ratings()).services[S1].ratings == ""


def test_a_service_withheld_in_a_published_agency_takes_its_smallest_sibling_along():
    groups = [group(A, S1, 4), group(A, S2, 6), group(A, S3, 7)]
    decisions = month_disclosure(groups, k=K)
    assert decisions.services[S1].ratings == FEW
    assert decisions.services[S2].ratings == COMPLEMENTARY  # the smaller of the published two
    assert decisions.services[S3].ratings == ""
    assert decisions.agencies[A].ratings == ""
    tree, overall, _dims = protect_all(groups)
    assert Attacker(tree, OVERALL, overall).leaks(K) == []
    # Without the complementary cell, the agency minus S2 and S3 would be S1.
    naive = {c: r for c, r in overall.items() if r == FEW}
    assert Attacker(tree, OVERALL, naive).leaks(K) == [(part(A, S1),)]


def test_two_small_services_that_together_reach_k_protect_each_other():
    decisions = month_disclosure([group(A, S1, 3), group(A, S2, 3), group(A, S3, 10)], k=K)
    assert (decisions.services[S1].ratings, decisions.services[S2].ratings) == (FEW, FEW)
    assert decisions.services[S3].ratings == decisions.agencies[A].ratings == ""


def test_two_small_services_below_k_together_take_a_third_along():
    """Agency minus S3 would be the two of them: 1 + 2 ratings, fewer than k, all scores of
    both readable when they agree (say, two people who gave 1)."""
    groups = [group(A, S1, 1), group(A, S2, 2), group(A, S3, 10)]
    decisions = month_disclosure(groups, k=K)
    assert decisions.services[S3].ratings == COMPLEMENTARY
    tree, overall, _dims = protect_all(groups)
    naive = {c: r for c, r in overall.items() if r == FEW}
    assert (part(A, S1), part(A, S2)) in Attacker(tree, OVERALL, naive).leaks(K)
    assert Attacker(tree, OVERALL, overall).leaks(K) == []


def test_an_agency_withheld_in_a_published_platform_takes_another_agency_along():
    groups = [
        group(A, S1, 8),
        group(A, S2, 9),
        group(B, T1, 3),  # agency B: 3 ratings
        group(C, U1, 5),
    ]
    decisions = month_disclosure(groups, k=K)
    assert decisions.agencies[B].ratings == FEW
    assert decisions.agencies[C].ratings == COMPLEMENTARY  # the smallest other agency
    assert decisions.services[U1].ratings == COMPLEMENTARY  # else C = U1 would give C away
    assert decisions.agencies[A].ratings == decisions.platform.ratings == ""
    tree, overall, _dims = protect_all(groups)
    assert Attacker(tree, OVERALL, overall).leaks(K) == []


def test_a_dimension_rated_by_few_is_withheld_and_protected_on_its_own():
    groups = [
        group(A, S1, 10, clareza=3, tempo=10),
        group(A, S2, 10, clareza=8, tempo=10),
        group(A, S3, 10, clareza=9, tempo=10),
    ]
    decisions = month_disclosure(groups, k=K)
    assert decisions.services[S1].ratings == ""  # the overall score stands on 10 ratings
    assert decisions.services[S1].dimensions == {"clareza": FEW}
    assert decisions.services[S2].dimensions == {"clareza": COMPLEMENTARY}
    assert decisions.services[S3].dimensions == {}
    assert decisions.agencies[A].dimensions == {}
    tree, _overall, dims = protect_all(groups)
    assert Attacker(tree, "clareza", dims["clareza"]).leaks(K) == []


def test_cells_withheld_for_the_overall_score_are_withheld_for_every_dimension():
    groups = [group(A, S1, 4, clareza=4), group(A, S2, 6, clareza=6), group(A, S3, 9, clareza=9)]
    decisions = month_disclosure(groups, k=K)
    assert decisions.services[S2] == CellDisclosure.all_withheld(COMPLEMENTARY)


def test_a_service_that_moved_counts_for_each_agency_and_shows_only_when_both_parts_do():
    """Ratings count for the agency recorded on the request: after a move, a service has a part
    under each agency; its row is their sum."""
    groups = [group(A, S1, 3), group(A, S2, 9), group(B, S1, 6), group(B, T1, 7)]
    decisions = month_disclosure(groups, k=K)
    assert decisions.services[S1].ratings == COMPLEMENTARY  # 9 ratings, but its part in A is 3
    tree, overall, _dims = protect_all(groups)
    assert overall[part(A, S1)] == FEW
    assert Attacker(tree, OVERALL, overall).leaks(K) == []


def test_the_decision_does_not_depend_on_the_order_of_the_groups():
    groups = [group(A, S1, 4), group(A, S2, 6), group(A, S3, 6), group(B, T1, 2), group(C, U1, 9)]
    first = month_disclosure(groups, k=K)
    again = month_disclosure(list(reversed(groups)), k=K)
    assert first == again


# --- The attacker against random months ---------------------------------------------------------


def random_month(rng: random.Random) -> list[dict]:
    counts = [0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 9, 15]
    agencies = ids(rng.randint(1, 4))
    services = [uuid.UUID(int=1000 + i) for i in range(12)]
    groups = []
    used = set()
    for agency in agencies:
        for _ in range(rng.randint(1, 4)):
            service = rng.choice(services)
            if (agency, service) in used:
                continue
            used.add((agency, service))
            n = rng.choice(counts)
            if n == 0:
                continue
            dims = {key: rng.choice([0, 0, rng.randint(1, n), n]) for key in DIMENSION_KEYS[:3]}
            groups.append(group(agency, service, n, **dims))
    return groups


@pytest.mark.parametrize("seed", range(150))
def test_no_withheld_cell_or_small_group_can_be_computed_from_what_is_published(seed):
    groups = random_month(random.Random(seed))
    tree, overall, dims = protect_all(groups)
    assert Attacker(tree, OVERALL, overall).leaks(K) == []
    for key in DIMENSION_KEYS[:3]:
        assert Attacker(tree, key, dims[key]).leaks(K) == [], key
        # A cell withheld for the overall score is withheld for the dimension too.
        assert set(overall) <= set(dims[key])


@pytest.mark.parametrize("seed", range(150))
def test_every_published_row_is_a_sum_of_published_cells(seed):
    """A service that moved is published only when each of its parts is."""
    groups = random_month(random.Random(seed))
    tree, overall, _dims = protect_all(groups)
    decisions = month_disclosure(groups, k=K)
    for service, decision in decisions.services.items():
        parts = [c for c in tree.counts if c[0] == "parte" and c[2] == service]
        assert (decision.ratings == "") == all(c not in overall for c in parts)


# --- Years ------------------------------------------------------------------------------------


def month_row(month, n, withheld="", clareza=None):
    values = dict.fromkeys(RATING_COUNT_FIELDS, None if withheld else 0)
    if not withheld:
        values.update(evaluations=n, score_sum=4 * n, score_4=n)
    dims = (
        {}
        if withheld or clareza is None
        else {"clareza": {"sum": 3 * clareza, "count": clareza, "dist": [0, 0, clareza, 0, 0]}}
    )
    return SimpleNamespace(
        month=month,
        ratings_withheld=withheld,
        dimensions=dims,
        dimensions_withheld=dict.fromkeys(DIMENSION_KEYS, withheld) if withheld else {},
        **values,
    )


def year_raw(n, clareza=None):
    return month_row(0, n, clareza=clareza)


def test_a_year_is_published_when_it_is_the_sum_of_its_published_months():
    months = [month_row(1, 6, clareza=5), month_row(3, 7)]
    decision = year_disclosure(year_raw(13, clareza=5), months, window=12, k=K)
    assert decision == CellDisclosure()


def test_a_year_with_a_withheld_month_is_withheld_so_no_month_is_year_minus_the_others():
    months = [month_row(m, 6) for m in range(1, 12)] + [month_row(12, 0, withheld=FEW)]
    decision = year_disclosure(year_raw(6 * 11 + 3), months, window=12, k=K)
    assert decision.ratings == COMPLEMENTARY


def test_a_year_of_fewer_than_k_ratings_says_so():
    decision = year_disclosure(year_raw(3), [month_row(2, 0, withheld=FEW)], window=12, k=K)
    assert decision.ratings == FEW


def test_a_year_that_does_not_add_up_to_its_months_waits():
    """Ratings in a month not computed (or changed since): the year would reveal them."""
    decision = year_disclosure(year_raw(13), [month_row(1, 6)], window=12, k=K)
    assert decision.ratings == PENDING


def test_a_year_with_a_month_still_open_in_its_window_waits():
    months = [month_row(1, 6), month_row(2, 0, withheld=OPEN)]
    assert year_disclosure(year_raw(6), months, window=2, k=K).ratings == PENDING


def test_the_current_year_counts_only_closed_months_and_january_has_none():
    assert year_disclosure(year_raw(0), [], window=0, k=K) == CellDisclosure.all_withheld(OPEN)
    months = [month_row(1, 6), month_row(2, 7), month_row(3, 0, withheld=OPEN)]
    assert year_disclosure(year_raw(13), months, window=2, k=K) == CellDisclosure()


def test_a_year_dimension_follows_its_months():
    months = [month_row(1, 6, clareza=5), month_row(2, 7, clareza=6)]
    months[1].dimensions_withheld = {"clareza": FEW}
    months[1].dimensions = {}
    decision = year_disclosure(year_raw(13, clareza=11), months, window=12, k=K)
    assert decision == CellDisclosure(ratings="", dimensions={"clareza": COMPLEMENTARY})


# --- Time -------------------------------------------------------------------------------------


def test_a_month_closes_an_hour_after_it_ends():
    end = disclosure.month_start(2026, 4)
    assert not disclosure.month_is_closed(2026, 3, cutoff=disclosure.ratings_cutoff(end))
    later = end + disclosure.CLOSE_GRACE
    assert disclosure.month_is_closed(2026, 3, cutoff=disclosure.ratings_cutoff(later))
    assert not disclosure.month_is_closed(2026, 4, cutoff=disclosure.ratings_cutoff(later))
    assert disclosure.closed_months_of_year(2026, cutoff=disclosure.ratings_cutoff(later)) == 3
    assert disclosure.closed_months_of_year(2025, cutoff=disclosure.ratings_cutoff(later)) == 12
