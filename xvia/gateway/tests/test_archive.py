"""Message-log archiving: old, sealed, time-stamped records leave the store for archive files that
verify offline; the store still verifies and continues the chain; crashes are repaired."""

import base64
import datetime as dt
import gzip
import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from xvia.gateway import archive
from xvia.gateway.app import seal_and_stamp
from xvia.gateway.archive import ArchiveBusy, ArchiveError, Archiver, prune_opmon
from xvia.gateway.settings import SettingsError, archive_settings
from xvia.gateway.tracker import TrackerState
from xvia.protocol.globalconf import format_time, parse_anchor
from xvia.protocol.messages import canonical_json
from xvia.protocol.verifier import load_source, verify_log, verify_sources
from xvia.protocol.verify import main as verify_main

from .harness import CPF, DETRAN, SEFAZ, World

CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)  # a clock past keep_days (30)


def _echo(world, n: int) -> None:
    for i in range(n):
        r = httpx.post(
            world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=b"e%d" % i
        )
        assert r.status_code == 200


def _stamp(world, name: str = "sefaz") -> int:
    return world.loop.run(seal_and_stamp(world.runners[name].gw, httpx.AsyncClient()))


def _snapshot(world, name: str, dest: Path) -> Path:
    src, dst = sqlite3.connect(world.dirs[name] / "store.db"), sqlite3.connect(dest)
    src.backup(dst)  # the live store is in WAL mode: copy through SQLite
    src.close()
    dst.close()
    return dest


@pytest.fixture(scope="module")
def snaps(tmp_path_factory):
    """sefaz's store at two moments. ``one``: seal A (1..8, stamped; 7..8 a personal query),
    seal B (9..12, not stamped), 13..14 not sealed. ``two``: A, B, C (9..14) all stamped, 15..16
    not sealed."""
    base = tmp_path_factory.mktemp("archive")
    world = World(base, body_key=True)
    try:
        _echo(world, 3)
        r = httpx.get(
            world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/veiculos/veiculos/ABC1D23"),
            headers=CLIENT | {"X-VIA-Data-Subject": CPF, "X-VIA-Purpose": "consulta"},
        )
        assert r.status_code == 200
        assert _stamp(world) == 1
        world.tsa.fail = True
        _echo(world, 2)
        assert _stamp(world) == 0
        world.tsa.fail = False
        _echo(world, 1)
        one = _snapshot(world, "sefaz", base / "one.db")
        assert _stamp(world) == 2
        _echo(world, 1)
        two = _snapshot(world, "sefaz", base / "two.db")
        key = base64.b64decode((world.dirs["sefaz"] / "body.key").read_text())
        yield SimpleNamespace(
            world=world, one=one, two=two, key=key, anchor=parse_anchor(world.anchor.read_bytes())
        )
    finally:
        world.close()


def _copy(snap: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(snap, tmp_path / "store.db"))


def _archiver(db: Path, **kw) -> Archiver:
    kw.setdefault("keep_days", 30)
    kw.setdefault("max_file_bytes", 128 * 1024 * 1024)
    kw.setdefault("now", LATER)
    return Archiver(db, db.parent / "archive", **kw)


def _files(db: Path) -> list[Path]:
    return sorted((db.parent / "archive").glob("mlog-*.json.gz"))


def _check(snaps, *paths):
    return verify_sources([load_source(p) for p in paths], snaps.anchor, aes_key=snaps.key)


def _seqs(db: Path, table: str = "mlog_record", col: str = "seq") -> list[int]:
    conn = sqlite3.connect(db)
    try:
        return [s for (s,) in conn.execute(f"SELECT {col} FROM {table} ORDER BY {col}")]  # noqa: S608
    finally:
        conn.close()


