"""Verifying ICP-Brasil client certificates: chain, validity, revocation, the CPF otherName,
and where the header may come from."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.test import RequestFactory

from plataforma.identity.levels import certificates, testca
from plataforma.identity.levels.certificates import CertificateError, Trust, verify

from .conftest import header

CPF = "11144477735"
NOW = dt.datetime.now(dt.UTC)


def _trust(root, intermediate, crls=()) -> Trust:
    return Trust(anchors=(root.certificate,), intermediates=(intermediate.certificate,), crls=tuple(crls))


def _pem(cert) -> str:
    return testca.pem(cert).decode()


def _code(text, trust) -> str:
    with pytest.raises(CertificateError) as info:
        verify(text, trust=trust)
    return info.value.code


def test_a_valid_person_certificate_gives_its_cpf_and_birth_date(root, intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria da Silva", birth_date=dt.date(1980, 12, 31))
    result = verify(_pem(cert), trust=_trust(root, intermediate))
    assert result.cpf == CPF
    assert result.birth_date == dt.date(1980, 12, 31)
    assert result.fingerprint == cert.fingerprint(hashes.SHA256()).hex()
    assert "AC Intermediária de Teste" in result.issuer


@pytest.mark.parametrize("encoding", ["octet", "printable", "utf8"])
def test_the_cpf_is_read_from_each_der_encoding_issuers_use(root, intermediate, encoding):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria", encoding=encoding)
    assert verify(_pem(cert), trust=_trust(root, intermediate)).cpf == CPF


def test_an_rsa_certificate_issued_by_the_root_directly_is_accepted(root, intermediate):
    cert, _key = root.issue_person(cpf=CPF, name="Maria", key_kind="rsa")
    assert verify(_pem(cert), trust=_trust(root, intermediate)).cpf == CPF


def test_the_intermediate_may_come_with_the_certificate_instead_of_from_settings(root, intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    text = _pem(cert) + intermediate.pem.decode()
    assert verify(text, trust=Trust(anchors=(root.certificate,))).cpf == CPF


def test_without_the_intermediate_the_chain_cannot_be_built(root, intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    assert _code(_pem(cert), Trust(anchors=(root.certificate,))) == "untrusted"


def test_a_certificate_from_an_untrusted_ca_is_refused(root, intermediate):
    stranger = testca.new_root("AC Desconhecida")
    cert, _key = stranger.issue_person(cpf=CPF, name="Maria")
    assert _code(_pem(cert), _trust(root, intermediate)) == "untrusted"


def test_a_refused_certificate_never_puts_the_persons_name_or_cpf_in_the_logs(root, intermediate, caplog):
    # ICP-Brasil subjects read "NAME:CPF"; the chain builder's message quotes the subject.
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"FULANO DE TAL:{CPF}")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    caplog.set_level("DEBUG")
    assert _code(_pem(cert), _trust(root, intermediate)) == "untrusted"
    assert CPF not in caplog.text and "FULANO" not in caplog.text.upper()


def test_a_ca_that_copies_the_trusted_name_but_not_its_key_is_refused(root, intermediate):
    impostor = testca.new_root(testca.ROOT_NAME)
    cert, _key = impostor.issue_person(cpf=CPF, name="Maria")
    assert _code(_pem(cert), _trust(root, intermediate)) == "untrusted"


def test_an_expired_certificate_is_refused(root, intermediate):
    cert, _key = intermediate.issue_person(
        cpf=CPF, name="Maria", not_before=NOW - dt.timedelta(days=400), not_after=NOW - dt.timedelta(days=1)
    )
    assert _code(_pem(cert), _trust(root, intermediate)) == "expired"


def test_a_certificate_not_yet_valid_is_refused(root, intermediate):
    cert, _key = intermediate.issue_person(
        cpf=CPF, name="Maria", not_before=NOW + dt.timedelta(days=1), not_after=NOW + dt.timedelta(days=30)
    )
    assert _code(_pem(cert), _trust(root, intermediate)) == "not_yet_valid"


def test_a_revoked_certificate_is_refused(root, intermediate):
    ca = root.issue_intermediate("AC com revogação")
    good, _key = ca.issue_person(cpf=CPF, name="Maria")
    bad, _key = ca.issue_person(cpf=CPF, name="Maria")
    ca.revoke(bad)
    trust = Trust(anchors=(root.certificate,), intermediates=(ca.certificate,), crls=(ca.crl(),))
    assert _code(_pem(bad), trust) == "revoked"
    assert verify(_pem(good), trust=trust).cpf == CPF


def test_a_revoked_intermediate_makes_its_certificates_refused(root):
    ca = root.issue_intermediate("AC revogada")
    cert, _key = ca.issue_person(cpf=CPF, name="Maria")
    authority = testca.Authority(root.certificate, root.key)
    authority.revoke(ca.certificate)
    trust = Trust(anchors=(root.certificate,), intermediates=(ca.certificate,), crls=(authority.crl(),))
    assert _code(_pem(cert), trust) == "revoked"


def test_a_stale_crl_refuses_instead_of_trusting_blindly(root):
    ca = root.issue_intermediate("AC com LCR vencida")
    cert, _key = ca.issue_person(cpf=CPF, name="Maria")
    stale = ca.crl(last_update=NOW - dt.timedelta(days=10), next_update=dt.timedelta(days=1))
    trust = Trust(anchors=(root.certificate,), intermediates=(ca.certificate,), crls=(stale,))
    assert _code(_pem(cert), trust) == "crl_unusable"


def test_a_crl_not_signed_by_the_issuer_refuses(root):
    ca = root.issue_intermediate("AC legítima")
    cert, _key = ca.issue_person(cpf=CPF, name="Maria")
    forged = testca.Authority(ca.certificate, testca.new_key()).crl()  # same name, another key
    trust = Trust(anchors=(root.certificate,), intermediates=(ca.certificate,), crls=(forged,))
    assert _code(_pem(cert), trust) == "crl_unusable"


def test_a_certificate_without_the_icp_brasil_cpf_is_refused(root, intermediate):
    cert, _key = intermediate.issue_person(cpf=None, name="Empresa Sem CPF")
    assert _code(_pem(cert), _trust(root, intermediate)) == "no_cpf"


def test_a_cpf_with_wrong_check_digits_is_refused(root, intermediate):
    cert, _key = intermediate.issue_person(cpf="11144477700", name="Maria")
    assert _code(_pem(cert), _trust(root, intermediate)) == "bad_cpf"


@pytest.mark.parametrize(
    "value",
    [
        b"\x04\x05abcde",  # not digits
        b"\x04\x0500000",  # too short
        b"\x02\x01\x05",  # an INTEGER
    ],
)
def test_malformed_person_data_is_no_cpf(root, intermediate, value):
    cert, key = intermediate.issue_person(cpf=None, name="Maria")
    builder = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(cert.not_valid_before_utc)
        .not_valid_after(cert.not_valid_after_utc)
        .add_extension(
            x509.SubjectAlternativeName([x509.OtherName(testca.OID_PERSON_DATA, value)]), critical=False
        )
    )
    odd = builder.sign(intermediate.key, hashes.SHA256())
    with pytest.raises(CertificateError) as info:
        certificates.person_data(odd)
    assert info.value.code == "no_cpf"


@pytest.mark.parametrize("value", [b"", b"\x04", b"\x04\x85\x00", b"\x04\x81", b"\x04\x05abc"])
def test_truncated_der_is_no_cpf(value):
    with pytest.raises(CertificateError):
        certificates._der_string(value)


def test_a_string_wrapped_in_an_octet_string_is_unwrapped():
    digits = testca.person_data(cpf=CPF).encode()
    inner = b"\x13" + bytes([len(digits)]) + digits
    assert certificates._der_string(b"\x04" + bytes([len(inner)]) + inner) == digits


@pytest.mark.parametrize(
    "text", ["", "não é um certificado", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"]
)
def test_unreadable_pem_is_refused(root, intermediate, text):
    assert _code(text, _trust(root, intermediate)) == "bad_pem"


def test_without_trust_anchors_nothing_is_accepted(intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    assert _code(_pem(cert), Trust(anchors=())) == "not_configured"


# --- the header -------------------------------------------------------------------------------


def _request(value: str, addr: str = "127.0.0.1"):
    return RequestFactory().post("/", HTTP_X_SSL_CLIENT_CERT=value, REMOTE_ADDR=addr)


def test_the_url_encoded_pem_from_nginx_is_decoded(intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    assert certificates.certificate_text(_request(header(cert))) == _pem(cert)


def test_the_tab_separated_pem_of_older_nginx_is_accepted(intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    tabbed = _pem(cert).replace("\n", "\n\t")
    assert "BEGIN CERTIFICATE" in certificates.certificate_text(_request(tabbed))


def test_the_header_from_an_address_that_is_not_a_trusted_proxy_is_ignored(intermediate):
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    with pytest.raises(CertificateError) as info:
        certificates.certificate_text(_request(header(cert), addr="203.0.113.9"))
    assert info.value.code == "untrusted_proxy"
    assert info.value.status == 403


def test_trusted_proxies_may_be_networks(settings, intermediate):
    settings.MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES = ["10.0.0.0/8", "bad entry"]
    cert, _key = intermediate.issue_person(cpf=CPF, name="Maria")
    assert certificates.certificate_text(_request(header(cert), addr="10.1.2.3"))


def test_no_header_means_no_certificate():
    with pytest.raises(CertificateError) as info:
        certificates.certificate_text(RequestFactory().post("/"))
    assert info.value.code == "missing"


def test_an_oversized_header_is_refused():
    with pytest.raises(CertificateError) as info:
        certificates.certificate_text(_request("A" * 30_000))
    assert info.value.code == "bad_pem"


# --- configuration files ---------------------------------------------------------------------


def test_configured_trust_reads_files_and_directories_and_crls(settings, tmp_path, root, intermediate):
    (tmp_path / "raiz.crt").write_bytes(root.pem)
    (tmp_path / "ignorado.txt").write_text("not a certificate")
    ca = root.issue_intermediate("AC de arquivo")
    revoked, _key = ca.issue_person(cpf=CPF, name="Maria")
    ca.revoke(revoked)
    (tmp_path / "ac.crl").write_bytes(testca.pem(ca.crl()))
    (tmp_path / "ac.pem").write_bytes(ca.pem)
    settings.MTLOGIN_CERT_TRUST_ANCHORS = [str(tmp_path)]
    settings.MTLOGIN_CERT_INTERMEDIATES = [str(tmp_path / "ac.pem"), str(tmp_path / "missing.pem")]
    settings.MTLOGIN_CERT_CRLS = [str(tmp_path / "ac.crl")]
    trust = certificates.configured_trust()
    assert root.certificate in trust.anchors
    assert _code(_pem(revoked), trust) == "revoked"


def test_a_broken_anchor_file_means_not_configured(settings, tmp_path):
    (tmp_path / "raiz.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    settings.MTLOGIN_CERT_TRUST_ANCHORS = [str(tmp_path / "raiz.pem")]
    with pytest.raises(CertificateError) as info:
        certificates.configured_trust()
    assert info.value.code == "not_configured"
