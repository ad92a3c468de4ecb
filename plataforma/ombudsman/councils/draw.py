"""The public, reproducible draw of a call (ADR 0031). Plain Python, no Django: anyone can re-run it
from what the call's public page shows.

1. seed = SHA-256( "<call id>|<public value>" ), hexadecimal, lower case. The call id is the UUID
   in the call's address; the public value is the one announced in the call before applications
   opened (for instance a Loteria Federal result) and typed by the agency when it runs the draw.
2. In each category, each eligible application gets key = SHA-256( "<seed>|<category code>|<number>" ),
   where <number> is the four-digit inscription number ("0007").
3. Applications are ranked by key (ascending, as text); the first `seats` are titulares, the next
   `substitutes` are suplentes in that order, the others are not chosen.

When a category has no more eligible applications than seats, everyone in it is a titular and no
draw is needed there; the keys are still computed (and published) so the page reads the same way.
Vacant seats are not moved to another category: the quotas are the representativeness the call
promised (Lei 13.460 art. 19).

With the standard tools:  printf '%s' '<call id>|<public value>' | sha256sum
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

TITULAR = "titular"
SUBSTITUTE = "suplente"
NOT_CHOSEN = "nao_escolhida"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draw_seed(*, call_id: str, public_value: str) -> str:
    return sha256_hex(f"{call_id}|{public_value}")


def number_text(number: int) -> str:
    return f"{number:04d}"


def draw_key(*, seed: str, category_code: str, number: int) -> str:
    return sha256_hex(f"{seed}|{category_code}|{number_text(number)}")


@dataclass(frozen=True)
class Ranked:
    number: int
    key: str
    rank: int  # 1-based position in the category
    outcome: str  # TITULAR, SUBSTITUTE or NOT_CHOSEN


def rank_category(
    *, seed: str, category_code: str, numbers: list[int], seats: int, substitutes: int
) -> list[Ranked]:
    """The outcome of one category's draw, in rank order."""
    keyed = sorted(
        ((draw_key(seed=seed, category_code=category_code, number=n), n) for n in set(numbers)),
    )
    result = []
    for position, (key, number) in enumerate(keyed, start=1):
        if position <= seats:
            outcome = TITULAR
        elif position <= seats + substitutes:
            outcome = SUBSTITUTE
        else:
            outcome = NOT_CHOSEN
        result.append(Ranked(number=number, key=key, rank=position, outcome=outcome))
    return result


def needs_public_value(*, counts: dict[str, int], seats: dict[str, int]) -> bool:
    """Whether some category has more eligible applications than seats (then the order matters)."""
    return any(counts.get(code, 0) > seats.get(code, 0) for code in counts)
