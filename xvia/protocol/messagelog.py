"""Message-log formats (ADR 0035): records, hash chain, signed seals, batch time-stamps, export.

Each record is canonical JSON; ``entry_digest = SHA-256(record)`` and
``chain_hash[n] = SHA-256(chain_hash[n-1] || entry_digest[n])`` from 32 zero bytes. Every batch
ends in a *seal*: ``{server, first_seq, last_seq, chain_hash, prev_seal, sealed_at}`` signed by
the server owner's signing key and time-stamped (RFC 3161, imprint SHA-256 of the seal bytes).
Because the chain commits to everything before it, one signature and one time-stamp per batch
prove every record of the batch; a verifier needs only the entry digests (not the contents) of
the other records, so a single record can be proven without revealing its neighbours.

Bodies are not part of the record: the record holds the signed descriptor, which holds the body's
SHA-512, so a body (stored beside the record, optionally AES-GCM encrypted) is checked against a
signed, chained digest.

Old sealed, time-stamped ranges move to archive files (the export format, gzip-compressed) and
``mlog_archive`` records where the database's chain takes over (xvia.gateway.archive).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .messages import canonical_json

RECORD_FORMAT = "xvia-mlog/1"
SEAL_FORMAT = "xvia-mlog-seal/1"
EXPORT_FORMAT = "xvia-mlog-export/1"  # also the format of archive files (gzip-compressed)
ARCHIVE_NAME_RE = re.compile(r"^mlog-(\d{12})-(\d{12})\.json\.gz$")
GENESIS = bytes(32)

# One row per archive file (see xvia.gateway.archive): records first_seq..last_seq left the
# database for ``file_name``. ``chain_hash`` is the chain after last_seq and ``last_seal`` the seal
# that ends the range, so the first record left in the database continues a known chain and
# the first seal left continues a known seal chain. The row is the commit point: records and
# seals up to last_seq still in the tables are leftovers that are being deleted.
ARCHIVE_SCHEMA = """
CREATE TABLE IF NOT EXISTS mlog_archive (
    id INTEGER PRIMARY KEY,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL UNIQUE,
    chain_hash BLOB NOT NULL,
    last_seal BLOB NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    records INTEGER NOT NULL,
    archived_at TEXT NOT NULL
);
"""

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS mlog_record (
    seq INTEGER PRIMARY KEY,
    record BLOB NOT NULL,
    entry_digest BLOB NOT NULL,
    chain_hash BLOB NOT NULL,
    body BLOB,
    body_encrypted INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    client TEXT,
    service TEXT,
    data_subject TEXT,
    logged_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mlog_record_subject ON mlog_record (data_subject);
CREATE TABLE IF NOT EXISTS mlog_seal (
    id INTEGER PRIMARY KEY,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL UNIQUE,
    seal BLOB NOT NULL,
    signature BLOB NOT NULL,
    signer_cert BLOB NOT NULL,
    timestamp_token BLOB,
    stamped_at TEXT
);
CREATE TABLE IF NOT EXISTS globalconf_history (
    version INTEGER PRIMARY KEY,
    document BLOB NOT NULL,
    stored_at TEXT NOT NULL
);
"""
    + ARCHIVE_SCHEMA
)


def b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data is not None else None


def unb64(text: str | None) -> bytes | None:
    return base64.b64decode(text) if text is not None else None


def entry_digest(record_bytes: bytes) -> bytes:
    return hashlib.sha256(record_bytes).digest()


def next_chain_hash(previous: bytes, digest: bytes) -> bytes:
    return hashlib.sha256(previous + digest).digest()


def build_record(
    *,
    seq: int,
    server: str,
    logged_at: str,
    kind: str,
    descriptor: bytes,
    signature: bytes,
    signer_der: bytes,
    body_logged: bool,
    extra: dict[str, Any] | None = None,
) -> bytes:
    """Canonical bytes of one record (a request or a response as it crossed the wire)."""
    record = {
        "format": RECORD_FORMAT,
        "seq": seq,
        "server": server,
        "logged_at": logged_at,
        "kind": kind,
        "descriptor": b64(descriptor),
        "signature": b64(signature),
        "signer": b64(signer_der),
        "body_logged": body_logged,
    }
    if extra:
        record["extra"] = extra
    return canonical_json(record)


