"""Receiving a provider's payment notification (webhook). One function, `webhook_receive`, used
by the webhook endpoint and by the sandbox's "Simular pagamento" button alike, so the demo runs
the very code path a real payment does."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from plataforma.common.ratelimit import Limit, hit

from ..models import WebhookDelivery
from ..providers import InvalidPayload, InvalidSignature, UnknownProvider, provider_get
from .charges import charge_confirm_paid

logger = logging.getLogger(__name__)
Outcome = WebhookDelivery.Outcome
MAX_BODY_BYTES = 64 * 1024
# Notifications with a bad signature are recorded (for the security team), but never more than
# this many per source address, so that nobody can fill the table.
BAD_SIGNATURE_RECORDS = Limit(scope="payments-webhook-bad-signature", count=30, seconds=3600)


@dataclass(frozen=True)
class WebhookResult:
    status: int
    outcome: str
    message: str


def webhook_receive(
    *, provider_key: str, headers: Mapping[str, str], body: bytes, source: str | None = None
) -> WebhookResult:
    """Check and apply one notification. Answers (HTTP status): 404 unknown provider, 413 body
    too large, 400 not the provider's JSON, 401 bad or old signature, 200 applied — and 200 with
    no effect for a delivery already received (replays and provider retries)."""
    try:
        provider = provider_get(provider_key)
    except UnknownProvider:
        return WebhookResult(404, "provedor_desconhecido", "Provedor desconhecido.")
    if len(body) > MAX_BODY_BYTES:
        return WebhookResult(413, "corpo_grande_demais", "Notificação grande demais.")
    digest = hashlib.sha256(body).hexdigest()
    now = timezone.now()
    try:
        event = provider.verify_webhook(headers, body)
    except InvalidPayload:
        return WebhookResult(400, "json_invalido", "Notificação em formato inválido.")
    except InvalidSignature:
        logger.warning("payments: webhook with a bad signature for provider %s", provider.key)
        if hit(BAD_SIGNATURE_RECORDS, source):
            WebhookDelivery.objects.create(
                provider=provider.key,
                delivery_id=None,
                received_at=now,
                signature_valid=False,
                outcome=Outcome.BAD_SIGNATURE,
                body_sha256=digest,
            )
        return WebhookResult(401, Outcome.BAD_SIGNATURE, "Assinatura inválida.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    provider=provider.key,
                    delivery_id=event.delivery_id,
                    received_at=now,
                    signature_valid=True,
                    outcome=Outcome.RECEIVED,
                    body_sha256=digest,
                    body="" if event.has_personal_data else body.decode("utf-8"),
                )
        except IntegrityError:
            return WebhookResult(200, Outcome.DUPLICATE, "Notificação já recebida.")
        outcomes, charge = [], None
        for payment in event.payments:
            outcome, paid_charge = charge_confirm_paid(
                provider=provider.key,
                txid=payment.txid,
                end_to_end_id=payment.end_to_end_id,
                paid_amount=payment.amount,
                paid_at=payment.paid_at,
                payer_name=payment.payer_name,
            )
            outcomes.append(outcome)
            charge = charge or paid_charge
        distinct = set(outcomes)
        delivery.outcome = distinct.pop() if len(distinct) == 1 else Outcome.MIXED
        delivery.charge = charge
        delivery.save(update_fields=["outcome", "charge", "updated_at"])
    return WebhookResult(200, delivery.outcome, "Notificação processada.")
