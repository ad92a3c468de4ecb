"""Background job of the exceptions (Resolução 002/2021/NGD art. 1 §3): every day, approved
exceptions whose plan expired go to the Núcleo's review (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .services.exceptions_decisions import exceptions_flag_expired


@shared_task(name="plataforma.governance.tasks_exceptions.flag_expired_exceptions")
def flag_expired_exceptions() -> int:
    """Move approved exceptions past their `valid_until` to em_revisao and notify; how many moved."""
    return exceptions_flag_expired()
