"""Fixed-window rate limits kept in the shared cache (Redis in production).

Keys are hashed, so the cache never holds an address, a CPF or an e-mail in the clear.
Used for sign-up, password reset, e-mail links, token endpoints and any other abuse-prone form.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `seconds` for one subject of `scope`."""

    scope: str
    count: int
    seconds: int


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(f"{limit.scope}|{subject}".encode()).hexdigest()[:32]
    return f"rl:{limit.scope}:{digest}"


def hit(limit: Limit, subject: str | None) -> bool:
    """Count one hit; return False when the subject is over its limit. No subject, no limit
    (tasks and commands). One round trip to the cache in the common case (the counter exists)."""
    if not subject:
        return True
    key = _key(limit, subject)
    try:
        count = cache.incr(key)
    except ValueError:  # first hit of the window (or the key just expired); if another process
        # created it in between, add() fails and the counter is incremented after all
        count = 1 if cache.add(key, 1, timeout=limit.seconds) else cache.incr(key)
    return count <= limit.count


def reset(limit: Limit, subject: str) -> None:
    cache.delete(_key(limit, subject))
