"""Create a development CA and a person certificate to try the certificate sign-in locally.

    manage.py mtlogin_test_ca --cpf 111.444.777-35 --nome "Maria da Silva" --senha teste123

Writes under var/mtlogin-test-ca/ (git-ignored): the root CA (kept and reused on later runs),
the person's certificate, key and PKCS#12, and the CA's CRL. NEVER use this CA in production.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plataforma.common.documents import is_valid_cpf, only_digits

from ... import testca


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    path.write_bytes(data)
    if private:
        os.chmod(path, 0o600)


class Command(BaseCommand):
    help = "Cria uma AC de teste (NÃO CONFIÁVEL) e emite um certificado de pessoa física com o CPF dado."

    def add_arguments(self, parser):
        parser.add_argument("--cpf", required=True, help="CPF da pessoa (com ou sem pontuação).")
        parser.add_argument("--nome", required=True, help="Nome da pessoa.")
        parser.add_argument("--senha", required=True, help="Senha do arquivo PKCS#12 (.p12).")
        parser.add_argument("--nascimento", default="", help="Data de nascimento, AAAA-MM-DD (opcional).")
        parser.add_argument(
            "--pasta", default=str(settings.VAR_DIR / "mtlogin-test-ca"), help="Pasta de saída."
        )
        parser.add_argument("--rsa", action="store_true", help="Chaves RSA-2048 em vez de EC P-256.")

    def handle(self, *args, **options):
        cpf = only_digits(options["cpf"])
        if not is_valid_cpf(cpf):
            raise CommandError("CPF inválido.")
        if len(options["senha"]) < 6:
            raise CommandError("Use uma senha de pelo menos 6 caracteres para o arquivo .p12.")
        birth = None
        if options["nascimento"]:
            try:
                birth = dt.date.fromisoformat(options["nascimento"])
            except ValueError as exc:
                raise CommandError("Data de nascimento inválida: use AAAA-MM-DD.") from exc
        folder = Path(options["pasta"])
        folder.mkdir(parents=True, exist_ok=True)
        key_kind = "rsa" if options["rsa"] else "ec"
        root = self._root(folder, key_kind)
        cert, key = root.issue_person(cpf=cpf, name=options["nome"], birth_date=birth, key_kind=key_kind)
        stem = f"pessoa-{cpf}"
        _write(folder / f"{stem}.pem", testca.pem(cert))
        _write(folder / f"{stem}-chave.pem", testca.pem(key), private=True)
        p12 = testca.pkcs12_bundle(
            name=options["nome"],
            certificate=cert,
            key=key,
            chain=[root.certificate],
            password=options["senha"],
        )
        _write(folder / f"{stem}.p12", p12, private=True)
        _write(folder / "ac-raiz-crl.pem", testca.pem(root.crl(next_update=dt.timedelta(days=30))))
        self._explain(folder, stem, cert)

    def _root(self, folder: Path, key_kind: str) -> testca.Authority:
        cert_path, key_path = folder / "ac-raiz.pem", folder / "ac-raiz-chave.pem"
        if cert_path.exists() and key_path.exists():
            certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
            key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
            return testca.Authority(certificate, key)  # type: ignore[arg-type]
        root = testca.new_root(key_kind=key_kind)
        _write(cert_path, root.pem)
        _write(key_path, testca.pem(root.key), private=True)
        return root

    def _explain(self, folder: Path, stem: str, cert: x509.Certificate) -> None:
        escaped = quote(testca.pem(cert).decode(), safe="")
        out = self.stdout.write
        out(self.style.WARNING("AC de TESTE — NÃO CONFIÁVEL. Nunca a configure em produção."))
        out(f"Arquivos em {folder}:")
        for name in ("ac-raiz.pem", "ac-raiz-crl.pem", f"{stem}.pem", f"{stem}-chave.pem", f"{stem}.p12"):
            out(f"  {name}")
        out("")
        out("1. Confie nesta AC (no ambiente do servidor, por exemplo no arquivo .env):")
        out(f"   MTLOGIN_CERT_TRUST_ANCHORS={folder / 'ac-raiz.pem'}")
        out(f"   MTLOGIN_CERT_CRLS={folder / 'ac-raiz-crl.pem'}")
        out(f"2. Importe {stem}.p12 no navegador (a senha é a que você deu), atrás de um nginx")
        out("   configurado como em docs/operations/mt-login-certificates.md; ou simule o proxy com curl:")
        header_file = folder / f"{stem}.header.txt"
        site = "http://127.0.0.1:8000"
        page = f"{site}/conta/nivel/certificado/"
        out("   curl -s -c jar.txt " + page + " > /dev/null")
        out("   curl -b jar.txt -c jar.txt -X POST " + page + f" -H 'Referer: {page}' \\")
        out("     -H \"X-CSRFToken: $(awk '/csrftoken/ {print $7}' jar.txt)\" \\")
        out(f'     -H "X-SSL-Client-Cert: $(cat {header_file})" -i')
        out("   (um 302 com cookie de sessão é a entrada na conta; a conta deste CPF precisa existir)")
        _write(header_file, escaped.encode())
