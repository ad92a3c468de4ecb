from django import template

from ..charts import format_value

register = template.Library()


@register.simple_tag
def figure(value, kind: str = "int") -> str:
    """A panel figure in pt-BR ("—" when there is nothing to show)."""
    return format_value(value, kind)


@register.simple_tag
def rating_mean(figures) -> str:
    """The mean score of a row, or the short text saying why it is not published."""
    if figures.ratings_withheld:
        return figures.ratings_label
    return format_value(figures.score_mean, "decimal")


@register.simple_tag
def rating_count(figures) -> str:
    """The number of ratings of a row, or the short text saying why it is not published."""
    if figures.ratings_withheld:
        return figures.ratings_label
    return format_value(figures.evaluations)
