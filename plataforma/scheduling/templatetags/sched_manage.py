"""Formatting of the gestor's scheduling figures: shares as "66,7%", times as "12 min"; a figure
that does not exist (no base to compute it) is shown as a dash with a text for screen readers."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _missing():
    return format_html('<span aria-hidden="true">—</span><span class="sr-only">{}</span>', _("sem dados"))


@register.simple_tag
def share(value):
    if value is None:
        return _missing()
    return f"{number_format(value * 100, decimal_pos=1)}%"


@register.simple_tag
def minutes(seconds):
    if seconds is None:
        return _missing()
    total = round(seconds / 60)
    if total < 60:
        return _("%(m)d min") % {"m": total}
    return _("%(h)d h %(m)02d min") % {"h": total // 60, "m": total % 60}
