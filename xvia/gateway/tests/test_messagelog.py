"""The message log: complete exchanges, seals, batch time-stamps, encryption, offline verification."""

import base64
import datetime as dt
import json
import sqlite3

import httpx
import pytest

from xvia.gateway.__main__ import export_log
from xvia.gateway.app import seal_and_stamp
from xvia.protocol import testing, tsp
from xvia.protocol.globalconf import parse_anchor
from xvia.protocol.messagelog import decrypt_body, seal_imprint
from xvia.protocol.messages import canonical_json
from xvia.protocol.verifier import load_source, verify_log
from xvia.protocol.verify import main as verify_main

from .harness import CPF, DETRAN, SEFAZ, World

CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    world = World(tmp_path_factory.mktemp("mlog"), body_key=True)
    for i in range(3):
        r = httpx.post(
            world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=b"n%d" % i
        )
        assert r.status_code == 200
    r = httpx.get(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/veiculos/veiculos/ABC1D23"),
        headers=CLIENT | {"X-VIA-Data-Subject": CPF, "X-VIA-Purpose": "consulta"},
    )
    assert r.status_code == 200
    for name in ("sefaz", "detran"):
        gw = world.runners[name].gw
        assert world.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 1
    yield world
    world.close()


def _db(world, name):
    return world.dirs[name] / "store.db"


def _verify(world, path, name="sefaz"):
    key = base64.b64decode((world.dirs[name] / "body.key").read_text())
    return verify_log(load_source(path), parse_anchor(world.anchor.read_bytes()), aes_key=key)


def test_both_servers_log_signed_exchanges_that_verify_offline(logged):
    for name in ("sefaz", "detran"):
        report = _verify(logged, _db(logged, name), name)
        assert report.ok, report.problems
        assert len(report.proofs) == 8 and report.seals_ok == 1
        assert all(p.stamped_at is not None for p in report.proofs.values())
        kinds = [report.proofs[s].kind for s in sorted(report.proofs)]
        assert kinds == ["request", "response"] * 4
        assert report.proofs[1].signer == SEFAZ and report.proofs[2].signer == DETRAN


def test_bodies_are_encrypted_at_rest_and_personal_queries_are_indexed(logged):
    conn = sqlite3.connect(_db(logged, "detran"))
    seq, body, enc = conn.execute(
        "SELECT seq, body, body_encrypted FROM mlog_record WHERE seq = 1"
    ).fetchone()
    assert enc == 1 and b"n0" not in body
    key = base64.b64decode((logged.dirs["detran"] / "body.key").read_text())
    assert decrypt_body(key, body, seq=seq, server=f"SERVER:{DETRAN}/ss-detran") == b"n0"
    rows = conn.execute(
        "SELECT kind FROM (SELECT json_extract(record, '$.kind') AS kind, data_subject "
        "FROM mlog_record) WHERE data_subject = '52998224725'"
    ).fetchall()
    assert sorted(rows) == [("request",), ("response",)]


@pytest.mark.parametrize("attack", ["alter", "delete", "insert", "body", "tail", "reseq"])
def test_tampering_with_the_store_is_detected(logged, tmp_path, attack):
    copy = tmp_path / "store.db"
    source = sqlite3.connect(_db(logged, "detran"))
    conn = sqlite3.connect(copy)
    source.backup(conn)  # WAL-aware copy
    source.close()
    if attack == "alter":
        record = json.loads(conn.execute("SELECT record FROM mlog_record WHERE seq = 3").fetchone()[0])
        record["logged_at"] = "2020-01-01T00:00:00Z"
        conn.execute("UPDATE mlog_record SET record = ? WHERE seq = 3", (json.dumps(record).encode(),))
    elif attack == "delete":
        conn.execute("DELETE FROM mlog_record WHERE seq = 4")
    elif attack == "insert":
        row = conn.execute("SELECT * FROM mlog_record WHERE seq = 8").fetchone()
        conn.execute("UPDATE mlog_record SET seq = -(seq + 1) WHERE seq >= 5")
        conn.execute("UPDATE mlog_record SET seq = -seq WHERE seq < 0")
        conn.execute("INSERT INTO mlog_record VALUES (?,?,?,?,?,?,?,?,?,?,?)", (5, *row[1:]))
    elif attack == "tail":  # the last records of a sealed range, so no gap shows in the sequence
        conn.execute("DELETE FROM mlog_record WHERE seq >= 5")
    elif attack == "reseq":  # the seal's stored range no longer says what it signed
        conn.execute("UPDATE mlog_seal SET first_seq = 3")
    else:
        conn.execute("UPDATE mlog_record SET body = ? WHERE seq = 1", (b"\0" * 40,))
    conn.commit()
    conn.close()
    report = _verify(logged, copy, "detran")
    assert not report.ok
    assert report.problems


def test_export_and_verify_command(logged, tmp_path, capsys):
    out = tmp_path / "export.json"
    assert (
        export_log(_db(logged, "sefaz"), out, 3, 4) == 6
    )  # records 3-4 in full, 5-8 as digests up to the seal
    doc = json.loads(out.read_text())
    assert [r["record"] is not None for r in doc["records"]] == [True, True, False, False, False, False]
    code = verify_main([str(out), "--anchor", str(logged.anchor), "--record", "3"])
    assert code == 0, capsys.readouterr().out
    assert "record 3: VERIFIED" in capsys.readouterr().out


def test_time_stamping_failures_are_retried_without_blocking_traffic(logged):
    logged.tsa.fail = True
    try:
        r = httpx.post(logged.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=b"z")
        assert r.status_code == 200
        gw = logged.runners["sefaz"].gw
        assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 0
        assert gw.metrics.gauges["xvia_messagelog_unstamped_seals"] == 1
    finally:
        logged.tsa.fail = False
    assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 1
    assert _verify(logged, _db(logged, "sefaz")).ok


