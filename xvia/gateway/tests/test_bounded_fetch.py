"""Documents fetched from other parties (global configuration, TSA replies) are read with a cap."""

import asyncio

import httpx
import pytest

from xvia.gateway.confstate import FetchError, fetch_bounded


def _client(chunks_sent: list[int], *, declare: bool = False) -> httpx.AsyncClient:
    async def stream():
        for _ in range(100):
            chunks_sent.append(1)
            yield b"y" * 1024

    def handler(request):
        headers = {"content-length": str(100 * 1024)} if declare else {}
        return httpx.Response(200, headers=headers, content=stream())

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


def test_a_stream_longer_than_the_limit_is_abandoned_early():
    sent: list[int] = []

    async def go():
        async with _client(sent) as client:
            return await fetch_bounded(client, "GET", "http://source.test/", limit=5 * 1024)

    with pytest.raises(FetchError, match="larger than"):
        asyncio.run(go())
    assert len(sent) < 10  # stopped after the limit, not after reading all 100 KiB


def test_a_declared_length_over_the_limit_is_refused_and_within_it_accepted():
    async def go(limit):
        async with _client([], declare=True) as client:
            return await fetch_bounded(client, "GET", "http://source.test/", limit=limit)

    with pytest.raises(FetchError, match="larger than"):
        asyncio.run(go(1024))
    assert len(asyncio.run(go(100 * 1024))) == 100 * 1024