def build_seal(
    *, server: str, first_seq: int, last_seq: int, chain_hash: bytes, prev_seal: bytes | None, sealed_at: str
) -> bytes:
    return canonical_json(
        {
            "format": SEAL_FORMAT,
            "server": server,
            "first_seq": first_seq,
            "last_seq": last_seq,
            "chain_hash": chain_hash.hex(),
            "prev_seal": hashlib.sha256(prev_seal).hexdigest() if prev_seal else None,
            "sealed_at": sealed_at,
        }
    )


def seal_imprint(seal_bytes: bytes) -> bytes:
    """The SHA-256 imprint sent to the TSA for a seal."""
    return hashlib.sha256(seal_bytes).digest()


class ExportWriter:
    """Streams an export document, gzip-compressed, into a binary file one record at a time (an
    archive file may hold GBs of bodies); ``finish`` returns the SHA-256 of the bytes written."""

    def __init__(self, raw) -> None:
        self._raw, self._hash = raw, hashlib.sha256()
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self, compresslevel=1, mtime=0)
        self._gz.write(b'{"format":"' + EXPORT_FORMAT.encode() + b'","records":[')
        self.count = self.size = 0

    def write(self, data) -> int:  # GzipFile's output: hashed on its way to the file
        self._hash.update(data)
        return self._raw.write(data)

    def flush(self) -> None:
        self._raw.flush()

    def record(
        self, *, seq: int, record: bytes, chain_hash: bytes, body: bytes | None, encrypted: bool
    ) -> None:
        item = {
            "seq": seq,
            "record": b64(record),
            "chain_hash": chain_hash.hex(),
            "body": b64(body),
            "body_encrypted": encrypted,
        }
        data = json.dumps(item, separators=(",", ":")).encode()
        self._gz.write(b"," + data if self.count else data)
        self.count, self.size = self.count + 1, self.size + len(data)

    def finish(self, **fields: Any) -> str:
        """Close the document with its other top-level fields (seals, globalconfs, ...)."""
        self._gz.write(b"]," + json.dumps(fields, separators=(",", ":")).encode()[1:] if fields else b"]}")
        self._gz.close()
        return self._hash.hexdigest()


def archive_file_name(first_seq: int, last_seq: int) -> str:
    """Archive files are named by their range, so a rerun after a crash overwrites, never adds."""
    return f"mlog-{first_seq:012d}-{last_seq:012d}.json.gz"


def parse_archive_file_name(name: str) -> tuple[int, int] | None:
    match = ARCHIVE_NAME_RE.match(name)
    return (int(match.group(1)), int(match.group(2))) if match else None


# --- body encryption at rest --------------------------------------------------------------------


def body_aad(seq: int, server: str) -> bytes:
    return f"xvia-mlog-body|{server}|{seq}".encode()


def encrypt_body(key: bytes, plaintext: bytes, *, seq: int, server: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, body_aad(seq, server))


def decrypt_body(key: bytes, blob: bytes, *, seq: int, server: str) -> bytes:
    return AESGCM(key).decrypt(blob[:12], blob[12:], body_aad(seq, server))


class ChainAppender:
    """Assigns sequence numbers and chain hashes; the single writer of one server's log owns one."""

    def __init__(self, server: str, last_seq: int = 0, last_chain: bytes = GENESIS) -> None:
        self.server = server
        self.last_seq = last_seq
        self.last_chain = last_chain

    def append(
        self,
        *,
        kind: str,
        descriptor: bytes,
        signature: bytes,
        signer_der: bytes,
        body_logged: bool,
        logged_at: str,
        extra: dict[str, Any] | None = None,
    ) -> tuple[int, bytes, bytes, bytes]:
        """Return (seq, record bytes, entry digest, chain hash) and advance the chain."""
        seq = self.last_seq + 1
        record = build_record(
            seq=seq,
            server=self.server,
            logged_at=logged_at,
            kind=kind,
            descriptor=descriptor,
            signature=signature,
            signer_der=signer_der,
            body_logged=body_logged,
            extra=extra,
        )
        digest = entry_digest(record)
        chain = next_chain_hash(self.last_chain, digest)
        self.last_seq, self.last_chain = seq, chain
        return seq, record, digest, chain

    def rollback(self, seq: int, chain: bytes) -> None:
        """Undo appends whose transaction failed (nothing is logged half-way)."""
        self.last_seq, self.last_chain = seq, chain
