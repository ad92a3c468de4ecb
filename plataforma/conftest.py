import pytest
from django.test import override_settings

from plataforma.celery import app as celery_app


@pytest.fixture(autouse=True)
def _eager_tasks_and_fast_hashing():
    """Tasks run in-process during tests (Celery reads its configuration once, so set it on the app)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    # Eager tasks run inside Celery's "no joining results" guard, a process-wide flag: two
    # threads of a concurrency test that run tasks at once can leave it raised, which would make
    # a later test's `.delay().get()` fail. Every test starts with it down.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    hashers = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "plataforma.identity.hashers.ClientSecretHasher",
    ]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _no_real_cep_lookups():
    """No test reaches the real CEP service; the CEP tests choose their fake provider themselves."""
    with override_settings(CEP_PROVIDER="none"):
        yield


@pytest.fixture(autouse=True)
def _no_cached_oidc_clients():
    """Each test rolls its database back: a client registration cached in this process by an
    earlier test must not be served to the next one."""
    from plataforma.identity.oidc import client_cache

    client_cache.clear()
    yield
    client_cache.clear()


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Tests that use a real transaction end with a flush of every table, which also removes the
    reference rows that data migrations create (the three audiences, the ouvidoria's subjects). Put
    them back before each
    database test so that the order in which tests run never matters."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")  # honours transaction=True from the marker
        from plataforma.catalog.tests.factories import restore_reference_rows
        from plataforma.ombudsman.tests.factories import restore_subjects

        restore_reference_rows()
        restore_subjects()
    yield


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    """The holiday calendar is cached per process: rows a test rolls back must not leak."""
    from plataforma.common.calendar import holidays_changed

    holidays_changed()
    yield
    holidays_changed()
