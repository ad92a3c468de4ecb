from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from ..providers import provider_get


def signed(txid: str, amount: Decimal, **kwargs) -> tuple[dict[str, str], bytes]:
    return provider_get("sandbox").signed_notification(txid=txid, amount=amount, **kwargs)


def post_webhook(client, headers: dict[str, str], body: bytes, provider: str = "sandbox"):
    extra = {
        f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k.lower() != "content-type"
    }
    return client.post(
        reverse("payments:webhook", kwargs={"provider": provider}),
        data=body,
        content_type="application/json",
        **extra,
    )
