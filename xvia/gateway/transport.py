"""Reading ASGI request bodies into spools and sending spooled answers."""

from __future__ import annotations

from .errors import XRoadFault
from .spool import BodyTooLarge, Spool


async def receive_body(receive, spool: Spool, fault: XRoadFault) -> None:
    """Stream the ASGI request body into ``spool``; raise ``fault`` when it grows too large."""
    more = True
    while more:
        message = await receive()
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
