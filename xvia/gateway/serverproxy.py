"""The peer-facing side: signed requests from other security servers, over mutual TLS.

Order of checks, cheapest and most decisive first: configuration valid; the TLS peer shows an
authentication certificate registered for a security server and trusted; the descriptor's
signature verifies with a trusted signing certificate of the client's member; the client is
served by that peer server; the service belongs to a subsystem served here; an access right
allows the call. Only then is the body read (and hashed), compared with the signed digest and
forwarded — to the address in local settings, never to one taken from the message.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from yarl import URL

from xvia.protocol.access import is_allowed
from xvia.protocol.certs import CertificateError, verify_signature
from xvia.protocol.globalconf import GlobalConfError, parse_time
from xvia.protocol.httpwire import WireError, check_header, check_method, check_path, check_query
from xvia.protocol.identifiers import ClientId, IdentifierError, ServiceId
from xvia.protocol.messages import (
    FORMAT,
    MESSAGE_HEADER,
    SIGNATURE_HEADER,
    SIGNER_HEADER,
    MessageError,
    body_digest_b64,
    parse_descriptor,
    request_hash,
    sign_descriptor,
    transport_headers,
    unb64u,
)
from xvia.protocol.personal import DATA_SUBJECT_HEADER, PURPOSE_HEADER, normalize_cpf, validate_purpose

from .core import Gateway
from .errors import SERVER_PROXY, XRoadFault
from .headers import encode_pairs, passable_response_headers, single
from .metaservices import META_SERVICES, answer_metaservice
from .monitored import monitored, new_op
from .outbound import OutboundError, call
from .replay import ReplayCache
from .spool import Spool
from .store import LogEntry
from .transport import receive_body, send_spooled


def _fault(code: str, text: str, /, **params) -> XRoadFault:
    return XRoadFault(SERVER_PROXY, code, text, **params)


@lru_cache(maxsize=256)
def _base_url(url: str) -> URL:
    return URL(url)


def backend_url(base_text: str, path: str, query: str) -> URL:
    """The backend's address from local settings plus the descriptor's (checked) path and query.

    Built with yarl from the parsed base, never by joining text: whatever the path holds, the
    scheme, host and port stay those of the settings (checked once more before returning).
    """
    base = _base_url(base_text)
    url = URL.build(
        scheme=base.scheme,
        authority=base.raw_authority,
        path=base.raw_path.rstrip("/") + path,
        query_string=query,
        encoded=True,
    )
    if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
        raise WireError("the path changes the backend's address")
    return url


def _check_request(req: dict) -> None:
    """The descriptor's HTTP parts and personal-data fields, before any decision is taken on them."""
    check_method(req["method"])
    check_path(req["path"])
    check_query(req["query"])
    check_header("x-road-id", req["id"])
    check_header("x-road-request-id", req["request_id"])
    subject, purpose = req.get("data_subject"), req.get("purpose")
    if subject is not None and normalize_cpf(subject) != subject:
        raise WireError("data_subject is not a normalised CPF")
    if purpose is not None and validate_purpose(purpose) != purpose:
        raise WireError("purpose is not valid text")


