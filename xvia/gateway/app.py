"""Wiring: the two ASGI apps (IS-facing and peer-facing), background tasks and uvicorn servers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging

import httpx
import uvicorn

from xvia.protocol import tsp
from xvia.protocol.globalconf import GlobalConfError, format_time, parse_time
from xvia.protocol.identifiers import ClientId, IdentifierError
from xvia.protocol.messagelog import seal_imprint

from .archive import run_archiver
from .clientproxy import ClientProxy
from .confstate import FetchError, fetch_bounded
from .core import Gateway
from .errors import CLIENT_PROXY, XRoadFault, client_fault, send_fault
from .headers import single
from .headguard import guarded_protocol, peer_head_limit
from .serverproxy import ServerProxy
from .settings import Settings, parse_listen
from .tls import client_side_context, server_side_context
from .tracker import run_tracker

log = logging.getLogger("xvia.gateway")


async def _send_json(send, status: int, doc, content_type: bytes = b"application/json;charset=utf-8") -> None:
    body = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def client_side_app(gw: Gateway):
    proxy = ClientProxy(gw)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        path = scope["path"]
        if path.startswith("/r1/"):
            await proxy.handle(scope, receive, send)
        elif path == "/health":
            ok, checks = await gw.health()
            await _send_json(send, 200 if ok else 503, {"status": "ok" if ok else "fail", "checks": checks})
        elif path == "/metrics":
            gw.metrics.gauges["xvia_spool_bytes_in_flight"] = gw.spool_budget.used
            await _send_json(send, 200, gw.metrics.render(), b"text/plain; version=0.0.4; charset=utf-8")
        elif path == "/xvia/opmon":
            try:
                await _send_json(send, 200, await opmon_query(gw, scope))
            except XRoadFault as fault:
                await send_fault(send, fault)
        else:
            await send_fault(send, client_fault("BadRequest", "unknown_path"))

    return app


async def opmon_query(gw: Gateway, scope) -> dict:
    """Operational records of the calling subsystem (as client or as provider), newest first."""
    view = gw.confs.require(CLIENT_PROXY)
    text, dup = single(scope["headers"], b"x-road-client")
    try:
        client = ClientId.parse((text or "").strip(), encoded=True, require_subsystem=True)
    except IdentifierError:
        raise client_fault("InvalidClientIdentifier", "opmon_client_malformed") from None
    if dup or client not in gw.my_clients(view.conf):
        raise client_fault("UnknownMember", "opmon_client_unknown")
    gw.check_is_connection(scope, client)
    from urllib.parse import parse_qs

    q = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    try:
        since = format_time(parse_time(q.get("since", ["1970-01-01T00:00:00Z"])[0], "since"))
        until = format_time(parse_time(q.get("until", ["9999-12-31T00:00:00Z"])[0], "until"))
        limit = max(1, min(int(q.get("limit", ["100"])[0]), 1000))
    except (GlobalConfError, ValueError):
        raise client_fault("BadRequest", "opmon_query_invalid") from None
    rows = await gw.store.read(
        "SELECT side, message_id, request_id, client, service, method, started_at, ended_at, request_size, "
        "response_size, status, succeeded, fault_type FROM opmon_record "
        "WHERE (client = ? OR service LIKE ? ESCAPE '\\') AND started_at >= ? AND started_at < ? "
        "ORDER BY id DESC LIMIT ?",
        (str(client), str(client).replace("%", "\\%").replace("_", "\\_") + "/%", since, until, limit),
    )
    keys = (
        "side",
        "message_id",
        "request_id",
        "client",
        "service",
        "method",
        "started_at",
        "ended_at",
        "request_size",
        "response_size",
        "status",
        "succeeded",
        "fault_type",
    )
    return {"records": [dict(zip(keys, row, strict=True)) | {"succeeded": bool(row[11])} for row in rows]}


def server_side_app(gw: Gateway):
    proxy = ServerProxy(gw)

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        await proxy.handle(scope, receive, send)

    return app


MAX_TSA_REPLY_BYTES = 1024 * 1024  # an RFC 3161 reply is a few KiB; more is a broken or hostile TSA


async def seal_and_stamp(gw: Gateway, client: httpx.AsyncClient) -> int:
    """Seal the records written since the last seal, then time-stamp every unstamped seal."""
    await gw.store.make_seal()
    conf = gw.confs.conf
    rows = await gw.store.read(
        "SELECT id, seal FROM mlog_seal WHERE timestamp_token IS NULL ORDER BY id LIMIT 100"
    )
    stamped = 0
    if conf is None or not conf.tsas:
        gw.metrics.gauges["xvia_messagelog_unstamped_seals"] = len(rows)
        return 0
    listed_tsas = [t.certificate for t in conf.tsas]  # only these may sign a token
    for seal_id, seal in rows:
        imprint = seal_imprint(bytes(seal))
        for tsa in conf.tsas:
            try:
                query, nonce = tsp.build_request(imprint)
                reply = await fetch_bounded(
                    client,
                    "POST",
                    tsa.url,
                    limit=MAX_TSA_REPLY_BYTES,
                    content=query,
                    headers={"content-type": tsp.CONTENT_TYPE_QUERY},
                    timeout=10,
                )
                token = tsp.verify_response(
                    reply,
                    digest=imprint,
                    nonce=nonce,
                    trust=conf.trust_store,
                    tsa_certificates=listed_tsas,
                )
            except (httpx.HTTPError, FetchError, tsp.TimestampError) as exc:
                log.warning("time-stamping with %s failed: %s", tsa.name, exc)
                continue
            await gw.store.set_timestamp(seal_id, token.token_der, format_time(token.gen_time))
            stamped += 1
            break
        else:
            break  # no TSA answered: keep the rest for the next round (traffic is not blocked)
    gw.metrics.gauges["xvia_messagelog_unstamped_seals"] = len(rows) - stamped
    return stamped


async def run_sealer(gw: Gateway) -> None:
    async with httpx.AsyncClient(follow_redirects=False) as client:
        while True:
            await asyncio.sleep(gw.settings.seal_interval_seconds)
            try:
                await seal_and_stamp(gw, client)
                await gw.close_old_pools()
            except Exception:
                log.exception("message-log sealing failed; will retry")


def _uvicorn_config(
    app, listen: str, ssl_context=None, *, limit_concurrency: int | None = None, protocol: type
) -> uvicorn.Config:
    host, port = parse_listen(listen)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,  # a headguard.HeadGuardProtocol: size and time limits on request heads
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        loop="none",
        proxy_headers=False,
        timeout_graceful_shutdown=5,
        # connections plus requests in progress; beyond it uvicorn answers 503 at once instead of
        # letting memory and spool files grow without bound
        limit_concurrency=limit_concurrency,
    )
    config.load()
    config.ssl = ssl_context
    return config


async def start_uvicorn(config: uvicorn.Config) -> uvicorn.Server:
    """Start a uvicorn server inside the running loop (several share one loop and one process)."""
    server = uvicorn.Server(config)
    if not config.loaded:
        config.load()
    server.lifespan = config.lifespan_class(config)
    await server.startup()
    return server


class Runner:
    """Starts the gateway's servers and background tasks in the running event loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gw = Gateway(settings)
        self.servers: list[uvicorn.Server] = []
        self.tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        gw, s = self.gw, self.settings
        gw.confs.load_cached()
        async with httpx.AsyncClient(follow_redirects=False) as client:
            await gw.confs.fetch_once(client)
        gw.server_ssl = server_side_context(s.auth_cert_file, s.auth_key_file, gw.confs.conf)
        lim = s.limits
        conc = lim.limit_concurrency
        peer_proto = guarded_protocol(
            max_head_bytes=peer_head_limit(lim.max_header_bytes),
            head_timeout=lim.header_timeout,
            peer_side=True,
        )
        is_proto = guarded_protocol(
            max_head_bytes=lim.max_header_bytes, head_timeout=lim.header_timeout, peer_side=False
        )
        configs = [
            _uvicorn_config(
                server_side_app(gw),
                s.server_listen,
                gw.server_ssl,
                limit_concurrency=conc,
                protocol=peer_proto,
            )
        ]
        if s.client_http_listen:
            configs.append(
                _uvicorn_config(
                    client_side_app(gw), s.client_http_listen, limit_concurrency=conc, protocol=is_proto
                )
            )
        if s.client_https_listen:
            allowed = [p for c in s.clients.values() for p in c.certificate_files]
            ctx = client_side_context(
                s.client_tls_cert_file or s.auth_cert_file, s.client_tls_key_file or s.auth_key_file, allowed
            )
            configs.append(
                _uvicorn_config(
                    client_side_app(gw), s.client_https_listen, ctx, limit_concurrency=conc, protocol=is_proto
                )
            )
        self.servers = [await start_uvicorn(c) for c in configs]
        self.tasks = [asyncio.create_task(gw.confs.run()), asyncio.create_task(run_sealer(gw))]
        self.tasks.append(asyncio.create_task(run_tracker(gw)))  # data tracker (ADR 0037)
        self.tasks.append(asyncio.create_task(run_archiver(gw)))  # message-log archive, opmon retention

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        gw = self.gw
        await gw.close_pools()
        for server in self.servers:
            await server.shutdown()
        with contextlib.suppress(Exception):
            async with httpx.AsyncClient() as client:
                await seal_and_stamp(gw, client)
        gw.store.close()


async def serve(settings: Settings) -> None:
    runner = Runner(settings)
    await runner.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    log.info("X-VIA security server %s running", settings.server_id)
    await stop.wait()
    await runner.stop()


def utcnow_text() -> str:
    return format_time(dt.datetime.now(dt.UTC))
