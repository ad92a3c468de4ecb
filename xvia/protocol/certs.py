"""Certificates and keys: trust decisions against the CAs listed in global configuration.

A certificate is trusted when it chains to a listed CA, every link is within its validity and its
serial is not in that CA's ``revoked_serials`` (ADR 0033). Subjects carry X-VIA ids in the
``serialNumber`` attribute: the member id for signing certificates, the server id (without the
``SERVER:`` prefix) for authentication (TLS) certificates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .identifiers import ClientId, IdentifierError, ServerId


class CertificateError(ValueError):
    """A certificate is malformed, untrusted, expired, revoked or of the wrong kind."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def load_certificate(data: bytes | str) -> x509.Certificate:
    raw = data.encode() if isinstance(data, str) else data
    try:
        if b"-----BEGIN" in raw:
            return x509.load_pem_x509_certificate(raw)
        return x509.load_der_x509_certificate(raw)
    except ValueError as exc:
        raise CertificateError("malformed certificate") from exc


def load_certificates(pem: bytes | str) -> list[x509.Certificate]:
    raw = pem.encode() if isinstance(pem, str) else pem
    try:
        return x509.load_pem_x509_certificates(raw)
    except ValueError as exc:
        raise CertificateError("malformed certificate list") from exc


def certificate_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def certificate_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def cert_sha256_hex(cert: x509.Certificate) -> str:
    """Lower-case hex SHA-256 of the DER certificate (the fingerprint used in global conf)."""
    return hashlib.sha256(certificate_der(cert)).hexdigest()


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def private_key_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_key(data: bytes):
    try:
        return serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise CertificateError("malformed private key") from exc


def subject_serial_number(cert: x509.Certificate) -> str | None:
    attrs = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(attrs[0].value) if attrs else None


def member_id_from_signing_cert(cert: x509.Certificate) -> ClientId:
    serial = subject_serial_number(cert)
    try:
        member = ClientId.parse(serial or "")
    except IdentifierError as exc:
        raise CertificateError("signing certificate does not name a member in serialNumber") from exc
    if member.is_subsystem:
        raise CertificateError("signing certificate must name a member, not a subsystem")
    return member


def server_id_from_auth_cert(cert: x509.Certificate) -> ServerId:
    try:
        return ServerId.parse(subject_serial_number(cert) or "")
    except IdentifierError as exc:
        raise CertificateError("authentication certificate does not name a server") from exc


def verify_signature(public_key, signature: bytes, data: bytes, hash_alg=None) -> None:
    """Verify an ECDSA (DER) or RSA PKCS#1 v1.5 signature; raise CertificateError if invalid."""
    hash_alg = hash_alg or hashes.SHA256()
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hash_alg))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), hash_alg)
        else:
            raise CertificateError("unsupported public key type")
    except InvalidSignature as exc:
        raise CertificateError("invalid signature") from exc


def sign_bytes(private_key, data: bytes) -> bytes:
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        return private_key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(private_key, rsa.RSAPrivateKey):
        return private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    raise CertificateError("unsupported private key type")


def _within(cert: x509.Certificate, now: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def has_extended_key_usage(cert: x509.Certificate, oid) -> bool:
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return oid in eku


@dataclass(frozen=True)
class TrustedCA:
    name: str
    certificate: x509.Certificate
    revoked_serials: frozenset[int] = field(default_factory=frozenset)


@dataclass
class TrustStore:
    """The CAs a security server trusts, as listed in global configuration."""

    cas: Sequence[TrustedCA]

    def _issuer_for(self, cert: x509.Certificate) -> TrustedCA | None:
        for ca in self.cas:
            if ca.certificate.subject == cert.issuer:
                try:
                    cert.verify_directly_issued_by(ca.certificate)
                except (ValueError, TypeError, InvalidSignature):
                    continue
                return ca
        return None

    def validate(
        self,
        cert: x509.Certificate,
        *,
        now: dt.datetime | None = None,
        intermediates: Iterable[x509.Certificate] = (),
        check_revocation: bool = True,
    ) -> TrustedCA:
        """Return the listed CA ``cert`` chains to, or raise CertificateError."""
        now = now or utcnow()
        chain = [cert]
        pool = list(intermediates)
        for _ in range(5):
            current = chain[-1]
            if not _within(current, now):
                raise CertificateError("certificate outside its validity period")
            ca = self._issuer_for(current)
            if ca is not None:
                if not _within(ca.certificate, now):
                    raise CertificateError("CA certificate outside its validity period")
                if check_revocation and current.serial_number in ca.revoked_serials:
                    raise CertificateError("certificate revoked")
                return ca
            parent = next((c for c in pool if c.subject == current.issuer), None)
            if parent is None:
                raise CertificateError("certificate does not chain to a trusted CA")
            try:
                current.verify_directly_issued_by(parent)
            except (ValueError, TypeError, InvalidSignature) as exc:
                raise CertificateError("broken certificate chain") from exc
            pool.remove(parent)
            chain.append(parent)
        raise CertificateError("certificate chain too long")


TIME_STAMPING_EKU = ExtendedKeyUsageOID.TIME_STAMPING
