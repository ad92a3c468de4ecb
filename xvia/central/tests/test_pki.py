"""The development CA: keys on disk with 0600, certificates from CSRs per ADR 0033, CSR checks,
revocation; external CAs by certificate only."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ValidationError

from xvia.central import conf, services
from xvia.central.models import CertificateAuthority, IssuedCertificate, TimeStampingAuthority
from xvia.central.pki import x509 as px

from .helpers import make_csr, rsa_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(world, pki):
    return services.server_create(actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501")


def _ca() -> x509.Certificate:
    return px.load_pem(CertificateAuthority.objects.get(kind="development").certificate_pem)


def test_init_writes_private_keys_as_0600_files_outside_the_database(pki):
    folder = conf.key_dir()
    assert str(folder).startswith(str(settings.XVIA_KEY_DIR))
    files = sorted(os.listdir(folder))
    assert len(files) == 3
    for name in files:
        assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    ca = CertificateAuthority.objects.get()
    assert "PRIVATE" not in ca.certificate_pem
    assert services.pki_init(actor=None) == []  # idempotent


def test_tsa_certificate_has_only_the_critical_time_stamping_usage(pki):
    cert = px.load_pem(TimeStampingAuthority.objects.get().certificate_pem)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    cert.verify_directly_issued_by(_ca())


def test_authentication_certificate_from_a_csr(server):
    csr = make_csr(server.server_id, sans=["127.0.0.1"])
    issued = services.issue_certificate(csr, "auth", server=server)
    cert = px.load_pem(issued.certificate_pem)
    cert.verify_directly_issued_by(_ca())
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == server.server_id
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.SERVER_AUTH in eku and ExtendedKeyUsageOID.CLIENT_AUTH in eku
    assert issued.serial_hex == format(cert.serial_number, "x")
    assert issued.member == server.owner


def test_signing_certificate_carries_member_id_and_name(world, pki):
    issued = services.issue_certificate(make_csr(world.detran.xroad_id), "sign", member=world.detran)
    cert = px.load_pem(issued.certificate_pem)
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == world.detran.xroad_id
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == world.detran.name
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment


def test_rsa_2048_is_accepted(world, pki):
    services.issue_certificate(
        make_csr(world.detran.xroad_id, key=rsa_key(2048)), "sign", member=world.detran
    )


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda s: b"isto nao e um csr", "não é um pedido"),
        (lambda s: make_csr("MT/GOV/00000000000000/ss-outro"), "serialNumber"),
        (lambda s: make_csr(None), "serialNumber"),
        (lambda s: make_csr(s.server_id, sans=["evil.example.org"]), "evil.example.org"),
        (lambda s: make_csr(s.server_id, key=rsa_key(1024)), "RSA"),
        (lambda s: make_csr(s.server_id, key=ec.generate_private_key(ec.SECP256K1())), "Curva"),
    ],
)
def test_unacceptable_csrs_are_refused_with_a_reason(server, make, fragment):
    with pytest.raises(ValidationError) as caught:
        services.issue_certificate(make(server), "auth", server=server)
    assert fragment in " ".join(caught.value.message_dict["csr"])
    assert not IssuedCertificate.objects.exists()


def test_a_csr_with_a_broken_signature_is_refused(server):
    der = x509.load_pem_x509_csr(make_csr(server.server_id)).public_bytes(serialization.Encoding.DER)
    tampered = der[:-5] + bytes([der[-5] ^ 0x01]) + der[-4:]
    with pytest.raises(ValidationError) as caught:
        services.issue_certificate(tampered, "auth", server=server)
    assert caught.value.message_dict["csr"]


def test_no_issuing_when_the_development_ca_is_off(server, settings):
    settings.XVIA_DEV_CA_ENABLED = False
    with pytest.raises(ValidationError):
        services.issue_certificate(make_csr(server.server_id), "auth", server=server)


def test_revocation_needs_a_reason_and_happens_once(server):
    issued = services.issue_certificate(make_csr(server.server_id), "auth", server=server)
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=None, certificate=issued, reason="porque sim")
    services.certificate_revoke(actor=None, certificate=issued, reason="key_compromise")
    issued.refresh_from_db()
    assert issued.is_revoked and issued.revocation_reason == "key_compromise"
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=None, certificate=issued, reason="superseded")


def test_external_ca_is_trusted_by_certificate_only(world, pki):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = px.self_signed_ca(key, name="AC Raiz de Teste", validity=timedelta(days=30))
    ca = services.external_ca_add(actor=world.operator, name="AC Teste", certificate_pem=px.to_pem(cert))
    assert ca.kind == "external" and ca.key_file == ""
    with pytest.raises(ValidationError):
        services.external_ca_add(actor=world.operator, name="De novo", certificate_pem=px.to_pem(cert))
    not_a_ca = px.self_signed_configuration_signer(key, instance="MT", validity=timedelta(days=1))
    with pytest.raises(ValidationError):
        services.external_ca_add(actor=world.operator, name="Folha", certificate_pem=px.to_pem(not_a_ca))
    with pytest.raises(ValidationError):
        services.external_ca_add(
            actor=world.operator, name="Lixo", certificate_pem="-----BEGIN CERTIFICATE-----x"
        )


def test_an_existing_key_folder_open_to_others_is_tightened_to_0700(db):
    folder = conf.key_dir()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)  # mkdir's mode is filtered by the umask
    services.pki_init(actor=None)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_a_csr_with_a_malformed_extension_is_refused_with_a_message(server):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.SERIAL_NUMBER, server.server_id)])
    bad_san = x509.UnrecognizedExtension(x509.ObjectIdentifier("2.5.29.17"), b"\x30\x03\x02\x01\x01")
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(subject)
        .add_extension(bad_san, critical=False)
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
    )
    with pytest.raises(ValidationError) as refused:
        services.issue_certificate(csr, "auth", server=server)
    assert "extensões" in refused.value.message_dict["csr"][0]
    assert not IssuedCertificate.objects.exists()


def test_a_csr_with_a_duplicated_extension_is_refused_with_a_message(world, pki):
    # cryptography's builder will not write a duplicate: assemble the request with asn1crypto
    from asn1crypto import csr as asn1_csr
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    extension = {"extn_id": "1.2.3.4", "critical": False, "extn_value": b"\x05\x00"}
    info = asn1_csr.CertificationRequestInfo(
        {
            "version": "v1",
            "subject": asn1_x509.Name.build({"serial_number": world.detran.xroad_id}),
            "subject_pk_info": asn1_keys.PublicKeyInfo.load(public),
            "attributes": [{"type": "extension_request", "values": [[extension, extension]]}],
        }
    )
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": key.sign(info.dump(), ec.ECDSA(hashes.SHA256())),
        }
    )
    with pytest.raises(ValidationError) as refused:
        services.issue_certificate(request.dump(), "sign", member=world.detran)
    assert "repetidas" in refused.value.message_dict["csr"][0]
    assert not IssuedCertificate.objects.exists()


def test_server_ids_longer_than_a_certificate_holds_are_refused(world, pki):
    room = 64 - len(f"{world.detran.xroad_id}/")
    with pytest.raises(ValidationError) as refused:
        services.server_create(
            actor=None, owner=world.detran, code="s" * (room + 1), address="127.0.0.1:5501"
        )
    assert f"no máximo {room} caracteres" in refused.value.message_dict["code"][0]
    server = services.server_create(actor=None, owner=world.detran, code="s" * room, address="127.0.0.1:5501")
    issued = services.issue_certificate(make_csr(server.server_id), "auth", server=server)
    serial = px.load_pem(issued.certificate_pem).subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    assert serial[0].value == server.server_id and len(server.server_id) == 64


def test_a_csr_for_an_id_longer_than_64_characters_is_refused_not_truncated():
    with pytest.raises(px.CsrError) as refused:
        px.check_csr(make_csr("MT/GOV/1/" + "s" * 64), expected_serial_number="MT/GOV/1/" + "s" * 64)
    assert "64 caracteres" in str(refused.value)
    with pytest.raises(ValueError):
        px.issue_signing(None, None, None, member_id="M" * 65, member_name="x", validity=timedelta(days=1))
