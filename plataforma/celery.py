"""Celery application.

Production uses Redis as broker (CELERY_BROKER_URL). The embedded default uses kombu's
filesystem transport under var/, so `make run` needs no server; tests run tasks eagerly.
See docs/decisions/0004-background-tasks.md.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")

app = Celery("plataforma")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
