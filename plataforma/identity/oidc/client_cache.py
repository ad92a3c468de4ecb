"""A few seconds of in-process memory of client registrations, so that the token endpoint does
not read the same row on every grant (agency systems ask for tokens all the time).

Each web process keeps what it loaded for MTLOGIN_OIDC["CLIENT_CACHE_SECONDS"] (5 by default;
0 turns it off). A change saved through `services` forgets the entry in this process at once;
other processes see it within the TTL — so disabling a client or rotating its secret takes
effect everywhere within seconds. The secret is still checked on every request.
"""

from __future__ import annotations

import copy
import threading
import time

from django.conf import settings

_lock = threading.Lock()
_entries: dict[str, tuple[float, object]] = {}
MAX_ENTRIES = 1000


def _ttl() -> float:
    return float(getattr(settings, "MTLOGIN_OIDC", {}).get("CLIENT_CACHE_SECONDS", 5))


def get(client_id: str):
    entry = _entries.get(client_id)
    if entry is None or entry[0] < time.monotonic():
        return None
    return copy.copy(entry[1])  # each request gets its own instance


def put(client_id: str, client) -> None:
    ttl = _ttl()
    if ttl <= 0:
        return
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[client_id] = (time.monotonic() + ttl, copy.copy(client))


def forget(client_id: str) -> None:
    with _lock:
        _entries.pop(client_id, None)


def clear() -> None:
    with _lock:
        _entries.clear()
