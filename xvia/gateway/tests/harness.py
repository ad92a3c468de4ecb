"""A small world for gateway tests and the benchmark: CA, TSA, central stand-in, backend, two gateways.

Everything runs in one background event loop on 127.0.0.1 random ports, with real TLS.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from pathlib import Path

import uvicorn

from xvia.gateway.app import Runner, start_uvicorn
from xvia.gateway.faulttexts import is_known
from xvia.gateway.settings import load_settings
from xvia.protocol import testing
from xvia.protocol.certs import certificate_pem, generate_private_key, private_key_pem

SEFAZ = "MT/GOV/03507415000178"
DETRAN = "MT/GOV/03507415000144"
CPF = "529.982.247-25"


def fault_of(response) -> str:
    """The X-Road fault type of a security server's answer, after checking its shape (PR-REST
    4.6: JSON ``{type, message, detail}``, the ``X-Road-Error`` header) and that its message is
    one of the gateway's Portuguese texts."""
    doc = response.json()
    assert response.headers["x-road-error"] == doc["type"]
    assert set(doc) == {"type", "message", "detail"}
    assert response.headers["content-type"].startswith("application/json")
    assert is_known(doc["message"]), doc["message"]
    assert response.status_code == (500 if doc["type"].startswith("Server.") else 400)
    return doc["type"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def _read_body(receive) -> bytes:
    body, more = b"", True
    while more:
        msg = await receive()
        body += msg.get("body", b"")
        more = msg.get("more_body", False)
    return body


def backend_app(world):
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        path = scope["path"]
        body = await _read_body(receive)
        headers = [
            (b"content-type", b"application/json"),
            (b"server", b"backend/1.0"),
            (b"x-road-request-hash", b"forged"),
            (b"x-backend", b"yes"),
        ]
        status = 200
        if path.startswith("/slow"):
            world.slow_started.set()
            await asyncio.sleep(
                float(
                    dict(h.split("=") for h in scope["query_string"].decode().split("&") if "=" in h).get(
                        "s", "30"
                    )
                )
            )
            out = b"{}"
        elif path.startswith("/redirect"):
            status, out = 302, b""
            headers = [(b"location", b"http://example.invalid/elsewhere")]
        elif path.startswith("/big"):
            n = int(scope["query_string"].decode().split("=")[1])
            headers = [(b"content-type", b"application/octet-stream")]
            out = b"x" * n
        elif path.startswith("/echo"):
            ctype = dict(scope["headers"]).get(b"content-type", b"application/octet-stream")
            headers = [(b"content-type", ctype)]
            out = body
        else:
            out = json.dumps(
                {
                    "method": scope["method"],
                    "path": path,
                    "query": scope["query_string"].decode(),
                    "headers": {k.decode(): v.decode("latin-1") for k, v in scope["headers"]},
                    "body_length": len(body),
                }
            ).encode()
        headers.append((b"content-length", str(len(out)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": out})

    return app


def central_app(world):
    tsa_app = world.tsa.asgi_app()

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        if scope["path"] == "/tsa":
            await tsa_app(scope, receive, send)
            return
        await _read_body(receive)
        body = world.conf_doc or b""
        status = 200 if world.conf_doc and world.central_up else 503
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/jose"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


class World:
    """Two agencies, SEFAZ (client, also provides a service) and DETRAN (provider)."""

    def __init__(
        self, base: Path, *, body_key: bool = False, limits: dict | None = None, start: bool = True
    ) -> None:
        self.base = base
        self.loop = LoopThread()
        self.ca = testing.TestCA()
        self.tsa = testing.TestTSA(self.ca)
        self.central_port, self.backend_port = free_port(), free_port()
        self.central = testing.TestCentral(
            url=f"http://127.0.0.1:{self.central_port}/xvia/globalconf/v1/shared"
        )
        self.conf_doc: bytes | None = None
        self.central_up = True
        self.version = 0
        self.slow_started = asyncio.Event()
        self.uvicorns = []
        self.gw_ports = {}
        self.dirs = {}
        self.limits = limits or {}
        self.body_key = body_key
        # client subsystems listed in each gateway's settings; ``unlisted_clients`` (None: the
        # default, refuse) is written as ``[clients] unlisted`` when set
        self.clients = {"sefaz": [f"{SEFAZ}/ARRECADACAO", f"{SEFAZ}/OUTRO"], "detran": [f"{DETRAN}/VEICULOS"]}
        self.unlisted_clients: str | None = None
        self._setup_gateway("sefaz", SEFAZ, "SEFAZ-MT")
        self._setup_gateway("detran", DETRAN, "DETRAN-MT")
        self.anchor = base / "anchor.json"
        self.anchor.write_bytes(self.central.anchor_bytes())
        self.publish()
        self.runners = {}
        if start:
            self.loop.run(self._start_infra())
            for name in ("sefaz", "detran"):
                self.start_gateway(name)

    # --- keys and settings ---------------------------------------------------------------

    def _setup_gateway(self, name: str, member: str, org: str) -> None:
        d = self.base / name
        d.mkdir(parents=True)
        self.dirs[name] = d
        self.gw_ports[name] = {"client": free_port(), "server": free_port()}
        auth_key, sign_key = generate_private_key(), generate_private_key()
        auth_cert = self.ca.issue(
            auth_key.public_key(),
            common_name=f"ss-{name}",
            serial_number=f"{member}/ss-{name}",
            kind="auth",
            sans=("127.0.0.1",),
        )
        sign_cert = self.ca.issue(sign_key.public_key(), common_name=org, serial_number=member, org=org)
        for fname, data in (
            ("auth.key.pem", private_key_pem(auth_key)),
            ("sign.key.pem", private_key_pem(sign_key)),
            ("auth.cert.pem", certificate_pem(auth_cert).encode()),
            ("sign.cert.pem", certificate_pem(sign_cert).encode()),
        ):
            (d / fname).write_bytes(data)
        setattr(self, f"{name}_auth", (auth_key, auth_cert))
        setattr(self, f"{name}_sign", (sign_key, sign_cert))

    def write_settings(self, name: str, extra: str = "") -> Path:
        d, ports = self.dirs[name], self.gw_ports[name]
        limits = {
            "connect_timeout": 2,
            "peer_timeout": 10,
            "spool_threshold_bytes": 65536,
            "max_request_bytes": 4 * 1024 * 1024,
        } | self.limits
        backend = f"http://127.0.0.1:{self.backend_port}"
        services = ""
        if name == "detran":
            services = f"""
[[services]]
id = "{DETRAN}/VEICULOS/veiculos"
url = "{backend}"
openapi = "openapi.json"

[[services]]
id = "{DETRAN}/VEICULOS/echo"
url = "{backend}"
timeout = 1

[[services]]
id = "{DETRAN}/VEICULOS/down"
url = "http://127.0.0.1:{free_port()}"
"""
            (d / "openapi.json").write_text(
                '{"openapi": "3.0.0", "info": {"title": "Veiculos", "version": "1"}}'
            )
        else:
            services = f"""
[[services]]
id = "{SEFAZ}/ARRECADACAO/certidao"
url = "{backend}"
"""
        key_line = ""
        if self.body_key:
            import base64
            import os

            (d / "body.key").write_text(base64.b64encode(os.urandom(32)).decode())
            key_line = 'body_key_file = "body.key"'
        clients = "".join(f'[clients."{cid}"]\nconnection = "http"\n\n' for cid in self.clients[name])
        if self.unlisted_clients is not None:
            clients = f'[clients]\nunlisted = "{self.unlisted_clients}"\n\n' + clients
        text = f"""
server_id = "SERVER:{SEFAZ if name == "sefaz" else DETRAN}/ss-{name}"
anchor = "{self.anchor}"
store = "store.db"

[client_side]
http_listen = "127.0.0.1:{ports["client"]}"

[server_side]
listen = "127.0.0.1:{ports["server"]}"

[limits]
{chr(10).join(f"{k} = {v}" for k, v in limits.items())}

[globalconf]
refresh_seconds = 3600

[messagelog]
seal_interval_seconds = 3600
{key_line}
{services}
{clients}
{extra}
"""
        path = d / "gateway.toml"
        path.write_text(text)
        return path

    def start_gateway(self, name: str, extra: str = "") -> Runner:
        runner = Runner(load_settings(self.write_settings(name, extra)))
        self.loop.run(runner.start())
        self.runners[name] = runner
        return runner

    def stop_gateway(self, name: str) -> None:
        self.loop.run(self.runners.pop(name).stop())

    # --- global configuration ---------------------------------------------------------------

    def payload(self, **overrides) -> dict:
        fp = testing.fingerprint
        base = {
            "version": self.version,
            "cas": [self.ca.trust_entry()],
            "tsas": [testing.tsa_entry(self.tsa, f"http://127.0.0.1:{self.central_port}/tsa")],
            "members": [
                {
                    "id": SEFAZ,
                    "name": "SEFAZ",
                    "subsystems": [
                        {"id": f"{SEFAZ}/ARRECADACAO", "name": "Arrecadação"},
                        {"id": f"{SEFAZ}/OUTRO", "name": "Outro"},
                    ],
                },
                {
                    "id": DETRAN,
                    "name": "DETRAN",
                    "subsystems": [{"id": f"{DETRAN}/VEICULOS", "name": "Veículos", "message_log": "full"}],
                },
            ],
            "security_servers": [
                {
                    "id": f"SERVER:{SEFAZ}/ss-sefaz",
                    "owner": SEFAZ,
                    "address": f"127.0.0.1:{self.gw_ports['sefaz']['server']}",
                    "auth_certificate_sha256": [fp(self.sefaz_auth[1])],
                    "clients": [f"{SEFAZ}/ARRECADACAO", f"{SEFAZ}/OUTRO"],
                },
                {
                    "id": f"SERVER:{DETRAN}/ss-detran",
                    "owner": DETRAN,
                    "address": f"127.0.0.1:{self.gw_ports['detran']['server']}",
                    "auth_certificate_sha256": [fp(self.detran_auth[1])],
                    "clients": [f"{DETRAN}/VEICULOS"],
                },
            ],
            "services": [
                {
                    "id": f"{DETRAN}/VEICULOS/veiculos",
                    "title": "Veículos",
                    "personal_data": True,
                    "openapi_sha256": "0" * 64,
                    "endpoints": [{"method": "GET", "path": "/veiculos/{placa}"}],
                },
                {
                    "id": f"{DETRAN}/VEICULOS/echo",
                    "title": "Eco",
                    "personal_data": False,
                    "endpoints": [{"method": "POST", "path": "/echo"}, {"method": "GET", "path": "/slow"}],
                },
                {"id": f"{DETRAN}/VEICULOS/down", "title": "Fora do ar", "endpoints": []},
                {"id": f"{SEFAZ}/ARRECADACAO/certidao", "title": "Certidão", "endpoints": []},
            ],
            "global_groups": [{"id": "MT/basica", "description": "", "members": [f"{SEFAZ}/ARRECADACAO"]}],
            "access_rights": [
                {
                    "service": f"{DETRAN}/VEICULOS/veiculos",
                    "subject": f"{SEFAZ}/ARRECADACAO",
                    "method": "GET",
                    "path": "/veiculos/{placa}",
                },
                {
                    "service": f"{DETRAN}/VEICULOS/echo",
                    "subject": "GROUP:MT/basica",
                    "method": "*",
                    "path": "**",
                },
                {
                    "service": f"{DETRAN}/VEICULOS/down",
                    "subject": f"{SEFAZ}/ARRECADACAO",
                    "method": "*",
                    "path": "**",
                },
                {
                    "service": f"{SEFAZ}/ARRECADACAO/certidao",
                    "subject": f"{SEFAZ}/ARRECADACAO",
                    "method": "GET",
                    "path": "**",
                },
            ],
        }
        base.update(overrides)
        return testing.globalconf_payload(**base)

    def publish(self, **overrides) -> bytes:
        self.version += 1
        self.conf_doc = self.central.sign(self.payload(**overrides))
        return self.conf_doc

    async def _start_infra(self) -> None:
        for app, port in ((central_app(self), self.central_port), (backend_app(self), self.backend_port)):
            config = uvicorn.Config(
                app,
                host="127.0.0.1",
                port=port,
                lifespan="off",
                log_level="warning",
                access_log=False,
                loop="none",
            )
            self.uvicorns.append(await start_uvicorn(config))

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.gw_ports[name]['client']}{path}"

    def close(self) -> None:
        for name in list(self.runners):
            self.stop_gateway(name)

        async def _stop():
            for server in self.uvicorns:
                await server.shutdown()

        self.loop.run(_stop())
        self.loop.stop()
