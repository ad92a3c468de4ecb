"""Global configuration (ADR 0033): the signed document that tells a security server everything.

The central publishes a JWS compact serialization (ES256) whose payload is the JSON described in
ADR 0033; a gateway verifies it against the anchor it received out of band. Parsing builds
indexes once per version so the request path never re-reads the JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from .certs import (
    CertificateError,
    TrustedCA,
    TrustStore,
    cert_sha256_hex,
    certificate_der,
    load_certificate,
    utcnow,
)
from .identifiers import GROUP_PREFIX, ClientId, GroupId, IdentifierError, ServerId, ServiceId

FORMAT = "xvia-globalconf/1"
ANCHOR_FORMAT = "xvia-anchor/1"
JWS_TYP = "xvia-globalconf"
MESSAGE_LOG_MODES = ("full", "metadata")
# A document dated further ahead than this is refused: it would outlive its real validity window.
MAX_FUTURE_GENERATED_AT = dt.timedelta(minutes=5)


class GlobalConfError(ValueError):
    """The document is malformed, badly signed, for another instance, or stale."""


class GlobalConfExpired(GlobalConfError):
    """The document is well signed but past its ``expires_at``."""


def parse_time(value: Any, what: str) -> dt.datetime:
    if not isinstance(value, str):
        raise GlobalConfError(f"{what} must be an ISO 8601 time")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise GlobalConfError(f"{what} is not an ISO 8601 time") from exc
    if parsed.tzinfo is None:
        raise GlobalConfError(f"{what} must carry a time zone")
    return parsed.astimezone(dt.UTC)


def format_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class TrustedTSA:
    name: str
    url: str
    certificate: x509.Certificate


@dataclass(frozen=True)
class Subsystem:
    id: ClientId
    name: str
    message_log: str = "full"


@dataclass(frozen=True)
class Member:
    id: ClientId
    name: str
    subsystems: tuple[Subsystem, ...]


@dataclass(frozen=True)
class SecurityServer:
    id: ServerId
    owner: ClientId
    address: str
    auth_certificate_sha256: frozenset[str]
    clients: tuple[ClientId, ...]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str


@dataclass(frozen=True)
class Service:
    id: ServiceId
    title: str
    personal_data: bool
    openapi_sha256: str | None
    endpoints: tuple[Endpoint, ...]


@dataclass(frozen=True)
class GlobalGroup:
    id: GroupId
    description: str
    members: frozenset[ClientId]


@dataclass(frozen=True)
class AccessRight:
    service: ServiceId
    subject: ClientId | GroupId
    method: str
    path: str


@dataclass
class GlobalConf:
    instance: str
    version: int
    generated_at: dt.datetime
    expires_at: dt.datetime
    refresh_interval_seconds: int
    central_urls: tuple[str, ...]
    cas: tuple[TrustedCA, ...]
    tsas: tuple[TrustedTSA, ...]
    member_classes: tuple[str, ...]
    members: tuple[Member, ...]
    security_servers: tuple[SecurityServer, ...]
    services: tuple[Service, ...]
    global_groups: tuple[GlobalGroup, ...]
    access_rights: tuple[AccessRight, ...]
    signed_document: bytes = b""
    # indexes, built once per version
    subsystems: dict[ClientId, Subsystem] = field(default_factory=dict, repr=False)
    members_by_id: dict[ClientId, Member] = field(default_factory=dict, repr=False)
    services_by_id: dict[ServiceId, Service] = field(default_factory=dict, repr=False)
    servers_by_id: dict[ServerId, SecurityServer] = field(default_factory=dict, repr=False)
    servers_by_client: dict[ClientId, tuple[SecurityServer, ...]] = field(default_factory=dict, repr=False)
    groups_by_id: dict[GroupId, GlobalGroup] = field(default_factory=dict, repr=False)
    rights_by_service: dict[ServiceId, tuple[AccessRight, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for member in self.members:
            self.members_by_id[member.id] = member
            for sub in member.subsystems:
                self.subsystems[sub.id] = sub
        self.services_by_id = {s.id: s for s in self.services}
        self.servers_by_id = {s.id: s for s in self.security_servers}
        by_client: dict[ClientId, list[SecurityServer]] = {}
        for server in self.security_servers:
            for client in server.clients:
                by_client.setdefault(client, []).append(server)
        self.servers_by_client = {k: tuple(v) for k, v in by_client.items()}
        self.groups_by_id = {g.id: g for g in self.global_groups}
        rights: dict[ServiceId, list[AccessRight]] = {}
        for right in self.access_rights:
            rights.setdefault(right.service, []).append(right)
        self.rights_by_service = {k: tuple(v) for k, v in rights.items()}
        self.trust_store = TrustStore(self.cas)

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return (now or utcnow()) >= self.expires_at

    def message_log_mode(self, subsystem: ClientId) -> str:
        sub = self.subsystems.get(subsystem)
        return sub.message_log if sub else "full"


def _req(obj: dict, key: str, kind: type | tuple[type, ...], what: str | None = None):
    if not isinstance(obj, dict) or key not in obj or not isinstance(obj[key], kind):
        raise GlobalConfError(f"missing or malformed field {what or key!r}")
    return obj[key]


def _list(obj: dict, key: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise GlobalConfError(f"field {key!r} must be a list")
    return value


def _parse_subject(text: str) -> ClientId | GroupId:
    if text.startswith(GROUP_PREFIX):
        return GroupId.parse(text)
    return ClientId.parse(text, require_subsystem=False)


def parse_globalconf(payload: dict, *, signed_document: bytes = b"") -> GlobalConf:
    """Build a GlobalConf from the decoded payload; raise GlobalConfError on any malformation."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise GlobalConfError(f"unsupported global configuration format (expected {FORMAT})")
    try:
        instance = _req(payload, "instance", str)
        version = _req(payload, "version", int)
        if isinstance(version, bool) or version < 0:
            raise GlobalConfError("version must be a non-negative integer")
        trust = _req(payload, "trust", dict)
        cas = []
        for ca in _list(trust, "cas"):
            cert = load_certificate(_req(ca, "certificate_pem", str, "trust.cas.certificate_pem"))
            revoked = frozenset(int(s, 16) for s in _list(ca, "revoked_serials"))
            cas.append(TrustedCA(str(ca.get("name", "")), cert, revoked))
        tsas = [
            TrustedTSA(
                str(t.get("name", "")),
                _req(t, "url", str, "trust.tsas.url"),
                load_certificate(_req(t, "certificate_pem", str, "trust.tsas.certificate_pem")),
            )
            for t in _list(trust, "tsas")
        ]
        members = []
        for m in _list(payload, "members"):
            subs = []
            for s in _list(m, "subsystems"):
                mode = s.get("message_log", "full")
                if mode not in MESSAGE_LOG_MODES:
                    raise GlobalConfError(f"unknown message_log mode {mode!r}")
                subs.append(
                    Subsystem(
                        ClientId.parse(_req(s, "id", str), require_subsystem=True),
                        str(s.get("name", "")),
                        mode,
                    )
                )
            member_id = ClientId.parse(_req(m, "id", str))
            if member_id.is_subsystem or any(s.id.member != member_id for s in subs):
                raise GlobalConfError(f"member {member_id} lists a subsystem of another member")
            members.append(Member(member_id, str(m.get("name", "")), tuple(subs)))
        servers = [
            SecurityServer(
                ServerId.parse(_req(s, "id", str)),
                ClientId.parse(_req(s, "owner", str)),
                _req(s, "address", str),
                frozenset(h.lower() for h in _list(s, "auth_certificate_sha256")),
                tuple(ClientId.parse(c, require_subsystem=True) for c in _list(s, "clients")),
            )
            for s in _list(payload, "security_servers")
        ]
        services = [
            Service(
                ServiceId.parse(_req(s, "id", str)),
                str(s.get("title", "")),
                bool(s.get("personal_data", False)),
                s.get("openapi_sha256"),
                tuple(
                    Endpoint(_req(e, "method", str).upper(), _req(e, "path", str))
                    for e in _list(s, "endpoints")
                ),
            )
            for s in _list(payload, "services")
        ]
        groups = [
            GlobalGroup(
                GroupId.parse(_req(g, "id", str)),
                str(g.get("description", "")),
                frozenset(ClientId.parse(c) for c in _list(g, "members")),
            )
            for g in _list(payload, "global_groups")
        ]
        rights = [
            AccessRight(
                ServiceId.parse(_req(r, "service", str)),
                _parse_subject(_req(r, "subject", str)),
                str(r.get("method", "*")).upper(),
                str(r.get("path", "**")),
            )
            for r in _list(payload, "access_rights")
        ]
        central = payload.get("central", {}) or {}
        return GlobalConf(
            instance=instance,
            version=version,
            generated_at=parse_time(payload.get("generated_at"), "generated_at"),
            expires_at=parse_time(payload.get("expires_at"), "expires_at"),
            refresh_interval_seconds=int(payload.get("refresh_interval_seconds", 60)),
            central_urls=tuple(str(u) for u in _list(central, "urls")),
            cas=tuple(cas),
            tsas=tuple(tsas),
            member_classes=tuple(str(c.get("code")) for c in _list(payload, "member_classes")),
            members=tuple(members),
            security_servers=tuple(servers),
            services=tuple(services),
            global_groups=tuple(groups),
            access_rights=tuple(rights),
            signed_document=signed_document,
        )
    except (IdentifierError, CertificateError, ValueError, TypeError, AttributeError) as exc:
        if isinstance(exc, GlobalConfError):
            raise
        raise GlobalConfError(f"malformed global configuration: {exc}") from exc


