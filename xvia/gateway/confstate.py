"""Global configuration at run time: fetched from the anchor's sources, verified, cached on disk,
refreshed in the background; traffic refused once the held copy has expired.

Everything derived from one version (trust decisions about certificates, the peer connection
pool) is cached in a ``ConfView`` and thrown away when a new version arrives, so the request path
never re-parses JSON or re-validates a known certificate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import httpx
from cryptography import x509

from xvia.protocol.certs import (
    CertificateError,
    cert_sha256_hex,
    load_certificate,
    member_id_from_signing_cert,
    server_id_from_auth_cert,
    utcnow,
)
from xvia.protocol.globalconf import (
    Anchor,
    GlobalConf,
    GlobalConfError,
    GlobalConfExpired,
    SecurityServer,
    verify_configuration,
)
from xvia.protocol.identifiers import ClientId

from .errors import XRoadFault

log = logging.getLogger("xvia.gateway.conf")

# A published document is a few hundred KiB at most; a source that sends more is refused while
# reading, so a compromised or broken mirror cannot exhaust memory.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class ConfView:
    """One verified configuration version plus the caches derived from it."""

    def __init__(self, conf: GlobalConf) -> None:
        self.conf = conf
        self._signers: dict[bytes, tuple[ClientId, x509.Certificate]] = {}
        self._peers: dict[bytes, tuple[SecurityServer, x509.Certificate]] = {}
        self.servers_by_fingerprint: dict[str, SecurityServer] = {}
        self.servers_by_address: dict[str, SecurityServer] = {}
        for server in conf.security_servers:
            for fp in server.auth_certificate_sha256:
                self.servers_by_fingerprint[fp] = server
            self.servers_by_address[server.address] = server

    def signer(self, der: bytes) -> tuple[ClientId, x509.Certificate]:
        """Member id and certificate of a signing certificate, validated once per version."""
        hit = self._signers.get(der)
        if hit is not None:
            cert = hit[1]
            if not (cert.not_valid_before_utc <= utcnow() <= cert.not_valid_after_utc):
                raise CertificateError("signing certificate outside its validity period")
            return hit
        cert = load_certificate(der)
        self.conf.trust_store.validate(cert)
        result = (member_id_from_signing_cert(cert), cert)
        if len(self._signers) < 10000:
            self._signers[der] = result
        return result

    def peer_server(self, der: bytes) -> SecurityServer:
        """The security server an authentication certificate belongs to (listed, trusted, named)."""
        hit = self._peers.get(der)
        if hit is not None:
            cert = hit[1]
            # the cache outlives a certificate that expires while this version is held
            if not (cert.not_valid_before_utc <= utcnow() <= cert.not_valid_after_utc):
                raise CertificateError("authentication certificate outside its validity period")
            return hit[0]
        cert = load_certificate(der)
        server = self.servers_by_fingerprint.get(cert_sha256_hex(cert))
        if server is None:
            raise CertificateError("authentication certificate not registered for any security server")
        self.conf.trust_store.validate(cert)
        if server_id_from_auth_cert(cert) != server.id:
            raise CertificateError("authentication certificate names another server")
        if len(self._peers) < 10000:
            self._peers[der] = (server, cert)
        return server


class ConfManager:
    def __init__(
        self,
        anchor: Anchor,
        cache_file: Path,
        *,
        refresh_seconds: float | None = None,
        fetch_timeout: float = 10.0,
        on_new_version: Callable[[GlobalConf, bytes], object] | None = None,
        min_version: int | None = None,
    ) -> None:
        """``min_version``: the highest version this server ever held (the store's
        ``globalconf_history``), so deleting the disk cache cannot roll the configuration back."""
        self.anchor = anchor
        self.min_version = min_version
        self.cache_file = Path(cache_file)
        self.refresh_seconds = refresh_seconds
        self.fetch_timeout = fetch_timeout
        self.on_new_version = on_new_version
        self.view: ConfView | None = None
        self.last_error: str | None = None
        self._listeners: list[Callable[[ConfView], None]] = []

    def add_listener(self, listener: Callable[[ConfView], None]) -> None:
        self._listeners.append(listener)

    @property
    def conf(self) -> GlobalConf | None:
        return self.view.conf if self.view else None

    def is_valid(self) -> bool:
        return self.view is not None and not self.view.conf.is_expired()

    def require(self, prefix: str) -> ConfView:
        """The current view, or the OutdatedGlobalConf fault (PR-REST example 5)."""
        view = self.view
        if view is None or view.conf.is_expired():
            raise XRoadFault(prefix, "OutdatedGlobalConf", "globalconf_outdated")
        return view

    def load_cached(self) -> bool:
        """Adopt the on-disk copy if authentic (even expired: it still says who we are)."""
        try:
            document = self.cache_file.read_bytes()
        except OSError:
            return False
        try:
            conf = verify_configuration(
                document, self.anchor, allow_expired=True, min_version=self.min_version
            )
        except GlobalConfError as exc:
            log.warning("cached global configuration rejected: %s", exc)
            return False
        self._adopt(conf, document)
        return True

    def accept(self, document: bytes) -> bool:
        """Verify and adopt a document; return True when it replaced the held one."""
        current = self.conf
        floors = [v for v in (self.min_version, current.version if current else None) if v is not None]
        conf = verify_configuration(document, self.anchor, min_version=max(floors, default=None))
        if current and conf.version == current.version and conf.expires_at <= current.expires_at:
            return False
        tmp = self.cache_file.with_suffix(".tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(document)
        os.replace(tmp, self.cache_file)
        self._adopt(conf, document)
        return True

    def _adopt(self, conf: GlobalConf, document: bytes) -> None:
        self.min_version = max(self.min_version or 0, conf.version)
        changed = self.view is None or self.view.conf.version != conf.version
        self.view = ConfView(conf)
        for listener in self._listeners:
            listener(self.view)
        if changed and self.on_new_version is not None:
            result = self.on_new_version(conf, document)
            if asyncio.iscoroutine(result):
                asyncio.ensure_future(result)  # noqa: RUF006 - fire and forget, the store logs errors

    def source_urls(self) -> list[str]:
        return [s.url for s in self.anchor.sources]

    async def fetch_once(self, client: httpx.AsyncClient) -> bool:
        errors = []
        for url in self.source_urls():
            try:
                document = await fetch_bounded(
                    client, "GET", url, limit=MAX_DOCUMENT_BYTES, timeout=self.fetch_timeout
                )
                updated = self.accept(document)
                self.last_error = None
                return updated
            except (httpx.HTTPError, GlobalConfError, FetchError) as exc:
                if isinstance(exc, GlobalConfExpired):
                    errors.append(f"{url}: expired document")
                else:
                    errors.append(f"{url}: {exc}")
        self.last_error = "; ".join(errors) or "no source"
        log.warning("global configuration refresh failed: %s", self.last_error)
        return False

    def interval(self) -> float:
        if self.refresh_seconds:
            return float(self.refresh_seconds)
        return float(self.conf.refresh_interval_seconds) if self.conf else 10.0

    async def run(self) -> None:
        async with httpx.AsyncClient(follow_redirects=False) as client:
            while True:
                ok = await self.fetch_once(client)
                delay = self.interval() if (ok or self.last_error is None) else min(self.interval(), 10.0)
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.sleep(delay)
                    continue
                return


class FetchError(ValueError):
    """The source answered with a status other than 200 or more bytes than allowed."""


async def fetch_bounded(client: httpx.AsyncClient, method: str, url: str, *, limit: int, **kwargs) -> bytes:
    """The body of a 200 answer, read as a stream and abandoned as soon as it passes ``limit``."""
    async with client.stream(method, url, **kwargs) as response:
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"answer larger than {limit} bytes")
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"answer larger than {limit} bytes")
            chunks.append(chunk)
    return b"".join(chunks)
