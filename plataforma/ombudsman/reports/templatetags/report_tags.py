"""Figures of the relatório de gestão in pt-BR: 1.234 · 87,5% · 3,4 · "—" when there is none."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value) -> str:
    if value is None:
        return "—"
    return number_format(round(value), decimal_pos=0, force_grouping=True)


@register.filter
def pct(value) -> str:
    if value is None:
        return "—"
    return number_format(round(value * 100, 1), decimal_pos=1) + "%"


@register.filter
def signed_pct(value) -> str:
    """+12,5% / -3,0% / 0,0%: the sign in text, never only in colour."""
    if value is None:
        return "—"
    text = number_format(round(abs(value) * 100, 1), decimal_pos=1) + "%"
    if value > 0:
        return "+" + text
    if value < 0:
        return "-" + text
    return text


@register.filter
def dec(value) -> str:
    if value is None:
        return "—"
    return number_format(round(value, 1), decimal_pos=1)
