"""The sandbox PIX provider: real BR Codes for the state's receiving key, and payment
confirmations through webhooks signed exactly as a production provider would sign them.

Signature: header `X-Pix-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
HMAC-SHA256(PAYMENTS_SANDBOX_WEBHOOK_SECRET, "<t>." + raw body). Notifications older or newer
than 5 minutes are refused (replays of captured requests), and signatures are compared in
constant time. Body (the shape of the Banco Central's Pix API webhook, plus a delivery id):

    {"id": "<delivery id>", "pix": [{"txid": "...", "endToEndId": "E...", "valor": "85.40",
     "horario": "2026-03-01T12:00:00-04:00", "pagador": {"nome": "..."}}]}
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import string
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..brcode import brcode_build, format_amount
from .base import InvalidPayload, InvalidSignature, PixPayment, ProviderCharge, WebhookEvent

if TYPE_CHECKING:
    from ..models import Charge

SIGNATURE_HEADER = "X-Pix-Signature"
TOLERANCE_SECONDS = 300
MAX_PAYMENTS = 50
_E2E_RE = re.compile(r"^[A-Za-z0-9]{1,32}$")
_TXID_RE = re.compile(r"^[A-Za-z0-9]{1,35}$")


# Development only (never in production): what the sandbox uses when the settings name nothing.
DEV_WEBHOOK_SECRET = "dev-only-pix-sandbox-webhook-secret"  # noqa: S105 - development only
DEV_PIX_KEY = "00000000-0000-4000-8000-000000000000"


def _dev() -> bool:
    return not getattr(settings, "PRODUCTION", False)


def _secret() -> bytes:
    configured = getattr(settings, "PAYMENTS_SANDBOX_WEBHOOK_SECRET", None)
    if configured is None and _dev():
        configured = DEV_WEBHOOK_SECRET
    return (configured or "").encode()


def _pix_key() -> str:
    configured = getattr(settings, "PAYMENTS_PIX_KEY", None)
    return configured if configured is not None else (DEV_PIX_KEY if _dev() else "")


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value or ""
    return ""


def signature_for(body: bytes, *, timestamp: int, secret: bytes | None = None) -> str:
    """The X-Pix-Signature header value for `body` sent at `timestamp`."""
    key = _secret() if secret is None else secret
    digest = hmac.new(key, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(header: str, body: bytes, *, now: float | None = None) -> None:
    """Raise InvalidSignature unless `header` signs `body` with the configured secret within
    the tolerance window."""
    secret = _secret()
    if not secret:
        raise InvalidSignature("no secret configured")
    timestamp, candidates = None, []
    for part in (header or "").split(","):
        name, _sep, value = part.strip().partition("=")
        if name == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif name == "v1" and value:
            candidates.append(value)
    if timestamp is None or not candidates:
        raise InvalidSignature("malformed signature header")
    current = time.time() if now is None else now
    if abs(current - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("timestamp outside tolerance")
    expected = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected.encode(), c.encode("utf-8", "replace")) for c in candidates):
        raise InvalidSignature("signature mismatch")


def _payment(item: object) -> PixPayment:
    if not isinstance(item, dict):
        raise InvalidPayload("pix item is not an object")
    txid, e2e, value, when = item.get("txid"), item.get("endToEndId"), item.get("valor"), item.get("horario")
    if not isinstance(txid, str) or not _TXID_RE.match(txid):
        raise InvalidPayload("txid")
    if not isinstance(e2e, str) or not _E2E_RE.match(e2e):
        raise InvalidPayload("endToEndId")
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,10}\.\d{2}", value):
        raise InvalidPayload("valor")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidPayload("valor") from None
    paid_at = parse_datetime(when) if isinstance(when, str) else None
    if paid_at is None or timezone.is_naive(paid_at):
        raise InvalidPayload("horario")
    payer = item.get("pagador") or {}
    name = payer.get("nome", "") if isinstance(payer, dict) else ""
    return PixPayment(
        txid=txid,
        end_to_end_id=e2e,
        amount=amount,
        paid_at=paid_at,
        payer_name=name[:200] if isinstance(name, str) else "",
    )


def parse_body(body: bytes) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidPayload("not JSON") from None
    if not isinstance(data, dict):
        raise InvalidPayload("not a JSON object")
    return data


def end_to_end_id_new(when: datetime | None = None) -> str:
    """An end-to-end id shaped like the SPI's: E + 8-digit ISPB + yyyyMMddHHmm + 11 characters."""
    stamp = (when or timezone.now()).astimezone(UTC).strftime("%Y%m%d%H%M")
    alphabet = string.ascii_letters + string.digits
    return "E00000000" + stamp + "".join(secrets.choice(alphabet) for _ in range(11))


class SandboxProvider:
    key = "sandbox"
    label = "Sandbox (testes)"

    def create_charge(self, charge: Charge) -> ProviderCharge:
        br_code = brcode_build(
            key=_pix_key(),
            name=getattr(settings, "PAYMENTS_MERCHANT_NAME", "GOVERNO DE MATO GROSSO"),
            city=getattr(settings, "PAYMENTS_MERCHANT_CITY", "CUIABA"),
            amount=charge.amount,
            txid=charge.txid,
        )
        return ProviderCharge(reference=f"sandbox-{charge.txid}", br_code=br_code)

    def verify_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookEvent:
        data = parse_body(body)
        verify_signature(_header(headers, SIGNATURE_HEADER), body)
        delivery_id, items = data.get("id"), data.get("pix")
        if not isinstance(delivery_id, str) or not (1 <= len(delivery_id) <= 100):
            raise InvalidPayload("id")
        if not isinstance(items, list) or not (1 <= len(items) <= MAX_PAYMENTS):
            raise InvalidPayload("pix")
        return WebhookEvent(delivery_id=delivery_id, payments=tuple(_payment(item) for item in items))

    def cancel_charge(self, charge: Charge) -> None:
        """Nothing to tell: a key-based BR Code cannot be revoked at the bank. A payment that still
        arrives is flagged for refund by charge_confirm_paid."""
        return None

    # --- For the "Simular pagamento" button, the pix_sandbox_pay command and the tests -------

    def signed_notification(
        self,
        *,
        txid: str,
        amount: Decimal,
        paid_at: datetime | None = None,
        end_to_end_id: str | None = None,
        delivery_id: str | None = None,
        payer_name: str = "",
        timestamp: int | None = None,
    ) -> tuple[dict[str, str], bytes]:
        """Headers and body of a webhook that pays `txid`, signed with the sandbox secret."""
        paid_at = paid_at or timezone.now()
        item: dict = {
            "txid": txid,
            "endToEndId": end_to_end_id or end_to_end_id_new(paid_at),
            "valor": format_amount(amount),
            "horario": paid_at.isoformat(),
        }
        if payer_name:
            item["pagador"] = {"nome": payer_name}
        body = json.dumps({"id": delivery_id or uuid.uuid4().hex, "pix": [item]}).encode()
        stamp = int(time.time()) if timestamp is None else timestamp
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature_for(body, timestamp=stamp)}
        return headers, body
