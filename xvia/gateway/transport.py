"""Reading ASGI request bodies into spools and sending spooled answers."""

from __future__ import annotations

import asyncio

from .errors import XRoadFault
from .spool import BodyTooLarge, Spool


async def receive_body(
    receive, spool: Spool, fault: XRoadFault, *, chunk_timeout: float, slow: XRoadFault
) -> None:
    """Stream the ASGI request body into ``spool``; raise ``fault`` when it grows too large and
    ``slow`` when the next chunk takes more than ``chunk_timeout`` seconds (a sender trickling
    bytes would otherwise hold a connection and a spool for ever)."""
    more = True
    while more:
        try:
            async with asyncio.timeout(chunk_timeout):
                message = await receive()
        except TimeoutError:
            raise slow from None
        if message["type"] == "http.disconnect":
            raise ConnectionAbortedError("client went away")
        try:
            spool.write(message.get("body", b""))
        except BodyTooLarge:
            raise fault from None
        more = message.get("more_body", False)
    spool.finish()


async def send_spooled(send, status: int, headers: list[tuple[bytes, bytes]], spool: Spool | None) -> None:
    size = spool.size if spool is not None else 0
    headers = [*headers, (b"content-length", str(size).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    if spool is None or size == 0:
        await send({"type": "http.response.body", "body": b""})
        return
    if spool.in_memory:
        await send({"type": "http.response.body", "body": spool.bytes()})
        return
    async for chunk in spool.aiter():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})
