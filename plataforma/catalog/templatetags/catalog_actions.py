"""{% service_actions service %}: draws what the feature apps offer on a service's page
(catalog/actions.py), each with its own template."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..actions import service_actions as offered_actions

register = template.Library()


@register.simple_tag(takes_context=True)
def service_actions(context, service):
    request = context.get("request")
    parts = [
        render_to_string(action.template, {"service": service, **action.context}, request=request)
        for action in offered_actions(service)
    ]
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, autoescaped template
