"""Relying-party-side verification of id_tokens with joserfc (independent of the provider's own
JOSE library, jwcrypto): signature against the published JWKS, then the claims OpenID Connect
Core 1.0 §3.1.3.7 tells a client to check."""

from __future__ import annotations

import base64
import hashlib
import json

from joserfc import jwt
from joserfc.jwk import KeySet


def _b64json(segment: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def id_token_header(id_token: str) -> dict:
    return _b64json(id_token.split(".")[0])


def at_hash(access_token: str) -> str:
    """OIDC Core §3.1.3.6: left half of the SHA-256 of the access token (RS256 and ES256)."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode("ascii")


def verify_id_token(
    id_token: str,
    *,
    jwks: dict,
    issuer: str,
    client_id: str,
    nonce: str | None,
    access_token: str | None = None,
    algorithms: tuple[str, ...] = ("RS256", "ES256"),
) -> dict:
    """Verify signature (key chosen by `kid` from the JWKS) and claims; return the claims."""
    header = id_token_header(id_token)
    assert header["alg"] in algorithms, header
    assert header.get("kid"), "the id_token header must name its key (kid) for JWKS rotation"
    assert any(k.get("kid") == header["kid"] for k in jwks["keys"]), "kid not published in the JWKS"
    token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=list(algorithms))
    options = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "exp": {"essential": True},
        "iat": {"essential": True},
        "sub": {"essential": True},
    }
    if nonce is not None:
        options["nonce"] = {"essential": True, "value": nonce}
    jwt.JWTClaimsRegistry(leeway=5, **options).validate(token.claims)
    claims = token.claims
    if isinstance(claims["aud"], list) and len(claims["aud"]) > 1:
        assert claims.get("azp") == client_id
    if access_token is not None and "at_hash" in claims:
        assert claims["at_hash"] == at_hash(access_token), "at_hash does not match the access token"
    return claims
