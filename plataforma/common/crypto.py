"""Encryption of small secrets at rest (TOTP seeds, OIDC signing keys).

Keys come from FIELD_ENCRYPTION_KEYS (a list of Fernet keys, newest first, so that keys can be
rotated: every key decrypts, the first encrypts). Without it, one key is derived from SECRET_KEY
with HKDF, which is fine for the embedded setup; production sets its own keys (ADR 0011).
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt"]


def _derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"plataforma-mt", info=b"field-encryption")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []) or [])
    return MultiFernet([Fernet(k) for k in keys] or [Fernet(_derived_key())])


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