# --- anchor -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnchorSource:
    url: str
    verification_certificates: tuple[x509.Certificate, ...]


@dataclass(frozen=True)
class Anchor:
    instance: str
    generated_at: dt.datetime | None
    sources: tuple[AnchorSource, ...]

    def certificates_by_kid(self) -> dict[str, x509.Certificate]:
        return {cert_sha256_hex(c): c for s in self.sources for c in s.verification_certificates}


def parse_anchor(data: bytes | str | dict) -> Anchor:
    """Parse the out-of-band anchor ``{"format":"xvia-anchor/1", ...}``."""
    try:
        doc = data if isinstance(data, dict) else json.loads(data)
    except ValueError as exc:
        raise GlobalConfError("anchor is not JSON") from exc
    if not isinstance(doc, dict) or doc.get("format") != ANCHOR_FORMAT:
        raise GlobalConfError(f"unsupported anchor format (expected {ANCHOR_FORMAT})")
    try:
        sources = tuple(
            AnchorSource(
                _req(s, "url", str),
                tuple(load_certificate(p) for p in _list(s, "verification_certificates_pem")),
            )
            for s in _list(doc, "sources")
        )
    except CertificateError as exc:
        raise GlobalConfError("anchor holds a malformed certificate") from exc
    if not sources or not any(s.verification_certificates for s in sources):
        raise GlobalConfError("anchor lists no verification certificate")
    generated = doc.get("generated_at")
    return Anchor(
        instance=_req(doc, "instance", str),
        generated_at=parse_time(generated, "generated_at") if generated else None,
        sources=sources,
    )


