"""Which HTTP headers cross X-VIA (PR-REST 4.3).

Hop-by-hop headers, those that leak the origin host, framing headers the servers recompute, and
headers X-VIA itself sets are never passed on; user headers, cache headers, Content-Type, Accept
and the X-Road and X-VIA headers of the request travel unchanged inside the signed descriptor.
"""

from __future__ import annotations

from xvia.protocol.httpwire import check_header

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "proxy-connection",
    }
)
LEAKING = frozenset({"host", "user-agent", "server"})
FRAMING = frozenset({"content-length", "expect"})
SET_BY_XROAD = frozenset(
    {
        "x-road-request-hash",
        "x-road-request-id",
        "x-road-service",
        "x-road-error",
        "x-via-message",
        "x-via-signature",
        "x-via-signer",
    }
)
_ALWAYS_DROP = HOP_BY_HOP | LEAKING | FRAMING | SET_BY_XROAD
RESPONSE_SET_BY_XROAD = SET_BY_XROAD | {"x-road-id", "x-road-client"}


def _connection_tokens(headers: list[tuple[bytes, bytes]]) -> set[str]:
    tokens: set[str] = set()
    for name, value in headers:
        if name.lower() == b"connection":
            tokens.update(t.strip().lower() for t in value.decode("latin-1").split(","))
    return tokens


def passable_request_headers(headers: list[tuple[bytes, bytes]]) -> list[list[str]]:
    """Headers of an IS request that travel to the provider, as [name, value] pairs (latin-1)."""
    extra = _connection_tokens(headers)
    out = []
    for name, value in headers:
        lname = name.decode("latin-1").lower()
        if lname in _ALWAYS_DROP or lname in extra:
            continue
        out.append([lname, value.decode("latin-1")])
    return out


def passable_response_headers(headers: list[tuple[bytes, bytes]]) -> list[list[str]]:
    extra = _connection_tokens(headers)
    out = []
    for name, value in headers:
        lname = name.decode("latin-1").lower()
        if lname in _ALWAYS_DROP or lname in RESPONSE_SET_BY_XROAD or lname in extra:
            continue
        out.append([lname, value.decode("latin-1")])
    return out


def encode_pairs(pairs: list[list[str]], drop: frozenset[str] = frozenset()) -> list[tuple[bytes, bytes]]:
    """Descriptor pairs back to raw headers, dropping anything that must not be set from them.

    Names are compared and written lower-cased, so ``Host`` or ``Content-Length`` are dropped like
    ``host``; a name that is not an RFC 9110 token or a value with CR, LF, NUL or another control
    character raises ``WireError`` (the whole message is refused: a descriptor is never repaired).
    """
    checked = [check_header(n, v) for n, v in pairs]
    extra = {t.strip() for n, v in checked if n == "connection" for t in v.lower().split(",")}
    return [
        (n.encode("latin-1"), v.encode("latin-1"))
        for n, v in checked
        if n not in _ALWAYS_DROP and n not in drop and n not in extra
    ]


def single(headers: list[tuple[bytes, bytes]], name: bytes) -> tuple[str | None, bool]:
    """(value, duplicated) of a header that must appear at most once."""
    found = [v for n, v in headers if n.lower() == name]
    if not found:
        return None, False
    return found[0].decode("latin-1"), len(found) > 1
