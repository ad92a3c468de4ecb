"""Request heads at the transport, on both listeners: a size limit (431) and a time limit (slowloris)."""

from __future__ import annotations

import json
import socket
import ssl
import time

import httpx
import pytest

from xvia.gateway.faulttexts import is_known
from xvia.gateway.headguard import peer_head_limit
from xvia.protocol import testing
from xvia.protocol.certs import private_key_pem

from .harness import DETRAN, SEFAZ, World

MAX_HEAD = 8192
TIMEOUT = 1.0
CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
ECHO = f"/r1/{DETRAN}/VEICULOS/echo"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    w = World(
        tmp_path_factory.mktemp("xvia-heads"),
        limits={"max_header_bytes": MAX_HEAD, "header_timeout": TIMEOUT},
    )
    yield w
    w.close()


def _client_socket(world: World) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", world.gw_ports["sefaz"]["client"]))
    sock.settimeout(10)
    return sock


def _peer_socket(world: World, tmp_path) -> socket.socket:
    """A TLS connection to DETRAN's peer-facing listener with SEFAZ's authentication key."""
    key, cert = world.sefaz_auth
    (tmp_path / "c.pem").write_text(testing.certificate_pem(cert))
    (tmp_path / "k.pem").write_bytes(private_key_pem(key))
    ctx = ssl.create_default_context(cadata=testing.certificate_pem(world.ca.certificate))
    ctx.check_hostname = False
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    raw = socket.create_connection(("127.0.0.1", world.gw_ports["detran"]["server"]))
    sock = ctx.wrap_socket(raw)
    sock.settimeout(10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, ssl.SSLError):
            return data
        if not chunk:
            return data
        data += chunk


def _read_response(sock: socket.socket) -> tuple[int, bytes]:
    """One response with a Content-Length, leaving the connection open."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before a response"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = next(
        int(v) for n, _, v in (h.partition(b":") for h in lines[1:]) if n.lower() == b"content-length"
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(lines[0].split()[1]), body


def _fault_in(response: bytes, status: int) -> str:
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), head[:80]
    assert b"connection: close" in head.lower()
    doc = json.loads(body)
    assert set(doc) == {"type", "message", "detail"} and is_known(doc["message"])
    assert f"\r\nx-road-error: {doc['type']}\r\n".encode() in head
    return doc["type"]


def _dribble_until_closed(sock: socket.socket, head: bytes) -> bytes:
    """Send ``head`` then one more header byte every 0.1 s, never ending it; return what the
    server answered once it closes the connection (fails if it is still open after 10 s)."""
    sock.sendall(head)
    sock.settimeout(0.1)
    answer, deadline = b"", time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            try:
                sock.sendall(b"a")
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                return answer
            continue
        except (ConnectionResetError, ssl.SSLError):
            return answer
        if not chunk:
            return answer
        answer += chunk
    pytest.fail("the server kept a dribbling connection open")


def test_an_oversized_head_gets_431_and_the_connection_is_closed(guarded):
    with _client_socket(guarded) as sock:
        sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * MAX_HEAD + b"\r\n\r\n")
        answer = _read_until_closed(sock)
    assert _fault_in(answer, 431) == "Client.BadRequest"
    assert str(MAX_HEAD).encode() in answer


def test_a_head_sent_in_pieces_is_counted_across_them(guarded):
    with _client_socket(guarded) as sock:
        sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        for _ in range(MAX_HEAD // 1000 + 1):
            sock.sendall(b"X-Part: " + b"p" * 990 + b"\r\n")
            time.sleep(0.01)
        answer = _read_until_closed(sock)
    assert _fault_in(answer, 431) == "Client.BadRequest"


def test_a_dribbled_head_is_cut_off(guarded):
    with _client_socket(guarded) as sock:
        answer = _dribble_until_closed(sock, b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert _fault_in(answer, 408) == "Client.BadRequest"


def test_a_connection_that_never_sends_a_request_is_closed(guarded):
    with _client_socket(guarded) as sock:
        assert _read_until_closed(sock) == b""


def test_keep_alive_requests_pass_and_an_idle_connection_is_not_cut_by_the_head_timer(guarded):
    request = b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Fill: " + b"f" * (MAX_HEAD // 2) + b"\r\n\r\n"
    with _client_socket(guarded) as sock:
        for _ in range(3):  # the count starts again for each request on the connection
            sock.sendall(request)
            status, body = _read_response(sock)
            assert status == 200 and b"xvia_requests_total" in body
        time.sleep(TIMEOUT * 1.5)  # idle keep-alive: uvicorn's timeout (30 s) governs, not ours
        sock.sendall(request)
        assert _read_response(sock)[0] == 200


def test_a_request_with_large_headers_under_the_limit_crosses_both_servers(guarded):
    r = httpx.post(
        guarded.url("sefaz", f"{ECHO}/echo"),
        headers=CLIENT | {"X-Large": "v" * (MAX_HEAD - 1000)},
        content=b"x",
        timeout=30,
    )
    assert r.status_code == 200, r.text


def test_the_peer_listener_has_the_same_guards(guarded, tmp_path):
    limit = peer_head_limit(MAX_HEAD)
    with _peer_socket(guarded, tmp_path) as sock:
        sock.sendall(b"POST /xvia/v1/message HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * limit + b"\r\n\r\n")
        answer = _read_until_closed(sock)
    assert _fault_in(answer, 431) == "Server.ServerProxy.InvalidRequest"
    with _peer_socket(guarded, tmp_path) as sock:
        answer = _dribble_until_closed(sock, b"POST /xvia/v1/message HTTP/1.1\r\nHost: x\r\n")
    assert _fault_in(answer, 408) == "Server.ServerProxy.InvalidRequest"
    with _peer_socket(guarded, tmp_path) as sock:
        assert _read_until_closed(sock) == b""
