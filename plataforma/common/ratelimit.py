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
    (tasks and commands)."""
    if not subject:
        return True
    key = _key(limit, subject)
    cache.add(key, 0, timeout=limit.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.seconds)
        count = 1
    return count <= limit.count


def reset(limit: Limit, subject: str) -> None:
    cache.delete(_key(limit, subject))
