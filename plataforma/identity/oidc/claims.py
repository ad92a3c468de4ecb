"""Claims of MT Login's id_tokens and userinfo (OIDC Core §5.1, §5.4, §8).

`sub` is public (the account's opaque UUID) or pairwise (OIDC Core §8.1): the same person gets a
different, stable identifier in each sector, so applications of different sectors cannot join
their records. Scopes map to claims as below; the CPF is released only with the `cpf` scope and
never as preferred_username.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

from plataforma.identity.models import Level

SCOPE_CLAIMS = {
    "openid": ["sub"],
    "profile": ["name", "given_name", "family_name", "social_name", "updated_at"],
    "email": ["email", "email_verified"],
    "phone": ["phone_number", "phone_number_verified"],
    "cpf": ["cpf"],
    "nivel": ["nivel"],
    "empresas": ["empresas"],
    "servidor": ["servidor"],
}
ID_TOKEN_CLAIMS = ["acr", "amr", "auth_time", "nonce", "sid", "at_hash"]


def all_claims() -> list[str]:
    names = [claim for claims in SCOPE_CLAIMS.values() for claim in claims]
    return sorted({*names, "iss", "aud", "exp", "iat", "acr", "amr", "auth_time", "nonce", "sid"})


@lru_cache(maxsize=1)
def _pairwise_key() -> bytes:
    salt = getattr(settings, "MTLOGIN_OIDC", {}).get("PAIRWISE_SALT") or ""
    if salt:
        return salt.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"mtlogin-oidc-pairwise", hashlib.sha256).digest()


def sector_of(client) -> str:
    if client.sector_identifier.strip():
        return client.sector_identifier.strip().lower()
    uris = client.redirect_uris.split()
    return (urlsplit(uris[0]).hostname or "") if uris else client.client_id


def subject_for(user_id, client) -> str:
    """The `sub` that `client` sees for the account `user_id`."""
    if client is not None and client.subject_type == "pairwise":
        digest = hmac.new(_pairwise_key(), f"{sector_of(client)}|{user_id}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return str(user_id)


def session_id_for(sign_in_session_id, client) -> str:
    """The `sid` that `client` sees for one sign-in session (OIDC Front/Back-Channel Logout §3).
    A pairwise client gets a per-sector value, like its `sub`: the global session UUID would let
    applications of different sectors join their records through it (OIDC Core §8.1)."""
    if client is not None and client.subject_type == "pairwise":
        message = f"sid|{sector_of(client)}|{sign_in_session_id}".encode()
        digest = hmac.new(_pairwise_key(), message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return str(sign_in_session_id)


def _companies(user) -> list:
    try:
        from plataforma.identity.companies.selectors import companies_for_claims
    except ImportError:
        return []
    return companies_for_claims(user)


def _servant(user):
    try:
        from plataforma.identity.servants.selectors import servant_claims
    except ImportError:
        return []
    return servant_claims(user)


def user_claims(user, scopes, client) -> dict:
    """Claims about `user` released to `client` for the granted `scopes`."""
    scopes = set(scopes)
    claims: dict = {"sub": subject_for(user.pk, client)}
    if "profile" in scopes:
        names = user.full_name.split()
        claims["name"] = user.display_name
        if names:
            claims["given_name"] = names[0]
        if len(names) > 1:
            claims["family_name"] = " ".join(names[1:])
        if user.social_name:
            claims["social_name"] = user.social_name
        updated = getattr(user, "updated_at", None) or user.date_joined
        claims["updated_at"] = int(updated.timestamp())
    if "email" in scopes and user.email:
        claims["email"] = user.email
        claims["email_verified"] = user.email_verified
    if "phone" in scopes and user.phone_number:
        claims["phone_number"] = user.phone_number
        claims["phone_number_verified"] = False
    if "cpf" in scopes:
        claims["cpf"] = user.cpf
    if "nivel" in scopes:
        claims["nivel"] = user.level
    if "empresas" in scopes:
        claims["empresas"] = _companies(user)
    if "servidor" in scopes:
        claims["servidor"] = _servant(user)
    return claims


def password_level(user) -> str:
    """The level a sign-in with no recorded sign-in session is taken to have reached: a password
    one, which never reaches ouro (that needs a certificate, amr x509; auth_flow.reached_level)."""
    from plataforma.identity.auth_flow import reached_level

    return reached_level(user, ["pwd"])


def acr_value(level: str) -> str:
    return Level.acr(level)
