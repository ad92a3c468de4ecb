"""Pay a sandbox charge from outside, over HTTP, as the sandbox provider would:

    manage.py pix_sandbox_pay <txid> [--base-url http://127.0.0.1:8000] [--amount 85.40]

Builds the notification, signs it with PAYMENTS_SANDBOX_WEBHOOK_SECRET and POSTs it to
/pagamentos/webhook/sandbox/ of the given site (manual tests, the benchmark)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from ...models import Charge
from ...providers import SANDBOX, provider_get


class Command(BaseCommand):
    help = "Envia ao portal a notificação assinada do pagamento de uma cobrança do sandbox PIX."

    def add_arguments(self, parser):
        parser.add_argument("txid")
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))
        parser.add_argument("--amount", help="Valor pago (padrão: o valor da cobrança)")
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args, txid: str, base_url: str, amount: str | None, timeout: float, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("O sandbox PIX não é usado em produção.")
        charge = Charge.objects.filter(txid=txid, provider=SANDBOX).first()
        if charge is None:
            raise CommandError("Não há cobrança do sandbox com este txid.")
        try:
            paid = Decimal(amount) if amount else charge.amount
        except InvalidOperation:
            raise CommandError("Valor inválido.") from None
        headers, body = provider_get(SANDBOX).signed_notification(txid=charge.txid, amount=paid)
        url = base_url.rstrip("/") + reverse("payments:webhook", kwargs={"provider": SANDBOX})
        with httpx.Client(timeout=timeout) as client:
            try:
                response = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise CommandError(f"Falha ao enviar a notificação: {exc.__class__.__name__}") from None
        self.stdout.write(f"{response.status_code} {response.text}")
        if response.status_code != 200:
            raise CommandError("O portal recusou a notificação.")
