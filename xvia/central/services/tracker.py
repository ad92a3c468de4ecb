"""Data tracker (ADR 0037): receive a provider security server's push of the queries about
persons it served, verify it, and store it idempotently (Lei 14.129 art. 40 §1).

Checks, all before anything is written (all or nothing per push):

1. the push is a JWS whose x5c certificate chains to a CA the registry trusts, is within its
   validity and not revoked, and names (serialNumber) the member that owns the reporting server;
   the JWS signature verifies with it; instance and freshness (``sent_at``) match;
2. each record's client signature verifies over its request descriptor with the client member's
   signing certificate, trusted at the time of the request (a certificate revoked later keeps
   old evidence valid, unless the reason was key compromise);
3. the service belongs to the reporting server's member and is registered; the data subject is a
   valid CPF (it is kept only as `subject_digest`).

A query is stored once, keyed by the SHA-256 of the client's signed request descriptor: the
same request reported again (a retry, or a second security server of the same member) is a
duplicate, whatever server reports it.

Only what the person needs is kept: ``X-Road-UserId`` (the client system's user, possibly a
person's code) is not stored at all; ``X-Road-Issue`` (the case the query belongs to, shown to
the person) is kept to 100 characters with every run of 11 or more digits (a CPF, CNPJ or other
personal number, with or without punctuation) masked.

Machine-to-machine: no person acts, so nothing is written to the audit trail; the records are
themselves the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass

from cryptography import x509
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from xvia.protocol.certs import CertificateError, TrustedCA, TrustStore, cert_sha256_hex
from xvia.protocol.globalconf import GlobalConfError, parse_time
from xvia.protocol.identifiers import ClientId, IdentifierError, ServerId, ServiceId
from xvia.protocol.tracker import MAX_RECORDS, TrackerFormatError, VerifiedRecord, open_push, verify_push
from xvia.protocol.tracker import verify_record as verify_record_signature

from .. import conf
from ..models import (
    CertificateAuthority,
    DataSubjectRecord,
    IssuedCertificate,
    Member,
    SecurityServer,
    Service,
    Subsystem,
)
from ..selectors.tracker import subject_digest

MAX_CLOCK_SKEW = dt.timedelta(hours=1)
MAX_ISSUE_CHARS = 100
# 11 or more digits, possibly punctuated (529.982.247-25, BR52998224725, a CNPJ)
_LONG_NUMBER_RE = re.compile(r"\d(?:[.\-/\s]?\d){10,}")

# Reason codes → what the reporting server's operators read (Portuguese), and the HTTP status.
MESSAGES: dict[str, tuple[int, str]] = {
    "malformed": (400, "O envio não é um JWS válido do rastreador de dados da X-VIA."),
    "wrong_instance": (400, "O envio é de outra instância da X-VIA."),
    "stale": (400, "A data do envio (sent_at) está fora do prazo aceito; confira o relógio do servidor."),
    "too_many_records": (413, f"Envie no máximo {MAX_RECORDS} registros por vez."),
    "untrusted_certificate": (
        403,
        "O certificado de assinatura do envio não é confiável: "
        "AC desconhecida, fora da validade ou revogado.",
    ),
    "bad_signature": (403, "A assinatura do envio não confere com o certificado informado."),
    "unknown_server": (403, "O servidor de segurança informado não está registrado na central."),
    "server_not_owned": (403, "O certificado de assinatura não é do membro responsável por este servidor."),
    "malformed_record": (422, "Um registro do envio está malformado."),
    "bad_record_signature": (422, "A assinatura do cliente sobre o pedido não confere."),
    "untrusted_client_certificate": (
        422,
        "O certificado do cliente não era confiável na data do pedido "
        "(AC desconhecida, validade ou revogação).",
    ),
    "bad_data_subject": (422, "O titular dos dados informado não é um CPF válido."),
    "rate_limited": (429, "Envios demais deste servidor de segurança; tente de novo em um minuto."),
    "service_not_provided": (422, "O serviço do pedido não pertence ao membro deste servidor de segurança."),
    "unknown_service": (422, "O serviço do pedido não está registrado na central."),
}


class TrackerRefused(Exception):
    """A push the central will not store; ``as_json`` is the 4xx answer."""

    def __init__(self, code: str, record: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.record = record
        self.status, self.message = MESSAGES[code]

    def as_json(self) -> dict:
        doc = {"code": self.code, "message": self.message}
        if self.record is not None:
            doc["record"] = self.record
        return doc


@dataclass(frozen=True)
class ReceiveResult:
    stored: int
    duplicates: int


def over_rate(scope: str, limit: int) -> bool:
    """Count one event in a fixed one-minute window of the shared cache; True past `limit`."""
    key = f"xvia:tracker:rate:{scope}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > limit


def masked_issue(issue: str) -> str:
    """X-Road-Issue as kept: long numbers masked, at most MAX_ISSUE_CHARS characters."""
    return _LONG_NUMBER_RE.sub("***", issue or "")[:MAX_ISSUE_CHARS]


def _trust_store() -> tuple[TrustStore, dict[str, IssuedCertificate]]:
    """The registry's trusted CAs with their revoked serials, and revoked certificates by SHA-256."""
    revoked = list(
        IssuedCertificate.objects.filter(revoked_at__isnull=False).only(
            "ca_id", "serial_hex", "certificate_sha256", "revoked_at", "revocation_reason"
        )
    )
    serials: dict = {}
    for cert in revoked:
        serials.setdefault(cert.ca_id, set()).add(int(cert.serial_hex, 16))
    cas = [
        TrustedCA(
            ca.name,
            x509.load_pem_x509_certificate(ca.certificate_pem.encode()),
            frozenset(serials.get(ca.pk, ())),
        )
        for ca in CertificateAuthority.objects.filter(is_active=True)
    ]
    return TrustStore(cas), {c.certificate_sha256: c for c in revoked}


