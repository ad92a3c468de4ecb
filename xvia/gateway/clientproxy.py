"""The IS-facing side: X-Road's REST message protocol (PR-REST) in front of X-VIA.

``METHOD /r1/{INSTANCE}/{CLASS}/{MEMBER}/{SUBSYSTEM}/{SERVICE}[/path][?query]`` with
``X-Road-Client``; the request is checked (client registered here, service known, access right,
X-VIA personal-data headers), signed, sent over mutual TLS to the provider's security server,
and the signed response is verified and bound to the request before the IS sees it.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from xvia.protocol.access import is_allowed
from xvia.protocol.certs import CertificateError, verify_signature
from xvia.protocol.httpwire import WireError, check_query
from xvia.protocol.identifiers import ClientId, IdentifierError, parse_rest_path
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
from .errors import CLIENT_PROXY, XRoadFault, client_fault
from .headers import RESPONSE_SET_BY_XROAD, encode_pairs, passable_request_headers, single
from .headguard import DESCRIPTOR_FACTOR
from .metaservices import META_SERVICES
from .monitored import monitored, new_op
from .outbound import OutboundError, call
from .spool import Spool
from .store import LogEntry
from .transport import receive_body, send_spooled

MAX_PATH = 4096
QUERY_SAFE = "-._~!$&'()*+,;=:@/?%"


def _fault(code: str, text: str, /, **params) -> XRoadFault:
    return XRoadFault(CLIENT_PROXY, code, text, **params)


def personal_headers(headers, *, required: bool) -> tuple[str | None, str | None]:
    """Validate X-VIA-Data-Subject (CPF) and X-VIA-Purpose; both required for personal data."""
    subject_raw, dup1 = single(headers, DATA_SUBJECT_HEADER.encode())
    purpose_raw, dup2 = single(headers, PURPOSE_HEADER.encode())
    if dup1 or dup2:
        raise client_fault("BadRequest", "personal_headers_repeated")
    if required and (subject_raw is None or purpose_raw is None):
        raise client_fault("MissingHeader", "personal_headers_required")
    subject = purpose = None
    if subject_raw is not None:
        subject = normalize_cpf(subject_raw)
        if subject is None:
            raise client_fault("BadRequest", "data_subject_invalid")
    if purpose_raw is not None:
        try:
            text = purpose_raw.encode("latin-1").decode("utf-8")
        except UnicodeError:
            text = purpose_raw
        purpose = validate_purpose(text)
        if purpose is None:
            raise client_fault("BadRequest", "purpose_invalid")
    return subject, purpose


class ClientProxy:
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    async def handle(self, scope, receive, send) -> None:
        op = new_op(self.gw, "client", scope["method"])
        await monitored(
            self.gw,
            "client",
            op,
            send,
            lambda spools: self._exchange(scope, receive, send, op, spools),
            disconnected="Client.Disconnected",
        )

    async def _exchange(self, scope, receive, send, op, spools) -> None:
        gw, limits = self.gw, self.gw.settings.limits
        view = gw.confs.require(CLIENT_PROXY)
        conf = view.conf
        raw_path = (scope.get("raw_path") or scope["path"].encode()).split(b"?", 1)[0]
        if len(raw_path) > MAX_PATH:
            raise client_fault("BadRequest", "path_too_long", limit=MAX_PATH)
        try:
            service, rest = parse_rest_path(raw_path.decode("ascii"))
        except (IdentifierError, UnicodeDecodeError):
            raise client_fault("BadRequest", "path_malformed") from None
        try:  # characters RFC 3986 does not allow in a query are percent-encoded, as browsers do
            query = check_query(quote(scope.get("query_string", b"").decode("latin-1"), safe=QUERY_SAFE))
        except WireError:
            raise client_fault("BadRequest", "path_malformed") from None
        headers = scope["headers"]
        if sum(len(n) + len(v) for n, v in headers) > limits.max_header_bytes:
            raise client_fault("BadRequest", "headers_too_large", limit=limits.max_header_bytes)
        client_text, duplicated = single(headers, b"x-road-client")
        if client_text is None:
            raise client_fault("MissingHeader", "client_header_missing")
        if duplicated:
            raise client_fault("InvalidClientIdentifier", "client_header_repeated")
        try:
            client = ClientId.parse(client_text.strip(), encoded=True)
        except IdentifierError:
            raise client_fault("InvalidClientIdentifier", "client_header_malformed") from None
        op["client"], op["service"] = str(client), str(service)
        if client not in gw.my_clients(conf):
            raise client_fault("UnknownMember", "client_not_registered", client=client)
        gw.check_is_connection(scope, client)
        meta = service.service_code in META_SERVICES and service not in conf.services_by_id
        if meta:
            if service.provider not in conf.subsystems:
                raise client_fault("UnknownMember", "provider_unknown", provider=service.provider)
            subject, purpose = personal_headers(headers, required=False)
        else:
            svc = conf.services_by_id.get(service)
            if svc is None:
                raise client_fault("UnknownService", "service_unknown", service=service)
            if not is_allowed(conf, client, service, scope["method"], rest or "/"):
                raise client_fault(  # the path is not echoed: it may carry a CPF
                    "AccessDenied", "access_denied", client=client, method=scope["method"], service=service
                )
            subject, purpose = personal_headers(headers, required=svc.personal_data)
        servers = conf.servers_by_client.get(service.provider)
        if not servers:
            raise _fault("UnknownMember", "no_server_for_provider", provider=service.provider)
        message_id, dup = single(headers, b"x-road-id")
        if dup:
            raise client_fault("BadRequest", "message_id_repeated")
        message_id = (message_id or "").strip() or str(uuid.uuid4())
        request_id = str(uuid.uuid4())

        spool = Spool(
            threshold=limits.spool_threshold_bytes,
            limit=limits.max_request_bytes,
            directory=gw.settings.spool_dir,
            budget=gw.spool_budget,
        )
        spools.append(spool)
        too_large = client_fault("BadRequest", "request_body_too_large", limit=limits.max_request_bytes)
        await receive_body(
            receive,
            spool,
            too_large,
            chunk_timeout=limits.body_chunk_timeout,
            slow=client_fault("BadRequest", "request_body_slow", seconds=f"{limits.body_chunk_timeout:g}"),
        )
        op["request_size"], op["message_id"], op["request_id"] = spool.size, message_id, request_id
        pairs = [p for p in passable_request_headers(headers) if p[0] != "x-road-id"]
        for name, value in pairs:
            if not value.isascii():  # the provider's server sends header values as UTF-8 text
                try:
                    value.encode("latin-1").decode("utf-8")
                except UnicodeDecodeError:
                    raise client_fault("BadRequest", "header_not_utf8", name=name) from None
        pairs.append(["x-road-id", message_id])
        descriptor = {
            "v": FORMAT,
            "type": "request",
            "id": message_id,
            "request_id": request_id,
            "client": str(client),
            "service": str(service),
            "method": scope["method"],
            "path": rest,
            "query": query,
            "headers": pairs,
            "body_sha512": body_digest_b64(spool.digest),
            "body_length": spool.size,
            "sent_at": op["started_at"],
            "sender": str(gw.server_id),
            "data_subject": subject,
            "purpose": purpose,
        }
        req_raw, req_sig = sign_descriptor(descriptor, gw.sign_key)
        if len(req_raw) > DESCRIPTOR_FACTOR * limits.max_header_bytes:  # would not fit the peer's head limit
            raise client_fault("BadRequest", "headers_too_large", limit=limits.max_header_bytes)
        req_hash = request_hash(req_raw, spool.digest)

        status, resp_headers, resp_spool = await self._send(
            servers, service.provider, req_raw, req_sig, spool, spools
        )
        if resp_spool is None:  # the provider's server answered with an X-Road fault: pass it on
            kept = [
                (n.lower(), v) for n, v in resp_headers if n.lower() in (b"content-type", b"x-road-error")
            ]
            op["status"], op["fault_type"] = status, dict(kept).get(b"x-road-error", b"").decode("latin-1")
            await send_spooled(send, status, kept, spools[-1])
            op["response_size"] = spools[-1].size
            return
        resp_raw, resp_sig, signer_der = self._verify_response(view, resp_headers, service)
        try:
            resp = parse_descriptor(resp_raw, "response")
        except MessageError as exc:
            raise _fault("InvalidMessage", "response_malformed", internal=str(exc)) from None
        if (resp["request_hash"], resp["id"], resp["request_id"], resp["client"], resp["service"]) != (
            req_hash,
            message_id,
            request_id,
            str(client),
            str(service),
        ):
            raise _fault("InconsistentResponse", "response_not_bound")
        if (
            resp["body_sha512"] != body_digest_b64(resp_spool.digest)
            or resp["body_length"] != resp_spool.size
        ):
            raise _fault("InvalidSignatureValue", "response_body_mismatch")
        full = conf.message_log_mode(client) == "full"
        common = {
            "message_id": message_id,
            "client": str(client),
            "service": str(service),
            "data_subject": subject,
        }
        try:
            await gw.store.log_exchange(
                [
                    LogEntry("request", req_raw, req_sig, gw.sign_cert_der, spool, full, **common),
                    LogEntry("response", resp_raw, resp_sig, signer_der, resp_spool, full, **common),
                ]
            )
        except Exception as exc:
            raise _fault("DatabaseError", "message_log_failed", internal=repr(exc)) from None
        try:
            out = encode_pairs(resp["headers"], drop=RESPONSE_SET_BY_XROAD)
        except WireError as exc:
            raise _fault("InvalidMessage", "response_malformed", internal=str(exc)) from None
        out += [
            (b"x-road-id", message_id.encode("latin-1")),
            (b"x-road-client", client_text.strip().encode("latin-1")),
            (b"x-road-service", service.encoded().encode()),
            (b"x-road-request-id", request_id.encode()),
            (b"x-road-request-hash", req_hash.encode()),
        ]
        op["status"], op["succeeded"], op["response_size"] = resp["status"], True, resp_spool.size
        await send_spooled(send, resp["status"], out, resp_spool)

    async def _send(self, servers, provider, req_raw, req_sig, spool, spools):
        gw, limits = self.gw, self.gw.settings.limits
        headers = transport_headers(req_raw, req_sig, gw.sign_cert_der)
        too_large = _fault("InvalidResponse", "response_too_large", limit=limits.max_response_bytes)

        def response_spool() -> Spool:
            resp_spool = Spool(
                threshold=limits.spool_threshold_bytes,
                limit=limits.max_response_bytes,
                directory=gw.settings.spool_dir,
                budget=gw.spool_budget,
            )
            spools.append(resp_spool)
            return resp_spool

        errors = []
        for server in servers:
            try:
                status, resp_headers, resp_spool = await call(
                    gw.peer(),
                    "POST",
                    f"https://{server.address}/xvia/v1/message",
                    headers,
                    spool,
                    connect_timeout=limits.connect_timeout,
                    timeout=limits.peer_timeout,
                    response_spool=response_spool,
                    too_large=too_large,
                )
            except OutboundError as exc:
                if exc.stage == "connect":
                    errors.append(f"{server.id}: {exc.detail}")
                    continue  # nothing was sent: try the next server of the provider
                if exc.stage == "timeout":
                    raise _fault("NetworkError", "peer_timeout", server=server.id) from None
                raise _fault(
                    "NetworkError", "peer_connection_lost", server=server.id, internal=exc.detail
                ) from None
            names = {n.lower() for n, _ in resp_headers}
            if status != 200 or MESSAGE_HEADER.encode() not in names:
                if b"x-road-error" not in names:
                    raise _fault("InvalidResponse", "peer_unexpected_answer", server=server.id, status=status)
                return status, resp_headers, None
            return status, resp_headers, resp_spool
        raise _fault(
            "NetworkError",
            "peer_unreachable",
            provider=provider,
            internal="; ".join(errors),
        )

    def _verify_response(self, view, headers, service):
        values = {n.lower(): v for n, v in headers}
        try:
            resp_raw = unb64u(values[MESSAGE_HEADER.encode()].decode("ascii"))
            resp_sig = unb64u(values[SIGNATURE_HEADER.encode()].decode("ascii"))
            signer_der = unb64u(values[SIGNER_HEADER.encode()].decode("ascii"))
        except (KeyError, MessageError, UnicodeDecodeError):
            raise _fault("MissingSignature", "response_unsigned") from None
        try:
            member, cert = view.signer(signer_der)
            verify_signature(cert.public_key(), resp_sig, resp_raw)
        except (CertificateError, ValueError) as exc:
            raise _fault("InvalidSignatureValue", "response_signature_rejected", internal=str(exc)) from None
        if member != service.provider.member:
            raise _fault(
                "InvalidSignatureValue",
                "response_wrong_signer",
                member=member,
                provider=service.provider.member,
            )
        return resp_raw, resp_sig, signer_der
