"""id_token signing keys: generation, rotation, the published JWKS (RFC 7517) and a short
in-process cache so that several web processes agree within KEY_CACHE_SECONDS.

States: next (published ahead of use, so relying parties that cache the JWKS already know it)
→ active (signs new id_tokens; one per algorithm, enforced by a partial unique index) → retired
(still published for KEY_OVERLAP_SECONDS so id_tokens it signed keep verifying).
Private keys are stored encrypted with plataforma.common.crypto (Fernet).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from jwcrypto import jwk

from plataforma.common import crypto

from .models import SigningKey

ALGORITHMS = ("RS256", "ES256")


@dataclass(frozen=True)
class LoadedKey:
    kid: str
    algorithm: str
    state: str
    private_jwk: jwk.JWK
    public: dict  # the JWKS entry


def _config(name: str, default: int) -> int:
    return int(getattr(settings, "MTLOGIN_OIDC", {}).get(name, default))


def overlap() -> timedelta:
    return timedelta(seconds=_config("KEY_OVERLAP_SECONDS", 7 * 24 * 3600))


# --- generation -------------------------------------------------------------------------------


def _generate_pem(algorithm: str) -> bytes:
    if algorithm == "RS256":
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif algorithm == "ES256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        raise ValueError(f"unsupported algorithm {algorithm}")
    return private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _new_key(algorithm: str, state: str) -> SigningKey:
    pem = _generate_pem(algorithm)
    key = jwk.JWK.from_pem(pem)
    kid = key.thumbprint()
    public = {**json.loads(key.export_public()), "kid": kid, "use": "sig", "alg": algorithm}
    now = timezone.now()
    return SigningKey(
        kid=kid,
        algorithm=algorithm,
        state=state,
        private_pem_encrypted=crypto.encrypt(pem.decode()),
        public_jwk=public,
        activated_at=now if state == SigningKey.State.ACTIVE else None,
    )


# --- cache ------------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, object] = {"loaded_at": 0.0, "keys": []}


def invalidate_cache() -> None:
    with _lock:
        _cache["loaded_at"] = 0.0
        _cache["keys"] = []


def _load(row: SigningKey) -> LoadedKey:
    pem = crypto.decrypt(row.private_pem_encrypted).encode()
    return LoadedKey(
        kid=row.kid,
        algorithm=row.algorithm,
        state=row.state,
        private_jwk=jwk.JWK.from_pem(pem),
        public=dict(row.public_jwk),
    )


def published_keys() -> list[LoadedKey]:
    """next, active and recently retired keys, from a cache at most KEY_CACHE_SECONDS old."""
    ttl = _config("KEY_CACHE_SECONDS", 30)
    now = time.monotonic()
    with _lock:
        if now - float(_cache["loaded_at"]) < ttl and _cache["keys"]:
            return list(_cache["keys"])  # type: ignore[arg-type]
    cutoff = timezone.now() - overlap()
    rows = SigningKey.objects.filter(
        state__in=[SigningKey.State.NEXT, SigningKey.State.ACTIVE]
    ) | SigningKey.objects.filter(state=SigningKey.State.RETIRED, retired_at__gte=cutoff)
    keys = [_load(row) for row in rows.order_by("algorithm", "-created_at")]
    with _lock:
        _cache["keys"] = keys
        _cache["loaded_at"] = now
    return list(keys)


def active_key(algorithm: str) -> LoadedKey:
    """The key that signs new id_tokens of `algorithm`; created on first use (race-safe: the
    partial unique index lets one process win, the others read its key)."""
    for key in published_keys():
        if key.algorithm == algorithm and key.state == SigningKey.State.ACTIVE:
            return key
    ensure_active(algorithm)
    invalidate_cache()
    for key in published_keys():
        if key.algorithm == algorithm and key.state == SigningKey.State.ACTIVE:
            return key
    raise RuntimeError(f"no active {algorithm} signing key")  # pragma: no cover


def ensure_active(algorithm: str) -> SigningKey:
    existing = SigningKey.objects.filter(algorithm=algorithm, state=SigningKey.State.ACTIVE).first()
    if existing:
        return existing
    candidate = _new_key(algorithm, SigningKey.State.ACTIVE)
    try:
        with transaction.atomic():
            candidate.save()
        return candidate
    except IntegrityError:
        return SigningKey.objects.get(algorithm=algorithm, state=SigningKey.State.ACTIVE)


def public_key_for_kid(kid: str) -> jwk.JWK | None:
    """The public key named `kid` if it is published (any state within the overlap)."""
    for key in published_keys():
        if key.kid == kid:
            return jwk.JWK(**key.public)
    invalidate_cache()  # a key rotated in by another process since our cache was filled
    for key in published_keys():
        if key.kid == kid:
            return jwk.JWK(**key.public)
    return None


def jwks() -> dict:
    for algorithm in ALGORITHMS:
        if not any(k.algorithm == algorithm and k.state == "active" for k in published_keys()):
            active_key(algorithm)
    return {"keys": [key.public for key in published_keys()]}


# --- rotation ---------------------------------------------------------------------------------


@transaction.atomic
def rotate(algorithm: str) -> dict[str, str | None]:
    """One rotation step: the published `next` key becomes active, the active key is retired,
    a new `next` key is published; keys retired longer than twice the overlap are deleted.
    The first run only publishes a `next` key (and an active one if there is none)."""
    now = timezone.now()
    rows = {
        row.state: row
        for row in SigningKey.objects.select_for_update().filter(
            algorithm=algorithm, state__in=[SigningKey.State.NEXT, SigningKey.State.ACTIVE]
        )
    }
    active, upcoming = rows.get(SigningKey.State.ACTIVE), rows.get(SigningKey.State.NEXT)
    if upcoming is not None:
        if active is not None:
            active.state, active.retired_at = SigningKey.State.RETIRED, now
            active.save(update_fields=["state", "retired_at"])
        upcoming.state, upcoming.activated_at = SigningKey.State.ACTIVE, now
        upcoming.save(update_fields=["state", "activated_at"])
        active = upcoming
    elif active is None:
        active = _new_key(algorithm, SigningKey.State.ACTIVE)
        active.save()
    new_next = _new_key(algorithm, SigningKey.State.NEXT)
    new_next.save()
    SigningKey.objects.filter(
        algorithm=algorithm, state=SigningKey.State.RETIRED, retired_at__lt=now - 2 * overlap()
    ).delete()
    transaction.on_commit(invalidate_cache)
    return {"active": active.kid, "next": new_next.kid}


def verify_id_token(token: str, *, check_expiry: bool = False) -> dict | None:
    """The claims of an id_token this provider signed with any published key, or None (bad
    signature, unknown key, malformed). Expiry is not checked by default: id_token_hint may be
    expired (OIDC Core §3.1.2.1, RP-Initiated Logout §2)."""
    from jwcrypto import jws, jwt
    from jwcrypto.common import JWException

    try:
        unverified = jws.JWS()
        unverified.deserialize(token)
        header = unverified.jose_header
        if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS or not header.get("kid"):
            return None
        key = public_key_for_kid(str(header["kid"]))
        if key is None:
            return None
        verified = jwt.JWT(key=key, jwt=token, check_claims=None if check_expiry else {})
        claims = json.loads(verified.claims)
    except (JWException, ValueError, TypeError, KeyError):
        return None
    return claims if isinstance(claims, dict) else None
