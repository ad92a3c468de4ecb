"""System checks of the monitoring settings (`manage.py check`, and every start)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def min_ratings_check(app_configs=None, **kwargs) -> list[Error]:
    """MONITORING_MIN_RATINGS below 2 would publish single ratings (ADR 0023)."""
    value = getattr(settings, "MONITORING_MIN_RATINGS", None)
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        return [
            Error(
                "MONITORING_MIN_RATINGS must be a whole number of at least 2.",
                hint="The default, 5, withholds satisfaction figures of fewer than 5 ratings.",
                id="monitoring.E001",
            )
        ]
    return []
