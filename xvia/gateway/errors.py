"""X-Road style faults: JSON ``{type, message, detail}`` plus the ``X-Road-Error`` header (PR-REST 4.6).

The HTTP status follows PR-REST 4.6 and X-Road's own security server: a fault whose type starts
with ``Server.`` (the client's or the provider's security server failed) is 500, every other
(``Client.*``: the request does not follow the protocol or is not allowed) is 400. The message is
a Portuguese text from ``faulttexts``; what only an operator needs (an exception, an address)
goes to the log under the fault's ``detail``, never to the caller.
"""

from __future__ import annotations

import json
import logging
import uuid

from .faulttexts import render

CLIENT = "Client"
CLIENT_PROXY = "Server.ClientProxy"
SERVER_PROXY = "Server.ServerProxy"

log = logging.getLogger("xvia.gateway.faults")


class XRoadFault(Exception):
    """A fault the security server answers with; ``type`` is prefix + X-Road error code.

    ``text`` is a key of ``faulttexts.TEXTS`` and ``params`` fill its placeholders; ``internal``
    is logged with the fault's ``detail`` when it is sent, and never shown to the caller.
    """

    def __init__(
        self, prefix: str, code: str, text: str, /, *, internal: str | None = None, **params
    ) -> None:
        message = render(text, params)
        super().__init__(message)
        self.type = f"{prefix}.{code}"
        self.message = message
        self.status = 500 if prefix.startswith("Server.") else 400
        self.internal = internal
        self._detail: str | None = None

    @property
    def detail(self) -> str:
        """A unique id for this occurrence (made when first needed: many faults are built
        ahead of time on the hot path and never raised)."""
        if self._detail is None:
            self._detail = str(uuid.uuid4())
        return self._detail

    def as_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message, "detail": self.detail}

    def body(self) -> bytes:
        return json.dumps(self.as_dict(), ensure_ascii=False).encode()

    def headers(self, body: bytes) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-type", b"application/json;charset=utf-8"),
            (b"x-road-error", self.type.encode()),
            (b"content-length", str(len(body)).encode()),
        ]


def client_fault(code: str, text: str, /, **params) -> XRoadFault:
    return XRoadFault(CLIENT, code, text, **params)


async def send_fault(send, fault: XRoadFault, extra_headers: list[tuple[bytes, bytes]] = ()) -> None:
    if fault.internal:
        log.warning("%s (detail %s): %s", fault.type, fault.detail, fault.internal)
    body = fault.body()
    await send(
        {
            "type": "http.response.start",
            "status": fault.status,
            "headers": fault.headers(body) + list(extra_headers),
        }
    )
    await send({"type": "http.response.body", "body": body})
