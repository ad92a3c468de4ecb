"""Key generation, certificate signing requests and certificate import for a security server.

Two key pairs, as in X-Road: the authentication key (TLS between security servers; the CSR's
subject serialNumber is the server id) and the signing key (signs messages and log seals; the
subject serialNumber is the owner member id, O the member's name).
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from xvia.protocol.certs import (
    CertificateError,
    certificate_pem,
    generate_private_key,
    load_certificate,
    load_private_key,
    member_id_from_signing_cert,
    private_key_pem,
    server_id_from_auth_cert,
)
from xvia.protocol.identifiers import ServerId


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def make_csr(key, *, serial_number: str, common_name: str, org: str | None, hosts: list[str] = ()) -> bytes:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "BR")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs += [
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number),
    ]
    builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attrs))
    if hosts:
        names = []
        for host in hosts:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                names.append(x509.DNSName(host))
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def init_keys(directory: Path, server_id: ServerId, member_name: str, hosts: list[str]) -> list[Path]:
    """Create both key pairs and their CSRs in ``directory``; never overwrite an existing key."""
    written = []
    for prefix, serial, cn, org, sans in (
        ("auth", server_id.bare, server_id.server_code, member_name, hosts),
        ("sign", str(server_id.owner), member_name, member_name, []),
    ):
        key = generate_private_key()
        key_path, csr_path = directory / f"{prefix}.key.pem", directory / f"{prefix}.csr.pem"
        _write_private(key_path, private_key_pem(key))
        csr_path.write_bytes(make_csr(key, serial_number=serial, common_name=cn, org=org, hosts=sans))
        written += [key_path, csr_path]
    return written


def import_certificate(
    cert_pem: bytes, *, server_id: ServerId, auth_key: Path, sign_key: Path, auth_cert: Path, sign_cert: Path
) -> Path:
    """Store a certificate next to the key it certifies, after checking the subject names us."""
    cert = load_certificate(cert_pem)
    public = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for key_path, cert_path, kind in ((auth_key, auth_cert, "auth"), (sign_key, sign_cert, "sign")):
        key = load_private_key(key_path.read_bytes())
        mine = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if mine != public:
            continue
        if kind == "auth" and server_id_from_auth_cert(cert) != server_id:
            raise CertificateError("the authentication certificate names another server")
        if kind == "sign" and member_id_from_signing_cert(cert) != server_id.owner:
            raise CertificateError("the signing certificate names another member")
        cert_path.write_text(certificate_pem(cert))
        return cert_path
    raise CertificateError("the certificate matches neither the authentication nor the signing key")
