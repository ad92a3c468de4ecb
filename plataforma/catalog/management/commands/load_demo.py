"""`python manage.py load_demo`: load the demo agencies, units, services and accounts.

Run by `make run` on every start. Idempotent: what already exists is left untouched, so a
second run writes nothing. Refuses to run in production unless --force is given, because it
creates accounts with a published password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plataforma.catalog.demo import DEMO_PASSWORD
from plataforma.catalog.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Carrega os dados de demonstração do Portal Único de Serviços (órgãos, unidades, serviços e contas)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Carrega mesmo em produção (cria contas de demonstração com senha conhecida).",
        )

    def handle(self, *args, force: bool = False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Recusado: este ambiente é de produção e os dados de demonstração criam contas com senha "
                "conhecida. Use --force somente se tiver certeza."
            )
        started = time.perf_counter()
        report = load_demo()
        _load_requests_demo(report)
        elapsed = time.perf_counter() - started
        if report.created_anything:
            created = ", ".join(f"{n} {what}" for what, n in report.created.items() if n)
            message = f"Dados de demonstração carregados em {elapsed:.1f} s: {created}."
            self.stdout.write(self.style.SUCCESS(message))
        else:
            self.stdout.write(f"Dados de demonstração já carregados; nada foi alterado ({elapsed:.2f} s).")
        totals = ", ".join(f"{n} {what}" for what, n in report.totals.items())
        self.stdout.write(f"No banco: {totals}.")
        self.stdout.write("Contas de demonstração (somente para uso local):")
        for label, cpf in report.accounts:
            self.stdout.write(f"  {label}: CPF {cpf}, senha {DEMO_PASSWORD}")
        for line in getattr(report, "notes", []):
            self.stdout.write(f"  {line}")


def _load_requests_demo(report) -> None:
    """Issue #4: holidays, request forms, requests in the agencies' inboxes, ratings and the
    panel's indicators. Each part is idempotent, like the catalogue's."""
    from django.utils import timezone

    from plataforma.common.calendar import holidays_load
    from plataforma.monitoring.demo import load_monitoring_demo
    from plataforma.service_requests.demo_forms import load_request_forms_demo
    from plataforma.service_requests.demo_inbox import load_inbox_demo

    year = timezone.localdate().year
    created_holidays, _existing = holidays_load(years=[year, year + 1])
    report.add("feriados", created_holidays)
    load_request_forms_demo(report)
    inbox = load_inbox_demo()
    for what, n in inbox.created.items():
        report.add(what, n)
    for account in inbox.accounts:
        if account not in report.accounts:
            report.accounts.append(account)
    from plataforma.scheduling.demo import load_scheduling_demo

    load_scheduling_demo(report)  # issue #5: units' calendars, desks and offerings
    from plataforma.ombudsman.councils.demo import load_councils_demo
    from plataforma.ombudsman.demo import load_ombudsman_demo
    from plataforma.ombudsman.reports.demo import load_reports_demo

    load_ombudsman_demo(report)  # issue #6: ouvidores and manifestações in every state
    load_reports_demo(report)  # issue #6: last year's relatório de gestão (before the panel's rebuild)
    load_councils_demo(report)  # issue #6: the DETRAN-MT conselho de usuários
    from plataforma.governance.demo import load_governance_demo

    load_governance_demo(report)  # issue #8: the Núcleo's plan, exceptions and MTI's catalogue
    _load_xvia_demo(report)
    ratings = load_monitoring_demo()
    report.add("avaliações de solicitações", ratings.ratings)


def _load_xvia_demo(report) -> None:
    """Issue #7: X-VIA's registry (SEFAZ-MT, DETRAN-MT, MTI and the portal, their security
    servers, two services and the access rights) and a signed global configuration. The
    security servers themselves are prepared and started by `make run` (xvia_dev_gateways)."""
    from xvia.central.demo.setup import dev_setup
    from xvia.central.services import globalconf_publish

    created = dev_setup().created
    if created:
        report.add("registros do X-VIA", len(created))
    globalconf_publish()
