"""Faults between servers: forged signatures, unknown peers, expired configuration, a killed peer."""

import datetime as dt
import json
import sqlite3
import ssl
import subprocess
import sys
import threading
import uuid

import httpx

from xvia.protocol import testing
from xvia.protocol.certs import certificate_der, generate_private_key, private_key_pem
from xvia.protocol.globalconf import verify_configuration
from xvia.protocol.messages import body_digest_b64, sign_descriptor, transport_headers

from .harness import DETRAN, SEFAZ, fault_of

CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
ECHO = f"/r1/{DETRAN}/VEICULOS/echo"


def _peer_client(world, cert, key, tmp_path):
    (tmp_path / "c.pem").write_text(testing.certificate_pem(cert))
    (tmp_path / "k.pem").write_bytes(private_key_pem(key))
    ctx = ssl.create_default_context(cadata=testing.certificate_pem(world.ca.certificate))
    ctx.check_hostname = False
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    return httpx.Client(verify=ctx, base_url=f"https://127.0.0.1:{world.gw_ports['detran']['server']}")


def _signed_request(key, cert, body=b"x"):
    import hashlib

    desc = {
        "v": "xvia-msg/1",
        "type": "request",
        "id": "forged",
        "request_id": str(uuid.uuid4()),
        "client": f"{SEFAZ}/ARRECADACAO",
        "service": f"{DETRAN}/VEICULOS/echo",
        "method": "POST",
        "path": "/echo",
        "query": "",
        "headers": [],
        "body_sha512": body_digest_b64(hashlib.sha512(body).digest()),
        "body_length": len(body),
        "sent_at": testing.format_time(testing.utcnow()),
        "sender": f"SERVER:{SEFAZ}/ss-sefaz",
    }
    raw, sig = sign_descriptor(desc, key)
    return dict(transport_headers(raw, sig, certificate_der(cert)))


def test_provider_checks_peer_certificate_and_signature(world, tmp_path):
    sefaz_key, sefaz_cert = world.sefaz_auth
    sign_key, sign_cert = world.sefaz_sign
    with _peer_client(world, sefaz_cert, sefaz_key, tmp_path) as peer:
        ok = peer.post("/xvia/v1/message", headers=_signed_request(sign_key, sign_cert), content=b"x")
        assert ok.status_code == 200 and "x-via-message" in ok.headers
        other_key = generate_private_key()  # right name, but a key the CA never certified
        rogue = testing.TestCA(name="Rogue").issue(
            other_key.public_key(), common_name="x", serial_number=SEFAZ
        )
        r = peer.post("/xvia/v1/message", headers=_signed_request(other_key, rogue), content=b"x")
        assert fault_of(r) == "Server.ServerProxy.InvalidSignatureValue"
        r = peer.post("/xvia/v1/message", headers=_signed_request(sign_key, sign_cert), content=b"tampered")
        assert fault_of(r) == "Server.ServerProxy.InvalidSignatureValue"
        detran_key, detran_sign = world.detran_sign  # DETRAN's key signing as if it were SEFAZ
        r = peer.post("/xvia/v1/message", headers=_signed_request(detran_key, detran_sign), content=b"x")
        assert fault_of(r) == "Server.ServerProxy.InvalidSignatureValue"
    unlisted_key = generate_private_key()
    unlisted = world.ca.issue(
        unlisted_key.public_key(), common_name="x", serial_number=f"{SEFAZ}/ss-x", kind="auth"
    )
    with _peer_client(world, unlisted, unlisted_key, tmp_path) as peer:
        r = peer.post("/xvia/v1/message", headers=_signed_request(sign_key, sign_cert), content=b"x")
        assert fault_of(r) == "Server.ServerProxy.SslAuthenticationFailed"


def test_expired_configuration_refuses_traffic_until_refreshed(world):
    for name, prefix in (("sefaz", "Server.ClientProxy"), ("detran", "Server.ServerProxy")):
        view = world.runners[name].gw.confs.view
        saved = view.conf.expires_at
        view.conf.expires_at = testing.utcnow() - dt.timedelta(seconds=1)
        try:
            r = httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x")
            assert fault_of(r) == f"{prefix}.OutdatedGlobalConf"
            assert httpx.get(world.url(name, "/health")).status_code == 503
        finally:
            view.conf.expires_at = saved
    assert httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x").status_code == 200


