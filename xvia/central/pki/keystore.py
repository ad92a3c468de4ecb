"""Private keys of the central (development CA, TSA, configuration signing) as PEM files under
`conf.key_dir()`, created with mode 0600 in a 0700 folder. Never logged, never in the database,
never in the repository (var/ is git-ignored)."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from .. import conf


class KeyUnavailableError(RuntimeError):
    """The key file is missing or unreadable (run `manage.py xvia_dev_setup`)."""


def _folder() -> Path:
    """The key folder, created 0700; an existing folder that others can read, write or enter
    (made by hand, or by a umask-less copy) is tightened to 0700 before a key goes in it."""
    folder = conf.key_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(0o700)
    return folder


def generate_ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def store_key(key: PrivateKeyTypes, *, prefix: str) -> str:
    """Write the key to a new file (0600, never overwriting) and return its file name."""
    name = f"{prefix}-{secrets.token_hex(8)}.key.pem"
    path = _folder() / name
    data = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return name


def load_key(name: str) -> PrivateKeyTypes:
    if not name or "/" in name or name.startswith("."):
        raise KeyUnavailableError("invalid key file name")
    path = conf.key_dir() / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyUnavailableError(f"key file {name} is not readable") from exc
    return serialization.load_pem_private_key(data, password=None)
