"""Daily cap on wrong second-factor answers per account (security review L1)."""

from __future__ import annotations

import json

import pytest

from plataforma.identity.mfa import lockout
from plataforma.identity.models import SecurityEvent

from .conftest import CHALLENGE, NEXT_URL, code_at, enrol_totp, start_pending, wrong_code

pytestmark = pytest.mark.django_db
AUTH_OPTIONS = "/conta/segundo-fator/verificar/chave/opcoes/"


class Clock:
    def __init__(self):
        self.t = 1_800_000_000.0


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(lockout, "now", lambda: c.t)
    return c


def wrong_answers(client, user, totp, n: int) -> list:
    """`n` wrong codes, starting a new pending sign-in whenever the previous one ended."""
    answers = []
    for _ in range(n):
        if client.session.get("mtlogin_pending") is None:
            start_pending(client, user)
        answers.append(client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong_code(totp)}))
    return answers


def test_ten_wrong_codes_in_a_day_lock_the_second_step_and_tell_the_owner_once(
    client, user, clock, mailoutbox, django_capture_on_commit_callbacks
):
    totp, _codes = enrol_totp(user)
    with django_capture_on_commit_callbacks(execute=True):
        answers = wrong_answers(client, user, totp, 9)
        clock.t += 3600
        tenth = wrong_answers(client, user, totp, 1)[0]
    assert [a.status_code for a in answers] == [400, 400, 400, 400, 302, 400, 400, 400, 400]
    assert tenth.status_code == 429 and int(tenth["Retry-After"]) == 23 * 3600
    page = tenth.content.decode()
    assert "muitos códigos errados" in page and 'role="alert"' in page
    assert "mtlogin_pending" not in client.session
    locked = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.LOCKED)
    assert locked.details["step"] == "second_factor"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "bloqueada" in mailoutbox[0].subject and "/conta/senha/" in mailoutbox[0].body

    # A new sign-in with the right password and even the right code is refused until then.
    with django_capture_on_commit_callbacks(execute=True):
        start_pending(client, user)
        assert client.get(CHALLENGE).status_code == 429
        start_pending(client, user)
        refused = client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp)})
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.LOCKED).count() == 1
    assert len(mailoutbox) == 1  # once

    clock.t += 23 * 3600  # the window that began with the first wrong code has passed
    start_pending(client, user)
    done = client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp)})
    assert done.status_code == 302 and done.url == NEXT_URL


def test_wrong_codes_spread_over_more_than_a_day_do_not_lock(client, user, clock):
    totp, _codes = enrol_totp(user)
    wrong_answers(client, user, totp, 9)
    clock.t += 24 * 3600 + 1
    answers = wrong_answers(client, user, totp, 9)
    assert 429 not in [a.status_code for a in answers]
    assert not SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.LOCKED).exists()


def test_the_cap_is_a_setting_and_counts_recovery_codes_too(client, user, clock, settings):
    settings.MTLOGIN_MFA_DAILY_WRONG_LIMIT = (2, 3600)
    enrol_totp(user)
    start_pending(client, user)
    first = client.post(CHALLENGE, {"metodo": "recuperacao", "recuperacao-code": "aaaa-bbbb"})
    assert first.status_code == 400
    second = client.post(CHALLENGE, {"metodo": "recuperacao", "recuperacao-code": "cccc-dddd"})
    assert second.status_code == 429


def test_a_locked_account_is_refused_the_security_key_step_in_json(client, user, clock, settings):
    settings.MTLOGIN_MFA_DAILY_WRONG_LIMIT = (1, 3600)
    totp, _codes = enrol_totp(user)
    wrong_answers(client, user, totp, 1)
    start_pending(client, user)
    response = client.post(AUTH_OPTIONS, data=json.dumps({}), content_type="application/json")
    assert response.status_code == 429
    assert "muitos códigos errados" in response.json()["error"] and response.json()["redirect"]


def test_the_lock_is_per_account(client, user, clock, settings):
    from plataforma.identity.tests.factories import UserFactory

    settings.MTLOGIN_MFA_DAILY_WRONG_LIMIT = (1, 3600)
    totp, _codes = enrol_totp(user)
    wrong_answers(client, user, totp, 1)
    other = UserFactory(email="outra@example.org")
    other_totp, _ = enrol_totp(other)
    start_pending(client, other)
    assert client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(other_totp)}).status_code == 302