class ServerProxy:
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway
        limits = gateway.settings.limits
        self.replay = ReplayCache(limits.max_clock_skew_seconds, limits.replay_cache_entries)

    def _check_fresh(self, req: dict, peer) -> None:
        """The descriptor names the TLS peer as sender, is recent and was not seen before."""
        if req["sender"] != str(peer.id):
            raise _fault("InvalidMessage", "request_wrong_sender", server=peer.id)
        skew = self.gw.settings.limits.max_clock_skew_seconds
        try:
            sent_at = parse_time(req["sent_at"], "sent_at")
        except GlobalConfError:
            raise _fault("InvalidMessage", "request_malformed", internal="sent_at") from None
        if abs((dt.datetime.now(dt.UTC) - sent_at).total_seconds()) > skew:
            raise _fault("InvalidMessage", "request_stale", seconds=f"{skew:g}")
        if not self.replay.first_time(req["sender"], req["request_id"]):
            raise _fault("InvalidMessage", "request_replayed")

    async def handle(self, scope, receive, send) -> None:
        op = new_op(self.gw, "server", None)

        async def exchange(spools) -> None:
            if scope["method"] != "POST" or scope["path"] != "/xvia/v1/message":
                raise _fault("InvalidRequest", "wrong_endpoint")
            await self._exchange(scope, receive, send, op, spools)

        await monitored(self.gw, "server", op, send, exchange, disconnected="Server.ServerProxy.Disconnected")

    def _authenticate(self, scope, view):
        der = ((scope.get("extensions") or {}).get("tls") or {}).get("client_cert_der")
        if not der:
            raise _fault("SslAuthenticationFailed", "peer_certificate_required")
        try:
            return view.peer_server(der)
        except (CertificateError, ValueError) as exc:
            raise _fault("SslAuthenticationFailed", "peer_certificate_rejected", internal=str(exc)) from None

    async def _exchange(self, scope, receive, send, op, spools) -> None:
        gw, limits = self.gw, self.gw.settings.limits
        view = gw.confs.require(SERVER_PROXY)
        conf = view.conf
        peer = self._authenticate(scope, view)
        headers = scope["headers"]
        try:
            req_raw = unb64u(single(headers, MESSAGE_HEADER.encode())[0] or "")
            req_sig = unb64u(single(headers, SIGNATURE_HEADER.encode())[0] or "")
            signer_der = unb64u(single(headers, SIGNER_HEADER.encode())[0] or "")
            if not (req_raw and req_sig and signer_der):
                raise MessageError("missing")
        except MessageError:
            raise _fault("MissingSignature", "request_unsigned") from None
        try:
            member, cert = view.signer(signer_der)
            verify_signature(cert.public_key(), req_sig, req_raw)
        except (CertificateError, ValueError) as exc:
            raise _fault("InvalidSignatureValue", "request_signature_rejected", internal=str(exc)) from None
        try:
            req = parse_descriptor(req_raw, "request")
            client = ClientId.parse(req["client"], require_subsystem=True)
            service = ServiceId.parse(req["service"])
            _check_request(req)
        except (MessageError, IdentifierError, WireError) as exc:
            raise _fault("InvalidMessage", "request_malformed", internal=str(exc)) from None
        op.update(
            client=str(client),
            service=str(service),
            method=req["method"],
            message_id=req["id"],
            request_id=req["request_id"],
        )
        if member != client.member:
            raise _fault("InvalidSignatureValue", "request_wrong_signer", client=client, member=member)
        if peer not in conf.servers_by_client.get(client, ()):
            raise _fault(
                "SslAuthenticationFailed", "client_not_served_by_peer", client=client, server=peer.id
            )
        self._check_fresh(req, peer)
        if service.provider not in gw.my_clients(conf):
            raise _fault("UnknownService", "provider_not_served_here", provider=service.provider)
        meta = service.service_code in META_SERVICES and service not in conf.services_by_id
        backend = None
        if not meta:
            svc = conf.services_by_id.get(service)
            if svc is None:
                raise _fault("UnknownService", "service_unknown", service=service)
            if not is_allowed(conf, client, service, req["method"], req["path"] or "/"):
                raise _fault(  # the path is not echoed: it may carry a CPF
                    "AccessDenied", "access_denied", client=client, method=req["method"], service=service
                )
            if svc.personal_data and (
                normalize_cpf(req.get("data_subject") or "") is None
                or validate_purpose(req.get("purpose") or "") is None
            ):
                raise _fault("InvalidRequest", "personal_data_missing", service=service)
            backend = gw.settings.services.get(service)
            if backend is None:
                raise _fault("ServiceMissingUrl", "service_without_address", service=service)

        spool = Spool(
            threshold=limits.spool_threshold_bytes,
            limit=limits.max_request_bytes,
            directory=gw.settings.spool_dir,
            budget=gw.spool_budget,
        )
        spools.append(spool)
        too_large = _fault("InvalidRequest", "peer_request_too_large", limit=limits.max_request_bytes)
        await receive_body(
            receive,
            spool,
            too_large,
            chunk_timeout=limits.body_chunk_timeout,
            slow=_fault("InvalidRequest", "request_body_slow", seconds=f"{limits.body_chunk_timeout:g}"),
        )
        op["request_size"] = spool.size
        if req["body_sha512"] != body_digest_b64(spool.digest) or req["body_length"] != spool.size:
            raise _fault("InvalidSignatureValue", "request_body_mismatch")
        req_hash = request_hash(req_raw, spool.digest)

        if meta:
            status, resp_pairs, resp_spool = answer_metaservice(gw, conf, client, service, req)
            spools.append(resp_spool)
        else:
            status, resp_pairs, resp_spool = await self._call_backend(backend, service, req, spool, spools)
        resp = {
            "v": FORMAT,
            "type": "response",
            "id": req["id"],
            "request_id": req["request_id"],
            "client": req["client"],
            "service": req["service"],
            "request_hash": req_hash,
            "status": status,
            "headers": resp_pairs,
            "body_sha512": body_digest_b64(resp_spool.digest),
            "body_length": resp_spool.size,
            "sent_at": gw.now_text(),
            "sender": str(gw.server_id),
        }
        resp_raw, resp_sig = sign_descriptor(resp, gw.sign_key)
        full = conf.message_log_mode(service.provider) == "full"
        common = {
            "message_id": req["id"],
            "client": req["client"],
            "service": req["service"],
            "data_subject": req.get("data_subject"),
        }
        try:
            await gw.store.log_exchange(
                [
                    LogEntry("request", req_raw, req_sig, signer_der, spool, full, **common),
                    LogEntry("response", resp_raw, resp_sig, gw.sign_cert_der, resp_spool, full, **common),
                ]
            )
        except Exception as exc:
            raise _fault("DatabaseError", "message_log_failed", internal=repr(exc)) from None
        op.update(status=status, succeeded=True, response_size=resp_spool.size)
        await send_spooled(send, 200, transport_headers(resp_raw, resp_sig, gw.sign_cert_der), resp_spool)

    async def _call_backend(self, backend, service, req, spool, spools):
        gw, limits = self.gw, self.gw.settings.limits
        try:
            url = backend_url(backend.url, req["path"], req["query"])
            headers = encode_pairs(req["headers"], drop=PROVIDER_SETS)
        except (WireError, ValueError) as exc:
            raise _fault("InvalidMessage", "request_malformed", internal=str(exc)) from None
        headers += _identity_headers(req)

        def response_spool() -> Spool:
            resp_spool = Spool(
                threshold=limits.spool_threshold_bytes,
                limit=limits.max_response_bytes,
                directory=gw.settings.spool_dir,
                budget=gw.spool_budget,
            )
            spools.append(resp_spool)
            return resp_spool

        try:
            status, resp_headers, resp_spool = await call(
                gw.backend(),
                req["method"],
                url,
                headers,
                spool,
                connect_timeout=limits.connect_timeout,
                timeout=backend.timeout,
                response_spool=response_spool,
                too_large=_fault(
                    "InvalidResponse",
                    "service_response_too_large",
                    service=service,
                    limit=limits.max_response_bytes,
                ),
            )
        except OutboundError as exc:
            # the backend's address is local settings: it goes to the log (without the path and
            # query, which may carry a CPF), never to the caller
            if exc.stage == "timeout":
                raise _fault(
                    "ServiceFailed", "service_timeout", service=service, seconds=f"{backend.timeout:g}"
                ) from None
            if exc.stage == "invalid":
                raise _fault("InvalidMessage", "request_malformed", internal=exc.detail) from None
            raise _fault(
                "ServiceFailed",
                "service_unreachable",
                service=service,
                internal=f"{backend.url}: {exc.detail}",
            ) from None
        return status, passable_response_headers(resp_headers), resp_spool


# headers the provider's server writes itself from the signed descriptor, whatever the pairs say
PROVIDER_SETS = frozenset({"x-road-client", "x-road-id", "x-via-data-subject", "x-via-purpose"})


def _identity_headers(req: dict) -> list[tuple[bytes, bytes]]:
    """X-Road-Client, X-Road-Id, X-Road-Request-Id and the personal-data headers for the backend,
    taken from the descriptor's own (signed, checked) fields so the backend sees what was logged."""
    out = [
        (b"x-road-client", ClientId.parse(req["client"]).encoded().encode()),
        (b"x-road-id", req["id"].encode("utf-8")),
        (b"x-road-request-id", req["request_id"].encode("utf-8")),
    ]
    if req.get("data_subject"):
        out.append((DATA_SUBJECT_HEADER.encode(), req["data_subject"].encode()))
    if req.get("purpose"):
        out.append((PURPOSE_HEADER.encode(), req["purpose"].encode("utf-8")))
    return out
