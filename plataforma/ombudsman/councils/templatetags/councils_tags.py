"""Template helpers of the councils' pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def pairs(*values):
    """{% pairs url1 label1 url2 label2 as crumbs %} → [(url1, label1), (url2, label2)]."""
    items = list(values)
    return list(zip(items[0::2], items[1::2], strict=False))


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key, 0)
    except AttributeError:
        return 0
