"""Development: make the demo security servers ready to run, the way an agency's administrator
would, but in one step.

For SS-DETRAN, SS-SEFAZ and SS-MTI it generates the keys and CSRs with the gateway's own `init`,
has the development CA issue the TLS and signing certificates, installs them with the gateway's
`import-cert`, writes the trust anchor and a `gateway.toml`, and publishes a global
configuration that lists the new certificates. Idempotent: existing keys and certificates are
kept. Never in production (the development CA is off there).

    python manage.py xvia_dev_gateways [--dir var/xvia/gateways]

Then `scripts/xvia-dev.sh` starts them with the sample backends (`make run` does both).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xvia.central.demo.setup import DETRAN, MTI, SEFAZ, DemoMember, dev_setup
from xvia.central.models import IssuedCertificate, SecurityServer, Service
from xvia.central.models import SecurityServerClient as Link
from xvia.central.services import globalconf_publish
from xvia.central.services.globalconf import anchor_document
from xvia.central.services.pki import issue_certificate
from xvia.gateway.keys import import_certificate, init_keys
from xvia.protocol.identifiers import ServerId

# IS-side (information systems) listeners; the peer-side ones are the registered addresses.
CLIENT_PORTS = {DETRAN.server: 5511, SEFAZ.server: 5512, MTI.server: 5513}
# The sample backends (python -m xvia.samples) behind the providers' servers.
BACKENDS = {"veiculos": "http://127.0.0.1:5601", "situacao-fiscal": "http://127.0.0.1:5602"}


def _toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def gateway_toml(server: SecurityServer, *, client_port: int) -> str:
    lines = [
        "# Written by `manage.py xvia_dev_gateways` (development). Edit freely.",
        f"server_id = {_toml_string(server.xroad_id)}",
        'anchor = "anchor.json"',
        'store = "store.db"',
        "",
        "[client_side]",
        f'http_listen = "127.0.0.1:{client_port}"',
        "",
        "[server_side]",
        f"listen = {_toml_string(server.address)}",
        "",
        "[globalconf]",
        "refresh_seconds = 30",
        "",
    ]
    # every subsystem registered for this server is listed; any other is refused (run the
    # command again after linking a subsystem to the server)
    lines += ["[clients]", 'unlisted = "refuse"', ""]
    for link in Link.objects.filter(server=server).select_related("subsystem__member__member_class"):
        lines += [f"[clients.{_toml_string(link.subsystem.xroad_id)}]", 'connection = "http"', ""]
    provided = Service.objects.filter(subsystem__member=server.owner).select_related(
        "subsystem__member__member_class"
    )
    for service in provided:
        if service.code in BACKENDS:
            lines += [
                "[[services]]",
                f"id = {_toml_string(service.xroad_id)}",
                f"url = {_toml_string(BACKENDS[service.code])}",
                "timeout = 10",
                "",
            ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Prepara os servidores de segurança de demonstração (SS-DETRAN, SS-SEFAZ, SS-MTI) para rodar."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.VAR_DIR) / "xvia" / "gateways"))

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("xvia_dev_gateways é só para desenvolvimento; não rode em produção.")
        dev_setup()
        base = Path(options["dir"])
        anchor = json.dumps(anchor_document(), indent=2)
        for spec in (DETRAN, SEFAZ, MTI):
            directory = self._prepare(base, spec)
            (directory / "anchor.json").write_text(anchor)
            self.stdout.write(f"{spec.server}: {directory / 'gateway.toml'}")
        document = globalconf_publish(force=True)
        self.stdout.write(f"Configuração global publicada: versão {document.version}.")

    def _prepare(self, base: Path, spec: DemoMember) -> Path:
        server = SecurityServer.objects.select_related("owner__member_class").get(code=spec.server)
        server_id = ServerId.parse(server.xroad_id)
        directory = base / spec.server
        directory.mkdir(parents=True, exist_ok=True)
        names = ("auth.key", "sign.key", "auth.cert", "sign.cert")
        keys = {name: directory / f"{name}.pem" for name in names}
        if not keys["auth.key"].exists():
            init_keys(directory, server_id, server.owner.name, [server.host])
        for kind, csr, cert in (
            (IssuedCertificate.Kind.AUTH, "auth.csr.pem", keys["auth.cert"]),
            (IssuedCertificate.Kind.SIGN, "sign.csr.pem", keys["sign.cert"]),
        ):
            if cert.exists():
                continue
            target = {"server": server} if kind == IssuedCertificate.Kind.AUTH else {"member": server.owner}
            issued = issue_certificate((directory / csr).read_bytes(), kind, **target)
            import_certificate(
                issued.certificate_pem.encode(),
                server_id=server_id,
                auth_key=keys["auth.key"],
                sign_key=keys["sign.key"],
                auth_cert=keys["auth.cert"],
                sign_cert=keys["sign.cert"],
            )
        client_port = CLIENT_PORTS[spec.server]
        (directory / "gateway.toml").write_text(gateway_toml(server, client_port=client_port))
        return directory