def test_a_restarted_server_starts_on_its_cached_copy_and_refreshes(world):
    world.stop_gateway("sefaz")
    world.central_up = False
    expired = testing.globalconf_payload(
        **{**_payload_args(world), "generated_at": testing.utcnow() - dt.timedelta(hours=2)}
    )
    cache = world.dirs["sefaz"] / "globalconf.jws"
    cache.write_bytes(world.central.sign(expired))
    world.start_gateway("sefaz")
    try:
        r = httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x")
        assert fault_of(r) == "Server.ClientProxy.OutdatedGlobalConf"
        world.central_up = True
        doc = world.publish()
        gw = world.runners["sefaz"].gw
        world.loop.run(gw.confs.fetch_once(httpx.AsyncClient()))
        assert gw.confs.conf.version == world.version
        assert verify_configuration(cache.read_bytes(), gw.confs.anchor).version == world.version
        assert doc == cache.read_bytes()
        assert httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x").status_code == 200
    finally:
        world.central_up = True


def _payload_args(world):
    full = world.payload()
    return {
        "version": full["version"],
        "cas": full["trust"]["cas"],
        "tsas": full["trust"]["tsas"],
        "members": full["members"],
        "security_servers": full["security_servers"],
        "services": full["services"],
        "global_groups": full["global_groups"],
        "access_rights": full["access_rights"],
    }


def test_a_peer_killed_mid_request_gives_network_error_and_others_still_served(world):
    result = {}

    def call():
        result["r"] = httpx.get(world.url("sefaz", f"{ECHO}/slow?s=0.9"), headers=CLIENT, timeout=20)

    world.slow_started.clear()
    thread = threading.Thread(target=call)
    thread.start()
    world.loop.run(world.slow_started.wait(), timeout=10)
    runner = world.runners["detran"]

    async def crash():
        for server in runner.servers:
            for server_obj in server.servers:
                server_obj.close()
            for conn in list(server.server_state.connections):
                conn.transport.abort()

    world.loop.run(crash())
    thread.join(20)
    assert fault_of(result["r"]) == "Server.ClientProxy.NetworkError"
    r = httpx.get(world.url("sefaz", f"/r1/{SEFAZ}/ARRECADACAO/certidao/x"), headers=CLIENT)
    assert r.status_code == 200
    r = httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x")
    assert fault_of(r) == "Server.ClientProxy.NetworkError"  # nothing listens at DETRAN's address now
    world.stop_gateway("detran")
    world.start_gateway("detran")  # same store: the chain continues
    assert httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"y").status_code == 200
    conn = sqlite3.connect(world.dirs["detran"] / "store.db")
    seqs = [s for (s,) in conn.execute("SELECT seq FROM mlog_record ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))  # nothing logged half-way, no gap


def test_the_gateway_never_imports_django():
    code = (
        "import sys, xvia.gateway.app, xvia.gateway.__main__; "
        "print('django' in sys.modules, 'plataforma' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "False False"
    code = "import sys, xvia.protocol.verify, xvia.protocol.testing; print('django' in sys.modules)"
    assert (
        subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )
    assert json.dumps  # keep json imported for the helpers above


def test_a_lost_cache_cannot_roll_the_configuration_back(world):
    """The store's globalconf_history, not the disk cache, sets the lowest acceptable version."""
    current = world.publish()
    gw = world.runners["sefaz"].gw
    world.loop.run(gw.confs.fetch_once(httpx.AsyncClient()))
    assert gw.confs.conf.version == world.version
    world.stop_gateway("sefaz")  # flushes globalconf_history
    (world.dirs["sefaz"] / "globalconf.jws").unlink()
    world.conf_doc = world.central.sign(world.payload(version=world.version - 1))  # authentic, older
    try:
        world.start_gateway("sefaz")
        gw = world.runners["sefaz"].gw
        assert gw.confs.conf is None and "older" in gw.confs.last_error
        r = httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x")
        assert fault_of(r) == "Server.ClientProxy.OutdatedGlobalConf"
    finally:
        world.conf_doc = current
    world.loop.run(gw.confs.fetch_once(httpx.AsyncClient()))
    assert gw.confs.conf.version == world.version
    assert httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x").status_code == 200


def test_an_oversized_configuration_document_is_refused(world):
    current = world.conf_doc
    world.conf_doc = b"x" * (10 * 1024 * 1024 + 1)
    try:
        gw = world.runners["sefaz"].gw
        assert world.loop.run(gw.confs.fetch_once(httpx.AsyncClient())) is False
        assert "larger than" in gw.confs.last_error
    finally:
        world.conf_doc = current
