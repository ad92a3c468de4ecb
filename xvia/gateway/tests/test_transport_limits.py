"""Resource limits and header rules that need no running gateway."""

from __future__ import annotations

import asyncio

import pytest

from xvia.gateway.errors import client_fault
from xvia.gateway.headers import RESPONSE_SET_BY_XROAD, encode_pairs
from xvia.gateway.replay import ReplayCache
from xvia.gateway.spool import Spool
from xvia.gateway.transport import receive_body


def test_a_body_that_stops_arriving_is_abandoned(tmp_path):
    async def trickle():
        await asyncio.sleep(3600)

    slow = client_fault("BadRequest", "request_body_slow", seconds="0.05")
    too_large = client_fault("BadRequest", "request_body_too_large", limit=10)
    spool = Spool(threshold=10, limit=100, directory=tmp_path)
    with pytest.raises(type(slow)) as caught:
        asyncio.run(receive_body(trickle, spool, too_large, chunk_timeout=0.05, slow=slow))
    assert caught.value is slow
    spool.close()


def test_response_headers_the_gateway_sets_never_come_from_the_provider():
    pairs = [
        ["X-Road-Request-Hash", "forged"],
        ["X-Road-Client", "MT/GOV/1/X"],
        ["X-ROAD-ID", "x"],
        ["Content-Length", "99"],
        ["Transfer-Encoding", "chunked"],
        ["Content-Type", "application/json"],
    ]
    assert encode_pairs(pairs, drop=RESPONSE_SET_BY_XROAD) == [(b"content-type", b"application/json")]


def test_the_replay_memory_remembers_within_the_window_and_stays_bounded():
    cache = ReplayCache(window_seconds=300, max_entries=3)
    assert cache.first_time("s", "a", now=0)
    assert not cache.first_time("s", "a", now=10)
    assert cache.first_time("other", "a", now=10)
    assert cache.first_time("s", "a", now=700)  # forgotten after the window on both sides
    for i in range(10):
        cache.first_time("s", str(i), now=800)
    assert len(cache._seen) <= 3