def _reporting_server(payload: dict, member: ClientId) -> SecurityServer:
    try:
        server_id = ServerId.parse(payload.get("server"))
    except IdentifierError:
        raise TrackerRefused("malformed") from None
    owner = server_id.owner
    server = (
        SecurityServer.objects.select_related("owner__member_class")
        .filter(
            owner__member_class__code=owner.member_class,
            owner__code=owner.member_code,
            code=server_id.server_code,
        )
        .first()
    )
    if owner.instance != conf.instance() or server is None:
        raise TrackerRefused("unknown_server")
    if member != owner:
        raise TrackerRefused("server_not_owned")
    return server


def _check_client_certificate(
    record: VerifiedRecord, index: int, trust: TrustStore, revoked: dict[str, IssuedCertificate]
) -> None:
    try:
        trust.validate(record.signer, now=record.sent_at, check_revocation=False)
    except CertificateError:
        raise TrackerRefused("untrusted_client_certificate", index) from None
    issued = revoked.get(cert_sha256_hex(record.signer))
    if issued is not None and (
        issued.revoked_at <= record.sent_at
        or issued.revocation_reason == IssuedCertificate.RevocationReason.KEY_COMPROMISE
    ):
        raise TrackerRefused("untrusted_client_certificate", index)
    if issued is None:
        try:  # not registered here: fall back on the CA's revocation list
            trust.validate(record.signer, now=record.sent_at)
        except CertificateError:
            raise TrackerRefused("untrusted_client_certificate", index) from None


def _service(service_id: ServiceId, cache: dict) -> Service | None:
    key = str(service_id)
    if key not in cache:
        p = service_id.provider
        cache[key] = (
            Service.objects.select_related("subsystem")
            .filter(
                subsystem__member__member_class__code=p.member_class,
                subsystem__member__code=p.member_code,
                subsystem__code=p.subsystem,
                code=service_id.service_code,
            )
            .first()
            if p.instance == conf.instance()
            else None
        )
    return cache[key]


def _client_names(client: ClientId, cache: dict) -> tuple[str, str]:
    """(system name, member name) from the registry; the ids when no longer registered."""
    key = str(client)
    if key not in cache:
        sub = (
            Subsystem.objects.select_related("member")
            .filter(
                member__member_class__code=client.member_class,
                member__code=client.member_code,
                code=client.subsystem,
            )
            .first()
        )
        if sub is not None:
            cache[key] = (sub.name, sub.member.name)
        else:
            member = Member.objects.filter(
                member_class__code=client.member_class, code=client.member_code
            ).first()
            cache[key] = ("", member.name if member else str(client.member))
    return cache[key]


