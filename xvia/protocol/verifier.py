"""Offline verification of a message log (database or export) — see ADR 0035.

Proves each record's integrity (chain up to a signed seal), its message signature (by a member
certificate trusted by the global configuration that the anchor authenticates) and its time (the
seal's RFC 3161 time-stamp); detects alteration, insertion and deletion of records and seals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag

from .certs import (
    CertificateError,
    TrustedCA,
    TrustStore,
    load_certificate,
    member_id_from_signing_cert,
    verify_signature,
)
from .globalconf import Anchor, GlobalConfError, TrustedTSA, parse_time, verify_configuration
from .identifiers import ClientId, IdentifierError, ServerId, ServiceId
from .messagelog import (
    EXPORT_FORMAT,
    GENESIS,
    RECORD_FORMAT,
    SEAL_FORMAT,
    decrypt_body,
    entry_digest,
    next_chain_hash,
    seal_imprint,
    unb64,
)
from .messages import MessageError, parse_descriptor
from .tsp import TimestampError, verify_token


@dataclass
class LogRecord:
    seq: int
    record: bytes | None  # None: only the digest is given (record not disclosed)
    digest: bytes | None = None
    chain_hash: bytes | None = None
    body: bytes | None = None
    body_encrypted: bool = False


@dataclass
class LogSeal:
    first_seq: int
    last_seq: int
    seal: bytes
    signature: bytes
    signer_cert: bytes
    timestamp_token: bytes | None


@dataclass
class LogSource:
    records: list[LogRecord]
    seals: list[LogSeal]
    globalconfs: list[bytes]
    start_chain: bytes = GENESIS
    start_seal: bytes | None = None


@dataclass
class RecordProof:
    seq: int
    ok: bool
    kind: str = ""
    signer: str = ""
    message_id: str = ""
    sealed_by: int | None = None
    stamped_at: dt.datetime | None = None
    tsa: str = ""
    server: str = ""
    logged_at: dt.datetime | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    proofs: dict[int, RecordProof] = field(default_factory=dict)
    seals_ok: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def load_source(path: str | Path) -> LogSource:
    """Read a gateway store (SQLite) or an export (JSON)."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3"):
        return _load_db(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("format") != EXPORT_FORMAT:
        raise ValueError(f"not an {EXPORT_FORMAT} export")
    return LogSource(
        records=[
            LogRecord(
                seq=r["seq"],
                record=unb64(r.get("record")),
                digest=bytes.fromhex(r["digest"]) if r.get("digest") else None,
                chain_hash=bytes.fromhex(r["chain_hash"]) if r.get("chain_hash") else None,
                body=unb64(r.get("body")),
                body_encrypted=bool(r.get("body_encrypted")),
            )
            for r in doc["records"]
        ],
        seals=[
            LogSeal(
                s["first_seq"],
                s["last_seq"],
                unb64(s["seal"]),
                unb64(s["signature"]),
                unb64(s["signer_cert"]),
                unb64(s.get("timestamp_token")),
            )
            for s in doc["seals"]
        ],
        globalconfs=[g.encode() for g in doc["globalconfs"]],
        start_chain=bytes.fromhex(doc.get("start_chain") or GENESIS.hex()),
        start_seal=unb64(doc.get("start_seal")),
    )


def _load_db(path: Path) -> LogSource:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        records = [
            LogRecord(seq, bytes(rec), None, bytes(ch), bytes(body) if body is not None else None, bool(enc))
            for seq, rec, ch, body, enc in conn.execute(
                "SELECT seq, record, chain_hash, body, body_encrypted FROM mlog_record ORDER BY seq"
            )
        ]
        seals = [
            LogSeal(a, b, bytes(s), bytes(sig), bytes(c), bytes(t) if t is not None else None)
            for a, b, s, sig, c, t in conn.execute(
                "SELECT first_seq, last_seq, seal, signature, signer_cert, timestamp_token "
                "FROM mlog_seal ORDER BY id"
            )
        ]
        confs = [
            bytes(d) for (d,) in conn.execute("SELECT document FROM globalconf_history ORDER BY version")
        ]
    finally:
        conn.close()
    return LogSource(records, seals, confs)


def trust_from_globalconfs(documents: list[bytes], anchor: Anchor) -> tuple[TrustStore, list[TrustedTSA]]:
    """Union of the CAs and TSAs of every authentic configuration version (allowing expired ones)."""
    cas: dict[bytes, TrustedCA] = {}
    tsas: list[TrustedTSA] = []
    for doc in documents:
        conf = verify_configuration(doc, anchor, allow_expired=True)
        for ca in conf.cas:
            cas[ca.certificate.fingerprint(ca.certificate.signature_hash_algorithm)] = ca
        tsas.extend(conf.tsas)
    if not cas:
        raise GlobalConfError("no authentic global configuration to take trusted CAs from")
    return TrustStore(list(cas.values())), tsas


def _check_record(rec: LogRecord, trust: TrustStore, aes_key: bytes | None, proof: RecordProof) -> None:
    doc = json.loads(rec.record.decode("utf-8"))
    if doc.get("format") != RECORD_FORMAT or doc.get("seq") != rec.seq:
        raise ValueError("record format or sequence number does not match its position")
    descriptor = unb64(doc["descriptor"])
    cert = load_certificate(unb64(doc["signer"]))
    verify_signature(cert.public_key(), unb64(doc["signature"]), descriptor)
    when = parse_time(doc["logged_at"], "logged_at")
    trust.validate(cert, now=when, check_revocation=False)
    signer = member_id_from_signing_cert(cert)
    kind = doc["kind"]
    desc = parse_descriptor(descriptor, kind)
    expected = (
        ClientId.parse(desc["client"]).member
        if kind == "request"
        else ServiceId.parse(desc["service"]).provider.member
    )
    if signer != expected:
        raise ValueError(f"signed by {signer}, expected {expected}")
    proof.kind, proof.signer, proof.message_id = kind, str(signer), desc["id"]
    proof.server, proof.logged_at = str(doc["server"]), when
    if rec.body is None:
        if doc.get("body_logged") and desc["body_sha512"] is not None:
            raise ValueError("the logged body is missing")
        return
    body = rec.body
    if rec.body_encrypted:
        if aes_key is None:
            proof.notes.append("body encrypted; give --body-key to check it")
            return
        try:
            body = decrypt_body(aes_key, body, seq=rec.seq, server=doc["server"])
        except InvalidTag as exc:
            raise ValueError("encrypted body fails authentication") from exc
    digest = hashlib.sha512(body).digest() if body else None
    want = unb64(desc["body_sha512"]) if desc["body_sha512"] else None
    if digest != want:
        raise ValueError("body does not match the signed digest")


CLOCK_TOLERANCE = dt.timedelta(minutes=2)


def _seal_last_seq(seal: bytes | None) -> int | None:
    if not seal:
        return None
    try:
        value = json.loads(seal.decode("utf-8"))["last_seq"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, int) else None


def verify_log(source: LogSource, anchor: Anchor, *, aes_key: bytes | None = None) -> Report:
    report = Report()
    try:
        trust, tsas = trust_from_globalconfs(source.globalconfs, anchor)
    except GlobalConfError as exc:
        report.problems.append(f"global configuration: {exc}")
        return report
    tsa_certs = [t.certificate for t in tsas]

    chain_at: dict[int, bytes] = {}
    chain = source.start_chain
    expected_seq = source.records[0].seq if source.records else 1
    if source.start_chain == GENESIS and expected_seq != 1:
        report.problems.append(f"records before seq {expected_seq} are missing (deletion)")
    seen: set[int] = set()
    for rec in source.records:
        if rec.seq in seen:
            report.problems.append(f"seq {rec.seq} appears twice (insertion)")
            continue
        seen.add(rec.seq)
        if rec.seq != expected_seq:
            report.problems.append(f"records {expected_seq}..{rec.seq - 1} are missing (deletion)")
        expected_seq = rec.seq + 1
        digest = entry_digest(rec.record) if rec.record is not None else rec.digest
        chain = next_chain_hash(chain, digest)
        chain_at[rec.seq] = chain
        if rec.chain_hash is not None and rec.chain_hash != chain:
            report.problems.append(f"seq {rec.seq}: stored chain hash differs (alteration or insertion)")
        if rec.record is None:
            continue
        proof = RecordProof(rec.seq, ok=True)
        try:
            _check_record(rec, trust, aes_key, proof)
        except (ValueError, KeyError, TypeError, CertificateError, MessageError, IdentifierError) as exc:
            proof.ok = False
            report.problems.append(f"seq {rec.seq}: {exc}")
        report.proofs[rec.seq] = proof

    prev_seal = source.start_seal
    prev_last = _seal_last_seq(prev_seal)
    for seal in source.seals:
        label = f"seal up to seq {seal.last_seq}"
        try:
            doc = json.loads(seal.seal.decode("utf-8"))
            if (
                doc.get("format") != SEAL_FORMAT
                or doc["last_seq"] != seal.last_seq
                or doc["first_seq"] != seal.first_seq
            ):
                raise ValueError("malformed seal")
            cert = load_certificate(seal.signer_cert)
            verify_signature(cert.public_key(), seal.signature, seal.seal)
            trust.validate(cert, now=parse_time(doc["sealed_at"], "sealed_at"), check_revocation=False)
            if member_id_from_signing_cert(cert) != ServerId.parse(doc["server"]).owner:
                raise ValueError("sealed by another member's key")
            want_prev = hashlib.sha256(prev_seal).hexdigest() if prev_seal else None
            if doc["prev_seal"] != want_prev:
                raise ValueError("seal chain broken (a seal was removed, added or altered)")
            if prev_last is not None and doc["first_seq"] != prev_last + 1:
                raise ValueError("the seal does not start right after the previous one")
            if seal.last_seq not in chain_at:
                # every record (or its digest) up to a seal must be given, else deleting the
                # tail of a sealed range would go unnoticed
                raise ValueError(f"records up to {seal.last_seq} are missing (deletion)")
            if chain_at[seal.last_seq].hex() != doc["chain_hash"]:
                raise ValueError("records do not match the sealed chain (alteration, insertion or deletion)")
            stamped = None
            if seal.timestamp_token is None:
                report.warnings.append(f"{label}: not yet time-stamped")
            else:
                token = verify_token(
                    seal.timestamp_token,
                    digest=seal_imprint(seal.seal),
                    trust=trust,
                    tsa_certificates=tsa_certs,
                )
                stamped = token.gen_time
            report.seals_ok += 1
            for seq in range(doc["first_seq"], seal.last_seq + 1):
                proof = report.proofs.get(seq)
                if proof is None:
                    continue
                if proof.server and proof.server != doc["server"]:
                    proof.ok = False
                    report.problems.append(f"seq {seq}: logged by {proof.server}, sealed by {doc['server']}")
                    continue
                if (
                    stamped is not None
                    and proof.logged_at is not None
                    and (proof.logged_at > stamped + CLOCK_TOLERANCE)
                ):
                    proof.ok = False
                    report.problems.append(f"seq {seq}: logged after its seal was time-stamped")
                    continue
                proof.sealed_by = seal.last_seq
                proof.stamped_at = stamped
        except (ValueError, KeyError, TypeError, CertificateError, TimestampError, IdentifierError) as exc:
            report.problems.append(f"{label}: {exc}")
        prev_seal = seal.seal
        prev_last = seal.last_seq
    sealed_until = source.seals[-1].last_seq if source.seals else 0
    unsealed = [s for s in report.proofs if s > sealed_until]
    if unsealed:
        report.warnings.append(f"records {min(unsealed)}..{max(unsealed)} are not sealed yet")
    return report
