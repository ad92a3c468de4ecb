"""The secret access code of a manifestação followed without an MT Login account (anonymous, or
registered at a desk for a person without an account) — ADR 0029.

16 characters of Crockford's base-32 (80 random bits), shown once; the platform keeps only an
HMAC-SHA256 keyed from SECRET_KEY over the protocol and the code, compared in constant time.
Guessing is also rate-limited by the callers, per address. There is no limit per protocol: with
80-bit codes it adds no protection, and since protocols are sequential anyone could use it to
lock the authors out of following their manifestações."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from plataforma.common.authcodes import authcode_display, authcode_generate, authcode_normalise
from plataforma.common.ratelimit import Limit

FOLLOW_LIMIT_PER_ADDRESS = Limit("ombudsman.follow.address", 10, 900)


def _key() -> bytes:
    return hashlib.sha256(b"ombudsman-access-code|" + settings.SECRET_KEY.encode()).digest()


def access_code_hash(*, protocol: str, code: str) -> str:
    return hmac.new(_key(), f"{protocol}|{code}".encode(), hashlib.sha256).hexdigest()


def access_code_new(*, protocol: str) -> tuple[str, str]:
    """(code as printed, hash to store)."""
    code = authcode_generate()
    return authcode_display(code), access_code_hash(protocol=protocol, code=code)


def access_code_matches(*, manifestation, code: str) -> bool:
    """True when `code` (any case, hyphens or not) opens this manifestação. Constant-time."""
    normalised = authcode_normalise(code or "")
    stored = manifestation.access_code_hash or ""
    candidate = access_code_hash(protocol=manifestation.protocol, code=normalised or "-")
    # compare even when the code is malformed or nothing is stored, so timing says nothing
    same = hmac.compare_digest(candidate, stored or "0" * 64)
    return bool(normalised) and bool(stored) and same
