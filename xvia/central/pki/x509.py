"""Certificates of the development PKI (ADR 0036) and checks of the CSRs members upload.

Subjects follow ADR 0033: signing certificates carry serialNumber = member id and O = member
name; authentication (TLS) certificates carry serialNumber = server id (without "SERVER:") and
SAN entries for the server's address."""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils.translation import gettext as _

MAX_CSR_BYTES = 16 * 1024
ACCEPTED_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
MIN_RSA_BITS, MAX_RSA_BITS = 2048, 8192
CLOCK_SKEW = timedelta(minutes=5)
# X.520 ub-serial-number: the subject serialNumber (member or server id) holds at most 64
# characters. Ids are never truncated (a truncated id would name another server).
MAX_SERIAL_NUMBER = 64


class CsrError(ValueError):
    """The CSR cannot be accepted; the message is shown to the person who uploaded it."""


def sha256_hex(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def serial_hex(cert: x509.Certificate) -> str:
    """Serial as lowercase hex without leading zeros: the form of `revoked_serials` (ADR 0033)."""
    return format(cert.serial_number, "x")


def to_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_pem(text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(text.encode("ascii"))


def _name(common_name: str, organisation: str | None = None, serial_number: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "BR")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    if serial_number:
        if len(serial_number) > MAX_SERIAL_NUMBER:
            raise ValueError("serialNumber longer than 64 characters")
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]))
    return x509.Name(parts)


def _base(subject: x509.Name, issuer: x509.Name, public_key, validity: timedelta) -> x509.CertificateBuilder:
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + validity)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _key_usage(**flags: bool) -> x509.KeyUsage:
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{name: flags.get(name, False) for name in names})


def self_signed_ca(key, *, name: str, validity: timedelta) -> x509.Certificate:
    subject = _name(name, organisation="X-VIA")
    return (
        _base(subject, subject, key.public_key(), validity)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(digital_signature=True, key_cert_sign=True, crl_sign=True), critical=True)
        .sign(key, hashes.SHA256())
    )


def self_signed_configuration_signer(key, *, instance: str, validity: timedelta) -> x509.Certificate:
    """The global-configuration signing certificate: self-signed, pinned by the anchor."""
    subject = _name(f"X-VIA {instance} configuração global", organisation="X-VIA")
    return (
        _base(subject, subject, key.public_key(), validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True), critical=True)
        .sign(key, hashes.SHA256())
    )


def _issued(builder: x509.CertificateBuilder, ca_key, ca_cert: x509.Certificate) -> x509.Certificate:
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def issue_tsa(ca_key, ca_cert: x509.Certificate, public_key, *, name: str, validity: timedelta):
    """A TSA certificate: only the critical timeStamping extended key usage (RFC 3161 §2.3)."""
    builder = (
        _base(_name(name, organisation="X-VIA"), ca_cert.subject, public_key, validity)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    )
    return _issued(builder, ca_key, ca_cert)


def issue_signing(ca_key, ca_cert, public_key, *, member_id: str, member_name: str, validity: timedelta):
    subject = _name(member_name, organisation=member_name, serial_number=member_id)
    builder = _base(subject, ca_cert.subject, public_key, validity).add_extension(
        _key_usage(digital_signature=True, content_commitment=True), critical=True
    )
    return _issued(builder, ca_key, ca_cert)


def issue_authentication(
    ca_key, ca_cert, public_key, *, server_id: str, owner_name: str, hosts: list[str], validity: timedelta
):
    subject = _name(server_id.rsplit("/", 1)[-1], organisation=owner_name, serial_number=server_id)
    rsa_key = isinstance(public_key, rsa.RSAPublicKey)
    builder = (
        _base(subject, ca_cert.subject, public_key, validity)
        .add_extension(_key_usage(digital_signature=True, key_encipherment=rsa_key), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        .add_extension(x509.SubjectAlternativeName([_general_name(h) for h in hosts]), critical=False)
    )
    return _issued(builder, ca_key, ca_cert)


def _general_name(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


@dataclass
class CheckedCsr:
    public_key: object
    serial_number: str
    hosts: list[str]


def check_csr(
    pem: str | bytes, *, expected_serial_number: str, allowed_hosts: list[str] | None = None
) -> CheckedCsr:
    """Accept a CSR only if it parses, its self-signature holds, its key is EC P-256/384/521 or
    RSA 2048-8192, its subject serialNumber is the expected X-Road id and, for authentication
    certificates, every SAN it asks for is an address of the server."""
    if len(expected_serial_number) > MAX_SERIAL_NUMBER:
        raise CsrError(
            _(
                "O identificador %(id)s passa de 64 caracteres e não cabe num certificado; "
                "cadastre o servidor de segurança com um código mais curto."
            )
            % {"id": expected_serial_number}
        )
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    if len(data) > MAX_CSR_BYTES:
        raise CsrError(_("O arquivo é grande demais para um pedido de certificado (máximo 16 KiB)."))
    try:
        csr = x509.load_pem_x509_csr(data) if b"-----BEGIN" in data else x509.load_der_x509_csr(data)
    except ValueError:
        raise CsrError(_("O arquivo não é um pedido de certificado (CSR) válido em PEM ou DER.")) from None
    try:
        key = csr.public_key()
    except (ValueError, UnsupportedAlgorithm):
        key = None  # refused below as a key type not accepted
    try:
        signature_valid = csr.is_signature_valid
        serials = [a.value for a in csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)]
    except (ValueError, UnsupportedAlgorithm):
        raise CsrError(_("O arquivo não é um pedido de certificado (CSR) válido em PEM ou DER.")) from None
    if not signature_valid:
        raise CsrError(_("A assinatura do pedido de certificado não confere."))
    if isinstance(key, ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, ACCEPTED_CURVES):
            raise CsrError(_("Curva elíptica não aceita: use P-256, P-384 ou P-521."))
    elif isinstance(key, rsa.RSAPublicKey):
        if not MIN_RSA_BITS <= key.key_size <= MAX_RSA_BITS:
            raise CsrError(_("Chave RSA de tamanho não aceito: use de 2048 a 8192 bits."))
    else:
        raise CsrError(_("Tipo de chave não aceito: use ECDSA (P-256) ou RSA (2048 bits ou mais)."))
    if serials != [expected_serial_number]:
        raise CsrError(
            _("O campo serialNumber do titular deve ser exatamente %(expected)s.")
            % {"expected": expected_serial_number}
        )
    hosts: list[str] = []
    try:  # extensions are parsed lazily: a malformed or duplicated one fails only here
        extensions = csr.extensions
        san = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        hosts = [str(v) for v in san.get_values_for_type(x509.DNSName)]
        hosts += [str(v) for v in san.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        pass
    except (ValueError, x509.DuplicateExtension, x509.UnsupportedGeneralNameType):
        raise CsrError(
            _("As extensões do pedido de certificado estão malformadas ou repetidas; gere o pedido de novo.")
        ) from None
    if allowed_hosts is not None:
        unknown = sorted(set(hosts) - set(allowed_hosts))
        if unknown:
            raise CsrError(
                _("O pedido inclui endereços que não são do servidor de segurança: %(hosts)s.")
                % {"hosts": ", ".join(unknown)}
            )
        hosts = list(allowed_hosts)
    return CheckedCsr(public_key=key, serial_number=expected_serial_number, hosts=hosts)
