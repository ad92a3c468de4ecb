"""The "Agendar atendimento" call to action on a service's page in the Carta (registered with the
catalogue in SchedulingConfig.ready(); catalog/actions.py), offered only when some unit books the
service on the platform (one EXISTS query)."""

from __future__ import annotations

from plataforma.catalog.actions import ServiceAction

from .selectors.availability import bookable_offerings


def booking_action(service) -> ServiceAction | None:
    if not bookable_offerings(service=service).exists():
        return None
    return ServiceAction(template="scheduling/citizen/_booking_link.html")
