"""Development: watch calls cross X-VIA (`make xvia-demo`, with `make run` going).

Three calls, the way agencies' systems make them, in X-Road's REST protocol:
1. SEFAZ-MT's system asks DETRAN-MT for a vehicle, through SS-SEFAZ → SS-DETRAN;
2. the portal (MTI) asks DETRAN-MT which vehicles a citizen owns, for a request form;
3. SEFAZ-MT asks for that too, and is refused: it was granted only the lookup by plate.

Each answer shows X-Road's headers (request id and hash). The calls about a person carry the
CPF and the purpose: that person sees them in "Quem acessou meus dados".
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from xvia.central.demo.setup import DETRAN, MTI, SEFAZ
from xvia.central.management.commands.xvia_dev_gateways import CLIENT_PORTS
from xvia.central.models import Service, Subsystem
from xvia.client import XViaClient, XViaError

JOAO_CPF = "85296374100"  # the demo citizen João (catalog demo)


class Command(BaseCommand):
    help = "Mostra chamadas atravessando o X-VIA (com `make run` em execução)."

    def handle(self, *args, **options):
        vehicles = Service.objects.filter(subsystem__code=DETRAN.subsystem, code="veiculos").first()
        sefaz = Subsystem.objects.filter(code=SEFAZ.subsystem).first()
        portal = Subsystem.objects.filter(code=MTI.subsystem).first()
        if vehicles is None or sefaz is None or portal is None:
            raise CommandError("Rode antes `make run` (ou `manage.py xvia_dev_gateways`).")
        calls = (
            (
                "1. SEFAZ-MT consulta um veículo no DETRAN-MT (SS-SEFAZ → SS-DETRAN)",
                sefaz,
                SEFAZ.server,
                "veiculos/QAB1C23",
            ),
            (
                "2. O portal (MTI) consulta os veículos de João para preencher um pedido",
                portal,
                MTI.server,
                f"proprietarios/{JOAO_CPF}/veiculos",
            ),
            (
                "3. SEFAZ-MT tenta a mesma consulta, sem permissão para ela",
                sefaz,
                SEFAZ.server,
                f"proprietarios/{JOAO_CPF}/veiculos",
            ),
        )
        for title, client_subsystem, server, path in calls:
            self.stdout.write(self.style.MIGRATE_HEADING(title))
            url = f"http://127.0.0.1:{CLIENT_PORTS[server]}"
            client = XViaClient(url, client_subsystem.xroad_id, timeout=10)
            self.stdout.write(f"   GET {url}/r1/{vehicles.xroad_id}/{path}")
            self.stdout.write(f"   X-Road-Client: {client_subsystem.xroad_id}")
            try:
                answer = client.get(
                    vehicles.xroad_id,
                    path,
                    data_subject=JOAO_CPF,
                    purpose="Demonstração do X-VIA (make xvia-demo)",
                )
            except XViaError as fault:
                self.stdout.write(
                    self.style.WARNING(f"   → recusado: {fault.type} ({fault.status}) {fault.message}")
                )
                continue
            finally:
                client.close()
            self.stdout.write(self.style.SUCCESS(f"   → {answer.status}"))
            for header in ("x-road-request-id", "x-road-request-hash", "x-road-service"):
                self.stdout.write(f"   {header}: {answer.headers.get(header, '')}")
            self.stdout.write("   " + json.dumps(answer.json(), ensure_ascii=False)[:300])
        self.stdout.write(
            "\nAs consultas sobre João aparecem para ele em /conta/acessos-aos-meus-dados/ "
            "(entre com o CPF 852.963.741-00). Os registros assinados ficam no log de mensagens de "
            "cada servidor: `python -m xvia.gateway export-log --config var/xvia/gateways/ss-detran/"
            "gateway.toml --out log.json` e `python -m xvia.protocol.verify log.json --anchor "
            "var/xvia/gateways/ss-detran/anchor.json`."
        )
