"""On every published service's page in the Carta: where and how to lodge a manifestação about it
(Lei 13.460 art. 7 §2 VI). Registered with the catalogue in OmbudsmanConfig.ready()
(catalog/actions.py); no query."""

from __future__ import annotations

from plataforma.catalog.actions import ServiceAction


def manifestation_action(service) -> ServiceAction:
    return ServiceAction(template="ombudsman/public/_service_action.html")
