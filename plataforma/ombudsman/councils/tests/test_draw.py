"""The public draw (draw.py) is what its page documents: anyone recomputing SHA-256 by hand gets
the same seed, keys and order."""

from __future__ import annotations

import hashlib

from plataforma.ombudsman.councils import draw


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_seed_is_the_sha256_of_the_call_id_and_the_public_value():
    assert draw.draw_seed(call_id="abc", public_value="38.421") == _sha("abc|38.421")


def test_each_key_hashes_the_seed_the_category_code_and_the_four_digit_number():
    assert draw.draw_key(seed="s", category_code="cidadaos", number=7) == _sha("s|cidadaos|0007")


def test_applications_are_ranked_by_key_then_split_into_titulares_suplentes_and_the_rest():
    seed = draw.draw_seed(call_id="call", public_value="1")
    numbers = [1, 2, 3, 4, 5, 6]
    ranked = draw.rank_category(seed=seed, category_code="c", numbers=numbers, seats=2, substitutes=3)
    by_hand = sorted(numbers, key=lambda n: _sha(f"{seed}|c|{n:04d}"))
    assert [r.number for r in ranked] == by_hand
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5, 6]
    assert [r.outcome for r in ranked] == ["titular"] * 2 + ["suplente"] * 3 + ["nao_escolhida"]


def test_another_public_value_gives_another_order():
    orders = {
        tuple(
            r.number
            for r in draw.rank_category(
                seed=draw.draw_seed(call_id="x", public_value=str(v)),
                category_code="c",
                numbers=list(range(1, 9)),
                seats=1,
                substitutes=0,
            )
        )
        for v in range(5)
    }
    assert len(orders) > 1


def test_fewer_applications_than_seats_are_all_titulares():
    ranked = draw.rank_category(seed="s", category_code="c", numbers=[4, 9], seats=3, substitutes=2)
    assert {r.outcome for r in ranked} == {"titular"}


def test_a_public_value_is_needed_only_when_a_category_has_more_applications_than_seats():
    assert not draw.needs_public_value(counts={"a": 2, "b": 1}, seats={"a": 2, "b": 1})
    assert draw.needs_public_value(counts={"a": 3}, seats={"a": 2})
