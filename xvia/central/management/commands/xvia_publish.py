"""Publish X-VIA's global configuration now (the beat task does it every 5 minutes)."""

from django.core.management.base import BaseCommand, CommandError

from xvia.central.services import NotConfiguredError, globalconf_publish


class Command(BaseCommand):
    help = "Publica uma nova versão da configuração global do X-VIA."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="publica mesmo sem mudanças")

    def handle(self, *args, **options):
        try:
            document = globalconf_publish(force=options["force"])
        except NotConfiguredError as exc:
            raise CommandError("Sem chave de assinatura: rode manage.py xvia_pki_init.") from exc
        self.stdout.write(
            f"Configuração global versão {document.version}, "
            f"válida até {document.expires_at:%Y-%m-%d %H:%M:%S%z}."
        )
