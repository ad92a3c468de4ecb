"""Brute-force protection of the password sign-in (ADR 0013): progressive delays, lockout of the
account and of the address, and nothing that tells whether a CPF has an account."""

from unittest import mock

import pytest
from django.urls import reverse

from plataforma.common.documents import make_cpf
from plataforma.identity import bruteforce, services
from plataforma.identity.models import SecurityEvent, User
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"
WRONG = "senha-errada-456"
LOGIN = "/conta/entrar/"


class Clock:
    def __init__(self):
        self.t = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(bruteforce, "now", lambda: c.t)
    return c


def attempt(client, cpf, password=WRONG, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": cpf, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_three_failures_the_next_attempt_waits_one_second_without_checking_the_password(client, clock):
    user = VerifiedUserFactory()
    for _ in range(3):
        assert attempt(client, user.cpf).status_code == 400
    with mock.patch.object(User, "check_password") as check:
        response = attempt(client, user.cpf, PASSWORD)  # even the right password
    assert check.call_count == 0
    assert response.status_code == 429 and not signed_in(client)
    assert "Aguarde 1 segundo e tente de novo" in response.content.decode()
    clock.advance(1)
    assert attempt(client, user.cpf, PASSWORD).status_code == 302 and signed_in(client)


def test_each_further_failure_doubles_the_wait(client, clock):
    user = VerifiedUserFactory()
    for _ in range(3):
        attempt(client, user.cpf)
    clock.advance(1)
    attempt(client, user.cpf)  # 4th failure
    response = attempt(client, user.cpf)
    assert response.status_code == 429 and "Aguarde 2 segundos" in response.content.decode()
    clock.advance(2)
    attempt(client, user.cpf)  # 5th failure
    assert "Aguarde 4 segundos" in attempt(client, user.cpf).content.decode()
    clock.advance(3)
    assert attempt(client, user.cpf).status_code == 429  # still 1 s to go, and nothing counted
    assert bruteforce.failures_of(cpf=user.cpf) == 5


def test_the_delay_is_capped_at_five_minutes():
    assert [bruteforce.delay_for(n) for n in (0, 2, 3, 4, 5, 11)] == [0, 0, 1, 2, 4, 256]
    assert bruteforce.delay_for(12) == bruteforce.delay_for(40) == 300


def test_ten_failures_lock_the_account_for_fifteen_minutes_and_tell_the_owner(
    client, clock, mailoutbox, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            assert attempt(client, user.cpf).status_code == 400, n
            clock.advance(300)
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.LOCKED).count() == 1
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED).count() == 10
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "bloqueada" in mailoutbox[0].subject
    clock.advance(-300 + 60)  # one minute after the lockout
    response = attempt(client, user.cpf, PASSWORD)
    assert response.status_code == 429 and not signed_in(client)
    assert "14 minutos" in response.content.decode()
    clock.advance(14 * 60)
    assert attempt(client, user.cpf, PASSWORD).status_code == 302 and signed_in(client)


def test_a_successful_sign_in_forgives_the_earlier_failures(client, clock):
    user = VerifiedUserFactory()
    attempt(client, user.cpf)
    attempt(client, user.cpf)
    assert bruteforce.failures_of(cpf=user.cpf) == 2
    attempt(client, user.cpf, PASSWORD)
    assert bruteforce.failures_of(cpf=user.cpf) == 0


def test_an_address_that_fails_fifty_times_in_fifteen_minutes_is_locked_across_accounts(client, clock):
    """Password spraying: one wrong guess on each of many accounts."""
    for i in range(50):
        assert attempt(client, make_cpf(f"{300_000_000 + i:09d}")).status_code == 400
        clock.advance(10)
    user = VerifiedUserFactory()
    response = attempt(client, user.cpf, PASSWORD)
    assert response.status_code == 429 and not signed_in(client)
    other = attempt(client, user.cpf, PASSWORD, ip="198.51.100.9")  # another address is not locked
    assert other.status_code == 302
    assert bruteforce.failures_of(cpf=user.cpf) == 0


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock_the_address(client, clock):
    for i in range(60):
        attempt(client, make_cpf(f"{400_000_000 + i:09d}"))
        clock.advance(20)  # at most 45 failures fall in any 15-minute window
    user = VerifiedUserFactory()
    assert attempt(client, user.cpf, PASSWORD).status_code == 302


