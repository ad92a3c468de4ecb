"""Message-log archiver (ADR 0035, addendum): whole seal ranges, time-stamped and sealed before
now - ``[archive] keep_days``, leave the store for ``mlog-<first>-<last>.json.gz`` files in the
export format (records with bodies as stored, seals, time-stamps, global configuration, the chain
hash and seal before the range, the previous file's SHA-256), which verify offline on their own.

Order of a run (one at a time: ``flock`` on ``<directory>/.lock``): finish an earlier run's
deletion and remove its unrecorded files; write a file under a temp name, fsync, rename, fsync the
directory; commit its ``mlog_archive`` row — the commit point, after which readers and the
verifier take the range as archived; delete the range's records and seals in transactions of a
few MiB, so the gateway's writer never waits long. A crash before the row leaves an orphan file
(removed, the range archived again under the same name); after it, only deletion to finish.
Everything runs in a worker thread, never on the event loop; the same job prunes operational
monitoring past ``[monitoring] retention_days``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from xvia.protocol.globalconf import format_time, parse_time
from xvia.protocol.messagelog import (
    ARCHIVE_SCHEMA,
    GENESIS,
    ExportWriter,
    archive_file_name,
    b64,
    entry_digest,
    next_chain_hash,
    parse_archive_file_name,
)

from .settings import Settings, SettingsError
from .store import prune_opmon

log = logging.getLogger("xvia.gateway.archive")

DELETE_BATCH_BYTES = 4 * 1024 * 1024  # per delete transaction: ~10 ms of the writer's lock
DELETE_BATCH_ROWS = 256
PAUSE_SECONDS = 0.005  # between delete transactions, so the gateway's writer gets the lock
PLAN_SEALS = 500  # seals read per file at most


class ArchiveError(Exception):
    """The store cannot be archived as it is (nothing was deleted)."""


class ArchiveBusy(ArchiveError):
    """Another archiver (the gateway's job or ``archive-log``) is running."""


@dataclass
class ArchiveResult:
    files: list[str] = field(default_factory=list)
    records: int = 0
    archived_to: int = 0  # the last archived seq
    deleted: int = 0  # records removed from the store in this run
    held_at: int | None = None  # first data-subject record the tracker has not reported
    opmon_deleted: int = 0


@dataclass
class _Seal:
    first_seq: int
    last_seq: int
    seal: bytes
    signature: bytes
    signer_cert: bytes
    token: bytes
    stamped_at: str

    def as_export(self) -> dict:
        return {
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "seal": b64(self.seal),
            "signature": b64(self.signature),
            "signer_cert": b64(self.signer_cert),
            "timestamp_token": b64(self.token),
        }


@dataclass
class _File:
    """An archive file written and fsynced, not yet recorded."""

    name: str
    sha256: str
    first_seq: int
    last_seq: int
    records: int
    chain_hash: bytes
    last_seal: bytes


class Archiver:
    def __init__(
        self,
        store_path: Path,
        directory: Path,
        *,
        keep_days: float,
        max_file_bytes: int,
        tracker_state: Path | None = None,
        now: dt.datetime | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.store_path = Path(store_path)
        self.directory = Path(directory)
        self.keep_days = keep_days
        self.max_file_bytes = max_file_bytes
        self.tracker_state = tracker_state
        self.now = now or dt.datetime.now(dt.UTC)
        self.stop = stop or threading.Event()

    def run(self) -> ArchiveResult:
        if not self.store_path.is_file():
            raise ArchiveError(f"no store at {self.store_path}")
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        result = ArchiveResult()
        with _exclusive(self.directory / ".lock"):
            conn = sqlite3.connect(self.store_path, isolation_level=None, check_same_thread=False, timeout=30)
            try:
                conn.execute("PRAGMA busy_timeout=30000")
                conn.execute("PRAGMA synchronous=FULL")  # the archive row survives a power cut
                conn.executescript(ARCHIVE_SCHEMA)
                result.deleted += self._delete_archived(conn)
                self._remove_orphans(conn)
                cutoff = self.now - dt.timedelta(days=self.keep_days)
                while not self.stop.is_set():
                    prev = conn.execute(
                        "SELECT last_seq, chain_hash, last_seal, file_name, file_sha256 FROM mlog_archive "
                        "ORDER BY last_seq DESC LIMIT 1"
                    ).fetchone()
                    after = prev[0] if prev else 0
                    hold = self._tracker_hold(conn, after)
                    seals, held = self._eligible(conn, after, cutoff, hold)
                    result.held_at = hold if held else None
                    if not seals:
                        break
                    written = self._write(conn, prev, seals)
                    self._record(conn, written)
                    log.info(
                        "archived message-log records %d..%d to %s", after + 1, written.last_seq, written.name
                    )
                    result.files.append(written.name)
                    result.records += written.records
                    result.deleted += self._delete_archived(conn)
                row = conn.execute("SELECT MAX(last_seq) FROM mlog_archive").fetchone()
                result.archived_to = row[0] or 0
            finally:
                conn.close()
        return result

    # --- choosing ------------------------------------------------------------------------------

    def _tracker_hold(self, conn: sqlite3.Connection, after: int) -> int | None:
        """The first data-subject record the data tracker has not reported yet (ADR 0037)."""
        if self.tracker_state is None:
            return None
        cursor = 0
        if self.tracker_state.is_file():
            with contextlib.suppress(sqlite3.Error):
                state = sqlite3.connect(f"file:{self.tracker_state}?mode=ro", uri=True)
                try:
                    row = state.execute("SELECT last_seq FROM tracker_cursor WHERE id = 1").fetchone()
                    cursor = row[0] if row else 0
                finally:
                    state.close()
        row = conn.execute(
            "SELECT MIN(seq) FROM mlog_record INDEXED BY mlog_record_subject "
            "WHERE data_subject IS NOT NULL AND seq > ?",
            (max(cursor, after),),
        ).fetchone()
        return row[0]

    def _eligible(
        self, conn: sqlite3.Connection, after: int, cutoff: dt.datetime, hold: int | None
    ) -> tuple[list[_Seal], bool]:
        """Consecutive seal ranges from seq ``after + 1``: stamped, old enough, not held by the
        tracker; and whether the tracker held back a range that was otherwise ready."""
        chosen: list[_Seal] = []
        expect = after + 1
        for row in conn.execute(
            "SELECT first_seq, last_seq, seal, signature, signer_cert, timestamp_token, stamped_at "
            "FROM mlog_seal WHERE last_seq > ? ORDER BY last_seq LIMIT ?",
            (after, PLAN_SEALS),
        ):
            seal = _Seal(row[0], row[1], bytes(row[2]), bytes(row[3]), bytes(row[4]), row[5], row[6] or "")
            if seal.first_seq != expect:
                if not chosen:
                    raise ArchiveError(f"the seal after seq {after} starts at {seal.first_seq}: stopping")
                break
            if seal.token is None or parse_time(json.loads(seal.seal)["sealed_at"], "sealed_at") >= cutoff:
                break
            if hold is not None and seal.last_seq >= hold:
                return chosen, True
            seal.token = bytes(seal.token)
            chosen.append(seal)
            expect = seal.last_seq + 1
        return chosen, False

    # --- writing -------------------------------------------------------------------------------

    def _write(self, conn: sqlite3.Connection, prev, seals: list[_Seal]) -> _File:
        first = seals[0].first_seq
        if prev:
            start_chain, start_seal = bytes(prev[1]), bytes(prev[2])
            previous = {"file": prev[3], "sha256": prev[4]}
        else:
            start_chain, start_seal, previous = GENESIS, None, None
        tmp = self.directory / f".mlog-{first:012d}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw:
            out = ExportWriter(raw)
            chain, first_logged, included = start_chain, None, []
            for seal in seals:
                expect = seal.first_seq
                for seq, record, body, enc in conn.execute(
                    "SELECT seq, record, body, body_encrypted FROM mlog_record WHERE seq >= ? AND seq <= ? "
                    "ORDER BY seq",
                    (seal.first_seq, seal.last_seq),
                ):
                    if seq != expect:
                        raise ArchiveError(f"record {expect} is missing from the store: not archiving")
                    record = bytes(record)
                    chain = next_chain_hash(chain, entry_digest(record))
                    first_logged = first_logged or json.loads(record)["logged_at"]
                    body = bytes(body) if body is not None else None
                    out.record(seq=seq, record=record, chain_hash=chain, body=body, encrypted=bool(enc))
                    expect = seq + 1
                if expect != seal.last_seq + 1 or chain.hex() != json.loads(seal.seal)["chain_hash"]:
                    raise ArchiveError(
                        f"records {seal.first_seq}..{seal.last_seq} do not match their seal: not "
                        "archiving (run python -m xvia.protocol.verify on the store)"
                    )
                included.append(seal)
                if out.size >= self.max_file_bytes or self.stop.is_set():
                    break
            last, end = included[-1].last_seq, json.loads(included[-1].seal)
            digest = out.finish(
                seals=[s.as_export() for s in included],
                globalconfs=_globalconfs(conn, first_logged, max(included[-1].stamped_at, end["sealed_at"])),
                start_seq=first,
                start_chain=start_chain.hex(),
                start_seal=b64(start_seal),
                archive={
                    "server": end["server"],
                    "first_seq": first,
                    "last_seq": last,
                    "records": out.count,
                    "chain_hash": chain.hex(),
                    "previous": previous,
                    "archived_at": format_time(self.now),
                },
            )
            raw.flush()
            os.fsync(raw.fileno())
        name = archive_file_name(first, last)
        os.replace(tmp, self.directory / name)
        _fsync_dir(self.directory)
        return _File(name, digest, first, last, out.count, chain, included[-1].seal)

    def _record(self, conn: sqlite3.Connection, f: _File) -> None:
        """The commit point: from now on records first..last count as archived."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("SELECT COALESCE(MAX(last_seq), 0) FROM mlog_archive").fetchone()[0]
            if current != f.first_seq - 1:
                raise ArchiveError(f"mlog_archive moved to seq {current} meanwhile: not recording {f.name}")
            conn.execute(
                "INSERT INTO mlog_archive (first_seq, last_seq, chain_hash, last_seal, file_name, "
                "file_sha256, records, archived_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    f.first_seq,
                    f.last_seq,
                    f.chain_hash,
                    f.last_seal,
                    f.name,
                    f.sha256,
                    f.records,
                    format_time(self.now),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    # --- cleaning up -----------------------------------------------------------------------------

    def _delete_archived(self, conn: sqlite3.Connection) -> int:
        """Delete records and seals that mlog_archive covers, a few MiB per transaction."""
        upto = conn.execute("SELECT COALESCE(MAX(last_seq), 0) FROM mlog_archive").fetchone()[0]
        deleted = 0
        while upto and not self.stop.is_set():
            rows = conn.execute(
                "SELECT seq, COALESCE(length(body), 0) FROM mlog_record WHERE seq <= ? ORDER BY seq LIMIT ?",
                (upto, DELETE_BATCH_ROWS),
            ).fetchall()
            if not rows:
                break
            size, end = 0, rows[0][0]
            for seq, length in rows:
                if size and size + length > DELETE_BATCH_BYTES:
                    break
                size, end = size + length + 4096, seq
            deleted += _delete_records(conn, end)
            time.sleep(PAUSE_SECONDS)
        if upto and not self.stop.is_set():
            conn.execute("DELETE FROM mlog_seal WHERE last_seq <= ?", (upto,))
        return deleted

    def _remove_orphans(self, conn: sqlite3.Connection) -> None:
        names = {name for (name,) in conn.execute("SELECT file_name FROM mlog_archive")}
        upto = conn.execute("SELECT COALESCE(MAX(last_seq), 0) FROM mlog_archive").fetchone()[0]
        for path in self.directory.iterdir():
            span = parse_archive_file_name(path.name)
            if path.name.startswith(".mlog-") and path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)
            elif span and path.name not in names and span[0] > upto:
                held = conn.execute("SELECT COUNT(*) FROM mlog_record WHERE seq BETWEEN ? AND ?", span)
                if held.fetchone()[0] == span[1] - span[0] + 1:  # a run died before recording it
                    log.warning(
                        "removing %s: not recorded, and its records are still in the store", path.name
                    )
                    path.unlink(missing_ok=True)
                else:  # e.g. the store was restored from a backup: never lose evidence
                    log.error("%s is not recorded in this store, which lacks its records: renamed", path.name)
                    path.rename(path.with_name(path.name + ".unrecorded"))


def _delete_records(conn: sqlite3.Connection, upto: int) -> int:
    """One short transaction (a statement of its own); a test may make it fail."""
    return conn.execute("DELETE FROM mlog_record WHERE seq <= ?", (upto,)).rowcount


def _globalconfs(conn: sqlite3.Connection, since: str, until: str) -> list[str]:
    """The versions in force from the first record to the last time-stamp: the one stored last
    before ``since`` and every one stored up to ``until``."""
    sql = "SELECT MAX(version) FROM globalconf_history WHERE stored_at <= ?"
    base = conn.execute(sql, (since,)).fetchone()[0]
    if base is None:
        base = conn.execute("SELECT MIN(version) FROM globalconf_history").fetchone()[0]
    docs = [
        bytes(doc).decode()
        for (doc,) in conn.execute(
            "SELECT document FROM globalconf_history WHERE version >= ? AND (version = ? OR stored_at <= ?) "
            "ORDER BY version",
            (base, base, until),
        )
    ]
    if not docs:
        raise ArchiveError("no global configuration stored: an archive could not be verified")
    return docs


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive(path: Path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveBusy(f"another archiver holds {path}") from None
        yield
    finally:
        os.close(fd)


# --- entry points ------------------------------------------------------------------------------


def archive_log(
    settings: Settings,
    *,
    keep_days: float | None = None,
    now: dt.datetime | None = None,
    stop: threading.Event | None = None,
) -> ArchiveResult:
    """One archiving run with the gateway's settings (``keep_days`` overrides ``[archive]``)."""
    from .tracker import tracker_settings

    a = settings.archive
    try:
        tracking = tracker_settings(settings).enabled
    except SettingsError:  # the tracker does not start with bad settings: nothing to wait for
        tracking = False
    store = settings.store_file
    return Archiver(
        store,
        a.directory or settings.base_dir / "archive",
        keep_days=a.keep_days if keep_days is None else keep_days,
        max_file_bytes=a.max_file_mb * 1024 * 1024,
        tracker_state=store.with_name(f"{store.stem}-tracker.db") if tracking else None,
        now=now,
        stop=stop,
    ).run()


def housekeeping(
    settings: Settings, *, now: dt.datetime | None = None, stop: threading.Event | None = None
) -> ArchiveResult:
    """The background job's round: prune operational monitoring, then archive the message log."""
    result = ArchiveResult()
    if settings.monitoring_retention_days > 0:
        opmon = prune_opmon(settings.store_file, settings.monitoring_retention_days, now=now)
        if opmon:
            log.info("removed %d operational-monitoring records past retention", opmon)
    else:
        opmon = 0
    if settings.archive.enabled:
        result = archive_log(settings, now=now, stop=stop)
    result.opmon_deleted = opmon
    return result


async def run_archiver(gw) -> None:
    """Started by the gateway's Runner: housekeeping every ``[archive] interval_seconds`` (the
    first round soon after start), in a worker thread; cancelled with the gateway."""
    settings: Settings = gw.settings
    stop = threading.Event()
    delay = min(60.0, settings.archive.interval_seconds)
    try:
        while True:
            await asyncio.sleep(delay)
            delay = settings.archive.interval_seconds
            try:
                result = await asyncio.to_thread(housekeeping, settings, stop=stop)
            except ArchiveBusy as exc:
                log.info("message-log archiving skipped this round: %s", exc)
                continue
            except Exception:
                log.exception("message-log archiving failed; will retry")
                continue
            if settings.archive.enabled:
                gw.metrics.gauges["xvia_messagelog_archived_seq"] = result.archived_to
            if result.held_at is not None:
                log.warning("message-log archiving waits at seq %d for the data tracker", result.held_at)
    finally:
        stop.set()  # a round still running in its thread stops at its next step