# --- signing and verification ---------------------------------------------------------------------


def sign_configuration(payload: dict, private_key, certificate: x509.Certificate) -> bytes:
    """Sign ``payload`` as the ADR 0033 JWS (ES256, typ xvia-globalconf, kid, x5c); return bytes.

    Used by the central to publish, and by tests. The payload is serialized once here and the
    verifier reads exactly those bytes, so key order does not matter.
    """
    if not isinstance(private_key, ec.EllipticCurvePrivateKey) or private_key.curve.name != "secp256r1":
        raise GlobalConfError("global configuration is signed with an EC P-256 key (ES256)")
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {
        "alg": "ES256",
        "typ": JWS_TYP,
        "kid": cert_sha256_hex(certificate),
        "x5c": [base64.b64encode(certificate_der(certificate)).decode()],
    }
    token = jws.JWS(body)
    token.add_signature(jwk.JWK.from_pyca(private_key), alg="ES256", protected=json.dumps(header))
    return token.serialize(compact=True).encode("ascii")


def verify_configuration(
    jws_bytes: bytes,
    anchor: Anchor,
    *,
    now: dt.datetime | None = None,
    min_version: int | None = None,
    allow_expired: bool = False,
) -> GlobalConf:
    """Verify a published document against the anchor and return the parsed configuration.

    Checks: compact JWS with ES256 and typ ``xvia-globalconf``; ``kid`` names one of the anchor's
    verification certificates and the signature verifies with it; format; instance equals the
    anchor's; ``version`` not lower than ``min_version``; not expired (``GlobalConfExpired``)
    and ``generated_at`` at most five minutes ahead of ``now``, unless ``allow_expired`` (the
    offline verifier reading an old copy).
    """
    try:
        text = jws_bytes.decode("ascii").strip() if isinstance(jws_bytes, bytes) else str(jws_bytes)
        token = jws.JWS()
        token.deserialize(text)
        header = token.jose_header
    except (JWException, ValueError, UnicodeDecodeError) as exc:
        raise GlobalConfError("global configuration is not a JWS compact serialization") from exc
    if not isinstance(header, dict) or header.get("alg") != "ES256" or header.get("typ") != JWS_TYP:
        raise GlobalConfError("unexpected JWS header (alg ES256, typ xvia-globalconf required)")
    cert = anchor.certificates_by_kid().get(str(header.get("kid", "")).lower())
    if cert is None:
        raise GlobalConfError("signed by a certificate the anchor does not list")
    try:
        token.verify(jwk.JWK.from_pyca(cert.public_key()), alg="ES256")
    except JWException as exc:
        raise GlobalConfError("invalid global configuration signature") from exc
    try:
        payload = json.loads(token.payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise GlobalConfError("payload is not UTF-8 JSON") from exc
    conf = parse_globalconf(payload, signed_document=text.encode("ascii"))
    if conf.instance != anchor.instance:
        raise GlobalConfError(f"configuration is for instance {conf.instance}, anchor for {anchor.instance}")
    if min_version is not None and conf.version < min_version:
        raise GlobalConfError(f"version {conf.version} is older than the held version {min_version}")
    if conf.expires_at <= conf.generated_at:
        raise GlobalConfError("expires_at is not after generated_at")
    if not allow_expired and conf.is_expired(now):
        raise GlobalConfExpired(f"global configuration version {conf.version} expired")
    if not allow_expired and conf.generated_at > (now or utcnow()) + MAX_FUTURE_GENERATED_AT:
        raise GlobalConfError(f"global configuration version {conf.version} is dated in the future")
    return conf