def test_only_old_stamped_seal_ranges_are_archived_and_everything_still_verifies(snaps, tmp_path, capsys):
    db = _copy(snaps.one, tmp_path)
    result = _archiver(db).run()
    assert result.files == ["mlog-000000000001-000000000008.json.gz"] and result.records == 8
    assert _seqs(db) == list(range(9, 15))  # B (not stamped) and the unsealed tail stay
    assert _seqs(db, "mlog_seal", "last_seq") == [12]
    conn = sqlite3.connect(db)
    row = conn.execute(
        "SELECT first_seq, last_seq, file_name, file_sha256, records FROM mlog_archive"
    ).fetchone()
    conn.close()
    (file,) = _files(db)
    assert row[:3] == (1, 8, file.name) and row[4] == 8
    assert row[3] == load_source(file).sha256

    alone = verify_log(load_source(file), snaps.anchor, aes_key=snaps.key)
    assert alone.ok, alone.problems
    assert sorted(alone.proofs) == list(range(1, 9)) and all(p.stamped_at for p in alone.proofs.values())
    # encrypted bodies stay encrypted in the file, and still check against their signed digests
    doc = json.loads(gzip.decompress(file.read_bytes()))
    assert doc["records"][0]["body_encrypted"] is True and b"e0" not in base64.b64decode(
        doc["records"][0]["body"]
    )
    store = verify_log(load_source(db), snaps.anchor, aes_key=snaps.key)
    assert store.ok, store.problems
    assert sorted(store.proofs) == list(range(9, 15))
    both = _check(snaps, file, db)
    assert both.ok and not [w for w in both.warnings if "not given" in w], both.problems
    assert verify_main([str(file), str(db), "--anchor", str(snaps.world.anchor), "--record", "3"]) == 0
    assert "record 3: VERIFIED" in capsys.readouterr().out


