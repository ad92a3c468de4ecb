"""The development time-stamping authority's responder (RFC 3161, with RFC 5816's
ESSCertIDv2). Pure function of the request bytes, the TSA key and certificate: the view only
moves bytes. Malformed or unsupported requests get a TimeStampResp with status "rejection" and
the matching PKIFailureInfo bit, never an HTTP error."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

MAX_REQUEST_BYTES = 4096
# Accepted imprint algorithms and their digest sizes (RFC 3161 §2.4.1: the TSA checks the length).
DIGESTS = {"sha256": 32, "sha384": 48, "sha512": 64}


class TimeStampResponse(core.Sequence):
    """RFC 3161 TimeStampResp with `timeStampToken` OPTIONAL as the RFC says (asn1crypto's
    `tsp.TimeStampResp` makes it mandatory, so it cannot encode or read a rejection)."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


class Rejection(Exception):
    def __init__(self, failure: str, text: str):
        super().__init__(text)
        self.failure = failure
        self.text = text


def rejection(failure: str, text: str) -> bytes:
    status = tsp.PKIStatusInfo(
        {"status": "rejection", "status_string": [text], "fail_info": tsp.PKIFailureInfo({failure})}
    )
    return TimeStampResponse({"status": status}).dump()


@dataclass(frozen=True)
class _Request:
    """The parts of a TimeStampReq the TSA uses, as checked Python values."""

    message_imprint: tsp.MessageImprint
    policy: str | None
    nonce: int | None
    cert_req: bool


def _parse(data: bytes) -> _Request:
    if not data or len(data) > MAX_REQUEST_BYTES:
        raise Rejection("bad_data_format", "request missing or too large")
    try:
        request = tsp.TimeStampReq.load(data, strict=True)
        native = request.native  # forces the full parse, so malformed inner values fail here
        imprint = request["message_imprint"]
        algorithm = native["message_imprint"]["hash_algorithm"]["algorithm"]
        digest = native["message_imprint"]["hashed_message"]
        version, policy, nonce = native["version"], native["req_policy"], native["nonce"]
        cert_req, extensions = native["cert_req"], native["extensions"]
        imprint.dump(force=True)  # the imprint is echoed in the token: it must encode again
    except Exception:  # asn1crypto raises many types on hostile DER; all mean "malformed"
        raise Rejection("bad_data_format", "malformed TimeStampReq") from None
    if not (
        isinstance(algorithm, str)
        and isinstance(digest, bytes)
        and (policy is None or isinstance(policy, str))
        and (nonce is None or isinstance(nonce, int))
        and isinstance(cert_req, bool | None)
    ):
        raise Rejection("bad_data_format", "malformed TimeStampReq")
    if version != "v1":
        raise Rejection("bad_request", "unsupported version")
    if algorithm not in DIGESTS:
        raise Rejection("bad_alg", "unsupported hash algorithm")
    if len(digest) != DIGESTS[algorithm]:
        raise Rejection("bad_data_format", "hashed message length does not match its algorithm")
    if extensions:
        raise Rejection("unaccepted_extensions", "extensions are not supported")
    return _Request(message_imprint=imprint, policy=policy, nonce=nonce, cert_req=bool(cert_req))


def respond(
    data: bytes, *, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate, policy_oid: str
) -> bytes:
    """Answer one DER TimeStampReq with a DER TimeStampResp. Whatever the bytes, the answer is
    a TimeStampResp: a token, or a rejection (badDataFormat when the request does not parse)."""
    try:
        request = _parse(data)
        if request.policy and request.policy != policy_oid:
            raise Rejection("unaccepted_policy", "requested policy is not supported")
    except Rejection as refused:
        return rejection(refused.failure, refused.text)
    cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    info = {
        "version": "v1",
        "policy": policy_oid,
        "message_imprint": request.message_imprint,
        "serial_number": secrets.randbits(126) | (1 << 126),  # unique per token, positive
        "gen_time": datetime.now(UTC).replace(microsecond=0),
        "accuracy": {"seconds": 1},
        "ordering": False,
        "tsa": asn1_x509.GeneralName(name="directory_name", value=cert.subject),
    }
    if request.nonce is not None:
        info["nonce"] = request.nonce
    tst_info = tsp.TSTInfo(info)
    token = _sign(tst_info, key=key, cert=cert, include_certificate=request.cert_req)
    return TimeStampResponse({"status": {"status": "granted"}, "time_stamp_token": token}).dump()


def _sign(tst_info: tsp.TSTInfo, *, key, cert: asn1_x509.Certificate, include_certificate: bool):
    content = tst_info.dump()
    ess_cert = {
        "hash_algorithm": {"algorithm": "sha256"},
        "cert_hash": hashlib.sha256(cert.dump()).digest(),
        "issuer_serial": {
            "issuer": [asn1_x509.GeneralName(name="directory_name", value=cert.issuer)],
            "serial_number": cert.serial_number,
        },
    }
    signed_attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": ["tst_info"]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
            {"type": "signing_certificate_v2", "values": [{"certs": [ess_cert]}]},
        ]
    )
    signature = key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": cert.issuer, "serial_number": cert.serial_number},
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
            "signature": signature,
        }
    )
    signed_data = {
        "version": "v3",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {"content_type": "tst_info", "content": core.ParsableOctetString(content)},
        "signer_infos": [signer],
    }
    if include_certificate:
        signed_data["certificates"] = [cert]
    return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})
