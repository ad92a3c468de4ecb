"""Messages between security servers (ADR 0034): signed descriptors and the request hash.

A message crosses the wire as its body plus three headers: ``X-VIA-Message`` (the descriptor,
canonical JSON, base64url), ``X-VIA-Signature`` (ECDSA/SHA-256 by the sending member's signing
key over the descriptor bytes) and ``X-VIA-Signer`` (the signing certificate, DER base64url).
The descriptor carries everything the receiver needs (ids, method, path, query, user headers) and
the SHA-512 of the body, so a receiver verifies the signature, streams the body while hashing it
and forwards nothing until the digest matches.

The request hash follows PR-REST 4.3: base64(SHA512(SHA512(headers) + SHA512(body))), where
"headers" are the request descriptor bytes, or base64(SHA512(headers)) when there is no body.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from .certs import sign_bytes

FORMAT = "xvia-msg/1"
MESSAGE_HEADER = "x-via-message"
SIGNATURE_HEADER = "x-via-signature"
SIGNER_HEADER = "x-via-signer"
MAX_DESCRIPTOR_BYTES = 64 * 1024

_REQUEST_FIELDS = {
    "v": str,
    "type": str,
    "id": str,
    "request_id": str,
    "client": str,
    "service": str,
    "method": str,
    "path": str,
    "query": str,
    "headers": list,
    "body_sha512": (str, type(None)),
    "body_length": int,
    "sent_at": str,
    "sender": str,
}
_RESPONSE_FIELDS = {
    "v": str,
    "type": str,
    "id": str,
    "request_id": str,
    "client": str,
    "service": str,
    "request_hash": str,
    "status": int,
    "headers": list,
    "body_sha512": (str, type(None)),
    "body_length": int,
    "sent_at": str,
    "sender": str,
}


class MessageError(ValueError):
    """A descriptor is malformed, oversized or of the wrong type."""


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise MessageError("bad base64url") from exc


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def body_digest_b64(digest: bytes | None) -> str | None:
    return base64.b64encode(digest).decode("ascii") if digest is not None else None


def request_hash(descriptor_bytes: bytes, body_sha512: bytes | None) -> str:
    """PR-REST request hash over the request descriptor and the body digest."""
    head = hashlib.sha512(descriptor_bytes).digest()
    if body_sha512 is None:
        return base64.b64encode(head).decode("ascii")
    return base64.b64encode(hashlib.sha512(head + body_sha512).digest()).decode("ascii")


def sign_descriptor(descriptor: dict, private_key) -> tuple[bytes, bytes]:
    """Return (descriptor bytes, signature)."""
    raw = canonical_json(descriptor)
    return raw, sign_bytes(private_key, raw)


def parse_descriptor(raw: bytes, expected_type: str) -> dict:
    """Decode and shape-check descriptor bytes (after their signature was verified)."""
    if len(raw) > MAX_DESCRIPTOR_BYTES:
        raise MessageError("descriptor too large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise MessageError("descriptor is not UTF-8 JSON") from exc
    fields = _REQUEST_FIELDS if expected_type == "request" else _RESPONSE_FIELDS
    if not isinstance(doc, dict) or doc.get("v") != FORMAT or doc.get("type") != expected_type:
        raise MessageError(f"not an {FORMAT} {expected_type} descriptor")
    for key, kind in fields.items():
        if key not in doc or not isinstance(doc[key], kind) or isinstance(doc[key], bool):
            raise MessageError(f"descriptor field {key!r} missing or malformed")
    for pair in doc["headers"]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise MessageError("descriptor headers must be [name, value] pairs")
    return doc


def transport_headers(
    descriptor_bytes: bytes, signature: bytes, signer_der: bytes
) -> list[tuple[bytes, bytes]]:
    return [
        (MESSAGE_HEADER.encode(), b64u(descriptor_bytes).encode()),
        (SIGNATURE_HEADER.encode(), b64u(signature).encode()),
        (SIGNER_HEADER.encode(), b64u(signer_der).encode()),
    ]
