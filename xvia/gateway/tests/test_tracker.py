"""Data tracker, gateway side (ADR 0037), against a fake central: a real query about a person
crosses SEFAZ → DETRAN; only DETRAN (the provider) reports it, signed by its member, carrying
SEFAZ's own signed request; the central being down never loses a record nor blocks traffic."""

from __future__ import annotations

import base64
import json
import logging
import time

import httpx
import pytest
from jwcrypto import jwk, jws

from xvia.gateway.tracker import Tracker, TrackerSettings, api_url_from_central, tracker_settings
from xvia.protocol.certs import load_certificate, verify_signature
from xvia.protocol.messages import parse_descriptor
from xvia.protocol.tracker import API_PATH

from .harness import CPF, DETRAN, SEFAZ, World, free_port, start_uvicorn

PERSONAL = {
    "X-Road-Client": f"{SEFAZ}/ARRECADACAO",
    "X-VIA-Data-Subject": CPF,
    "X-VIA-Purpose": "Conferência de débitos".encode(),
    "X-Road-Issue": "PROC-9",
}
VEICULOS = f"/r1/{DETRAN}/VEICULOS/veiculos/veiculos/ABC1234"
ECHO = f"/r1/{DETRAN}/VEICULOS/echo/echo"


class FakeCentral:
    """Records every push; answers with the queued statuses, then 200."""

    def __init__(self) -> None:
        self.pushes: list[bytes] = []
        self.answers: list[tuple[int, dict]] = []

    def app(self):
        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            body, more = b"", True
            while more:
                msg = await receive()
                body += msg.get("body", b"")
                more = msg.get("more_body", False)
            assert scope["path"] == API_PATH
            self.pushes.append(body)
            status, doc = self.answers.pop(0) if self.answers else (200, {"stored": 1, "duplicates": 0})
            out = json.dumps(doc).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(out)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": out})

        return app


@pytest.fixture(scope="module")
def tworld(tmp_path_factory):
    import uvicorn

    w = World(tmp_path_factory.mktemp("xvia-tracker"), start=False)
    w.fake = FakeCentral()
    port = free_port()
    w.loop.run(w._start_infra())
    config = uvicorn.Config(
        w.fake.app(), host="127.0.0.1", port=port, lifespan="off", log_level="warning", loop="none"
    )
    w.uvicorns.append(w.loop.run(start_uvicorn(config)))
    w.publish(central_urls=[f"http://127.0.0.1:{port}/xvia/globalconf/v1/"])
    for name in ("sefaz", "detran"):  # the Runner's own tracker waits an hour between rounds
        w.start_gateway(name, "[tracker]\ninterval_seconds = 3600\n")
    yield w
    w.close()


def tracker_for(w, name: str, **settings) -> Tracker:
    gw = w.runners[name].gw
    return Tracker(
        store_path=gw.settings.store_file,
        server_id=gw.server_id,
        sign_key=gw.sign_key,
        sign_cert=gw.sign_cert,
        conf=lambda: gw.confs.conf,
        settings=TrackerSettings(**settings),
    )


def push_once(w, tracker):
    async def go():
        async with httpx.AsyncClient() as client:
            return await tracker.push_once(client)

    return w.loop.run(go())


def open_push(body: bytes, cert) -> dict:
    token = jws.JWS()
    token.deserialize(body.decode())
    token.verify(jwk.JWK.from_pyca(cert.public_key()), alg="ES256")
    assert token.jose_header["typ"] == "xvia-tracker"
    return json.loads(token.payload)


