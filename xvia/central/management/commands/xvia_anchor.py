"""Write the anchor (xvia-anchor/1 JSON) that security servers install out of band."""

import json

from django.core.management.base import BaseCommand, CommandError

from xvia.central.services import NotConfiguredError, anchor_document


class Command(BaseCommand):
    help = "Mostra (ou grava em --output) a âncora de confiança dos servidores de segurança do X-VIA."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="arquivo de saída (padrão: a saída padrão)")

    def handle(self, *args, **options):
        try:
            text = json.dumps(anchor_document(), ensure_ascii=False, indent=2)
        except NotConfiguredError as exc:
            raise CommandError("Sem chave de assinatura: rode manage.py xvia_pki_init.") from exc
        if options.get("output"):
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"Âncora gravada em {options['output']}.")
        else:
            self.stdout.write(text)