def data_subject_records_receive(*, body: bytes, now: dt.datetime | None = None) -> ReceiveResult:
    """Verify a push and store its records; raise TrackerRefused (nothing stored) otherwise."""
    now = now or timezone.now()
    try:
        push = open_push(body)
    except TrackerFormatError:
        raise TrackerRefused("malformed") from None
    trust, revoked = _trust_store()
    try:
        trust.validate(push.certificate, now=now)
    except CertificateError:
        raise TrackerRefused("untrusted_certificate") from None
    try:
        member = verify_push(push)
    except TrackerFormatError as exc:
        raise TrackerRefused(exc.code) from None
    payload = push.payload
    if payload.get("instance") != conf.instance():
        raise TrackerRefused("wrong_instance")
    try:
        sent_at = parse_time(payload.get("sent_at"), "sent_at")
    except GlobalConfError:
        raise TrackerRefused("malformed") from None
    if abs(now - sent_at) > MAX_CLOCK_SKEW:
        raise TrackerRefused("stale")
    server = _reporting_server(payload, member)
    # per reporting server, known only now that its owner's signature verified; before the
    # costlier check of every record's client signature
    if over_rate(f"server:{server.pk}", rate_limit_per_minute()):
        raise TrackerRefused("rate_limited")
    records = payload.get("records")
    if not isinstance(records, list):
        raise TrackerRefused("malformed")
    if len(records) > MAX_RECORDS:
        raise TrackerRefused("too_many_records")

    services: dict = {}
    names: dict = {}
    rows: dict[str, DataSubjectRecord] = {}  # by descriptor SHA-256: one row per signed request
    for index, raw in enumerate(records):
        try:
            record = verify_record_signature(raw, index)
        except TrackerFormatError as exc:
            raise TrackerRefused(exc.code, index) from None
        _check_client_certificate(record, index, trust, revoked)
        if record.sent_at > now + MAX_CLOCK_SKEW:
            raise TrackerRefused("malformed_record", index)
        if record.service.provider.member != member:
            raise TrackerRefused("service_not_provided", index)
        service = _service(record.service, services)
        if service is None:
            raise TrackerRefused("unknown_service", index)
        client_name, client_member_name = _client_names(record.client, names)
        descriptor_sha256 = hashlib.sha256(record.descriptor).hexdigest()
        rows.setdefault(
            descriptor_sha256,
            DataSubjectRecord(
                reporting_server=server,
                subject_digest=subject_digest(record.data_subject),
                occurred_at=record.sent_at,
                logged_at=record.logged_at,
                message_id=record.message_id,
                request_id=record.request_id,
                client_id=str(record.client)[:300],
                client_name=client_name[:200],
                client_member_name=client_member_name[:200],
                service_id=str(record.service)[:400],
                service_title=service.title[:200],
                provider_member_name=server.owner.name[:200],
                purpose=record.purpose,
                issue=masked_issue(record.issue),
                log_seq=record.seq,
                descriptor_sha256=descriptor_sha256,
                client_certificate_sha256=cert_sha256_hex(record.signer),
            ),
        )
    with transaction.atomic():
        existing = set(
            DataSubjectRecord.objects.filter(descriptor_sha256__in=list(rows)).values_list(
                "descriptor_sha256", flat=True
            )
        )
        new = [row for key, row in rows.items() if key not in existing]
        DataSubjectRecord.objects.bulk_create(new, ignore_conflicts=True)
    return ReceiveResult(stored=len(new), duplicates=len(records) - len(new))


def rate_limit_per_minute() -> int:
    """Pushes per minute per reporting security server."""
    return int(getattr(settings, "XVIA_TRACKER_PUSHES_PER_MINUTE", 120))


def address_rate_limit_per_minute() -> int:
    """Pushes per minute per network address, before anything is parsed (several security
    servers may share one address behind a NAT, hence higher than the per-server limit)."""
    return int(getattr(settings, "XVIA_TRACKER_PUSHES_PER_MINUTE_PER_ADDRESS", 600))


def max_push_bytes() -> int:
    return int(getattr(settings, "XVIA_TRACKER_MAX_BYTES", 2 * 1024 * 1024))
