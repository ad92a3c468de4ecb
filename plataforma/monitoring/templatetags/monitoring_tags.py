from django import template

from ..charts import format_value

register = template.Library()


@register.simple_tag
def figure(value, kind: str = "int") -> str:
    """A panel figure in pt-BR ("—" when there is nothing to show)."""
    return format_value(value, kind)
