"""Freshness and replay protection for signed requests from other security servers.

A signed descriptor proves who sent it, not that it is sent for the first time: a peer (or whoever
recorded its traffic inside the TLS session's end points) could send it again. The provider's
server accepts a descriptor only when its ``sent_at`` is within a window of its own clock and its
``(sender, request_id)`` has not been seen within that window. The memory of seen ids is bounded:
when it is full, the oldest entries go first (a flood would have to come from an authenticated
peer, whose server id is then in the logs).
"""

from __future__ import annotations

import time
from collections import OrderedDict


class ReplayCache:
    def __init__(self, window_seconds: float, max_entries: int) -> None:
        self.window = window_seconds
        self.max_entries = max_entries
        # keys are the pair's hash, not the pair: a 64-bit int takes a fraction of two strings'
        # memory (at 1,000 calls/s the window holds 200,000 entries). A collision, about 1e-9 at
        # that size, would refuse one fresh request as a replay; it never accepts a replay.
        self._seen: OrderedDict[int, float] = OrderedDict()

    def first_time(self, sender: str, request_id: str, now: float | None = None) -> bool:
        """Record the pair; False when it was already seen within the window."""
        now = time.monotonic() if now is None else now
        seen = self._seen
        cutoff = now - 2 * self.window  # a descriptor is fresh for the window on either side
        while seen:
            oldest_key = next(iter(seen))
            if seen[oldest_key] >= cutoff and len(seen) < self.max_entries:
                break
            del seen[oldest_key]
        key = hash((sender, request_id))
        if key in seen:
            return False
        seen[key] = now
        return True
