"""Throwaway PKI, TSA and signed global configuration for tests and the benchmark.

Never used by a running gateway: the development CA and TSA of the platform live in the central
(xvia/central). This module lets xvia.protocol and xvia.gateway be tested without Django.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import secrets
from dataclasses import dataclass, field

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .certs import cert_sha256_hex, certificate_der, certificate_pem, generate_private_key, utcnow
from .globalconf import ANCHOR_FORMAT, FORMAT, format_time, sign_configuration
from .tsp import TimeStampResp


def _name(common_name: str, serial_number: str | None = None, org: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "BR")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    if serial_number:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    return x509.Name(attrs)


@dataclass
class TestCA:
    """A self-signed CA able to issue auth, signing and TSA certificates, and to revoke them."""

    name: str = "X-VIA Test CA"
    key: ec.EllipticCurvePrivateKey = field(default_factory=generate_private_key)
    certificate: x509.Certificate | None = None
    revoked: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.certificate is None:
            now = utcnow()
            subject = _name(self.name)
            self.certificate = (
                x509.CertificateBuilder()
                .subject_name(subject)
                .issuer_name(subject)
                .public_key(self.key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(
                    x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
                )
                .sign(self.key, hashes.SHA256())
            )

    def issue(
        self,
        public_key,
        *,
        common_name: str,
        serial_number: str | None = None,
        org: str | None = None,
        kind: str = "sign",
        sans: tuple[str, ...] = (),
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
    ) -> x509.Certificate:
        now = utcnow()
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, serial_number, org))
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - dt.timedelta(hours=1))
            .not_valid_after(not_after or now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        )
        if kind == "auth":
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False,
            )
            names: list[x509.GeneralName] = []
            for san in sans:
                try:
                    names.append(x509.IPAddress(ipaddress.ip_address(san)))
                except ValueError:
                    names.append(x509.DNSName(san))
            if names:
                builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        elif kind == "tsa":
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        else:
            builder = builder.add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
            )
        return builder.sign(self.key, hashes.SHA256())

    def issue_from_csr(self, csr: x509.CertificateSigningRequest, *, kind: str, sans=()) -> x509.Certificate:
        serial = csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        cn = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        org = csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        return self.issue(
            csr.public_key(),
            common_name=str(cn[0].value) if cn else "x-via",
            serial_number=str(serial[0].value) if serial else None,
            org=str(org[0].value) if org else None,
            kind=kind,
            sans=sans,
        )

    def trust_entry(self) -> dict:
        return {
            "name": self.name,
            "certificate_pem": certificate_pem(self.certificate),
            "revoked_serials": [format(s, "x") for s in sorted(self.revoked)],
        }


class TestTSA:
    """A minimal RFC 3161 responder (tests and benchmark only)."""

    def __init__(self, ca: TestCA, name: str = "X-VIA Test TSA") -> None:
        self.key = generate_private_key()
        self.certificate = ca.issue(self.key.public_key(), common_name=name, kind="tsa")
        self.name = name
        self.fail = False  # tests flip this to simulate an unavailable TSA
        self.requests = 0

    def respond(self, request_der: bytes, *, gen_time: dt.datetime | None = None) -> bytes:
        self.requests += 1
        if self.fail:
            return TimeStampResp({"status": {"status": "rejection"}}).dump()
        req = tsp.TimeStampReq.load(request_der)
        tst = tsp.TSTInfo(
            {
                "version": "v1",
                "policy": "1.3.6.1.4.1.99999.1",
                "message_imprint": req["message_imprint"],
                "serial_number": secrets.randbits(63),
                "gen_time": (gen_time or utcnow()).replace(microsecond=0),
                "nonce": req["nonce"].native,
            }
        )
        tst_der = tst.dump()
        cert_asn1 = asn1_x509.Certificate.load(certificate_der(self.certificate))
        signed_attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": ["tst_info"]},
                {"type": "message_digest", "values": [hashlib.sha256(tst_der).digest()]},
                {"type": "signing_time", "values": [cms.Time({"utc_time": utcnow().replace(microsecond=0)})]},
            ]
        )
        signature = self.key.sign(b"\x31" + signed_attrs.dump()[1:], ec.ECDSA(hashes.SHA256()))
        signed_data = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {
                    "content_type": "tst_info",
                    "content": core.ParsableOctetString(tst_der),
                },
                "certificates": [cert_asn1],
                "signer_infos": [
                    {
                        "version": "v1",
                        "sid": cms.SignerIdentifier(
                            {
                                "issuer_and_serial_number": {
                                    "issuer": cert_asn1.issuer,
                                    "serial_number": cert_asn1.serial_number,
                                }
                            }
                        ),
                        "digest_algorithm": {"algorithm": "sha256"},
                        "signed_attrs": signed_attrs,
                        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
                        "signature": signature,
                    }
                ],
            }
        )
        token = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
        return TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()

    def asgi_app(self):
        """An ASGI app answering ``POST`` with ``application/timestamp-reply``."""

        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            body = b""
            more = True
            while more:
                msg = await receive()
                body += msg.get("body", b"")
                more = msg.get("more_body", False)
            try:
                answer, status = self.respond(body), 200
            except Exception:
                answer, status = b"bad request", 400
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(b"content-type", b"application/timestamp-reply")],
                }
            )
            await send({"type": "http.response.body", "body": answer})

        return app


@dataclass
class TestCentral:
    """Signs global configuration like the central does, and writes the matching anchor."""

    instance: str = "MT"
    key: ec.EllipticCurvePrivateKey = field(default_factory=generate_private_key)
    certificate: x509.Certificate | None = None
    url: str = "http://127.0.0.1:9/xvia/globalconf/v1/shared"

    def __post_init__(self) -> None:
        if self.certificate is None:
            ca = TestCA(name="X-VIA Test Central")
            self.certificate = ca.issue(self.key.public_key(), common_name="X-VIA Central Signer")

    def anchor(self) -> dict:
        return {
            "format": ANCHOR_FORMAT,
            "instance": self.instance,
            "generated_at": format_time(utcnow()),
            "sources": [
                {"url": self.url, "verification_certificates_pem": [certificate_pem(self.certificate)]}
            ],
        }

    def anchor_bytes(self) -> bytes:
        return json.dumps(self.anchor()).encode()

    def sign(self, payload: dict) -> bytes:
        return sign_configuration(payload, self.key, self.certificate)


def globalconf_payload(
    *,
    instance: str = "MT",
    version: int = 1,
    cas: list[dict],
    tsas: list[dict] = (),
    members: list[dict] = (),
    security_servers: list[dict] = (),
    services: list[dict] = (),
    global_groups: list[dict] = (),
    access_rights: list[dict] = (),
    valid_for: dt.timedelta = dt.timedelta(hours=1),
    generated_at: dt.datetime | None = None,
    central_urls: list[str] = (),
    refresh_interval_seconds: int = 60,
) -> dict:
    generated = generated_at or utcnow()
    return {
        "format": FORMAT,
        "instance": instance,
        "version": version,
        "generated_at": format_time(generated),
        "expires_at": format_time(generated + valid_for),
        "refresh_interval_seconds": refresh_interval_seconds,
        "central": {"urls": list(central_urls)},
        "trust": {"cas": list(cas), "tsas": list(tsas)},
        "member_classes": [{"code": c, "description": c} for c in ("GOV", "MUN", "COM", "ORG")],
        "members": list(members),
        "security_servers": list(security_servers),
        "services": list(services),
        "global_groups": list(global_groups),
        "access_rights": list(access_rights),
    }


def tsa_entry(tsa: TestTSA, url: str) -> dict:
    return {"name": tsa.name, "url": url, "certificate_pem": certificate_pem(tsa.certificate)}


def fingerprint(cert: x509.Certificate) -> str:
    return cert_sha256_hex(cert)
