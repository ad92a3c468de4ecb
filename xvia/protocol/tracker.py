"""Data tracker push format (ADR 0037): how a provider's security server reports to the central
the queries about a person it served, with the client's own signed request as evidence.

One push is a JWS compact serialization signed by the reporting server's owner member (its
signing key; ES256, or RS256 for an RSA key), header ``{"alg", "typ": "xvia-tracker", "x5c":
[signing certificate]}``, payload::

    {"format": "xvia-tracker/1", "instance": "MT", "server": "SERVER:MT/GOV/<CNPJ>/ss-detran",
     "sent_at": "2026-11-26T20:00:00Z",
     "records": [{"seq": 12, "logged_at": "...", "descriptor": "<base64>",
                  "signature": "<base64>", "signer": "<base64 DER>"}]}

``descriptor``, ``signature`` and ``signer`` are the request exactly as it crossed the wire (and
as the provider's message log holds it): the ``xvia-msg/1`` request descriptor the client's
member signed, which names the data subject (CPF) and the purpose. The central can therefore
check that the *client* asked for this person with this purpose, not only that the provider says
so. Shared by the gateway (``build_push``) and the central (``open_push``, ``verify_record``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from .certs import (
    CertificateError,
    certificate_der,
    load_certificate,
    member_id_from_signing_cert,
    verify_signature,
)
from .globalconf import GlobalConfError, format_time, parse_time
from .identifiers import ClientId, IdentifierError, ServiceId
from .messages import MAX_DESCRIPTOR_BYTES, MessageError, parse_descriptor
from .personal import normalize_cpf, validate_purpose

FORMAT = "xvia-tracker/1"
JWS_TYP = "xvia-tracker"
CONTENT_TYPE = "application/jose"
API_PATH = "/xvia/api/v1/data-subject-records"
MAX_RECORDS = 500
ALGORITHMS = ("ES256", "RS256")


class TrackerFormatError(ValueError):
    """A push or one of its records is malformed or does not verify.

    ``code`` is a stable machine word (``bad_signature``, ``untrusted_certificate``...) the
    central turns into a Portuguese message; ``record`` the index of the offending record.
    """

    def __init__(self, code: str, detail: str, record: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.record = record


@dataclass(frozen=True)
class PushRecord:
    """One logged request as the tracker sends it."""

    seq: int
    logged_at: str
    descriptor: bytes
    signature: bytes
    signer_der: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "logged_at": self.logged_at,
            "descriptor": base64.b64encode(self.descriptor).decode("ascii"),
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "signer": base64.b64encode(self.signer_der).decode("ascii"),
        }


@dataclass(frozen=True)
class Push:
    """An opened push: header certificate and payload (signature not yet checked)."""

    token: jws.JWS
    alg: str
    certificate: x509.Certificate
    payload: dict[str, Any]


@dataclass(frozen=True)
class VerifiedRecord:
    """A record whose client signature verified, with the fields the central stores."""

    seq: int
    logged_at: dt.datetime
    sent_at: dt.datetime
    message_id: str
    request_id: str
    client: ClientId
    service: ServiceId
    data_subject: str  # 11 digits; the caller digests it and forgets it
    purpose: str
    issue: str
    user_id: str
    descriptor: bytes
    signer: x509.Certificate


def _alg_for(key) -> str:
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1":
        return "ES256"
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    raise TrackerFormatError("unsupported_key", "signing key must be EC P-256 or RSA")


def build_push(
    *,
    instance: str,
    server: str,
    records: list[PushRecord],
    sign_key,
    sign_cert: x509.Certificate,
    now: dt.datetime | None = None,
) -> bytes:
    """The JWS a reporting server POSTs to the central (compact serialization, ASCII bytes)."""
    payload = {
        "format": FORMAT,
        "instance": instance,
        "server": server,
        "sent_at": format_time(now or dt.datetime.now(dt.UTC)),
        "records": [r.to_json() for r in records],
    }
    alg = _alg_for(sign_key)
    header = {
        "alg": alg,
        "typ": JWS_TYP,
        "x5c": [base64.b64encode(certificate_der(sign_cert)).decode("ascii")],
    }
    token = jws.JWS(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    token.add_signature(jwk.JWK.from_pyca(sign_key), alg=alg, protected=json.dumps(header))
    return token.serialize(compact=True).encode("ascii")


def open_push(data: bytes) -> Push:
    """Parse the JWS and its header certificate; the caller decides whether to trust the
    certificate, then calls ``verify_push``."""
    try:
        text = data.decode("ascii").strip()
        if text.count(".") != 2 or text.startswith("{"):
            raise ValueError("not compact")
        token = jws.JWS()
        token.deserialize(text)
        header = token.jose_header
    except (JWException, ValueError, UnicodeDecodeError) as exc:
        raise TrackerFormatError("malformed", "not a JWS compact serialization") from exc
    if not isinstance(header, dict) or header.get("typ") != JWS_TYP or header.get("alg") not in ALGORITHMS:
        raise TrackerFormatError("malformed", "JWS header must have typ xvia-tracker and alg ES256/RS256")
    chain = header.get("x5c")
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise TrackerFormatError("malformed", "JWS header must carry the signing certificate in x5c")
    try:
        certificate = load_certificate(base64.b64decode(chain[0], validate=True))
    except (CertificateError, binascii.Error, ValueError) as exc:
        raise TrackerFormatError("malformed", "x5c does not hold a certificate") from exc
    try:
        payload = json.loads(token.objects["payload"].decode("utf-8"))
    except (KeyError, ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise TrackerFormatError("malformed", "payload is not UTF-8 JSON") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise TrackerFormatError("malformed", f"payload format must be {FORMAT}")
    return Push(token, header["alg"], certificate, payload)


def verify_push(push: Push) -> ClientId:
    """Check the JWS signature with the header certificate; return the member it names."""
    try:
        push.token.verify(jwk.JWK.from_pyca(push.certificate.public_key()), alg=push.alg)
    except (JWException, ValueError, TypeError) as exc:
        raise TrackerFormatError("bad_signature", "the push signature does not verify") from exc
    try:
        return member_id_from_signing_cert(push.certificate)
    except CertificateError as exc:
        raise TrackerFormatError("untrusted_certificate", str(exc)) from exc


def _b64(value: Any, what: str, index: int) -> bytes:
    if not isinstance(value, str):
        raise TrackerFormatError("malformed_record", f"{what} must be base64 text", index)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise TrackerFormatError("malformed_record", f"{what} is not base64", index) from exc


def _header(descriptor: dict, name: str) -> str:
    for key, value in descriptor["headers"]:
        if key.lower() == name:
            return value[:255]
    return ""


def verify_record(raw: Any, index: int) -> VerifiedRecord:
    """Decode one record and verify the client's signature over its request descriptor.

    Checks: shape; descriptor is an ``xvia-msg/1`` request; the signature verifies with the
    signer certificate's key; the certificate names the client's member; the data subject is a
    valid CPF and the purpose (when given) acceptable text. Trust in the signer certificate
    (chain, validity at ``sent_at``, revocation) is the caller's decision: the central checks it
    against its registry.
    """
    if not isinstance(raw, dict):
        raise TrackerFormatError("malformed_record", "record must be an object", index)
    seq = raw.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise TrackerFormatError("malformed_record", "seq must be a positive integer", index)
    descriptor = _b64(raw.get("descriptor"), "descriptor", index)
    signature = _b64(raw.get("signature"), "signature", index)
    signer_der = _b64(raw.get("signer"), "signer", index)
    if len(descriptor) > MAX_DESCRIPTOR_BYTES or len(signature) > 1024 or len(signer_der) > 16384:
        raise TrackerFormatError("malformed_record", "record field too large", index)
    try:
        logged_at = parse_time(raw.get("logged_at"), "logged_at")
        signer = load_certificate(signer_der)
    except (GlobalConfError, CertificateError) as exc:
        raise TrackerFormatError("malformed_record", str(exc), index) from exc
    try:
        verify_signature(signer.public_key(), signature, descriptor)
    except CertificateError as exc:
        raise TrackerFormatError("bad_record_signature", "client signature does not verify", index) from exc
    try:
        desc = parse_descriptor(descriptor, "request")
        client = ClientId.parse(desc["client"], require_subsystem=True)
        service = ServiceId.parse(desc["service"])
        sent_at = parse_time(desc["sent_at"], "sent_at")
        signer_member = member_id_from_signing_cert(signer)
    except (MessageError, IdentifierError, GlobalConfError, CertificateError) as exc:
        raise TrackerFormatError("malformed_record", str(exc), index) from exc
    if signer_member != client.member:
        raise TrackerFormatError("bad_record_signature", "request not signed by the client's member", index)
    cpf = normalize_cpf(desc.get("data_subject") or "")
    if cpf is None:
        raise TrackerFormatError("bad_data_subject", "data subject is not a valid CPF", index)
    purpose_raw = desc.get("purpose")
    purpose = validate_purpose(purpose_raw) if purpose_raw is not None else ""
    if purpose is None:
        raise TrackerFormatError("malformed_record", "purpose is not acceptable text", index)
    if not (0 < len(desc["id"]) <= 255 and 0 < len(desc["request_id"]) <= 255):
        raise TrackerFormatError("malformed_record", "message ids must be 1..255 characters", index)
    return VerifiedRecord(
        seq=seq,
        logged_at=logged_at,
        sent_at=sent_at,
        message_id=desc["id"],
        request_id=desc["request_id"],
        client=client,
        service=service,
        data_subject=cpf,
        purpose=purpose,
        issue=_header(desc, "x-road-issue"),
        user_id=_header(desc, "x-road-userid"),
        descriptor=descriptor,
        signer=signer,
    )
