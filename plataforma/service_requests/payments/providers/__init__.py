"""The registry of PIX providers, configured in settings:

PAYMENTS_PROVIDERS = {"sandbox": "plataforma.service_requests.payments.providers.sandbox.SandboxProvider"}
PAYMENTS_DEFAULT_PROVIDER = "sandbox"
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import InvalidPayload, InvalidSignature, PixPayment, PixProvider, ProviderCharge, WebhookEvent

SANDBOX = "sandbox"
DEFAULT_PROVIDERS = {SANDBOX: "plataforma.service_requests.payments.providers.sandbox.SandboxProvider"}


class UnknownProvider(LookupError):
    pass


def providers_configured() -> dict[str, str]:
    return dict(getattr(settings, "PAYMENTS_PROVIDERS", None) or DEFAULT_PROVIDERS)


def default_provider_key() -> str:
    return getattr(settings, "PAYMENTS_DEFAULT_PROVIDER", SANDBOX) or SANDBOX


def provider_get(key: str) -> PixProvider:
    """The provider configured under `key`; UnknownProvider when there is none."""
    path = providers_configured().get(key)
    if path is None:
        raise UnknownProvider(key)
    provider = import_string(path)()
    provider.key = key
    return provider


def provider_default() -> PixProvider:
    return provider_get(default_provider_key())


def sandbox_simulation_enabled() -> bool:
    """The "Simular pagamento" button: only with the sandbox as the active provider, never in
    production."""
    return (
        not getattr(settings, "PRODUCTION", False)
        and default_provider_key() == SANDBOX
        and (SANDBOX in providers_configured())
    )


__all__ = [
    "InvalidPayload",
    "InvalidSignature",
    "PixPayment",
    "PixProvider",
    "ProviderCharge",
    "UnknownProvider",
    "WebhookEvent",
    "default_provider_key",
    "provider_default",
    "provider_get",
    "sandbox_simulation_enabled",
]
