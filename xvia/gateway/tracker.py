"""Data tracker (ADR 0037): report to the central every query about a person this server served
as *provider*, so the citizen's area can show who asked for their data, when, from which system
and why (Lei 14.129 art. 40 §1; Estonia's Data Tracker).

A background task reads the message log with its own read-only SQLite connection (it never
writes the store and never touches the request path), picks the provider-side requests that
carry a data subject, and POSTs them in batches to ``{central}/xvia/api/v1/data-subject-records``
as the JWS of ``xvia.protocol.tracker`` signed with this server's member signing key. Each record
is the client's own signed request descriptor, signature and certificate: the evidence that the
*client* asked for this CPF with this purpose.

Where it has got to lives in a small database of its own beside the store
(``<store>-tracker.db``): a cursor (the last message-log sequence number handled) and the records
the central refused for good. Keeping it out of the store means its writes never contend with
the message-log writer. The central stores idempotently, so re-sending after a crash or a store
reset is harmless.

Faults: the central down, slow or answering 5xx/429 → retry the same batch with exponential
backoff (jittered, capped); 413 → halve the batch; 422 naming one record → that record is set
aside in ``tracker_rejected`` (with the central's reason code) and the rest goes again at once;
any other 4xx (e.g. our certificate revoked) → backoff, nothing skipped. Log lines carry sequence
numbers and reason codes, never a CPF or a purpose.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import json
import logging
import random
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from xvia.protocol.globalconf import GlobalConf, format_time
from xvia.protocol.identifiers import IdentifierError, ServerId, ServiceId
from xvia.protocol.messages import MessageError, parse_descriptor
from xvia.protocol.tracker import API_PATH, CONTENT_TYPE, PushRecord, build_push

from .metaservices import META_SERVICES
from .settings import Settings, SettingsError

log = logging.getLogger("xvia.gateway.tracker")

STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS tracker_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tracker_rejected (
    seq INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);
"""
_CODE_RE = re.compile(r"[^a-z0-9_]")


@dataclass(frozen=True)
class TrackerSettings:
    """``[tracker]`` in the gateway's TOML file; every key optional."""

    enabled: bool = True
    url: str | None = None  # default: derived from global configuration's central.urls
    interval_seconds: float = 10.0
    batch_size: int = 200
    batch_max_bytes: int = 1_000_000
    timeout: float = 10.0
    min_backoff_seconds: float = 2.0
    max_backoff_seconds: float = 300.0
    ca_file: Path | None = None  # CA bundle for an HTTPS central not in the system store


def tracker_settings(settings: Settings) -> TrackerSettings:
    raw = dict((settings.extra or {}).get("tracker", {}))
    allowed = set(TrackerSettings.__dataclass_fields__)
    unknown = set(raw) - allowed
    if unknown:
        raise SettingsError(f"unknown [tracker] keys: {', '.join(sorted(unknown))}")
    if raw.get("ca_file"):
        path = Path(raw["ca_file"])
        raw["ca_file"] = path if path.is_absolute() else settings.base_dir / path
    try:
        result = TrackerSettings(**raw)
    except TypeError as exc:
        raise SettingsError(f"invalid [tracker] settings: {exc}") from exc
    if result.url is not None and not str(result.url).startswith(("http://", "https://")):
        raise SettingsError("[tracker] url must be http(s)")
    if not (1 <= int(result.batch_size) <= 500) or float(result.interval_seconds) <= 0:
        raise SettingsError("[tracker] batch_size must be 1..500 and interval_seconds positive")
    return result


def api_url_from_central(central_url: str) -> str:
    """``http://host/xvia/globalconf/v1/`` (ADR 0033 ``central.urls``) → the tracker endpoint."""
    base = central_url.split("/xvia/globalconf/", 1)[0].rstrip("/")
    return base + API_PATH


# --- the tracker's own state -------------------------------------------------------------------