def test_only_the_provider_reports_the_query_with_the_clients_signed_request(tworld, caplog):
    w = tworld
    caplog.set_level(logging.DEBUG, logger="xvia")
    r = httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL)
    assert r.status_code == 200, r.text
    assert (
        httpx.post(w.url("sefaz", ECHO), headers={"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}).status_code == 200
    )

    w.fake.pushes.clear()
    client_side = tracker_for(w, "sefaz")
    assert push_once(w, client_side).sent == 0 and w.fake.pushes == []  # the client reports nothing
    provider = tracker_for(w, "detran")
    result = push_once(w, provider)
    assert result.outcome == "pushed" and result.sent == 1

    payload = open_push(w.fake.pushes[-1], w.detran_sign[1])
    assert payload["format"] == "xvia-tracker/1" and payload["server"] == f"SERVER:{DETRAN}/ss-detran"
    [record] = payload["records"]
    descriptor = base64.b64decode(record["descriptor"])
    signer = load_certificate(base64.b64decode(record["signer"]))
    assert signer == w.sefaz_sign[1]  # the client's certificate, not the provider's
    verify_signature(signer.public_key(), base64.b64decode(record["signature"]), descriptor)
    request = parse_descriptor(descriptor, "request")
    assert request["data_subject"] == CPF.replace(".", "").replace("-", "")
    assert request["purpose"] == "Conferência de débitos"
    assert ["x-road-issue", "PROC-9"] in request["headers"]
    digits = CPF.replace(".", "").replace("-", "")
    assert not any(digits in m or CPF in m for m in caplog.messages)

    assert push_once(w, provider).sent == 0  # the cursor moved past it
    provider.close()
    client_side.close()


def test_the_central_down_or_failing_loses_nothing_and_backs_off(tworld, caplog):
    w = tworld
    provider = tracker_for(w, "detran", min_backoff_seconds=1, max_backoff_seconds=8)
    push_once(w, provider)  # drain what earlier tests left
    r = httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL)
    assert r.status_code == 200
    cursor = provider.state.cursor()

    w.fake.answers = [(503, {"code": "down"}), (403, {"code": "untrusted_certificate"}), (500, {})]
    for expected_failures in (1, 2, 3):
        assert push_once(w, provider).outcome == "failed"
        assert provider.failures == expected_failures and provider.state.cursor() == cursor
    assert provider.backoff() == 4  # 1, 2, 4 ... capped at 8
    # traffic is not blocked meanwhile
    assert httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL).status_code == 200

    result = push_once(w, provider)
    assert result.outcome == "pushed" and result.sent == 2 and provider.failures == 0
    assert provider.state.cursor() > cursor
    digits = CPF.replace(".", "").replace("-", "")
    assert not any(digits in m for m in caplog.messages)

    # unreachable central: a network error is a failure like any other
    provider.settings = TrackerSettings(url=f"http://127.0.0.1:{free_port()}{API_PATH}", timeout=2)
    httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL)
    assert push_once(w, provider).outcome == "failed"
    provider.close()


def test_a_refused_record_is_set_aside_and_an_oversized_batch_is_split(tworld):
    w = tworld
    provider = tracker_for(w, "detran")
    push_once(w, provider)
    for _ in range(3):
        assert httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL).status_code == 200
    w.fake.answers = [(413, {"code": "too_large"}), (422, {"code": "unknown_service", "record": 0})]
    before = len(w.fake.pushes)
    result = push_once(w, provider)
    sizes = [len(open_push(p, w.detran_sign[1])["records"]) for p in w.fake.pushes[before:]]
    assert sizes == [3, 1]  # halved after 413; the refused one set aside; none left in this half
    assert [code for _, code in provider.state.rejected()] == ["unknown_service"]
    assert result.more  # the rest of the split batch goes in the next round at once
    assert push_once(w, provider).sent == 2
    provider.close()


def test_the_runner_starts_the_tracker_and_it_pushes_on_its_own(tworld, tmp_path):
    w = tworld
    w.stop_gateway("detran")
    w.start_gateway("detran", "[tracker]\ninterval_seconds = 0.2\n")
    before = len(w.fake.pushes)
    assert httpx.get(w.url("sefaz", VEICULOS), headers=PERSONAL).status_code == 200
    deadline = time.monotonic() + 10
    while len(w.fake.pushes) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(w.fake.pushes) > before


def test_tracker_settings_and_the_central_address():
    assert (
        api_url_from_central("https://central.mt.gov.br/xvia/globalconf/v1/")
        == "https://central.mt.gov.br/xvia/api/v1/data-subject-records"
    )
    from pathlib import Path

    from xvia.gateway.settings import SettingsError, settings_from_dict

    base = {"server_id": f"SERVER:{DETRAN}/ss"}
    assert tracker_settings(settings_from_dict(base, Path("/tmp"))) == TrackerSettings()  # noqa: S108
    custom = settings_from_dict(base | {"tracker": {"url": "https://c/x", "batch_size": 50}}, Path("/tmp"))  # noqa: S108
    assert tracker_settings(custom).batch_size == 50
    for bad in ({"nope": 1}, {"url": "ftp://x"}, {"batch_size": 0}):
        with pytest.raises(SettingsError):
            tracker_settings(settings_from_dict(base | {"tracker": bad}, Path("/tmp")))  # noqa: S108


def test_the_log_reader_counts_archived_records_so_an_emptied_store_is_not_taken_for_a_new_one(tmp_path):
    import sqlite3

    from xvia.gateway.tracker import LogReader
    from xvia.protocol.messagelog import SCHEMA

    path = tmp_path / "store.db"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT INTO mlog_archive (first_seq, last_seq, chain_hash, last_seal, file_name, file_sha256, "
        "records, archived_at) "
        "VALUES (1, 40, x'00', x'00', 'mlog-1-40.json.gz', 'ab', 40, '2026-11-26T00:00:00Z')"
    )
    conn.commit()
    reader = LogReader(path)
    assert reader.last_seq() == 40  # every record archived and purged: the cursor stays valid
    conn.execute(
        "INSERT INTO mlog_record (seq, record, entry_digest, chain_hash, logged_at) "
        "VALUES (41, x'7b7d', x'00', x'00', '2026-11-26T00:00:01Z')"
    )
    conn.commit()
    assert reader.last_seq() == 41
    reader.close()
    conn.close()