def test_records_younger_than_keep_days_stay(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    assert _archiver(db, now=dt.datetime.now(dt.UTC)).run().records == 0
    assert _seqs(db) == list(range(1, 17)) and _files(db) == []
    assert _archiver(db, keep_days=0, now=dt.datetime.now(dt.UTC)).run().records == 14  # as --now


def test_each_file_links_to_the_previous_and_a_missing_file_shows(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    result = _archiver(db, max_file_bytes=1).run()  # one seal range per file
    a, b, c = _files(db)
    assert result.files == [a.name, b.name, c.name] and _seqs(db) == [15, 16]
    assert load_source(a).archive["previous"] is None
    assert load_source(c).archive["previous"] == {"file": b.name, "sha256": load_source(b).sha256}
    assert _check(snaps, c, db, a, b).ok  # given in any order
    gap = _check(snaps, a, c, db)
    assert not gap.ok and any("records 9..12 are missing" in p for p in gap.problems), gap.problems
    partial = _check(snaps, b, c, db)
    assert partial.ok and any("earlier records not checked" in w for w in partial.warnings)
    assert any("records 1..8 are archived in 1 file(s) not given" in w for w in partial.warnings)


def test_the_data_tracker_holds_back_personal_records_it_has_not_reported(snaps, tmp_path):
    db = _copy(snaps.one, tmp_path)
    state = TrackerState(tmp_path / "store-tracker.db")
    result = _archiver(db, tracker_state=state.path).run()
    assert result.records == 0 and result.held_at == 7
    state.advance(8)
    assert _archiver(db, tracker_state=state.path).run().records == 8
    state.close()


def test_a_crash_between_the_file_and_its_record_is_repaired(snaps, tmp_path, monkeypatch):
    db = _copy(snaps.two, tmp_path)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(Archiver, "_record", crash)
    with pytest.raises(KeyboardInterrupt):
        _archiver(db).run()
    (orphan,) = _files(db)
    assert _seqs(db) == list(range(1, 17))  # nothing deleted: the store alone still proves it all
    assert verify_log(load_source(db), snaps.anchor, aes_key=snaps.key).ok
    monkeypatch.undo()
    stale = orphan.with_name("mlog-000000000001-000000000002.json.gz")  # an orphan of another plan
    shutil.copy(orphan, stale)
    (orphan.parent / ".mlog-000000000001.tmp").write_bytes(b"partial")
    foreign = orphan.with_name("mlog-000000000020-000000000030.json.gz")  # records this store lacks
    foreign.write_bytes(b"evidence")
    result = _archiver(db).run()
    assert result.records == 14
    left = sorted(p.name for p in orphan.parent.iterdir() if p.name != ".lock")
    assert left == [orphan.name, foreign.name + ".unrecorded"]  # removed only what the store still holds
    assert _seqs(db) == [15, 16] and _seqs(db, "mlog_archive", "last_seq") == [14]
    assert _check(snaps, orphan, db).ok


def test_a_crash_while_deleting_is_finished_by_the_next_run(snaps, tmp_path, monkeypatch):
    db = _copy(snaps.two, tmp_path)
    monkeypatch.setattr(archive, "DELETE_BATCH_BYTES", 1)  # one record per transaction
    calls = []
    real = archive._delete_records

    def dies_second_time(conn, upto):
        calls.append(upto)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return real(conn, upto)

    monkeypatch.setattr(archive, "_delete_records", dies_second_time)
    with pytest.raises(KeyboardInterrupt):
        _archiver(db).run()
    assert _seqs(db)[0] == 2  # the archive row is committed, record 1 is gone, 2..14 are left
    report = verify_log(load_source(db), snaps.anchor, aes_key=snaps.key)
    assert report.ok and any("still being deleted" in w for w in report.warnings), report.problems
    monkeypatch.setattr(archive, "_delete_records", real)
    result = _archiver(db).run()
    assert result.files == [] and result.deleted == 13
    assert _seqs(db) == [15, 16] and len(_files(db)) == 1
    assert _check(snaps, *_files(db), db).ok


@pytest.mark.parametrize(
    "attack", ["first_record", "row_moved", "row_chain", "row_deleted", "row_digest", "claim_more"]
)
def test_tampering_with_the_store_after_archiving_is_detected(snaps, tmp_path, attack):
    db_ok = _copy(snaps.two, tmp_path)
    conn = sqlite3.connect(db_ok)  # hold C (13..14) back: archive A and B only, one file each
    token = conn.execute("SELECT timestamp_token FROM mlog_seal WHERE last_seq = 14").fetchone()[0]
    conn.execute("UPDATE mlog_seal SET timestamp_token = NULL WHERE last_seq = 14")
    conn.commit()
    _archiver(db_ok, max_file_bytes=1).run()
    conn.execute("UPDATE mlog_seal SET timestamp_token = ? WHERE last_seq = 14", (token,))
    conn.commit()
    conn.close()
    files = _files(db_ok)
    assert len(files) == 2 and _seqs(db_ok) == [13, 14, 15, 16]
    assert verify_log(load_source(db_ok), snaps.anchor, aes_key=snaps.key).ok
    conn = sqlite3.connect(db_ok)
    if attack == "first_record":
        conn.execute("DELETE FROM mlog_record WHERE seq = 13")
    elif attack == "row_moved":  # hide record 13 by claiming it was archived
        chain = conn.execute("SELECT chain_hash FROM mlog_record WHERE seq = 13").fetchone()[0]
        conn.execute("DELETE FROM mlog_record WHERE seq = 13")
        conn.execute("UPDATE mlog_archive SET last_seq = 13, chain_hash = ? WHERE last_seq = 12", (chain,))
    elif attack == "row_chain":
        conn.execute("UPDATE mlog_archive SET chain_hash = ? WHERE last_seq = 12", (bytes(32),))
    elif attack == "row_deleted":
        conn.execute("DELETE FROM mlog_archive")
    elif attack == "row_digest":
        conn.execute("UPDATE mlog_archive SET file_sha256 = ? WHERE last_seq = 12", ("0" * 64,))
    else:  # claim the whole sealed range 13..14 archived, with its genuine seal: only the files show it
        seal, chain = conn.execute(
            "SELECT s.seal, r.chain_hash FROM mlog_seal s JOIN mlog_record r ON r.seq = s.last_seq "
            "WHERE s.last_seq = 14"
        ).fetchone()
        conn.execute("DELETE FROM mlog_record WHERE seq <= 14")
        conn.execute(
            "INSERT INTO mlog_archive (first_seq, last_seq, chain_hash, last_seal, file_name, file_sha256, "
            "records, archived_at) VALUES (13, 14, ?, ?, 'mlog-000000000013-000000000014.json.gz', ?, 2, ?)",
            (chain, seal, "0" * 64, format_time(dt.datetime.now(dt.UTC))),
        )
    conn.commit()
    conn.close()
    report = _check(snaps, *files, db_ok)
    assert not report.ok, report.warnings
    if attack not in ("row_digest", "claim_more"):  # the store alone shows these
        assert not verify_log(load_source(db_ok), snaps.anchor, aes_key=snaps.key).ok


@pytest.mark.parametrize("attack", ["alter", "drop", "body", "swap"])
def test_tampering_with_an_archive_file_is_detected(snaps, tmp_path, attack):
    db = _copy(snaps.two, tmp_path)
    _archiver(db, max_file_bytes=1).run()
    first, *rest = _files(db)
    doc = json.loads(gzip.decompress(first.read_bytes()))
    if attack == "alter":
        record = json.loads(base64.b64decode(doc["records"][2]["record"]))
        record["logged_at"] = "2020-01-01T00:00:00Z"
        doc["records"][2]["record"] = base64.b64encode(canonical_json(record)).decode()
        doc["records"][2].pop("chain_hash")
    elif attack == "drop":
        del doc["records"][3]
    elif attack == "body":
        doc["records"][0]["body"] = base64.b64encode(b"\0" * 40).decode()
    if attack == "swap":  # a file rewritten whole, verifying on its own: the store's digest shows it
        first.write_bytes(gzip.compress(json.dumps(doc).encode()))
        assert verify_log(load_source(first), snaps.anchor, aes_key=snaps.key).ok
    else:
        first.write_bytes(gzip.compress(json.dumps(doc).encode()))
        assert not verify_log(load_source(first), snaps.anchor, aes_key=snaps.key).ok
    assert not _check(snaps, first, *rest, db).ok


def test_an_archive_missing_a_trailing_seal_is_refused(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    _archiver(db).run()
    (file,) = _files(db)
    doc = json.loads(gzip.decompress(file.read_bytes()))
    doc["records"] = [r for r in doc["records"] if r["seq"] <= 12]  # cut C and its seal off
    doc["seals"] = doc["seals"][:2]
    file.write_bytes(gzip.compress(json.dumps(doc).encode()))
    assert verify_log(load_source(file), snaps.anchor, aes_key=snaps.key).ok  # a shorter, valid file
    report = _check(snaps, file, db)  # but not what the store archived, nor continuous with it
    assert not report.ok and any("records 13..14 are missing" in p for p in report.problems), report.problems


def test_a_store_whose_seal_does_not_follow_is_not_archived(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM mlog_seal WHERE last_seq = 8")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError):
        _archiver(db).run()
    assert _files(db) == [] and _seqs(db) == list(range(1, 17))


def test_one_archiver_at_a_time(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    (db.parent / "archive").mkdir()
    with archive._exclusive(db.parent / "archive" / ".lock"), pytest.raises(ArchiveBusy):
        _archiver(db).run()


def test_operational_monitoring_past_retention_is_pruned(snaps, tmp_path):
    db = _copy(snaps.two, tmp_path)
    conn = sqlite3.connect(db)
    before = conn.execute("SELECT COUNT(*) FROM opmon_record").fetchone()[0]
    assert before > 0
    conn.execute(
        "INSERT INTO opmon_record (side, started_at, ended_at, request_size, response_size, status, "
        "succeeded) VALUES ('client', '2020-01-01T00:00:00Z', '2020-01-01T00:00:01Z', 0, 0, 200, 1)"
    )
    conn.commit()
    conn.close()
    assert prune_opmon(db, 30) == 1  # the 2020 one; today's stay
    assert prune_opmon(db, 30, now=LATER) == before


def test_archive_settings_are_validated(tmp_path):
    default = archive_settings({}, tmp_path)
    assert default.directory == tmp_path / "archive" and default.keep_days == 30 and default.enabled
    assert archive_settings({"directory": "/srv/a", "keep_days": 0}, tmp_path).directory == Path("/srv/a")
    for bad in (
        {"keep_days": -1},
        {"keep_days": "30"},
        {"interval_seconds": 0},
        {"enabled": "yes"},
        {"max_file_mb": 0},
        {"max_file_mb": 1.5},
        {"directory": ""},
        {"retention": 3},
    ):
        with pytest.raises(SettingsError):
            archive_settings(bad, tmp_path)


def _live_world(tmp_path, sefaz_extra: str = "") -> World:
    world = World(tmp_path, start=False)
    world.loop.run(world._start_infra())
    world.start_gateway("detran")
    world.start_gateway("sefaz", sefaz_extra)
    return world


def _wait_for(predicate, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _archived(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM mlog_archive").fetchone()[0]
    finally:
        conn.close()


def _everything(world, name: str) -> list[Path]:
    return [*sorted((world.dirs[name] / "archive").glob("mlog-*.json.gz")), world.dirs[name] / "store.db"]


def test_the_gateway_keeps_serving_while_its_background_job_archives(tmp_path, monkeypatch):
    reached, release = threading.Event(), threading.Event()
    real = archive._fsync_dir

    def paused(directory):  # the job stops between writing a file and recording it
        real(directory)
        reached.set()
        assert release.wait(30)

    monkeypatch.setattr(archive, "_fsync_dir", paused)
    world = _live_world(
        tmp_path, "[archive]\ninterval_seconds = 1\nkeep_days = 0\n\n[tracker]\nenabled = false\n"
    )
    try:
        _echo(world, 3)
        assert _stamp(world) == 1
        assert reached.wait(30)
        _echo(world, 2)  # served and logged meanwhile: the job runs off the event loop
        release.set()
        db = world.dirs["sefaz"] / "store.db"
        _wait_for(lambda: _archived(db) == 1)
        _wait_for(lambda: world.runners["sefaz"].gw.metrics.gauges.get("xvia_messagelog_archived_seq") == 6)
        assert _seqs(db) == [7, 8, 9, 10]
        anchor = parse_anchor(world.anchor.read_bytes())
        report = verify_sources([load_source(p) for p in _everything(world, "sefaz")], anchor)
        assert report.ok, report.problems
        assert sorted(report.proofs) == list(range(1, 11))
    finally:
        release.set()
        world.close()


def test_archive_log_command_on_a_running_gateway_and_the_chain_after_a_restart(tmp_path, capsys):
    from xvia.gateway.__main__ import main

    world = _live_world(tmp_path)
    try:
        _echo(world, 3)
        assert _stamp(world, "detran") == 1
        config = str(world.dirs["detran"] / "gateway.toml")
        assert main(["archive-log", "--config", config]) == 0  # recent: kept
        assert "archived 0 records" in capsys.readouterr().out
        assert main(["archive-log", "--config", config, "--now"]) == 0
        out = capsys.readouterr().out
        assert "wrote mlog-000000000001-000000000006.json.gz" in out and "archived 6 records" in out
        db = world.dirs["detran"] / "store.db"
        assert _seqs(db) == [] and _seqs(db, "mlog_seal", "last_seq") == []
        _echo(world, 1)  # the running gateway continues the chain
        world.stop_gateway("detran")  # stopping seals and stamps 7..8
        world.start_gateway("detran")  # a fresh start takes the chain and seal chain up again
        _echo(world, 1)
        assert _stamp(world, "detran") == 1
        assert _seqs(db) == [7, 8, 9, 10] and _seqs(db, "mlog_seal", "first_seq") == [7, 9]
        anchor = parse_anchor(world.anchor.read_bytes())
        report = verify_sources([load_source(p) for p in _everything(world, "detran")], anchor)
        assert report.ok, report.problems
        assert sorted(report.proofs) == list(range(1, 11)) and all(
            p.stamped_at for p in report.proofs.values()
        )
        assert main(["archive-log", "--config", config, "--now"]) == 0
        assert verify_main([*map(str, _everything(world, "detran")), "--anchor", str(world.anchor)]) == 0
    finally:
        world.close()


def test_large_bodies_written_through_blobs_are_archived_intact(snaps, tmp_path, monkeypatch):
    from xvia.gateway import store as store_module

    world = snaps.world
    big = [bytes([70 + i]) * (store_module.INLINE_BODY_BYTES + 5000) for i in range(2)]
    for body in big:
        r = httpx.post(
            world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=body, timeout=30
        )
        assert r.status_code == 200
    _stamp(world)
    db = _snapshot(world, "sefaz", tmp_path / "store.db")
    monkeypatch.setattr(archive, "DELETE_BATCH_BYTES", store_module.INLINE_BODY_BYTES)  # a body or so each
    result = _archiver(db, keep_days=0, now=dt.datetime.now(dt.UTC)).run()
    assert _seqs(db) == [] and result.deleted == result.records
    report = _check(snaps, *_files(db), db)
    assert report.ok, report.problems
    requests = [p for p in report.proofs.values() if p.kind == "request"]
    assert len(requests) == result.records // 2 and not any(p.notes for p in report.proofs.values())


def test_export_log_after_archiving_starts_where_the_store_takes_over(snaps, tmp_path):
    from xvia.gateway.__main__ import export_log

    db = _copy(snaps.one, tmp_path)
    _archiver(db).run()
    with pytest.raises(ValueError, match="archived"):
        export_log(db, tmp_path / "old.json", 3, 4)
    out = tmp_path / "export.json"
    assert export_log(db, out, None, 10) == 4  # 9..10 in full, 11..12 as digests up to the seal
    report = verify_log(load_source(out), snaps.anchor, aes_key=snaps.key)
    assert report.ok and sorted(report.proofs) == [9, 10], report.problems
    assert _check(snaps, *_files(db), out).ok  # and the export continues the archive file
