"""Offline verification of a message log (database, export or archive files) — see ADR 0035.

Proves each record's integrity (chain up to a signed seal), its message signature (by a member
certificate trusted by the global configuration that the anchor authenticates) and its time (the
seal's RFC 3161 time-stamp); detects alteration, insertion and deletion of records and seals.
Several sources (archive files, then the store) are checked one by one and then for continuity:
each must take over exactly where the previous one ended (see ``verify_sources``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

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
from .mlogsource import LogRecord, LogSeal, LogSource, load_source
from .tsp import TimestampError, verify_token

__all__ = ["LogRecord", "LogSeal", "LogSource", "Report", "load_source", "verify_log", "verify_sources"]


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
    # where the source ends, as recomputed: a following source must take over from here
    end_seq: int = 0
    end_chain: bytes = GENESIS
    end_seal: bytes | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


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


def _start_problems(source: LogSource) -> list[str]:
    """A log that takes over from an earlier range (an archive file, a store whose first records
    were archived) must start right after the seal that ended that range, on its chain hash. That
    seal is authenticated by the next one (``prev_seal``), so the start cannot be moved."""
    if source.start_seq is None:
        return []
    if source.start_seal is None:
        if source.start_seq != 1 or source.start_chain != GENESIS:
            return [f"the log starts at seq {source.start_seq} but names no seal before it"]
        return []
    try:
        doc = json.loads(source.start_seal.decode("utf-8"))
        last, chain = doc["last_seq"], doc["chain_hash"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return ["the seal before the log's first record is unreadable"]
    if last != source.start_seq - 1 or chain != source.start_chain.hex():
        return [
            f"the log takes over after seq {source.start_seq - 1}, but the seal before it ends at "
            f"seq {last} or on another chain hash (archive record altered)"
        ]
    return []


def _archived_notes(source: LogSource, report: Report) -> None:
    """A store's mlog_archive rows must cover 1..N without gaps, each ending on its own seal."""
    prev_last = 0
    for row in source.archived:
        label = f"archived range {row.first_seq}..{row.last_seq} ({row.file_name})"
        if row.first_seq != prev_last + 1:
            report.problems.append(f"{label} does not follow seq {prev_last} (archive record altered)")
        try:
            doc = json.loads(row.last_seal.decode("utf-8"))
            ok = doc["last_seq"] == row.last_seq and doc["chain_hash"] == row.chain_hash.hex()
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            ok = False
        if not ok:
            report.problems.append(f"{label}: does not match its seal (archive record altered)")
        prev_last = row.last_seq
    if source.archived:
        report.warnings.append(
            f"records 1..{prev_last} are archived in {len(source.archived)} file(s), up to "
            f"{source.archived[-1].file_name}: give those files with the store to verify them too"
        )
    if source.leftovers:
        report.warnings.append(f"{source.leftovers} archived record(s) are still being deleted")


def verify_log(source: LogSource, anchor: Anchor, *, aes_key: bytes | None = None) -> Report:
    report = Report()
    try:
        trust, tsas = trust_from_globalconfs(source.globalconfs, anchor)
    except GlobalConfError as exc:
        report.problems.append(f"global configuration: {exc}")
        return report
    tsa_certs = [t.certificate for t in tsas]
    report.end_chain, report.end_seal = source.start_chain, source.start_seal

    report.problems.extend(_start_problems(source))
    chain_at: dict[int, bytes] = {}
    chain = source.start_chain
    if source.start_seq is not None:
        expected_seq = source.start_seq
    else:
        expected_seq = source.records[0].seq if source.records else 1
        if source.start_chain == GENESIS and expected_seq != 1:
            report.problems.append(f"records before seq {expected_seq} are missing (deletion)")
    report.end_seq = expected_seq - 1
    seen: set[int] = set()
    for rec in source.records:
        if rec.seq in seen or rec.seq < expected_seq:
            report.problems.append(f"seq {rec.seq} appears twice or out of order (insertion)")
            continue
        seen.add(rec.seq)
        if rec.seq != expected_seq:
            report.problems.append(f"records {expected_seq}..{rec.seq - 1} are missing (deletion)")
        expected_seq = rec.seq + 1
        digest = entry_digest(rec.record) if rec.record is not None else rec.digest
        chain = next_chain_hash(chain, digest)
        chain_at[rec.seq] = chain
        report.end_seq, report.end_chain = rec.seq, chain
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
    if source.seals:
        report.end_seal = source.seals[-1].seal
    _archived_notes(source, report)
    sealed_until = source.seals[-1].last_seq if source.seals else 0
    unsealed = [s for s in report.proofs if s > sealed_until]
    if unsealed:
        report.warnings.append(f"records {min(unsealed)}..{max(unsealed)} are not sealed yet")
    return report


