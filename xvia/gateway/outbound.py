"""Outgoing HTTP: to other security servers (mutual TLS, pinned) and to the provider's backends.

Uses aiohttp's client. The gateway first used httpcore; profiling under load showed httpcore (on
anyio) costing about 1 ms of CPU per call — more than signing, verifying and logging together —
against about 0.1 ms for aiohttp, which runs on the event loop's own transports with a C parser
and a simple keep-alive pool (see ADR 0034, Performance). Everything the gateway relies on is kept:

- connections are reused (keep-alive pools, one per configuration version for peers), so a TLS
  handshake happens once per connection, not per message;
- the provider server's certificate is checked right after the TLS handshake, before a single
  byte of the request is written (``PinnedConnector``);
- bodies are streamed from the spool and into a spool with its size limit, never held twice;
- redirects are never followed, nothing is decompressed, no header is added on our behalf;
- timeouts: connect, a write timeout that restarts with every chunk the peer accepts, and a read
  timeout that restarts with every chunk received (aiohttp's ``sock_read``).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable

import aiohttp
from yarl import URL

from .spool import BodyTooLarge, Spool

# response header lines can carry a signed descriptor of up to 64 KiB (base64url-encoded)
MAX_FIELD_SIZE = 96 * 1024
SKIP_AUTO_HEADERS = frozenset({"User-Agent", "Accept", "Accept-Encoding", "Content-Type"})


class PeerRejected(aiohttp.ClientConnectionError):
    """The peer's TLS certificate is not the one listed for its address."""


class OutboundError(Exception):
    """A call failed. ``stage``: "connect" (nothing was sent), "timeout", "network" or "invalid"
    (aiohttp refused the request as given: nothing was sent)."""

    def __init__(self, stage: str, detail: str) -> None:
        super().__init__(detail)
        self.stage = stage
        self.detail = detail


class PinnedConnector(aiohttp.TCPConnector):
    """A keep-alive pool whose new TLS connections must pass ``check(address, der)``.

    The check runs when aiohttp has finished the TLS handshake and before it hands the
    connection out, so a request is never written to an unexpected server.
    """

    def __init__(self, check: Callable[[str, bytes], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._check = check

    async def _create_connection(self, req, traces, timeout):
        proto = await super()._create_connection(req, traces, timeout)
        transport = proto.transport
        ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        try:
            self._check(f"{req.url.raw_host}:{req.port}", der or b"")
        except Exception as exc:
            if transport is not None:
                transport.abort()
            raise PeerRejected(str(exc)) from exc
        return proto


def new_session(connector: aiohttp.BaseConnector) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=connector,
        auto_decompress=False,
        skip_auto_headers=SKIP_AUTO_HEADERS,
        max_line_size=MAX_FIELD_SIZE,
        max_field_size=MAX_FIELD_SIZE,
        timeout=aiohttp.ClientTimeout(total=None),
        raise_for_status=False,
    )


def peer_session(
    ssl_context: ssl.SSLContext, check: Callable[[str, bytes], None], limit: int
) -> aiohttp.ClientSession:
    # the peer side of uvicorn closes idle connections after 30 s: give them up earlier
    return new_session(
        PinnedConnector(check, ssl=ssl_context, limit=limit, limit_per_host=limit, keepalive_timeout=20)
    )


def backend_session(limit: int) -> aiohttp.ClientSession:
    return new_session(
        aiohttp.TCPConnector(ssl=ssl.create_default_context(), limit=limit, keepalive_timeout=15)
    )


def header_text(value: bytes) -> str:
    """aiohttp writes header values as UTF-8: give it text that encodes back to the same bytes."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _payload(spool: Spool, deadline: asyncio.Timeout, write_timeout: float):
    """The request body: bytes when it is small (in memory), else streamed from its file."""
    if not spool.size:
        return None
    if spool.in_memory:
        return spool.bytes()  # written at once; the call's first deadline bounds a stalled peer
    return _stream(spool, deadline, write_timeout)


async def _stream(spool: Spool, deadline: asyncio.Timeout, write_timeout: float) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    for chunk in spool.iter_sync():
        deadline.reschedule(loop.time() + write_timeout)  # the peer took the previous chunk in time
        yield chunk
    deadline.reschedule(loop.time() + write_timeout)


async def call(
    session: aiohttp.ClientSession,
    method: str,
    url: str | URL,
    headers: list[tuple[bytes, bytes]],
    body: Spool,
    *,
    connect_timeout: float,
    timeout: float,
    response_spool: Callable[[], Spool],
    too_large: Exception,
) -> tuple[int, list[tuple[bytes, bytes]], Spool]:
    """Send ``body`` and spool the answer; return (status, raw response headers, spool).

    Raises ``too_large`` when the answer exceeds its spool's limit, ``OutboundError`` otherwise.
    """
    hdrs = [(n.decode("latin-1"), header_text(v)) for n, v in headers]
    hdrs.append(("Content-Length", str(body.size)))
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as deadline:
            # until the answer's head arrives: connecting, writing, and waiting are all bounded
            deadline.reschedule(loop.time() + connect_timeout + timeout)
            async with session.request(
                method,
                url if isinstance(url, URL) else URL(url, encoded=True),
                headers=hdrs,
                data=_payload(body, deadline, timeout),
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout, sock_read=timeout),
            ) as response:
                deadline.reschedule(None)  # from here on, the read timeout applies per chunk
                spool = response_spool()
                try:
                    async for chunk in response.content.iter_any():
                        spool.write(chunk)
                except BodyTooLarge:
                    response.close()
                    raise too_large from None
                spool.finish()
                return response.status, list(response.raw_headers), spool
    except (PeerRejected, aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
        raise OutboundError("connect", str(exc) or type(exc).__name__) from None
    except (TimeoutError, aiohttp.ServerTimeoutError):
        raise OutboundError("timeout", "timed out") from None
    except aiohttp.ClientError as exc:
        raise OutboundError("network", type(exc).__name__) from None
    except ValueError as exc:  # aiohttp or yarl refused the method, URL or a header
        raise OutboundError("invalid", type(exc).__name__) from None
