"""manage.py load_holidays [--years 2025 2026 2027]: national, Mato Grosso and municipal holidays
(and the movable pontos facultativos) as rows of common.Holiday. Safe to run again: existing rows
are kept as they are (ADR 0018)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from plataforma.common.calendar import CUIABA, holidays_load

FIRST_YEAR, LAST_YEAR = 2000, 2100


class Command(BaseCommand):
    help = "Carrega feriados nacionais, estaduais (MT), municipais e pontos facultativos."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            metavar="ANO",
            help="Anos a carregar (padrão: o ano corrente e os dois seguintes).",
        )

    def handle(self, *args, **options):
        years = options["years"]
        if not years:
            this_year = datetime.now(CUIABA).year
            years = [this_year, this_year + 1, this_year + 2]
        invalid = [year for year in years if not FIRST_YEAR <= year <= LAST_YEAR]
        if invalid:
            raise CommandError(f"Ano fora do intervalo {FIRST_YEAR} a {LAST_YEAR}: {invalid[0]}")
        years = sorted(set(years))
        created, existing = holidays_load(years=years)
        self.stdout.write(
            self.style.SUCCESS(
                f"Feriados de {', '.join(map(str, years))}: {created} criados, {existing} já existentes."
            )
        )
