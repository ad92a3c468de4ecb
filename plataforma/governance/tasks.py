"""Celery's autodiscovery imports `<app>.tasks` only: each governance part keeps its periodic jobs
in its own module (tasks_plan, tasks_exceptions, …) and is imported here so that a worker
registers them (the schedule is in settings.CELERY_BEAT_SCHEDULE)."""

from .tasks_exceptions import flag_expired_exceptions
from .tasks_plan import flag_late_milestones

__all__ = ["flag_expired_exceptions", "flag_late_milestones"]
