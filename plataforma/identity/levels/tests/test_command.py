"""manage.py mtlogin_test_ca writes a CA and a person certificate that the verifier accepts."""

from __future__ import annotations

from io import StringIO
from urllib.parse import unquote

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import CommandError, call_command

from plataforma.identity.levels.certificates import Trust, verify
from plataforma.identity.levels.testca import ROOT_NAME

CPF = "11144477735"


def test_the_command_writes_a_working_ca_certificate_and_pkcs12(tmp_path, settings):
    out = StringIO()
    call_command(
        "mtlogin_test_ca",
        cpf="111.444.777-35",
        nome="Maria",
        senha="segredo1",
        pasta=str(tmp_path),
        stdout=out,
    )
    text = out.getvalue()
    assert f"MTLOGIN_CERT_TRUST_ANCHORS={tmp_path / 'ac-raiz.pem'}" in text
    assert "curl" in text and "NÃO CONFIÁVEL" in text
    settings.MTLOGIN_CERT_TRUST_ANCHORS = [str(tmp_path / "ac-raiz.pem")]
    settings.MTLOGIN_CERT_CRLS = [str(tmp_path / "ac-raiz-crl.pem")]
    from plataforma.identity.levels.certificates import configured_trust

    trust = configured_trust()
    assert ROOT_NAME in trust.anchors[0].subject.rfc4514_string()
    pem = (tmp_path / f"pessoa-{CPF}.pem").read_text()
    assert verify(pem, trust=trust).cpf == CPF
    assert verify(unquote((tmp_path / f"pessoa-{CPF}.header.txt").read_text()), trust=trust).cpf == CPF
    key, cert, chain = pkcs12.load_key_and_certificates(
        (tmp_path / f"pessoa-{CPF}.p12").read_bytes(), b"segredo1"
    )
    assert key is not None and cert is not None and len(chain) == 1
    assert (tmp_path / f"pessoa-{CPF}-chave.pem").stat().st_mode & 0o077 == 0


def test_a_second_run_reuses_the_root(tmp_path):
    call_command(
        "mtlogin_test_ca", cpf=CPF, nome="A", senha="segredo1", pasta=str(tmp_path), stdout=StringIO()
    )
    root = (tmp_path / "ac-raiz.pem").read_bytes()
    call_command(
        "mtlogin_test_ca",
        cpf="52998224725",
        nome="B",
        senha="segredo1",
        pasta=str(tmp_path),
        stdout=StringIO(),
    )
    assert (tmp_path / "ac-raiz.pem").read_bytes() == root
    first = (tmp_path / f"pessoa-{CPF}.pem").read_text()
    from cryptography import x509

    anchor = x509.load_pem_x509_certificate(root)
    assert verify(first, trust=Trust(anchors=(anchor,))).cpf == CPF


@pytest.mark.parametrize(
    "options",
    [
        {"cpf": "123", "nome": "A", "senha": "segredo1"},
        {"cpf": CPF, "nome": "A", "senha": "123"},
        {"cpf": CPF, "nome": "A", "senha": "segredo1", "nascimento": "31/12/1980"},
    ],
)
def test_bad_arguments_are_clear_errors(tmp_path, options):
    with pytest.raises(CommandError):
        call_command("mtlogin_test_ca", pasta=str(tmp_path), stdout=StringIO(), **options)
