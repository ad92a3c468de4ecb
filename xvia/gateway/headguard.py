"""Limits on a request's head (request line and headers) at the transport, for both listeners.

uvicorn's httptools protocol neither bounds the bytes of a head nor the time it takes to arrive:
a client could send megabytes of headers (httptools keeps them in memory) or hold a connection
by dribbling them (slowloris). ``HeadGuardProtocol`` adds both, per request on a connection:

- the bytes received while a head is incomplete are counted; past the limit the request is
  answered 431 (an X-Road fault) and the connection closed;
- a head must be complete within ``header_timeout`` seconds, counted from the connection's
  opening for its first request and from the first byte of each later one; else the connection
  is closed (with 408 when part of the head had arrived).

An idle keep-alive connection (between a response and the next request's first byte) stays
under uvicorn's own ``timeout_keep_alive``. A head that starts inside the same read as the end
of the previous request (pipelining) is counted from the next read on, so it can pass the limit
by at most one read; every other head is counted exactly.
"""

from __future__ import annotations

import http

from .errors import CLIENT, SERVER_PROXY, XRoadFault
from .tls import PeerCertProtocol

# Room on the peer-facing side for what the client's server adds to an IS request's head: the
# signed descriptor (the IS's headers and query, at most DESCRIPTOR_FACTOR x max_header_bytes,
# checked by the client proxy) in base64 (4/3), the signature and the signing certificate.
DESCRIPTOR_FACTOR = 3
PEER_HEAD_EXTRA = 16 * 1024


def peer_head_limit(max_header_bytes: int) -> int:
    return DESCRIPTOR_FACTOR * max_header_bytes * 4 // 3 + PEER_HEAD_EXTRA


class HeadGuardProtocol(PeerCertProtocol):
    """``PeerCertProtocol`` with a size and a time limit on each request head (see the module)."""

    max_head_bytes = 32 * 1024
    head_timeout = 10.0
    fault_prefix = CLIENT  # the IS-facing side; SERVER_PROXY on the peer-facing side

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._awaiting_head = True
        self._head_bytes = 0
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        while data and self._awaiting_head:
            room = self.max_head_bytes - self._head_bytes
            if room <= 0:
                self._refuse_head(431, self._too_large())
                return
            piece, data = data[:room], data[room:]
            self._head_bytes += len(piece)
            super().data_received(piece)
            if self.transport.is_closing():
                return
        if data:  # the head is complete: the rest is body (or a pipelined request)
            super().data_received(data)

    # --- httptools parser callbacks --------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._head_timer is None:  # the first byte of a request after an idle keep-alive
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def on_headers_complete(self) -> None:
        self._awaiting_head = False
        self._stop_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._awaiting_head = True
        self._head_bytes = 0
        super().on_message_complete()

    # --- refusing --------------------------------------------------------------------------

    def _too_large(self) -> XRoadFault:
        limit = self.max_head_bytes
        if self.fault_prefix == CLIENT:
            return XRoadFault(CLIENT, "BadRequest", "headers_too_large", limit=limit)
        return XRoadFault(SERVER_PROXY, "InvalidRequest", "headers_too_large", limit=limit)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or not self._awaiting_head:
            return
        if not self._head_bytes:  # nothing of a request yet: just hang up
            self.transport.close()
            return
        seconds = f"{self.head_timeout:g}"
        if self.fault_prefix == CLIENT:
            fault = XRoadFault(CLIENT, "BadRequest", "headers_slow", seconds=seconds)
        else:
            fault = XRoadFault(SERVER_PROXY, "InvalidRequest", "headers_slow", seconds=seconds)
        self._refuse_head(408, fault)

    def _refuse_head(self, status: int, fault: XRoadFault) -> None:
        """Answer ``fault`` with ``status`` and close, unless a response is still being written."""
        self._stop_head_timer()
        self._awaiting_head = False
        if self.cycle is None or self.cycle.response_complete:
            body = fault.body()
            lines = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}".encode()]
            lines += [name + b": " + value for name, value in fault.headers(body)]
            lines += [b"connection: close", b"", body]
            self.transport.write(b"\r\n".join(lines))
        self.transport.close()


def guarded_protocol(*, max_head_bytes: int, head_timeout: float, peer_side: bool) -> type[HeadGuardProtocol]:
    """A ``HeadGuardProtocol`` class for one listener (uvicorn takes a class as ``http=``)."""
    return type(
        "HeadGuardProtocol",
        (HeadGuardProtocol,),
        {
            "max_head_bytes": max_head_bytes,
            "head_timeout": head_timeout,
            "fault_prefix": SERVER_PROXY if peer_side else CLIENT,
        },
    )
