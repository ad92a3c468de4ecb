"""Fixtures of the second-factor tests: accounts with and without factors, and a way to put a
browser in the middle of a sign-in (password done, second factor to come) through auth_flow."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from plataforma.common.crypto import decrypt
from plataforma.identity import auth_flow
from plataforma.identity.mfa import services
from plataforma.identity.mfa.models import TOTPDevice
from plataforma.identity.models import SignInSession
from plataforma.identity.tests.factories import UserFactory

PASSWORD = "senha-de-teste-123"
CHALLENGE = "/conta/segundo-fator/verificar/"
NEXT_URL = "/destino/depois-da-entrada/"


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _webauthn_on_testserver(settings):
    settings.MTLOGIN_WEBAUTHN_RP_ID = "testserver"
    settings.MTLOGIN_WEBAUTHN_ORIGINS = ["http://testserver"]


@pytest.fixture
def user(db):
    return UserFactory(email="maria@example.org", email_verified_at=timezone.now())


def start_pending(client, user, *, next_url: str = NEXT_URL, amr: tuple[str, ...] = ("pwd",)) -> None:
    """What the password step leaves behind when the account has a second factor."""
    request = RequestFactory().get("/")
    request.session = client.session
    auth_flow.set_pending(request, user, amr=list(amr), next_url=next_url)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key


def sign_in(client, user, *, minutes_ago: float = 0):
    """A browser signed in `minutes_ago` (a SignInSession with that auth_time, as
    auth_flow.complete_sign_in leaves it). Adding a factor needs it to be recent (mfa/reauth.py)."""
    client.force_login(user)
    session = client.session
    sign_in_session = SignInSession.objects.create(
        user=user,
        session_key=session.session_key,
        amr=["pwd"],
        acr=user.level,
        auth_time=timezone.now() - timedelta(minutes=minutes_ago),
    )
    session[auth_flow.SIGN_IN_SESSION_KEY] = str(sign_in_session.pk)
    session.save()
    return sign_in_session


def enrol_totp(user) -> tuple[pyotp.TOTP, list[str]]:
    """An account with a confirmed authenticator app; returns the app and the recovery codes.
    The confirmation spends the previous time step, so sign-in codes of now are still fresh."""
    _device, secret = services.totp_setup_begin(user=user)
    totp = pyotp.TOTP(secret)
    codes = services.totp_confirm(user=user, code=totp.at(timezone.now() - timedelta(seconds=30)))
    return totp, codes


def secret_of(user) -> str:
    return decrypt(TOTPDevice.objects.get(user=user).secret_encrypted)


def code_at(totp: pyotp.TOTP, seconds_from_now: int = 0) -> str:
    return totp.at(timezone.now() + timedelta(seconds=seconds_from_now))


def wrong_code(totp: pyotp.TOTP) -> str:
    """A well-formed code that is none of the codes accepted right now (the window is ±1 step)."""
    window = {code_at(totp, seconds) for seconds in (-60, -30, 0, 30, 60)}
    return next(
        code for code in ("000000", "111111", "222222", "333333", "444444", "555555") if code not in window
    )
