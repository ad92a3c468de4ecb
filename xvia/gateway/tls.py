"""TLS for both sides: contexts from the auth certificate, and peer-certificate plumbing.

uvicorn does not put the client certificate in the ASGI scope, so ``PeerCertProtocol`` adds it
(``scope["extensions"]["tls"]["client_cert_der"]``). On the outgoing side
``outbound.PinnedConnector`` checks the provider server's certificate right after the TLS
handshake, before a single byte of the request is written.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from xvia.protocol.certs import certificate_pem
from xvia.protocol.globalconf import GlobalConf


class PeerCertProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, exposing the TLS client certificate to the app."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        self._peer_der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope["extensions"] = {"tls": {"client_cert_der": self._peer_der}}


def ca_bundle(conf: GlobalConf) -> str:
    return "".join(certificate_pem(ca.certificate) for ca in conf.cas)


def server_side_context(cert_file: Path, key_file: Path, conf: GlobalConf | None) -> ssl.SSLContext:
    """Peer-facing listener: mutual TLS, peers' certificates must chain to a listed CA."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert_file, key_file)
    ctx.verify_mode = ssl.CERT_REQUIRED
    if conf is not None:
        ctx.load_verify_locations(cadata=ca_bundle(conf))
    return ctx


def peer_client_context(cert_file: Path, key_file: Path, conf: GlobalConf) -> ssl.SSLContext:
    """Outgoing connections to other security servers (hostname replaced by fingerprint pinning)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=ca_bundle(conf))
    ctx.load_cert_chain(cert_file, key_file)
    return ctx


def client_side_context(cert_file: Path, key_file: Path, allowed_cert_files: list[Path]) -> ssl.SSLContext:
    """IS-facing HTTPS listener; asks for a client certificate when some subsystem uses mTLS."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert_file, key_file)
    if allowed_cert_files:
        ctx.verify_mode = ssl.CERT_OPTIONAL
        ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        for path in allowed_cert_files:
            ctx.load_verify_locations(cafile=str(path))
    return ctx
