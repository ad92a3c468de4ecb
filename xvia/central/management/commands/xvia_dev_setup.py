"""Development install of X-VIA central: keys (CA, TSA, configuration signing) if missing and
the demo registry (SEFAZ-MT, DETRAN-MT, MTI/portal). Idempotent. Never in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xvia.central.demo.setup import dev_setup
from xvia.central.services import globalconf_publish


class Command(BaseCommand):
    help = "Prepara o X-VIA para desenvolvimento: chaves de teste e registro de demonstração (idempotente)."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("xvia_dev_setup é só para desenvolvimento; não rode em produção.")
        report = dev_setup()
        document = globalconf_publish()
        if report.created:
            self.stdout.write("Criado: " + "; ".join(report.created) + ".")
        else:
            self.stdout.write("Nada a criar: o registro de demonstração já existe.")
        self.stdout.write(f"Configuração global publicada: versão {document.version}.")
