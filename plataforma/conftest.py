import pytest
from django.test import override_settings

from plataforma.celery import app as celery_app


@pytest.fixture(autouse=True)
def _eager_tasks_and_fast_hashing():
    """Tasks run in-process during tests (Celery reads its configuration once, so set it on the app)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield
    celery_app.conf.task_always_eager = previous
