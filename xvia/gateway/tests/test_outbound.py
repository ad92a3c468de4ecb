"""Outgoing calls (aiohttp): pinning before the first byte, write timeouts, exact header bytes."""

import asyncio
import ssl

import httpx
import pytest

from xvia.gateway import outbound
from xvia.gateway.spool import Spool

from .harness import CPF, DETRAN, SEFAZ, fault_of

CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}


def _spool(data: bytes, threshold: int = 1 << 20) -> Spool:
    spool = Spool(threshold=threshold, limit=1 << 30)
    spool.write(data)
    spool.finish()
    return spool


def _answer_spool() -> Spool:
    return Spool(threshold=1 << 16, limit=1 << 20)


def test_a_peer_with_an_unlisted_certificate_never_receives_a_byte(world):
    received = []

    async def scenario():
        d = world.dirs["detran"]
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(d / "auth.cert.pem", d / "auth.key.pem")

        async def handle(reader, writer):
            try:
                received.append(await asyncio.wait_for(reader.read(100), 2))
            except (OSError, TimeoutError, ssl.SSLError):
                received.append(b"")
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ctx)
        port = server.sockets[0].getsockname()[1]
        client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        client_ctx.check_hostname = False
        client_ctx.verify_mode = ssl.CERT_NONE
        seen = []

        def check(address, der):
            seen.append((address, bool(der)))
            raise ValueError("not the certificate listed for this address")

        session = outbound.peer_session(client_ctx, check, 4)
        try:
            with pytest.raises(outbound.OutboundError) as info:
                await outbound.call(
                    session,
                    "POST",
                    f"https://127.0.0.1:{port}/xvia/v1/message",
                    [(b"x-secret", b"signed descriptor")],
                    _spool(b"secret body"),
                    connect_timeout=2,
                    timeout=2,
                    response_spool=_answer_spool,
                    too_large=RuntimeError(),
                )
            await asyncio.sleep(0.2)
        finally:
            await session.close()
            server.close()
        return info.value.stage, seen

    stage, seen = world.loop.run(scenario())
    assert stage == "connect"  # so the client proxy may try the provider's next server
    assert seen and seen[0][1]  # the check saw the peer's certificate
    assert b"secret" not in b"".join(received)


def test_a_peer_that_stops_reading_times_out_instead_of_hanging(world):
    async def scenario():
        release = asyncio.Event()

        async def handle(reader, writer):
            await release.wait()  # accepts, never reads
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        session = outbound.backend_session(4)
        body = _spool(b"x" * (32 * 1024 * 1024), threshold=1024)  # more than the socket buffers hold
        try:
            with pytest.raises(outbound.OutboundError) as info:
                await outbound.call(
                    session,
                    "POST",
                    f"http://127.0.0.1:{port}/x",
                    [],
                    body,
                    connect_timeout=1,
                    timeout=0.5,
                    response_spool=_answer_spool,
                    too_large=RuntimeError(),
                )
        finally:
            release.set()
            body.close()
            await session.close()
            server.close()
            await asyncio.sleep(0.05)
        return info.value.stage

    assert world.loop.run(scenario(), timeout=30) == "timeout"


def test_header_bytes_reach_the_backend_unchanged_and_nothing_is_added(world):
    purpose = "Pré-preenchimento de requerimento".encode()
    r = httpx.request(
        "GET",
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/veiculos/veiculos/X"),
        headers=CLIENT | {"X-VIA-Data-Subject": CPF, "X-VIA-Purpose": purpose, "Accept": "application/json"},
        content=b"abc",
    )
    assert r.status_code == 200, r.text
    seen = r.json()["headers"]
    assert seen["x-via-purpose"].encode("latin-1") == purpose
    assert seen["accept"] == "application/json" and seen["content-length"] == "3"
    assert "user-agent" not in seen and "content-type" not in seen and "accept-encoding" in seen


def test_header_values_that_are_not_utf8_are_refused_before_signing(world):
    r = httpx.post(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/echo/echo"),
        headers=[*CLIENT.items(), ("X-Custom", "caf\xe9".encode("latin-1"))],
        content=b"x",
    )
    assert r.status_code == 400 and fault_of(r) == "Client.BadRequest"
    assert "x-custom" in r.json()["message"]  # names the header to fix
