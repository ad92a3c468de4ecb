"""Two requests racing with the same one-time secret: exactly one wins (row lock on the TOTP
device, conditional update on the recovery code). Needs real concurrent transactions, so it runs
on PostgreSQL only (SQLite serialises every writer anyway)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from plataforma.identity.mfa import services
from plataforma.identity.tests.factories import UserFactory

from .conftest import code_at, enrol_totp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions"),
]


def _race(worker, n: int = 6) -> list:
    barrier = threading.Barrier(n)
    results: list = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            outcome = worker()
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_the_same_app_code_wins_only_once_under_concurrency():
    user = UserFactory(email_verified_at=timezone.now())
    totp, _codes = enrol_totp(user)
    code = code_at(totp)
    results = _race(lambda: services.totp_verify(user=user, code=code))
    assert sorted(results) == [False] * 5 + [True]


def test_the_same_recovery_code_wins_only_once_under_concurrency():
    user = UserFactory(email_verified_at=timezone.now())
    _totp, codes = enrol_totp(user)
    results = _race(lambda: services.recovery_code_use(user=user, code=codes[0]))
    assert sorted(results, key=lambda r: r is None) == [9, None, None, None, None, None]