def verify_sources(sources: list[LogSource], anchor: Anchor, *, aes_key: bytes | None = None) -> Report:
    """Verify archive files, exports and at most a store one by one, then their continuity:
    ordered by the seq they start at (the store last), each must take over exactly where the
    previous one ended (next seq, recomputed chain hash, last seal) and an archive file must name
    the previous file by its SHA-256. A store's ``mlog_archive`` must give each archive file
    passed here the SHA-256 it has."""
    ordered = sorted(sources, key=lambda s: (s.kind == "db", _first_seq(s)))
    total = Report()
    prev: tuple[LogSource, Report] | None = None
    for src in ordered:
        report = verify_log(src, anchor, aes_key=aes_key)
        label = src.name or src.kind
        if prev is None and _first_seq(src) > 1 and src.kind != "db":
            total.warnings.append(f"{label}: starts at seq {_first_seq(src)}; earlier records not checked")
        problems = report.problems + (_continuity(*prev, src) if prev else [])
        total.problems += [f"{label}: {p}" for p in problems]
        total.warnings += [f"{label}: {w}" for w in report.warnings]
        total.proofs.update(report.proofs)
        total.seals_ok += report.seals_ok
        total.end_seq, total.end_chain, total.end_seal = report.end_seq, report.end_chain, report.end_seal
        prev = (src, report)
    files = {s.name: s for s in ordered if s.kind == "archive"}
    for store in (s for s in ordered if s.kind == "db"):
        absent = [row for row in store.archived if row.file_name not in files]
        for row in store.archived:
            given = files.get(row.file_name)
            if given is not None and given.sha256 != row.file_sha256:
                total.problems.append(f"{row.file_name}: not the file the store archived (SHA-256 differs)")
        if absent:
            total.warnings.append(
                f"{store.name}: records {absent[0].first_seq}..{absent[-1].last_seq} are archived in "
                f"{len(absent)} file(s) not given here ({absent[0].file_name} .. {absent[-1].file_name})"
            )
    return total


def _first_seq(source: LogSource) -> int:
    if source.start_seq is not None:
        return source.start_seq
    return source.records[0].seq if source.records else 1


def _continuity(prev: LogSource, prev_report: Report, src: LogSource) -> list[str]:
    problems = []
    want, start = prev_report.end_seq + 1, _first_seq(src)
    if start > want:
        problems.append(f"records {want}..{start - 1} are missing between {prev.name} and this source")
    elif start < want:
        problems.append(f"starts at seq {start}, inside the range of {prev.name} (overlap)")
    elif src.start_chain != prev_report.end_chain:
        problems.append(f"does not continue the hash chain of {prev.name}")
    if start == want and src.start_seq is not None and src.start_seal != prev_report.end_seal:
        problems.append(f"does not continue the seal chain of {prev.name}")
    if src.kind == "archive" and prev.kind == "archive":
        previous = (src.archive or {}).get("previous") or {}
        if previous.get("sha256") != prev.sha256:
            problems.append(f"names another previous archive file than {prev.name} (file replaced?)")
    return problems
