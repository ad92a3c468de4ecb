"""Reading a message log for the offline verifier: a gateway store (SQLite), an export (JSON) or
an archive file (the export format, gzip-compressed, with an ``archive`` block) — ADR 0035.

Where the log does not start at seq 1 (an export from seq N, an archive file, a store whose
first records were archived), ``start_seq``/``start_chain``/``start_seal`` say where it takes
over: the chain hash before its first record and the seal that ended the range before it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .messagelog import EXPORT_FORMAT, GENESIS, unb64


@dataclass
class LogRecord:
    seq: int
    record: bytes | None  # None: only the digest is given (record not disclosed)
    digest: bytes | None = None
    chain_hash: bytes | None = None
    body: bytes | None = None
    body_encrypted: bool = False


@dataclass
class LogSeal:
    first_seq: int
    last_seq: int
    seal: bytes
    signature: bytes
    signer_cert: bytes
    timestamp_token: bytes | None


@dataclass
class ArchivedRange:
    """A row of a store's ``mlog_archive``: records first_seq..last_seq went to file_name."""

    first_seq: int
    last_seq: int
    chain_hash: bytes
    last_seal: bytes
    file_name: str
    file_sha256: str


@dataclass
class LogSource:
    records: list[LogRecord]
    seals: list[LogSeal]
    globalconfs: list[bytes]
    start_chain: bytes = GENESIS
    start_seal: bytes | None = None
    start_seq: int | None = None  # None: an export, whose start need not be a seal boundary
    name: str = ""
    kind: str = "export"  # "db", "export" or "archive"
    sha256: str | None = None  # of the file as stored (archive files)
    archive: dict | None = None  # an archive file's own description of itself
    archived: list[ArchivedRange] = field(default_factory=list)  # a store's mlog_archive
    leftovers: int = 0  # archived records still in a store, being deleted (not verified here)


def load_source(path: str | Path) -> LogSource:
    """Read a gateway store (SQLite), an export (JSON) or an archive file (gzip JSON)."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3"):
        return _load_db(path)
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if head.startswith(b"\x1f\x8b"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ValueError(f"{path.name}: damaged gzip file ({exc})") from exc
    doc = json.loads(raw.decode("utf-8"))
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise ValueError(f"not an {EXPORT_FORMAT} export")
    archive = doc.get("archive")
    start_seq = doc.get("start_seq")
    return LogSource(
        records=[
            LogRecord(
                seq=r["seq"],
                record=unb64(r.get("record")),
                digest=bytes.fromhex(r["digest"]) if r.get("digest") else None,
                chain_hash=bytes.fromhex(r["chain_hash"]) if r.get("chain_hash") else None,
                body=unb64(r.get("body")),
                body_encrypted=bool(r.get("body_encrypted")),
            )
            for r in doc["records"]
        ],
        seals=[
            LogSeal(
                s["first_seq"],
                s["last_seq"],
                unb64(s["seal"]),
                unb64(s["signature"]),
                unb64(s["signer_cert"]),
                unb64(s.get("timestamp_token")),
            )
            for s in doc["seals"]
        ],
        globalconfs=[g.encode() for g in doc["globalconfs"]],
        start_chain=bytes.fromhex(doc.get("start_chain") or GENESIS.hex()),
        start_seal=unb64(doc.get("start_seal")),
        start_seq=start_seq if isinstance(start_seq, int) and not isinstance(start_seq, bool) else None,
        name=path.name,
        kind="archive" if isinstance(archive, dict) else "export",
        sha256=digest,
        archive=archive if isinstance(archive, dict) else None,
    )


def _load_db(path: Path) -> LogSource:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        archived = []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'mlog_archive'").fetchone():
            archived = [
                ArchivedRange(a, b, bytes(ch), bytes(seal), name, digest)
                for a, b, ch, seal, name, digest in conn.execute(
                    "SELECT first_seq, last_seq, chain_hash, last_seal, file_name, file_sha256 "
                    "FROM mlog_archive ORDER BY last_seq"
                )
            ]
        # records and seals up to the last archived seq are in the archive files; any still here
        # are being deleted (the archive row is the commit point) and are not verified again
        upto = archived[-1].last_seq if archived else 0
        records = [
            LogRecord(seq, bytes(rec), None, bytes(ch), bytes(body) if body is not None else None, bool(enc))
            for seq, rec, ch, body, enc in conn.execute(
                "SELECT seq, record, chain_hash, body, body_encrypted FROM mlog_record WHERE seq > ? "
                "ORDER BY seq",
                (upto,),
            )
        ]
        leftovers = conn.execute("SELECT COUNT(*) FROM mlog_record WHERE seq <= ?", (upto,)).fetchone()[0]
        seals = [
            LogSeal(a, b, bytes(s), bytes(sig), bytes(c), bytes(t) if t is not None else None)
            for a, b, s, sig, c, t in conn.execute(
                "SELECT first_seq, last_seq, seal, signature, signer_cert, timestamp_token "
                "FROM mlog_seal WHERE last_seq > ? ORDER BY id",
                (upto,),
            )
        ]
        confs = [
            bytes(d) for (d,) in conn.execute("SELECT document FROM globalconf_history ORDER BY version")
        ]
    finally:
        conn.close()
    source = LogSource(records, seals, confs, name=path.name, kind="db", archived=archived)
    source.leftovers = leftovers
    if archived:
        last = archived[-1]
        source.start_seq, source.start_chain = last.last_seq + 1, last.chain_hash
        source.start_seal = last.last_seal
    return source
