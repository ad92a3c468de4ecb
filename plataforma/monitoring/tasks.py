from celery import shared_task

from .services import indicators_update


@shared_task(name="plataforma.monitoring.tasks.refresh_indicators")
def refresh_indicators() -> int:
    """Hourly: recompute the panel's indicators of the current and previous month and their
    years, and the catalogue snapshot (Lei 14.129 art. 22) — the whole history instead when
    MONITORING_MIN_RATINGS changed since the last rebuild. Returns the number of rows written."""
    return indicators_update().rows
