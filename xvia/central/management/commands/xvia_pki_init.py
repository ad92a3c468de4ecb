"""Create, when missing, X-VIA's development CA, development TSA and configuration-signing key
(private keys as 0600 files under XVIA_KEY_DIR; nothing secret is printed)."""

from django.core.management.base import BaseCommand

from xvia.central import conf
from xvia.central.services import pki_init


class Command(BaseCommand):
    help = "Cria a AC e a TSA de desenvolvimento e a chave de assinatura da configuração global do X-VIA."

    def handle(self, *args, **options):
        created = pki_init(actor=None)
        if created:
            self.stdout.write(f"Criados: {', '.join(created)} (chaves em {conf.key_dir()}).")
        else:
            self.stdout.write("Nada a criar: AC, TSA e chave de assinatura já existem.")
