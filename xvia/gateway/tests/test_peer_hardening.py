"""A client security server with valid certificates and keys (SEFAZ itself) sends hand-built,
correctly signed descriptors straight to DETRAN's server: the provider's server must not trust
the descriptor's path, query, method or headers because the signature is good."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import socket
import ssl
import threading
import uuid

import httpx
import pytest

from xvia.gateway.headers import encode_pairs
from xvia.protocol import testing
from xvia.protocol.certs import certificate_der, private_key_pem
from xvia.protocol.httpwire import WireError
from xvia.protocol.messages import body_digest_b64, sign_descriptor, transport_headers

from .harness import DETRAN, SEFAZ, fault_of

INVALID = "Server.ServerProxy.InvalidMessage"


@pytest.fixture
def peer(world, tmp_path):
    key, cert = world.sefaz_auth
    (tmp_path / "c.pem").write_text(testing.certificate_pem(cert))
    (tmp_path / "k.pem").write_bytes(private_key_pem(key))
    ctx = ssl.create_default_context(cadata=testing.certificate_pem(world.ca.certificate))
    ctx.check_hostname = False
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    base = f"https://127.0.0.1:{world.gw_ports['detran']['server']}"
    with httpx.Client(verify=ctx, base_url=base) as client:
        yield client


def signed(world, service, method, path, *, query="", headers=(), body=b"", **extra):
    key, cert = world.sefaz_sign
    desc = {
        "v": "xvia-msg/1",
        "type": "request",
        "id": "m-1",
        "request_id": str(uuid.uuid4()),
        "client": f"{SEFAZ}/ARRECADACAO",
        "service": f"{DETRAN}/VEICULOS/{service}",
        "method": method,
        "path": path,
        "query": query,
        "headers": [list(h) for h in headers],
        "body_sha512": body_digest_b64(hashlib.sha512(body).digest()) if body else None,
        "body_length": len(body),
        "sent_at": testing.format_time(testing.utcnow()),
        "sender": f"SERVER:{SEFAZ}/ss-sefaz",
    } | extra
    raw, sig = sign_descriptor(desc, key)
    return dict(transport_headers(raw, sig, certificate_der(cert)))


@pytest.fixture
def other_host():
    """A listener on 127.0.0.2: nothing the gateway sends may ever reach it."""
    got: dict[str, bytes] = {}
    srv = socket.socket()
    srv.bind(("127.0.0.2", 0))
    srv.listen(1)
    srv.settimeout(3)

    def accept():
        try:
            conn, _ = srv.accept()
        except OSError:
            return
        got["request"] = conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
        conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield srv.getsockname()[1], got
    srv.shutdown(socket.SHUT_RDWR)  # wakes the accept up
    srv.close()
    thread.join(5)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("@127.0.0.2:{port}/internal", ""),  # userinfo: the backend's host becomes a user name
        ("//127.0.0.2:{port}/internal", ""),
        ("/a b HTTP/1.0\r\nX-Evil: 1\r\n\r\nGET /admin", ""),
        ("/a HTTP/1.1\rX: 1", ""),
        ("/a", "x=1 HTTP/1.1\r\nX-Evil: 1"),
        ("/a#frag", ""),
        ("/a", "x=1#frag"),
        ("/a%2F..%2Fadmin", ""),
        ("/a%5cadmin", ""),
        ("/a%3bjsessionid=1", ""),
        ("/a/" + "b" * 5000, ""),
    ],
)
def test_the_descriptor_path_and_query_cannot_leave_the_backend(world, peer, other_host, path, query):
    port, got = other_host
    r = peer.post(
        "/xvia/v1/message", headers=signed(world, "echo", "GET", path.format(port=port), query=query)
    )
    assert fault_of(r) == INVALID
    assert "request" not in got


@pytest.mark.parametrize(
    "path", ["/veiculos/..", "/veiculos/%2e%2e", "/veiculos/..;x", "/veiculos/.", "/veiculos//x"]
)
def test_dot_segments_do_not_pass_the_access_right_of_the_provider(world, peer, path):
    h = signed(world, "veiculos", "GET", path, data_subject="52998224725", purpose="fiscalização")
    assert fault_of(peer.post("/xvia/v1/message", headers=h)) in (INVALID, "Server.ServerProxy.AccessDenied")


def test_headers_the_gateway_sets_are_dropped_whatever_their_case(world, peer):
    pairs = [
        ("Host", "admin.internal"),
        ("X-Road-Request-Id", "spoofed"),
        ("X-VIA-Signature", "zz"),
        ("Content-Length", "0"),
        ("Transfer-Encoding", "chunked"),
        ("X-Road-Client", "MT/GOV/1/OUTRO"),
        ("X-VIA-Data-Subject", "11144477735"),
        ("Connection", "x-drop-me"),
        ("x-drop-me", "1"),
        ("X-Kept", "yes"),
    ]
    r = peer.post("/xvia/v1/message", headers=signed(world, "echo", "GET", "/x", headers=pairs))
    assert r.status_code == 200, r.text
    seen = json.loads(r.content)["headers"]
    assert seen["host"] != "admin.internal"
    assert seen["x-road-request-id"] != "spoofed"
    assert seen["x-road-client"] == f"{SEFAZ}/ARRECADACAO"
    assert "x-via-data-subject" not in seen and "x-via-signature" not in seen
    assert "transfer-encoding" not in seen and seen.get("content-length", "0") == "0"
    assert "x-drop-me" not in seen and seen["x-kept"] == "yes"


@pytest.mark.parametrize(
    "pair",
    [
        ("x-a", "1\r\nX-Injected: yes"),
        ("x-a", "1\nX: y"),
        ("x-a", "a\x00b"),
        ("x a", "1"),
        ("x:a", "1"),
        ("", "1"),
    ],
)
def test_header_injection_is_refused(world, peer, pair):
    r = peer.post("/xvia/v1/message", headers=signed(world, "echo", "GET", "/x", headers=[pair]))
    assert fault_of(r) == INVALID


@pytest.mark.parametrize("method", ["GET /admin HTTP/1.1\r\nHost: x\r\n\r\nGET", "GE T", "", "G\x00"])
def test_a_method_that_is_not_a_token_is_refused(world, peer, method):
    assert fault_of(peer.post("/xvia/v1/message", headers=signed(world, "echo", method, "/x"))) == INVALID


def test_smuggled_framing_headers_do_not_reach_another_host(world, peer, other_host):
    port, got = other_host
    body = b"GET /admin/delete-all HTTP/1.1\r\nHost: backend\r\n\r\n"
    for hdrs in ([("Content-Length", "0")], [("Transfer-Encoding", "chunked")]):
        h = signed(world, "echo", "POST", f"@127.0.0.2:{port}/echo", headers=hdrs, body=body)
        assert fault_of(peer.post("/xvia/v1/message", headers=h, content=body)) == INVALID
    assert "request" not in got


def test_a_replayed_or_stale_request_is_refused(world, peer):
    h = signed(world, "echo", "POST", "/echo", body=b"pay 100")
    assert peer.post("/xvia/v1/message", headers=h, content=b"pay 100").status_code == 200
    again = peer.post("/xvia/v1/message", headers=h, content=b"pay 100")
    assert fault_of(again) == INVALID
    for sent in (testing.utcnow() - dt.timedelta(minutes=6), testing.utcnow() + dt.timedelta(minutes=6)):
        h = signed(world, "echo", "POST", "/echo", body=b"x", sent_at=testing.format_time(sent))
        assert fault_of(peer.post("/xvia/v1/message", headers=h, content=b"x")) == INVALID
    h = signed(world, "echo", "POST", "/echo", body=b"x", sent_at="yesterday")
    assert fault_of(peer.post("/xvia/v1/message", headers=h, content=b"x")) == INVALID


def test_the_sender_must_be_the_tls_peer(world, peer):
    h = signed(world, "echo", "POST", "/echo", body=b"x", sender=f"SERVER:{DETRAN}/ss-detran")
    assert fault_of(peer.post("/xvia/v1/message", headers=h, content=b"x")) == INVALID


@pytest.mark.parametrize("subject", [["x"], 52998224725, {"a": 1}, "529.982.247-25", "12345678900"])
def test_a_malformed_data_subject_is_a_fault_and_the_store_stays_healthy(world, peer, subject):
    r = peer.post("/xvia/v1/message", headers=signed(world, "echo", "GET", "/x", data_subject=subject))
    assert fault_of(r) == INVALID
    ok, checks = world.loop.run(world.runners["detran"].gw.health())
    assert ok, checks


def test_encode_pairs_lowercases_and_drops_whatever_the_case():
    out = encode_pairs(
        [
            ["Content-Length", "1"],
            ["X-Road-Request-Hash", "forged"],
            ["TRANSFER-ENCODING", "chunked"],
            ["X-A", "b"],
        ],
        drop=frozenset({"x-road-request-hash"}),
    )
    assert out == [(b"x-a", b"b")]
    with pytest.raises(WireError):
        encode_pairs([["x-a", "b\r\nc: d"]])


def test_a_cached_authentication_certificate_is_refused_once_expired(world, monkeypatch):
    """The per-version cache must not keep accepting a peer whose certificate has expired."""
    from xvia.gateway import confstate
    from xvia.protocol.certs import CertificateError

    _, cert = world.sefaz_auth
    der = certificate_der(cert)
    view = confstate.ConfView(world.runners["detran"].gw.confs.conf)
    assert str(view.peer_server(der).id) == f"SERVER:{SEFAZ}/ss-sefaz"  # now cached
    later = cert.not_valid_after_utc + dt.timedelta(seconds=1)
    monkeypatch.setattr(confstate, "utcnow", lambda: later)
    with pytest.raises(CertificateError, match="validity"):
        view.peer_server(der)
