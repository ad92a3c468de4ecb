"""The "Agendar atendimento" call to action of a service's page in the Carta, shown only when
some unit books the service on the platform (one EXISTS query):

    {% load sched_booking %}{% booking_link service %}
"""

from __future__ import annotations

from django import template

from ..selectors.availability import bookable_offerings

register = template.Library()


@register.inclusion_tag("scheduling/citizen/_booking_link.html")
def booking_link(service):
    bookable = bool(service and service.is_published and bookable_offerings(service=service).exists())
    return {"service": service, "bookable": bookable}