class TrackerState:
    """Cursor and refused records, in ``<store>-tracker.db`` (one writer: the tracker task)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(STATE_SCHEMA)

    def cursor(self) -> int:
        row = self._conn.execute("SELECT last_seq FROM tracker_cursor WHERE id = 1").fetchone()
        return row[0] if row else 0

    def advance(self, seq: int) -> None:
        self._conn.execute(
            "INSERT INTO tracker_cursor (id, last_seq, updated_at) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at",
            (seq, format_time(dt.datetime.now(dt.UTC))),
        )

    def reject(self, seq: int, code: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO tracker_rejected (seq, code, rejected_at) VALUES (?,?,?)",
            (seq, code, format_time(dt.datetime.now(dt.UTC))),
        )

    def rejected(self) -> list[tuple[int, str]]:
        return self._conn.execute("SELECT seq, code FROM tracker_rejected ORDER BY seq").fetchall()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()


class LogReader:
    """Read-only queries on the store's message log, on a connection of its own."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = Path(store_path)
        self._conn: sqlite3.Connection | None = None

    def _c(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(f"file:{self.store_path}?mode=ro", uri=True, check_same_thread=False)
            self._conn.execute("PRAGMA busy_timeout=5000")
        return self._conn

    def rows_after(self, seq: int, limit: int) -> list[tuple[int, bytes]]:
        """Records (both kinds) that carry a data subject, after ``seq``, in log order."""
        return [
            (row[0], bytes(row[1]))
            for row in self._c().execute(
                "SELECT seq, record FROM mlog_record WHERE seq > ? AND data_subject IS NOT NULL "
                "ORDER BY seq LIMIT ?",
                (seq, limit),
            )
        ]

    def last_seq(self) -> int:
        """The log's last sequence number, counting what was archived and purged from the store."""
        return (
            self._c()
            .execute(
                "SELECT MAX(COALESCE((SELECT MAX(seq) FROM mlog_record), 0), "
                "COALESCE((SELECT MAX(last_seq) FROM mlog_archive), 0))"
            )
            .fetchone()[0]
        )

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()


def select_provider_requests(
    rows: list[tuple[int, bytes]], server_id: ServerId, *, truncated: bool
) -> tuple[list[PushRecord], int]:
    """Pick the requests this server answered as provider; return them and the last sequence
    number fully handled (everything up to it either selected or not ours to report).

    A request record is provider-side when the record right after it is the response to it
    (same id and request id) whose *signed* descriptor names this server as sender: the provider
    logs request and response together, and only the provider signs the response. Metaservice
    calls are not reported (they return no personal data).
    """
    by_seq = dict(rows)
    selected: list[PushRecord] = []
    handled = rows[0][0] - 1 if rows else 0
    me = str(server_id)
    for seq, raw in rows:
        try:
            record = json.loads(raw)
        except ValueError:
            record = {}  # unreadable: the offline verifier reports it; nothing to send here
        if record.get("kind") != "request":
            handled = seq
            continue
        following = by_seq.get(seq + 1)
        if following is None and truncated and seq == rows[-1][0]:
            break  # its response is beyond this page: read it again next round
        handled = seq
        if following is None:
            continue
        try:
            descriptor = base64.b64decode(record["descriptor"])
            request = parse_descriptor(descriptor, "request")
            response_record = json.loads(following)
            response = parse_descriptor(base64.b64decode(response_record["descriptor"]), "response")
            service = ServiceId.parse(request["service"])
        except (KeyError, ValueError, MessageError, IdentifierError):
            continue
        if (
            response.get("sender") != me
            or (response["id"], response["request_id"]) != (request["id"], request["request_id"])
            or service.service_code in META_SERVICES
            or service.provider.member != server_id.owner
            or not request.get("data_subject")
        ):
            continue
        selected.append(
            PushRecord(
                seq=seq,
                logged_at=record["logged_at"],
                descriptor=descriptor,
                signature=base64.b64decode(record["signature"]),
                signer_der=base64.b64decode(record["signer"]),
            )
        )
    return selected, handled


# --- the task ----------------------------------------------------------------------------------


@dataclass
class RoundResult:
    outcome: str  # "pushed", "idle", "failed", "no_central"
    sent: int = 0
    more: bool = False


class Tracker:
    """One reporting server's tracker. ``conf`` returns the current global configuration."""

    def __init__(
        self,
        *,
        store_path: Path,
        server_id: ServerId,
        sign_key,
        sign_cert,
        conf: Callable[[], GlobalConf | None],
        settings: TrackerSettings | None = None,
        state_path: Path | None = None,
        gauges: dict | None = None,
    ) -> None:
        store_path = Path(store_path)
        self.settings = settings or TrackerSettings()
        self.server_id = server_id
        self.sign_key = sign_key
        self.sign_cert = sign_cert
        self.conf = conf
        self.reader = LogReader(store_path)
        self.state = TrackerState(state_path or store_path.with_name(f"{store_path.stem}-tracker.db"))
        self.failures = 0
        self.gauges = gauges if gauges is not None else {}
        self._warned_no_central = False

    def api_url(self, conf: GlobalConf | None) -> str | None:
        if self.settings.url:
            return self.settings.url
        if conf is None or not conf.central_urls:
            return None
        return api_url_from_central(conf.central_urls[0])

    async def push_once(self, client: httpx.AsyncClient) -> RoundResult:
        """Read one page of the log and push what is ours to report; never raises for the
        central's faults (they come back as ``failed``)."""
        conf = self.conf()
        url = self.api_url(conf)
        if url is None or conf is None:
            if not self._warned_no_central:
                log.warning("data tracker idle: no central address in global configuration")
                self._warned_no_central = True
            return RoundResult("no_central")
        cursor = await asyncio.to_thread(self._cursor_checked)
        limit = self.settings.batch_size * 2 + 1
        rows = await asyncio.to_thread(self.reader.rows_after, cursor, limit)
        truncated = len(rows) == limit
        selected, handled = select_provider_requests(rows, self.server_id, truncated=truncated)
        batch = self._cap(selected)
        # the cursor may pass everything handled, except what waits for a later batch
        upto = handled if len(batch) == len(selected) else selected[len(batch)].seq - 1
        sent = 0
        while batch:
            body = build_push(
                instance=conf.instance,
                server=str(self.server_id),
                records=batch,
                sign_key=self.sign_key,
                sign_cert=self.sign_cert,
            )
            try:
                response = await client.post(
                    url,
                    content=body,
                    headers={"content-type": CONTENT_TYPE, "accept": "application/json"},
                    timeout=self.settings.timeout,
                )
            except httpx.HTTPError as exc:
                return self._failed(f"central unreachable ({type(exc).__name__})")
            if 200 <= response.status_code < 300:
                sent = len(batch)
                break
            code, index = _answer(response)
            if response.status_code == 422 and index is not None and 0 <= index < len(batch):
                refused = batch.pop(index)
                await asyncio.to_thread(self.state.reject, refused.seq, code)
                log.warning("central refused message-log record %s for good (%s)", refused.seq, code)
                continue
            if response.status_code == 413 and len(batch) > 1:
                half = len(batch) // 2
                upto, batch = batch[half].seq - 1, batch[:half]
                continue
            return self._failed(f"central answered HTTP {response.status_code} ({code})")
        if upto > cursor:
            await asyncio.to_thread(self.state.advance, upto)
        self.gauges["xvia_tracker_cursor_seq"] = max(upto, cursor)
        self.gauges["xvia_tracker_consecutive_failures"] = self.failures = 0
        return RoundResult("pushed" if sent else "idle", sent, more=truncated or upto < handled)

    def _cap(self, records: list[PushRecord]) -> list[PushRecord]:
        """The leading records that fit in ``batch_max_bytes`` (base64 grows data by a third)."""
        total, kept = 0, []
        for record in records:
            total += (len(record.descriptor) + len(record.signature) + len(record.signer_der)) * 4 // 3 + 100
            if kept and total > self.settings.batch_max_bytes:
                break
            kept.append(record)
        return kept

    def _cursor_checked(self) -> int:
        cursor = self.state.cursor()
        if cursor and cursor > self.reader.last_seq():
            log.warning("message log is behind the tracker's cursor (store replaced?): starting over")
            self.state.advance(0)
            return 0
        return cursor

    def _failed(self, why: str) -> RoundResult:
        self.failures += 1
        self.gauges["xvia_tracker_consecutive_failures"] = self.failures
        log.warning("data tracker push failed (%s); retrying in about %.0f s", why, self.backoff())
        return RoundResult("failed")

    def backoff(self) -> float:
        s = self.settings
        return min(s.max_backoff_seconds, s.min_backoff_seconds * 2 ** max(0, self.failures - 1))

    async def run(self) -> None:
        """Poll, push, back off on failure; cancelled with the gateway."""
        verify: str | bool = str(self.settings.ca_file) if self.settings.ca_file else True
        async with httpx.AsyncClient(follow_redirects=False, verify=verify) as client:
            while True:
                try:
                    result = await self.push_once(client)
                except (sqlite3.Error, OSError, ValueError):
                    log.exception("data tracker round failed; will retry")
                    result = self._failed("local error")
                if result.outcome == "failed":
                    delay = self.backoff() * random.uniform(0.5, 1.0)  # noqa: S311 - jitter only
                elif result.more:
                    delay = 0
                else:
                    delay = self.settings.interval_seconds
                await asyncio.sleep(delay)

    def close(self) -> None:
        self.reader.close()
        self.state.close()


def _answer(response: httpx.Response) -> tuple[str, int | None]:
    """The central's reason code (a short machine word, safe to log) and record index."""
    try:
        doc = response.json()
    except ValueError:
        return "no_json", None
    if not isinstance(doc, dict):
        return "no_json", None
    code = _CODE_RE.sub("", str(doc.get("code", "unknown")).lower())[:40] or "unknown"
    index = doc.get("record")
    return code, index if isinstance(index, int) and not isinstance(index, bool) else None


async def run_tracker(gw) -> None:
    """Started by the gateway's Runner: report provider-side data-subject queries to the central."""
    try:
        settings = tracker_settings(gw.settings)
    except SettingsError as exc:
        log.error("data tracker not started: %s", exc)
        return
    if not settings.enabled:
        return
    tracker = Tracker(
        store_path=gw.settings.store_file,
        server_id=gw.server_id,
        sign_key=gw.sign_key,
        sign_cert=gw.sign_cert,
        conf=lambda: gw.confs.conf,
        settings=settings,
        gauges=gw.metrics.gauges,
    )
    try:
        await tracker.run()
    finally:
        tracker.close()
