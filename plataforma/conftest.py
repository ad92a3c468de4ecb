import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _eager_tasks_and_fast_hashing():
    with override_settings(
        CELERY_TASK_ALWAYS_EAGER=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        yield
