"""What a PIX provider (the state's bank or payment service provider) offers the platform.

A provider creates the charge (returning the BR Code, and for dynamic charges the location
URL), tells the platform when a charge is paid through a signed webhook, and cancels charges
that are no longer wanted. The platform never trusts a notification whose signature fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..models import Charge


class InvalidSignature(Exception):
    """The notification is not signed by the provider (or too old): answer 401, change nothing."""


class InvalidPayload(Exception):
    """The notification is not the JSON the provider sends: answer 400, change nothing."""


@dataclass(frozen=True)
class ProviderCharge:
    reference: str
    br_code: str
    location: str = ""


@dataclass(frozen=True)
class PixPayment:
    """One PIX received for a charge (the Banco Central's Pix API "pix" object)."""

    txid: str
    end_to_end_id: str
    amount: Decimal
    paid_at: datetime
    payer_name: str = ""  # personal data: only its masked form is stored


@dataclass(frozen=True)
class WebhookEvent:
    delivery_id: str
    payments: tuple[PixPayment, ...] = field(default_factory=tuple)

    @property
    def has_personal_data(self) -> bool:
        return any(p.payer_name for p in self.payments)


@runtime_checkable
class PixProvider(Protocol):
    key: str
    label: str

    def create_charge(self, charge: Charge) -> ProviderCharge:
        """Register the charge with the provider and return its BR Code."""
        ...

    def verify_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookEvent:
        """Check the signature and read the notification. Raises InvalidSignature or
        InvalidPayload."""
        ...

    def cancel_charge(self, charge: Charge) -> None:
        """Tell the provider the charge must no longer be paid (expired or cancelled)."""
        ...
