"""The offline verifier proves records and detects alteration, insertion and deletion."""

import base64
import hashlib
import json
import os
import uuid

import pytest

from xvia.protocol import tsp
from xvia.protocol.certs import certificate_der, sign_bytes, utcnow
from xvia.protocol.globalconf import format_time, parse_anchor
from xvia.protocol.messagelog import (
    EXPORT_FORMAT,
    ChainAppender,
    b64,
    build_seal,
    encrypt_body,
    seal_imprint,
)
from xvia.protocol.messages import canonical_json, sign_descriptor
from xvia.protocol.verifier import load_source, verify_log
from xvia.protocol.verify import main as verify_main

from .conftest import DETRAN, SEFAZ, payload

SERVER = f"SERVER:{SEFAZ}/ss-sefaz"


def _request(body: bytes) -> dict:
    return {
        "v": "xvia-msg/1",
        "type": "request",
        "id": str(uuid.uuid4()),
        "request_id": str(uuid.uuid4()),
        "client": f"{SEFAZ}/ARRECADACAO",
        "service": f"{DETRAN}/VEICULOS/veiculos",
        "method": "POST",
        "path": "/veiculos/ABC1234",
        "query": "",
        "headers": [["content-type", "application/json"]],
        "body_sha512": base64.b64encode(hashlib.sha512(body).digest()).decode() if body else None,
        "body_length": len(body),
        "sent_at": format_time(utcnow()),
        "sender": SERVER,
    }


def build_export(member_keys, tsa, central, ca, *, n=6, batch=3, key=None) -> dict:
    signing_key, signing_cert = member_keys[SEFAZ]
    appender = ChainAppender(SERVER)
    records, seals, prev_seal, first = [], [], None, 1
    for i in range(n):
        body = f'{{"n": {i}}}'.encode()
        raw, sig = sign_descriptor(_request(body), signing_key)
        seq, record, _digest, chain = appender.append(
            kind="request",
            descriptor=raw,
            signature=sig,
            signer_der=certificate_der(signing_cert),
            body_logged=True,
            logged_at=format_time(utcnow()),
        )
        stored = encrypt_body(key, body, seq=seq, server=SERVER) if key else body
        records.append(
            {
                "seq": seq,
                "record": b64(record),
                "chain_hash": chain.hex(),
                "body": b64(stored),
                "body_encrypted": bool(key),
            }
        )
        if seq % batch == 0:
            seal = build_seal(
                server=SERVER,
                first_seq=first,
                last_seq=seq,
                chain_hash=chain,
                prev_seal=prev_seal,
                sealed_at=format_time(utcnow()),
            )
            request, _nonce = tsp.build_request(seal_imprint(seal))
            token = tsp.TimeStampResp.load(tsa.respond(request))["time_stamp_token"].dump()
            seals.append(
                {
                    "first_seq": first,
                    "last_seq": seq,
                    "seal": b64(seal),
                    "signature": b64(sign_bytes(signing_key, seal)),
                    "signer_cert": b64(certificate_der(signing_cert)),
                    "timestamp_token": b64(token),
                }
            )
            prev_seal, first = seal, seq + 1
    return {
        "format": EXPORT_FORMAT,
        "server": SERVER,
        "globalconfs": [central.sign(payload(ca, tsa)).decode()],
        "records": records,
        "seals": seals,
    }


def _verify(tmp_path, export, key=None):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    return verify_log(load_source(path), parse_anchor(_anchor(tmp_path)), aes_key=key)


def _anchor(tmp_path):
    return (tmp_path / "anchor.json").read_bytes()


@pytest.fixture
def setup(tmp_path, central, member_keys, tsa, ca):
    (tmp_path / "anchor.json").write_bytes(central.anchor_bytes())
    return build_export(member_keys, tsa, central, ca)


def test_an_intact_log_verifies_with_signatures_and_times(tmp_path, setup):
    report = _verify(tmp_path, setup)
    assert report.ok, report.problems
    assert report.seals_ok == 2
    proof = report.proofs[2]
    assert proof.signer == SEFAZ and proof.sealed_by == 3 and proof.stamped_at is not None


def test_altering_a_record_is_detected(tmp_path, setup):
    record = json.loads(base64.b64decode(setup["records"][1]["record"]))
    record["logged_at"] = "2020-01-01T00:00:00Z"
    setup["records"][1]["record"] = b64(canonical_json(record))
    report = _verify(tmp_path, setup)
    assert not report.ok
    assert any("seq 2" in p for p in report.problems)


def test_altering_a_body_is_detected(tmp_path, setup):
    setup["records"][0]["body"] = b64(b'{"n": 999}')
    report = _verify(tmp_path, setup)
    assert any("body does not match" in p for p in report.problems)


def test_deleting_a_record_is_detected_even_with_recomputed_chain(tmp_path, setup):
    del setup["records"][1]
    for r in setup["records"]:
        r.pop("chain_hash")  # the attacker also drops stored hashes; the seals still catch it
    report = _verify(tmp_path, setup)
    assert any("missing (deletion)" in p for p in report.problems)
    assert any("sealed chain" in p for p in report.problems)


def test_inserting_a_record_is_detected(tmp_path, setup, member_keys, tsa, central, ca):
    forged = build_export(member_keys, tsa, central, ca, n=1)["records"][0]
    forged["seq"] = 2
    setup["records"].insert(1, forged)
    report = _verify(tmp_path, setup)
    assert any("twice (insertion)" in p or "chain" in p for p in report.problems)


def test_removing_a_seal_is_detected(tmp_path, setup):
    del setup["seals"][0]
    report = _verify(tmp_path, setup)
    assert any("seal chain broken" in p for p in report.problems)


def test_encrypted_bodies_are_checked_with_the_key(tmp_path, central, member_keys, tsa, ca):
    (tmp_path / "anchor.json").write_bytes(central.anchor_bytes())
    key = os.urandom(32)
    export = build_export(member_keys, tsa, central, ca, key=key)
    assert _verify(tmp_path, export, key).ok
    without = _verify(tmp_path, export)
    assert without.ok and "encrypted" in without.proofs[1].notes[0]
    assert not _verify(tmp_path, export, os.urandom(32)).ok


def test_verify_command_exit_status(tmp_path, setup, capsys):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(setup))
    assert verify_main([str(path), "--anchor", str(tmp_path / "anchor.json"), "--record", "2"]) == 0
    assert "record 2: VERIFIED" in capsys.readouterr().out
    setup["records"][2]["body"] = b64(b"x")
    path.write_text(json.dumps(setup))
    assert verify_main([str(path), "--anchor", str(tmp_path / "anchor.json")]) == 1
    assert verify_main([str(tmp_path / "missing.json"), "--anchor", str(tmp_path / "anchor.json")]) == 2
