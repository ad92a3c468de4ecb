"""Writes of the payments app (HackSoft services)."""

from .charges import (
    charge_cancel_for_request,
    charge_confirm_paid,
    charge_expire,
    charge_open,
    charges_expire,
    txid_new,
)
from .webhooks import WebhookResult, webhook_receive

__all__ = [
    "WebhookResult",
    "charge_cancel_for_request",
    "charge_confirm_paid",
    "charge_expire",
    "charge_open",
    "charges_expire",
    "txid_new",
    "webhook_receive",
]
