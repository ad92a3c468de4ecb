"""The development CA: keys on disk with 0600, certificates from CSRs per ADR 0033, CSR checks,
revocation; external CAs by certificate only."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
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
