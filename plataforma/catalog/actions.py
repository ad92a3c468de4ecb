"""What a person can do about a service besides reading its Carta, contributed by the feature apps
("Agendar atendimento" from scheduling, "Fazer uma manifestação" from the ouvidoria…).

The catalogue sits below the feature apps (ARCHITECTURE: dependencies point one way), so it never
imports them: each app registers a provider in its AppConfig.ready(), and the service page renders
whatever the providers offer, in registration order:

    service_action_register(key="scheduling.booking", provider=booking_action)

A provider takes the published service and returns None (nothing to offer) or a ServiceAction: the
template that draws it and that template's context. A provider must be cheap (at most one query).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ServiceAction:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Any], ServiceAction | None]

_providers: dict[str, Provider] = {}


def service_action_register(*, key: str, provider: Provider) -> None:
    """Register (or replace, for the same key: ready() may run twice in tests) a provider."""
    _providers[key] = provider


def service_actions(service) -> list[ServiceAction]:
    """The actions the registered providers offer for this service, in registration order."""
    if service is None or not getattr(service, "is_published", False):
        return []
    offered = (provider(service) for provider in _providers.values())
    return [action for action in offered if action is not None]
