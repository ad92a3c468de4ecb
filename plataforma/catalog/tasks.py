from celery import shared_task

from . import services


@shared_task(name="plataforma.catalog.tasks.flag_overdue_reviews")
def flag_overdue_reviews() -> int:
    """Daily: flag services whose Carta entry was not reviewed within the period (art. 7 §4)."""
    return services.flag_overdue_reviews()
