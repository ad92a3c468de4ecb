"""Adding a second factor needs a recent sign-in or the password again (security review M5)."""

from __future__ import annotations

import json

import pyotp
import pytest

from plataforma.identity.mfa.models import TOTPDevice, WebAuthnCredential

from .conftest import PASSWORD, code_at, secret_of, sign_in
from .soft_authenticator import SoftAuthenticator

pytestmark = pytest.mark.django_db
SETUP = "/conta/segundo-fator/aplicativo/"
REGISTER = "/conta/segundo-fator/chaves/nova/"
REGISTER_OPTIONS = "/conta/segundo-fator/chaves/nova/opcoes/"


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_a_recent_sign_in_goes_straight_to_the_app_set_up(client, user):
    sign_in(client, user, minutes_ago=9)
    response = client.get(SETUP)
    assert response.status_code == 200 and "provisioning" in response.context
    assert TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.parametrize("minutes_ago", [11, None])
def test_an_old_sign_in_must_type_the_password_before_seeing_the_secret(client, user, minutes_ago):
    if minutes_ago is None:
        client.force_login(user)  # no sign-in session at all: not recent either
    else:
        sign_in(client, user, minutes_ago=minutes_ago)
    response = client.get(SETUP)
    page = response.content.decode()
    assert response.status_code == 200 and "provisioning" not in response.context
    assert 'name="password"' in page and "Confirme a sua senha" in page and page.count("<h1") == 1
    assert not TOTPDevice.objects.filter(user=user).exists()  # no secret made nor shown


def test_a_wrong_password_is_a_400_in_portuguese_and_the_right_one_opens_the_set_up(client, user):
    sign_in(client, user, minutes_ago=30)
    wrong = client.post(SETUP, {"password": "senha-errada-000"})
    assert wrong.status_code == 400 and "Senha incorreta." in wrong.content.decode()
    assert not TOTPDevice.objects.exists()
    right = client.post(SETUP, {"password": PASSWORD})
    assert right.status_code == 302 and right.url == "/conta/segundo-fator/aplicativo/"
    page = client.get(SETUP)
    assert page.status_code == 200 and "provisioning" in page.context
    totp = pyotp.TOTP(secret_of(user))
    done = client.post(SETUP, {"totp-code": code_at(totp)})
    assert done.status_code == 302 and TOTPDevice.objects.get(user=user).confirmed_at is not None


def test_an_old_sign_in_cannot_confirm_an_app_by_posting_the_code_directly(client, user):
    """Even with a device begun earlier (while the sign-in was recent), the confirmation waits."""
    from plataforma.identity.mfa import services

    _device, secret = services.totp_setup_begin(user=user)
    sign_in(client, user, minutes_ago=30)
    response = client.post(SETUP, {"totp-code": code_at(pyotp.TOTP(secret))})
    assert response.status_code == 400 and "Informe a sua senha." in response.content.decode()
    assert TOTPDevice.objects.get(user=user).confirmed_at is None


def test_the_password_re_entry_is_rate_limited(client, user, settings):
    settings.MTLOGIN_MFA_REAUTH_LIMIT = (3, 900)
    sign_in(client, user, minutes_ago=30)
    for _ in range(3):
        assert client.post(SETUP, {"password": "chute"}).status_code == 400
    over = client.post(SETUP, {"password": PASSWORD})
    assert over.status_code == 429 and "Muitas tentativas" in over.content.decode()


def test_the_re_entry_lasts_ten_minutes(client, user, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    sign_in(client, user, minutes_ago=30)
    assert client.post(SETUP, {"password": PASSWORD}).status_code == 302
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "provisioning" not in client.get(SETUP).context


def test_a_security_key_needs_a_recent_sign_in_too(client, user):
    sign_in(client, user, minutes_ago=30)
    page = client.get(REGISTER)
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    options = post_json(client, REGISTER_OPTIONS, {"name": "Chave USB"})
    assert options.status_code == 403
    assert "confirme a sua senha" in options.json()["error"] and options.json()["redirect"] == REGISTER
    answer = post_json(client, REGISTER, {"credential": {"id": "x"}})
    assert answer.status_code == 403 and not WebAuthnCredential.objects.exists()
    # after the password, the key is registered
    assert client.post(REGISTER, {"password": PASSWORD}).status_code == 302
    authenticator = SoftAuthenticator()
    options = post_json(client, REGISTER_OPTIONS, {"name": "Chave USB"})
    assert options.status_code == 200
    done = post_json(client, REGISTER, {"credential": authenticator.create(options.json())})
    assert done.status_code == 200 and WebAuthnCredential.objects.filter(user=user).count() == 1


def test_another_persons_password_confirmation_does_not_count(client, user):
    from django.utils import timezone

    from plataforma.identity.mfa.reauth import REAUTH_KEY
    from plataforma.identity.tests.factories import UserFactory

    other = UserFactory()
    sign_in(client, user, minutes_ago=30)
    session = client.session
    session[REAUTH_KEY] = {"user_id": str(other.pk), "at": timezone.now().timestamp()}
    session.save()
    assert "provisioning" not in client.get(SETUP).context
