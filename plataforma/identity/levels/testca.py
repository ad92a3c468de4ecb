"""A development certification authority shaped like ICP-Brasil's, for development and tests.

NEVER trusted in production: its root is called "AC Raiz de Teste MT Login — NÃO CONFIÁVEL".
It issues person certificates (e-CPF style) that carry the ICP-Brasil subjectAltName otherName
2.16.76.1.3.1 (DOC-ICP-04 item 7.1.3.1: birth date, CPF, NIS, RG, RG issuer as ASCII digits),
certificate revocation lists, and TLS server certificates (for tests that need real HTTPS).
Everything is built with `cryptography`; nothing is written to disk here (the management command
`mtlogin_test_ca` does that).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_NAME = "AC Raiz de Teste MT Login — NÃO CONFIÁVEL"
INTERMEDIATE_NAME = "AC Intermediária de Teste MT Login — NÃO CONFIÁVEL"
OID_PERSON_DATA = x509.ObjectIdentifier("2.16.76.1.3.1")

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_key(kind: str = "ec") -> PrivateKey:
    """P-256 by default (fast); "rsa" gives RSA-2048, what ICP-Brasil tokens usually hold."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def person_data(
    *, cpf: str, birth_date: dt.date | None = None, nis: str = "", rg: str = "", rg_issuer: str = ""
) -> str:
    """The 51-character string of OID 2.16.76.1.3.1 (zeros where a field is not given)."""
    birth = birth_date.strftime("%d%m%Y") if birth_date else "0" * 8
    return birth + cpf.rjust(11, "0") + nis.rjust(11, "0") + rg.rjust(15, "0") + rg_issuer.ljust(6, "0")[:6]


def person_other_name(value: str, *, encoding: str = "octet") -> x509.OtherName:
    """The otherName as issuers write it: OCTET STRING (most ICP-Brasil ACs) or PrintableString."""
    tag = {"octet": 0x04, "printable": 0x13, "utf8": 0x0C}[encoding]
    raw = value.encode("ascii")
    return x509.OtherName(OID_PERSON_DATA, bytes([tag]) + _der_length(len(raw)) + raw)


def _name(common_name: str, *, ou: str = "MT Login — Desenvolvimento") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ICP-Brasil (teste)"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass
class Authority:
    """A CA: its certificate and key, and the serial numbers it has revoked."""

    certificate: x509.Certificate
    key: PrivateKey
    revoked: dict[int, dt.datetime] = field(default_factory=dict)

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def _builder(
        self, subject: x509.Name, public_key, not_before: dt.datetime, not_after: dt.datetime
    ) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
        )

    def issue_intermediate(self, common_name: str = INTERMEDIATE_NAME, *, key_kind: str = "ec") -> Authority:
        key = new_key(key_kind)
        now = _now()
        cert = (
            self._builder(
                _name(common_name),
                key.public_key(),
                now - dt.timedelta(days=1),
                now + dt.timedelta(days=3650),
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_ca_key_usage(), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        return Authority(cert, key)

    def issue_person(
        self,
        *,
        cpf: str | None,
        name: str,
        birth_date: dt.date | None = None,
        email: str = "",
        key: PrivateKey | None = None,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        encoding: str = "octet",
        key_kind: str = "ec",
    ) -> tuple[x509.Certificate, PrivateKey]:
        """An e-CPF-like certificate; `cpf=None` leaves the ICP-Brasil otherName out."""
        key = key or new_key(key_kind)
        now = _now()
        not_before = not_before or now - dt.timedelta(minutes=5)
        not_after = not_after or now + dt.timedelta(days=365)
        cn = f"{name.upper()}:{cpf}" if cpf else name.upper()
        names: list[x509.GeneralName] = []
        if cpf:
            names.append(person_other_name(person_data(cpf=cpf, birth_date=birth_date), encoding=encoding))
        names.append(x509.RFC822Name(email or "pessoa@example.org"))
        cert = (
            self._builder(_name(cn, ou="Pessoa Física A3 (teste)"), key.public_key(), not_before, not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=isinstance(key, rsa.RSAPrivateKey),
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
                ),
                critical=False,
            )
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return cert, key

    def issue_server(self, host: str = "127.0.0.1") -> tuple[x509.Certificate, PrivateKey]:
        """A TLS server certificate for `host` (an IP address or a DNS name)."""
        key = new_key()
        now = _now()
        try:
            san: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            san = x509.DNSName(host)
        cert = (
            self._builder(
                _name(host, ou="Servidor (teste)"),
                key.public_key(),
                now - dt.timedelta(minutes=5),
                now + dt.timedelta(days=30),
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectAlternativeName([san]), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return cert, key

    def revoke(self, certificate: x509.Certificate, when: dt.datetime | None = None) -> None:
        self.revoked[certificate.serial_number] = when or _now()

    def crl(
        self, *, next_update: dt.timedelta = dt.timedelta(days=7), last_update: dt.datetime | None = None
    ):
        """A CRL listing every certificate revoked so far."""
        last_update = last_update or _now() - dt.timedelta(minutes=1)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(last_update)
            .next_update(last_update + next_update)
        )
        for serial, when in self.revoked.items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        return builder.sign(self.key, hashes.SHA256())


def _ca_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def new_root(common_name: str = ROOT_NAME, *, key_kind: str = "ec", years: int = 10) -> Authority:
    """A self-signed root CA."""
    key = new_key(key_kind)
    now = _now()
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(cert, key)


def pem(obj) -> bytes:
    """PEM of a certificate, a CRL or a private key (keys unencrypted: development only)."""
    if isinstance(obj, x509.Certificate | x509.CertificateRevocationList):
        return obj.public_bytes(serialization.Encoding.PEM)
    return obj.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def pkcs12_bundle(
    *, name: str, certificate: x509.Certificate, key: PrivateKey, chain: list[x509.Certificate], password: str
) -> bytes:
    """A PKCS#12 (.p12) file to import in a browser, protected by `password`."""
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        key,
        certificate,
        chain,
        serialization.BestAvailableEncryption(password.encode()),
    )
