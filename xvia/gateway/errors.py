"""X-Road style faults: JSON ``{type, message, detail}`` plus the ``X-Road-Error`` header (PR-REST 4.6)."""

from __future__ import annotations

import json
import uuid

CLIENT = "Client"
CLIENT_PROXY = "Server.ClientProxy"
SERVER_PROXY = "Server.ServerProxy"


class XRoadFault(Exception):
    """A fault the security server answers with; ``type`` is prefix + X-Road error code."""

    def __init__(self, prefix: str, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.type = f"{prefix}.{code}"
        self.message = message
        self.status = status or (400 if prefix == CLIENT else 500)
        self._detail: str | None = None

    @property
    def detail(self) -> str:
        """A unique id for this occurrence (made when first needed: many faults are built
        ahead of time on the hot path and never raised)."""
        if self._detail is None:
            self._detail = str(uuid.uuid4())
        return self._detail

    def body(self) -> bytes:
        return json.dumps({"type": self.type, "message": self.message, "detail": self.detail}).encode()

    def headers(self, body: bytes) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-type", b"application/json;charset=utf-8"),
            (b"x-road-error", self.type.encode()),
            (b"content-length", str(len(body)).encode()),
        ]


def client_fault(code: str, message: str, status: int | None = None) -> XRoadFault:
    return XRoadFault(CLIENT, code, message, status)


def proxy_fault(prefix: str, code: str, message: str) -> XRoadFault:
    return XRoadFault(prefix, code, message)


async def send_fault(send, fault: XRoadFault, extra_headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = fault.body()
    await send(
        {
            "type": "http.response.start",
            "status": fault.status,
            "headers": fault.headers(body) + list(extra_headers),
        }
    )
    await send({"type": "http.response.body", "body": body})
