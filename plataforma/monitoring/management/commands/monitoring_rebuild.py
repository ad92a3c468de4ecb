"""`python manage.py monitoring_rebuild`: recompute the panel's indicators for the whole history."""

import time

from django.core.management.base import BaseCommand

from plataforma.monitoring.services import indicators_rebuild


class Command(BaseCommand):
    help = "Recalcula todos os indicadores do painel de desempenho, desde o primeiro pedido."

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = indicators_rebuild()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indicadores recalculados: {len(result.periods)} períodos, {result.rows} linhas, "
                f"em {elapsed:.1f} s."
            )
        )