def test_an_export_without_the_digests_up_to_the_seal_proves_nothing(logged, tmp_path, capsys):
    """Dropping the trailing digests would leave record 4 covered by no checked chain: its
    logged_at (moved 30 days ahead, after the seal's time-stamp) could then be anything."""
    out = tmp_path / "export.json"
    export_log(_db(logged, "sefaz"), out, 3, 4)
    doc = json.loads(out.read_text())
    doc["records"] = [r for r in doc["records"] if r["record"] is not None]
    record = json.loads(base64.b64decode(doc["records"][1]["record"]))
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    record["logged_at"] = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc["records"][1]["record"] = base64.b64encode(canonical_json(record)).decode()
    doc["records"][1].pop("chain_hash", None)
    out.write_text(json.dumps(doc))
    code = verify_main([str(out), "--anchor", str(logged.anchor), "--record", "4"])
    text = capsys.readouterr().out
    assert code == 1 and "record 4: VERIFIED" not in text
    assert "records up to 8 are missing" in text


def test_a_record_logged_after_its_time_stamp_fails(logged, tmp_path):
    """Even with the chain intact (the export keeps its digests), a backdated seal cannot cover a
    record whose logged_at is after the seal's time-stamp."""
    source = load_source(_db(logged, "detran"))
    rec = next(r for r in source.records if r.seq == 8)
    record = json.loads(rec.record)
    report = _verify(logged, _db(logged, "detran"), "detran")
    stamped = report.proofs[8].stamped_at
    record["logged_at"] = (stamped + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    rec.record = canonical_json(record)
    key = base64.b64decode((logged.dirs["detran"] / "body.key").read_text())
    report = verify_log(source, parse_anchor(logged.anchor.read_bytes()), aes_key=key)
    assert not report.ok  # the chain no longer matches, and the time is after the stamp
    assert report.proofs[8].sealed_by is None


def test_only_tsas_listed_in_global_configuration_may_stamp(logged, tmp_path):
    """A certificate from a trusted CA with the timeStamping EKU is not a TSA unless listed."""
    rogue = testing.TestTSA(logged.ca, name="Rogue TSA")
    listed = (logged.tsa.key, logged.tsa.certificate)
    logged.tsa.key, logged.tsa.certificate = rogue.key, rogue.certificate  # same URL, other signer
    try:
        r = httpx.post(logged.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=b"r")
        assert r.status_code == 200
        gw = logged.runners["sefaz"].gw
        assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 0
    finally:
        logged.tsa.key, logged.tsa.certificate = listed
    assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 1

    # the offline verifier refuses the same token planted in a copy of the log
    copy = tmp_path / "store.db"
    source = sqlite3.connect(_db(logged, "sefaz"))
    conn = sqlite3.connect(copy)
    source.backup(conn)  # the live store is in WAL mode: copy through SQLite, not the file
    source.close()
    seal_id, seal = conn.execute("SELECT id, seal FROM mlog_seal ORDER BY id DESC LIMIT 1").fetchone()
    query, _ = tsp.build_request(seal_imprint(bytes(seal)))
    token = tsp.TimeStampResp.load(rogue.respond(query))["time_stamp_token"].dump()
    conn.execute("UPDATE mlog_seal SET timestamp_token = ? WHERE id = ?", (token, seal_id))
    conn.commit()
    conn.close()
    report = _verify(logged, copy)
    assert not report.ok
    assert any("not signed by a TSA listed" in p for p in report.problems), report.problems


def test_an_oversized_tsa_reply_is_not_read(logged, monkeypatch):
    from xvia.gateway import app

    r = httpx.post(logged.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"), headers=CLIENT, content=b"big")
    assert r.status_code == 200
    gw = logged.runners["sefaz"].gw
    monkeypatch.setattr(app, "MAX_TSA_REPLY_BYTES", 100)  # a real reply is ~1 KiB
    assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 0
    monkeypatch.undo()
    assert logged.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 1


def test_large_bodies_go_through_blobs_and_the_writer_renews_its_connection(tmp_path, monkeypatch):
    """Small bodies are written in the statement; large ones through blobs, whose references
    CPython keeps per connection: the writer renews its connection, and the log stays whole."""
    from xvia.gateway import store as store_module

    monkeypatch.setattr(store_module, "BLOBS_BEFORE_RECONNECT", 2)
    world = World(tmp_path, body_key=True)
    try:
        bodies = [bytes([65 + i]) * (store_module.INLINE_BODY_BYTES + 1000) for i in range(3)] + [b"small"]
        for body in bodies:
            r = httpx.post(
                world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"),
                headers=CLIENT,
                content=body,
                timeout=30,
            )
            assert r.status_code == 200
        gw = world.runners["sefaz"].gw
        assert gw.store._blobs_opened < 2  # renewed after the second large body
        assert world.loop.run(seal_and_stamp(gw, httpx.AsyncClient())) == 1
        report = _verify(world, _db(world, "sefaz"))
        assert report.ok, report.problems
        key = base64.b64decode((world.dirs["sefaz"] / "body.key").read_text())
        conn = sqlite3.connect(_db(world, "sefaz"))
        logged = [
            decrypt_body(key, body, seq=seq, server=f"SERVER:{SEFAZ}/ss-sefaz")
            for seq, body in conn.execute(
                "SELECT seq, body FROM mlog_record "
                "WHERE json_extract(record, '$.kind') = 'request' ORDER BY seq"
            )
        ]
        assert logged == bodies
    finally:
        world.close()
