from django.conf import settings

from plataforma.celery import app


def test_every_periodic_job_names_a_registered_task():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_the_embedded_default_needs_no_broker_server():
    # Without CELERY_BROKER_URL in the environment the queue lives in files under var/.
    assert settings.CELERY_BROKER_URL.startswith(("filesystem://", "redis://"))
