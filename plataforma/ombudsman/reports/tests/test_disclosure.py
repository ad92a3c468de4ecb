"""The disclosure rule of the report's satisfaction figures (selectors/disclosure.py): pure
function, checked against an attacker who subtracts published figures."""

from __future__ import annotations

import random
from datetime import datetime

from plataforma.common.calendar import CUIABA
from plataforma.ombudsman.reports.selectors.disclosure import COMPLEMENTARY, FEW, OPEN, decide

NOW = datetime(2026, 6, 1, tzinfo=CUIABA)
K = 5


def test_groups_of_k_or_more_are_published():
    d = decide({"a": 5, "b": 9}, year=2025, now=NOW, k=K)
    assert (d.total, d.part("a"), d.part("b")) == ("", "", "")


def test_a_single_small_group_takes_the_smallest_published_one_with_it():
    d = decide({"a": 3, "b": 40, "c": 7}, year=2025, now=NOW, k=K)
    assert (d.part("a"), d.part("c"), d.part("b"), d.total) == (FEW, COMPLEMENTARY, "", "")


def test_two_small_groups_that_together_reach_k_protect_each_other():
    d = decide({"a": 2, "b": 3, "c": 40}, year=2025, now=NOW, k=K)
    assert (d.part("a"), d.part("b"), d.part("c"), d.total) == (FEW, FEW, "", "")


def test_two_small_groups_below_k_together_need_a_third():
    d = decide({"a": 1, "b": 2, "c": 6, "d": 30}, year=2025, now=NOW, k=K)
    assert (d.part("a"), d.part("b"), d.part("c"), d.part("d")) == (FEW, FEW, COMPLEMENTARY, "")


def test_a_small_total_withholds_everything_it_has():
    d = decide({"a": 1, "b": 2}, year=2025, now=NOW, k=K)
    assert (d.total, d.part("a"), d.part("b")) == (FEW, FEW, FEW)


def test_zero_ratings_is_published_as_zero():
    d = decide({}, year=2025, now=NOW, k=K)
    assert (d.total, d.part("x")) == ("", "")


def test_the_current_year_is_never_published():
    d = decide({"a": 50}, year=2026, now=NOW, k=K)
    assert (d.total, d.part("a"), d.part("unknown")) == (OPEN, OPEN, OPEN)


def test_no_withheld_group_is_recoverable_by_subtraction():
    """Random trees: whenever the total is published, the withheld parts are none or at least
    two whose sum holds k or more ratings — the total minus the published parts never isolates a
    group of fewer than k."""
    rng = random.Random(7)
    for _ in range(2000):
        counts = {i: rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for i in range(rng.randint(1, 7))}
        d = decide(counts, year=2025, now=NOW, k=K)
        withheld = [key for key in counts if d.part(key)]
        for key in counts:
            if 0 < counts[key] < K:
                assert d.part(key), counts
        if not d.total:
            hidden = sum(counts[key] for key in withheld)
            assert not withheld or (len(withheld) >= 2 and hidden >= K), counts