def test_an_unknown_cpf_gets_the_same_answers_and_the_same_work(client, clock):
    unknown = "529.982.247-25"
    user = VerifiedUserFactory()
    with mock.patch.object(services, "check_password", wraps=services.check_password) as dummy:
        answers_unknown = [attempt(client, unknown) for _ in range(4)]
    assert dummy.call_count == 3  # the hasher ran for each checked attempt, not for the refused one
    answers_known = [attempt(client, user.cpf) for _ in range(4)]
    assert (
        [r.status_code for r in answers_unknown]
        == [r.status_code for r in answers_known]
        == [400, 400, 400, 429]
    )
    for a, b in zip(answers_unknown, answers_known, strict=True):
        assert a.context["form"].non_field_errors() == b.context["form"].non_field_errors()


def test_the_counters_hold_no_cpf_or_address_in_clear(client, clock):
    from django.core.cache import cache

    user = VerifiedUserFactory()
    attempt(client, user.cpf, ip="203.0.113.77")
    keys = " ".join(cache._cache.keys())  # locmem in tests
    assert user.cpf not in keys and "203.0.113.77" not in keys


def test_the_refusal_page_still_offers_the_password_reset(client, clock):
    user = VerifiedUserFactory()
    for _ in range(4):
        response = attempt(client, user.cpf)
    assert reverse("identity:password_reset") in response.content.decode()


def test_the_owner_gets_at_most_one_lock_email_an_hour(
    client, clock, mailoutbox, django_capture_on_commit_callbacks, settings
):
    """Security review L2: whoever knows a CPF can lock it again and again; the owner's mailbox is
    not flooded (every lock still goes to the security log)."""
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _lock in range(3):
            for _ in range(10):
                attempt(client, user.cpf)
                clock.advance(300)
            clock.advance(15 * 60)
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.LOCKED).count() == 3
    assert len(mailoutbox) == 1 and "bloqueada" in mailoutbox[0].subject


def test_a_lock_after_the_notice_interval_is_emailed_again(
    client, clock, mailoutbox, django_capture_on_commit_callbacks, settings
):
    import time

    settings.MTLOGIN_BRUTEFORCE = {**settings.MTLOGIN_BRUTEFORCE, "LOCK_NOTICE_INTERVAL": 1}
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _lock in range(2):
            for _ in range(10):
                attempt(client, user.cpf)
                clock.advance(300)
            clock.advance(15 * 60)
            time.sleep(1.1)  # the notice key lives in the (real-time) cache
    assert len(mailoutbox) == 2


def test_a_wrong_password_does_the_same_database_work_for_known_and_unknown_cpfs(client, clock):
    """Security review L3: the security-log rows of a known CPF are written by the worker, and the
    same task is sent for an unknown CPF, so the answer's time does not tell them apart."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plataforma.identity import tasks

    user = VerifiedUserFactory()
    with mock.patch.object(tasks.record_sign_in_failure, "delay") as sent:
        with CaptureQueriesContext(connection) as unknown:
            assert attempt(client, "529.982.247-25").status_code == 400
        with CaptureQueriesContext(connection) as known:
            assert attempt(client, user.cpf).status_code == 400
    assert len(unknown.captured_queries) == len(known.captured_queries)
    assert not any(q["sql"].startswith("INSERT") for q in known.captured_queries)
    assert sent.call_count == 2
    assert sent.call_args_list[0].kwargs["user_id"] == "" and sent.call_args_list[1].kwargs["user_id"]
    assert not SecurityEvent.objects.filter(user=user).exists()  # not written in the request
    tasks.record_sign_in_failure(**sent.call_args_list[1].kwargs)  # the worker writes it
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert event.ip_address == "203.0.113.7"
    assert tasks.record_sign_in_failure(**sent.call_args_list[0].kwargs) == 0
