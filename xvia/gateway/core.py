"""The gateway's shared state: settings, keys, configuration, store, connection pools, metrics."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import ssl
import time
from pathlib import Path

import aiohttp
from cryptography import x509

from xvia.protocol.certs import (
    CertificateError,
    cert_sha256_hex,
    certificate_der,
    load_certificate,
    load_certificates,
    load_private_key,
    utcnow,
)
from xvia.protocol.globalconf import GlobalConf, format_time, parse_anchor

from .confstate import ConfManager, ConfView
from .errors import CLIENT_PROXY, XRoadFault, client_fault
from .metrics import Metrics
from .outbound import backend_session, peer_session
from .settings import Settings
from .spool import SpoolBudget
from .store import Store
from .tls import peer_client_context

log = logging.getLogger("xvia.gateway")


class Gateway:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server_id = settings.server_id
        self.auth_cert = load_certificate(settings.auth_cert_file.read_bytes())
        self.sign_key = load_private_key(settings.sign_key_file.read_bytes())
        self.sign_cert = load_certificate(settings.sign_cert_file.read_bytes())
        self.sign_cert_der = certificate_der(self.sign_cert)
        load_private_key(settings.auth_key_file.read_bytes())  # fail early on a broken key file
        self.metrics = Metrics()
        settings.spool_dir.mkdir(parents=True, exist_ok=True)
        self.spool_budget = SpoolBudget(settings.limits.max_spool_bytes_in_flight)
        self.store = Store(
            settings.store_file,
            server_id=str(settings.server_id),
            sign_key=self.sign_key,
            sign_cert_der=self.sign_cert_der,
            body_key=settings.body_key,
            batch_max=settings.log_batch_max,
        )
        self.confs = ConfManager(
            parse_anchor(settings.anchor_file.read_bytes()),
            settings.store_file.parent / "globalconf.jws",
            refresh_seconds=settings.globalconf_refresh_seconds,
            fetch_timeout=settings.globalconf_fetch_timeout,
            on_new_version=lambda conf, doc: self.store.store_globalconf(conf.version, doc),
            min_version=self.store.highest_globalconf_version(),
        )
        self.is_fingerprints: dict = {}
        for cid, cs in settings.clients.items():
            fps = set()
            for path in cs.certificate_files:
                fps.update(cert_sha256_hex(c) for c in load_certificates(path.read_bytes()))
            self.is_fingerprints[cid] = frozenset(fps)
        # aiohttp sessions belong to the running loop: created on first use (see peer()/backend())
        self._peer_session: aiohttp.ClientSession | None = None
        self._peer_factory = None
        self._old_sessions: list[tuple[float, aiohttp.ClientSession]] = []
        self._backend_session: aiohttp.ClientSession | None = None
        self.server_ssl: ssl.SSLContext | None = None
        self.confs.add_listener(self._on_conf)
        self.tasks: list[asyncio.Task] = []

    # --- configuration-dependent resources -------------------------------------------------

    def _on_conf(self, view: ConfView) -> None:
        conf = view.conf
        if self.server_ssl is not None:
            from .tls import ca_bundle

            self.server_ssl.load_verify_locations(cadata=ca_bundle(conf))
        if self._peer_session is not None:
            self._old_sessions.append((time.monotonic(), self._peer_session))
            self._peer_session = None
        ctx = peer_client_context(self.settings.auth_cert_file, self.settings.auth_key_file, conf)
        self._peer_factory = lambda v=view: peer_session(
            ctx,
            lambda address, der: self._check_peer(v, address, der),
            self.settings.limits.max_connections_per_peer,
        )
        self.metrics.gauges["xvia_globalconf_version"] = conf.version
        self.metrics.gauges["xvia_globalconf_expires_timestamp_seconds"] = conf.expires_at.timestamp()

    def _check_peer(self, view: ConfView, address: str, der: bytes) -> None:
        """The provider server at ``address`` must show an auth certificate listed for it."""
        expected = view.servers_by_address.get(address)
        try:
            server = view.peer_server(der)
        except CertificateError as exc:
            raise CertificateError(f"peer certificate rejected: {exc}") from exc
        if expected is None or server.id != expected.id:
            raise CertificateError("peer certificate belongs to another security server")

    def peer(self) -> aiohttp.ClientSession:
        """The pool of connections to other security servers for the current configuration."""
        if self._peer_session is None:
            self._peer_session = self._peer_factory()
        return self._peer_session

    def backend(self) -> aiohttp.ClientSession:
        if self._backend_session is None:
            self._backend_session = backend_session(self.settings.limits.max_connections_per_peer * 4)
        return self._backend_session

    async def close_old_pools(self, *, everything: bool = False) -> None:
        """Close the peer pools of replaced configuration versions once their calls can have ended."""
        limits = self.settings.limits
        cutoff = time.monotonic() - (limits.connect_timeout + limits.peer_timeout + 5)
        keep = []
        for replaced_at, session in self._old_sessions:
            if everything or replaced_at < cutoff:
                with contextlib.suppress(Exception):
                    await session.close()
            else:
                keep.append((replaced_at, session))
        self._old_sessions = keep

    async def close_pools(self) -> None:
        for session in (self._peer_session, self._backend_session):
            if session is not None:
                with contextlib.suppress(Exception):
                    await session.close()
        self._peer_session = self._backend_session = None
        await self.close_old_pools(everything=True)

    def my_clients(self, conf: GlobalConf) -> tuple:
        me = conf.servers_by_id.get(self.server_id)
        return me.clients if me else ()

    # --- IS connection modes -------------------------------------------------------------

    def check_is_connection(self, scope, client) -> None:
        """Enforce the client subsystem's connection mode: http, https or mtls with an allow-list.

        A subsystem missing from the local settings gets ``[clients] unlisted``: refused by
        default, so a server whose subsystems use https or mtls cannot be called in the name of
        another of its subsystems through the plain-HTTP listener."""
        cs = self.settings.clients.get(client)
        mode = cs.connection if cs else self.settings.unlisted_clients
        if mode == "refuse":
            raise client_fault("UnknownMember", "client_not_configured", client=client)
        if mode == "http":
            return
        if scope.get("scheme") != "https":
            raise XRoadFault(CLIENT_PROXY, "SslAuthenticationFailed", "is_https_required", client=client)
        if mode == "mtls":
            der = ((scope.get("extensions") or {}).get("tls") or {}).get("client_cert_der")
            if (
                not der
                or cert_sha256_hex(x509.load_der_x509_certificate(der)) not in self.is_fingerprints[client]
            ):
                raise XRoadFault(
                    CLIENT_PROXY, "SslAuthenticationFailed", "is_certificate_not_allowed", client=client
                )

    # --- health ----------------------------------------------------------------------------

    async def health(self) -> tuple[bool, dict]:
        """Each check is "ok" (for machines) or a Portuguese sentence for the operator."""
        checks: dict[str, str] = {}
        conf = self.confs.conf
        if conf is None:
            checks["globalconf"] = "configuração global ainda não obtida"
        elif conf.is_expired():
            checks["globalconf"] = f"configuração global vencida em {format_time(conf.expires_at)}"
        else:
            checks["globalconf"] = "ok"
        now = utcnow()
        for name, cert in (("auth_certificate", self.auth_cert), ("sign_certificate", self.sign_cert)):
            if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
                checks[name] = "certificado fora do período de validade"
            elif conf is not None:
                try:
                    conf.trust_store.validate(cert)
                    checks[name] = "ok"
                except CertificateError as exc:
                    log.warning("%s not trusted: %s", name, exc)
                    checks[name] = "certificado não confiável segundo a configuração global (detalhes no log)"
            else:
                checks[name] = "ok"
        if conf is not None and cert_sha256_hex(self.auth_cert) not in getattr(
            conf.servers_by_id.get(self.server_id), "auth_certificate_sha256", ()
        ):
            checks["auth_certificate"] = "certificado não registrado na configuração global"
        try:
            await asyncio.wait_for(self.store.read("SELECT 1"), 2)
            checks["store"] = "falhas ao gravar no armazenamento" if self.store.failed else "ok"
        except Exception as exc:  # any store failure makes the server unhealthy
            log.warning("store health check failed: %r", exc)
            checks["store"] = "armazenamento não respondeu (detalhes no log)"
        return all(v == "ok" for v in checks.values()), checks

    def now_text(self) -> str:
        return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_openapi(path: Path | None) -> tuple[bytes, bytes] | None:
    if path is None or not path.is_file():
        return None
    ctype = b"application/json" if path.suffix == ".json" else b"text/yaml"
    return path.read_bytes(), ctype
