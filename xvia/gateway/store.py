"""The gateway's own store: SQLite in WAL mode, written in group commits.

Writes (message-log exchanges, monitoring records, seals) are queued and flushed once per
event-loop iteration: everything queued meanwhile is committed in one transaction and then its
waiters are woken. The hot path pays one commit per batch, not per request, and the hash chain
has exactly one writer. (A writer thread was tried first: under load it waited for the GIL in
5 ms slices and group commits took ~10 ms; SQLite in WAL mode with synchronous=NORMAL commits a
batch in well under a millisecond, so the loop itself is the cheaper writer.) An exchange
(request and response records with their bodies) is one unit: either all of it is committed or
none (the chain position is rolled back), so nothing is logged half-way.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from xvia.protocol.certs import sign_bytes
from xvia.protocol.globalconf import format_time
from xvia.protocol.messagelog import GENESIS, SCHEMA, ChainAppender, body_aad, build_seal

from .spool import Spool

log = logging.getLogger("xvia.gateway.store")

CHECKPOINT_BYTES = 4 * 1024 * 1024  # start a background checkpoint after about this much WAL
BACKSTOP_CHECKPOINT_PAGES = 16384  # SQLite checkpoints by itself past ~64 MiB of WAL
# CPython's sqlite3 keeps a weak reference to every blob a connection opened, for as long as the
# connection lives (~90 bytes each, never pruned): bodies up to this size are written in the
# statement instead, and the writer's connection is renewed after this many blobs.
INLINE_BODY_BYTES = 256 * 1024
BLOBS_BEFORE_RECONNECT = 10_000
OPMON_PRUNE_BATCH = 5000

OPMON_SCHEMA = """
CREATE TABLE IF NOT EXISTS opmon_record (
    id INTEGER PRIMARY KEY,
    side TEXT NOT NULL,
    message_id TEXT,
    request_id TEXT,
    client TEXT,
    service TEXT,
    method TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    request_size INTEGER NOT NULL,
    response_size INTEGER NOT NULL,
    status INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    fault_type TEXT
);
CREATE INDEX IF NOT EXISTS opmon_client ON opmon_record (client, started_at);
CREATE INDEX IF NOT EXISTS opmon_service ON opmon_record (service, started_at);
"""


@dataclass
class LogEntry:
    kind: str
    descriptor: bytes
    signature: bytes
    signer_der: bytes
    body: Spool | None
    full: bool
    message_id: str
    client: str
    service: str
    data_subject: str | None


@dataclass
class SealDraft:
    seal_id: int
    seal: bytes


class Store:
    def __init__(
        self,
        path: Path,
        *,
        server_id: str,
        sign_key,
        sign_cert_der: bytes,
        body_key: bytes | None = None,
        batch_max: int = 500,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.server_id = server_id
        self.sign_key = sign_key
        self.sign_cert_der = sign_cert_der
        self.body_key = body_key
        self.batch_max = batch_max
        self._pending: list = []
        self._scheduled = False
        self._conn = self._connect()
        self._blobs_opened = 0
        self._conn.executescript(SCHEMA + OPMON_SCHEMA)
        row = self._conn.execute(
            "SELECT seq, chain_hash FROM mlog_record ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        archived = self._conn.execute(
            "SELECT last_seq, chain_hash FROM mlog_archive ORDER BY last_seq DESC LIMIT 1"
        ).fetchone()
        if archived and (row is None or archived[0] > row[0]):  # every record archived
            row = archived
        self._chain = (
            ChainAppender(server_id, row[0], bytes(row[1])) if row else ChainAppender(server_id, 0, GENESIS)
        )
        self._read = threading.local()
        self.failed = False
        self._wal_estimate = 0  # bytes appended to the WAL since the last checkpoint began
        self._checkpointing = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=5000")
        # Checkpoints (copying the WAL into the database, with an fsync) run in a worker thread
        # (see _maybe_checkpoint), not inside a commit on the event loop; SQLite's own automatic
        # checkpoint stays as a backstop should that thread fall far behind.
        conn.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_CHECKPOINT_PAGES}")
        return conn

    def _renew_connection(self) -> None:
        """A fresh writer connection (between transactions), dropping the blob references."""
        self._conn.close()
        self._conn = self._connect()
        self._blobs_opened = 0

    def highest_globalconf_version(self) -> int | None:
        """The newest configuration version this server ever recorded (read once, at start)."""
        row = self._conn.execute("SELECT MAX(version) FROM globalconf_history").fetchone()
        return row[0] if row else None

    # --- API used from the event loop -----------------------------------------------------

    def _submit(self, op: str, payload, *, wait: bool = True):
        loop = asyncio.get_running_loop()
        future = loop.create_future() if wait else None
        self._pending.append((op, payload, loop, future))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)  # after the callbacks already ready: they batch together
        return future

    def _flush(self) -> None:
        self._scheduled = False
        pending, self._pending = self._pending, []
        for start in range(0, len(pending), self.batch_max):
            self._process(pending[start : start + self.batch_max])
        self._maybe_checkpoint()

    def _maybe_checkpoint(self) -> None:
        if self._wal_estimate < CHECKPOINT_BYTES or self._checkpointing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # closing outside the loop: SQLite checkpoints on close
            return
        self._checkpointing, self._wal_estimate = True, 0
        future = loop.run_in_executor(None, self._checkpoint_sync)
        future.add_done_callback(self._checkpoint_done)

    def _checkpoint_sync(self) -> None:
        conn = getattr(self._read, "ckpt", None)
        if conn is None:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA busy_timeout=5000")
            self._read.ckpt = conn
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _checkpoint_done(self, future) -> None:
        self._checkpointing = False
        if not future.cancelled() and future.exception() is not None:
            log.warning("message-log checkpoint failed: %s", future.exception())

    async def log_exchange(self, entries: list[LogEntry]) -> list[int]:
        """Append request and response records atomically; return their sequence numbers."""
        return await self._submit("exchange", entries)

    def record_opmon(self, record: dict) -> None:
        self._submit("opmon", record, wait=False)

    async def make_seal(self) -> SealDraft | None:
        return await self._submit("seal", None)

    async def set_timestamp(self, seal_id: int, token_der: bytes, stamped_at: str) -> None:
        await self._submit("stamp", (seal_id, token_der, stamped_at))

    async def store_globalconf(self, version: int, document: bytes) -> None:
        await self._submit("globalconf", (version, document))

    async def read(self, sql: str, params: tuple = ()) -> list[tuple]:
        return await asyncio.to_thread(self._read_sync, sql, params)

    def _read_sync(self, sql: str, params: tuple) -> list[tuple]:
        conn = getattr(self._read, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._read.conn = conn
        return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self._checkpointing = True  # no new background checkpoint: closing checkpoints anyway
        self._flush()
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    # --- writer ------------------------------------------------------------------------------

    def _process(self, batch: list) -> None:
        results = []
        saved = (self._chain.last_seq, self._chain.last_chain)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            for op, payload, _loop, _future in batch:
                results.append(self._apply(op, payload))
            self._conn.execute("COMMIT")
            self.failed = False
            if self._blobs_opened >= BLOBS_BEFORE_RECONNECT:
                self._renew_connection()
        except Exception as exc:  # the whole batch fails together: roll back and retry one by one
            log.exception("store batch failed")
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            self._chain.rollback(*saved)
            if len(batch) > 1:
                for item in batch:
                    self._process([item])
                return
            self.failed = True
            results = [exc]
        for (_op, _payload, _loop, future), result in zip(batch, results, strict=True):
            if future is not None:
                if isinstance(result, Exception):
                    _set_exception(future, result)
                else:
                    _set_result(future, result)

    def _apply(self, op: str, payload):
        if op == "exchange":
            return [self._append(entry) for entry in payload]
        if op == "opmon":
            r = payload
            self._conn.execute(
                "INSERT INTO opmon_record (side, message_id, request_id, client, service, method, "
                "started_at, "
                "ended_at, request_size, response_size, status, succeeded, fault_type) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    r["side"],
                    r.get("message_id"),
                    r.get("request_id"),
                    r.get("client"),
                    r.get("service"),
                    r.get("method"),
                    r["started_at"],
                    r["ended_at"],
                    r.get("request_size", 0),
                    r.get("response_size", 0),
                    r["status"],
                    int(r["succeeded"]),
                    r.get("fault_type"),
                ),
            )
            return None
        if op == "seal":
            return self._seal()
        if op == "stamp":
            seal_id, token, stamped_at = payload
            self._conn.execute(
                "UPDATE mlog_seal SET timestamp_token = ?, stamped_at = ? WHERE id = ?",
                (token, stamped_at, seal_id),
            )
            return None
        if op == "globalconf":
            version, document = payload
            self._conn.execute(
                "INSERT OR IGNORE INTO globalconf_history (version, document, stored_at) VALUES (?,?,?)",
                (version, document, format_time(dt.datetime.now(dt.UTC))),
            )
            return None
        raise ValueError(op)

    def _append(self, entry: LogEntry) -> int:
        logged_at = format_time(dt.datetime.now(dt.UTC))
        body_logged = entry.full and entry.body is not None and entry.body.size > 0
        self._wal_estimate += len(entry.descriptor) + 4096 + (entry.body.size if body_logged else 0)
        seq, record, digest, chain = self._chain.append(
            kind=entry.kind,
            descriptor=entry.descriptor,
            signature=entry.signature,
            signer_der=entry.signer_der,
            body_logged=body_logged,
            logged_at=logged_at,
        )
        self._conn.execute(
            "INSERT INTO mlog_record (seq, record, entry_digest, chain_hash, body, body_encrypted, "
            "message_id, "
            "client, service, data_subject, logged_at) VALUES (?,?,?,?,NULL,?,?,?,?,?,?)",
            (
                seq,
                record,
                digest,
                chain,
                int(body_logged and self.body_key is not None),
                entry.message_id,
                entry.client,
                entry.service,
                entry.data_subject,
                logged_at,
            ),
        )
        if body_logged:
            self._write_body(seq, entry.body)
        return seq

    def _write_body(self, seq: int, body: Spool) -> None:
        if body.size <= INLINE_BODY_BYTES:
            data = b"".join(body.iter_sync())
            if self.body_key is not None:
                nonce = os.urandom(12)
                encryptor = Cipher(algorithms.AES(self.body_key), modes.GCM(nonce)).encryptor()
                encryptor.authenticate_additional_data(body_aad(seq, self.server_id))
                data = nonce + encryptor.update(data) + encryptor.finalize() + encryptor.tag
            self._conn.execute("UPDATE mlog_record SET body = ? WHERE seq = ?", (data, seq))
            return
        self._blobs_opened += 1
        extra = 28 if self.body_key is not None else 0
        self._conn.execute(
            "UPDATE mlog_record SET body = zeroblob(?) WHERE seq = ?", (body.size + extra, seq)
        )
        with self._conn.blobopen("mlog_record", "body", seq) as blob:
            if self.body_key is None:
                for chunk in body.iter_sync():
                    blob.write(chunk)
                return
            nonce = os.urandom(12)
            encryptor = Cipher(algorithms.AES(self.body_key), modes.GCM(nonce)).encryptor()
            encryptor.authenticate_additional_data(body_aad(seq, self.server_id))
            blob.write(nonce)
            for chunk in body.iter_sync():
                blob.write(encryptor.update(chunk))
            blob.write(encryptor.finalize() + encryptor.tag)

    def _seal(self) -> SealDraft | None:
        last = self._conn.execute("SELECT last_seq, seal FROM mlog_seal ORDER BY id DESC LIMIT 1").fetchone()
        if last is None:  # every seal archived (xvia.gateway.archive): continue from the last one
            last = self._conn.execute(
                "SELECT last_seq, last_seal FROM mlog_archive ORDER BY last_seq DESC LIMIT 1"
            ).fetchone()
        last_sealed, prev_seal = (last[0], bytes(last[1])) if last else (0, None)
        if self._chain.last_seq <= last_sealed:
            return None
        seal = build_seal(
            server=self.server_id,
            first_seq=last_sealed + 1,
            last_seq=self._chain.last_seq,
            chain_hash=self._chain.last_chain,
            prev_seal=prev_seal,
            sealed_at=format_time(dt.datetime.now(dt.UTC)),
        )
        cur = self._conn.execute(
            "INSERT INTO mlog_seal (first_seq, last_seq, seal, signature, signer_cert) VALUES (?,?,?,?,?)",
            (
                last_sealed + 1,
                self._chain.last_seq,
                seal,
                sign_bytes(self.sign_key, seal),
                self.sign_cert_der,
            ),
        )
        return SealDraft(cur.lastrowid, seal)


def prune_opmon(path: Path, retention_days: int, *, now: dt.datetime | None = None) -> int:
    """Delete operational-monitoring records that started more than ``retention_days`` ago, in
    short transactions on a connection of its own (run in a worker thread: xvia.gateway.archive)."""
    cutoff = format_time((now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=retention_days))
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    total = 0
    try:
        while True:
            n = conn.execute(
                "DELETE FROM opmon_record WHERE id IN "
                "(SELECT id FROM opmon_record WHERE started_at < ? ORDER BY id LIMIT ?)",
                (cutoff, OPMON_PRUNE_BATCH),
            ).rowcount
            total += n
            if n < OPMON_PRUNE_BATCH:
                return total
            time.sleep(0.005)  # let the gateway's writer in between batches
    finally:
        conn.close()


def _set_result(future: asyncio.Future, value) -> None:
    if not future.done():
        future.set_result(value)


def _set_exception(future: asyncio.Future, exc: Exception) -> None:
    if not future.done():
        future.set_exception(exc)
