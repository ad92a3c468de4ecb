"""RFC 3161 time-stamping, client side: build a TimeStampReq and verify the answer.

A token is accepted only when: the response status is granted; the CMS SignedData holds one
signer whose signed attributes bind the TSTInfo (content type and message digest); the signature
verifies with the TSA certificate; that certificate is one the caller lists as trusted (global
configuration's ``trust.tsas``, matched by SHA-256 fingerprint: a certificate embedded in the
token is never enough, whatever CA issued it), chains to a trusted CA, was valid at the stamp's
time and has the timeStamping extended key usage; the imprint is the SHA-256 we asked for; and
the nonce, when we sent one, comes back unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import cms, core, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from .certs import (
    TIME_STAMPING_EKU,
    CertificateError,
    TrustStore,
    cert_sha256_hex,
    has_extended_key_usage,
    verify_signature,
)

CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"
_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


class TimeStampResp(core.Sequence):
    """RFC 3161 TimeStampResp; unlike asn1crypto's, the token is OPTIONAL (absent when refused)."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


class TimestampError(ValueError):
    """The time-stamp response or token is malformed, refused or does not verify."""


@dataclass(frozen=True)
class TimestampToken:
    token_der: bytes
    gen_time: dt.datetime
    serial_number: int
    tsa_certificate: x509.Certificate


def build_request(digest: bytes, *, nonce: int | None = None) -> tuple[bytes, int]:
    """Return (DER TimeStampReq for a SHA-256 imprint, nonce)."""
    if len(digest) != 32:
        raise TimestampError("the imprint must be a SHA-256 digest")
    nonce = nonce if nonce is not None else secrets.randbits(63)
    req = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return req.dump(), nonce


def verify_response(
    response_der: bytes,
    *,
    digest: bytes,
    nonce: int | None,
    trust: TrustStore,
    tsa_certificates: Iterable[x509.Certificate],
) -> TimestampToken:
    """Verify a TimeStampResp for ``digest`` (and ``nonce``) and return its token."""
    try:
        resp = TimeStampResp.load(response_der)
        status = resp["status"]["status"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise TimestampError("malformed time-stamp response") from exc
    if status not in ("granted", "granted_with_mods"):
        raise TimestampError(f"time-stamp refused: {status}")
    token = resp["time_stamp_token"]
    if token is None or isinstance(token, core.Void):
        raise TimestampError("time-stamp response carries no token")
    return verify_token(
        token.dump(), digest=digest, nonce=nonce, trust=trust, tsa_certificates=tsa_certificates
    )


def verify_token(
    token_der: bytes,
    *,
    digest: bytes,
    nonce: int | None = None,
    trust: TrustStore,
    tsa_certificates: Iterable[x509.Certificate],
) -> TimestampToken:
    """Verify a TimeStampToken (CMS ContentInfo) offline; see the module docstring.

    ``tsa_certificates`` are the only certificates accepted as the token's signer (global
    configuration's ``trust.tsas``); certificates carried inside the token are ignored.
    """
    try:
        info = cms.ContentInfo.load(token_der)
        if info["content_type"].native != "signed_data":
            raise TimestampError("token is not CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].native != "tst_info":
            raise TimestampError("token does not hold a TSTInfo")
        tst_bytes = encap["content"].contents
        tst = tsp.TSTInfo.load(tst_bytes)
        signer_infos = signed["signer_infos"]
        if len(signer_infos) != 1:
            raise TimestampError("token must have exactly one signer")
        signer = signer_infos[0]
    except (ValueError, TypeError, KeyError) as exc:
        raise TimestampError("malformed time-stamp token") from exc
    # Only listed TSAs: any CA-issued certificate with the EKU would otherwise do.
    candidates = {cert_sha256_hex(c): c for c in tsa_certificates}

    sid = signer["sid"]
    if sid.name != "issuer_and_serial_number":
        raise TimestampError("unsupported signer identifier")
    issuer_der = sid.chosen["issuer"].dump()
    serial = sid.chosen["serial_number"].native
    tsa_cert = next(
        (
            c
            for c in candidates.values()
            if c.serial_number == serial and c.issuer.public_bytes() == issuer_der
        ),
        None,
    )
    if tsa_cert is None:
        raise TimestampError("the token is not signed by a TSA listed in global configuration")

    attrs = signer["signed_attrs"]
    if not attrs:
        raise TimestampError("token has no signed attributes")
    by_type = {a["type"].native: a["values"] for a in attrs}
    digest_alg = signer["digest_algorithm"]["algorithm"].native
    if digest_alg not in _HASHES:
        raise TimestampError(f"unsupported digest algorithm {digest_alg}")
    if "content_type" not in by_type or by_type["content_type"][0].native != "tst_info":
        raise TimestampError("content-type attribute missing or wrong")
    expected = hashlib.new(digest_alg, tst_bytes).digest()
    if "message_digest" not in by_type or by_type["message_digest"][0].native != expected:
        raise TimestampError("message-digest attribute does not match the TSTInfo")
    signed_bytes = b"\x31" + attrs.dump()[1:]  # [0] IMPLICIT -> SET OF for the signature input
    try:
        verify_signature(
            tsa_cert.public_key(), signer["signature"].native, signed_bytes, _HASHES[digest_alg]()
        )
    except CertificateError as exc:
        raise TimestampError("invalid TSA signature") from exc

    imprint = tst["message_imprint"]
    if (
        imprint["hash_algorithm"]["algorithm"].native != "sha256"
        or imprint["hashed_message"].native != digest
    ):
        raise TimestampError("the time-stamp is for another imprint")
    if nonce is not None and tst["nonce"].native != nonce:
        raise TimestampError("the time-stamp nonce does not match")
    gen_time = tst["gen_time"].native
    if not has_extended_key_usage(tsa_cert, TIME_STAMPING_EKU):
        raise TimestampError("the signer is not a time-stamping authority (EKU)")
    try:
        trust.validate(tsa_cert, now=gen_time)
    except CertificateError as exc:
        raise TimestampError(f"untrusted TSA certificate: {exc}") from exc
    return TimestampToken(token_der, gen_time, tst["serial_number"].native, tsa_cert)
