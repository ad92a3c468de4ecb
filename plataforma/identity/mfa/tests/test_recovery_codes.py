"""Recovery codes: single use at the second step, how many remain, regeneration invalidates the
old ones, and the clear-text codes are only available right after generation."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from plataforma.identity.mfa import config
from plataforma.identity.mfa.models import RecoveryCode
from plataforma.identity.models import SecurityEvent, SignInSession

from .conftest import CHALLENGE, NEXT_URL, PASSWORD, enrol_totp, start_pending

pytestmark = pytest.mark.django_db
REGENERATE = "/conta/segundo-fator/codigos/gerar/"
SHOW = "/conta/segundo-fator/codigos/"
DOWNLOAD = "/conta/segundo-fator/codigos/baixar/"


def _use(client, code):
    return client.post(CHALLENGE, {"metodo": "recuperacao", "recuperacao-code": code}, follow=False)


def test_a_recovery_code_signs_in_once_and_says_how_many_remain(client, user):
    _totp, codes = enrol_totp(user)
    start_pending(client, user)
    response = _use(client, codes[0].upper().replace("-", " "))  # typed loosely
    assert response.status_code == 302 and response.url == NEXT_URL
    assert SignInSession.objects.get(user=user).amr == ["pwd", "otp", "mfa"]
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Restam 9 códigos" in m for m in shown)
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.RECOVERY_CODE_USED)
    assert event.details == {"remaining": 9}
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=False).count() == 1

    again = Client()
    start_pending(again, user)
    replay = _use(again, codes[0])
    assert replay.status_code == 400
    assert replay.context["recovery_form"].errors["code"] == ["Código de recuperação incorreto ou já usado."]
    assert "_auth_user_id" not in again.session
    assert _use(again, codes[1]).status_code == 302


def test_a_wrong_recovery_code_counts_as_a_wrong_attempt(client, user):
    enrol_totp(user)
    start_pending(client, user)
    response = _use(client, "zzzz-zzzz")
    assert response.status_code == 400 and "Restam 4 tentativas" in response.content.decode()
    assert 'id="id_recuperacao-code_error"' in response.content.decode()


@pytest.mark.parametrize("code", ["", "abc", "abcd-efgh-ijkl", "oooo-0000", "x" * 1000])
def test_a_malformed_recovery_code_is_a_field_error(client, user, code):
    enrol_totp(user)
    start_pending(client, user)
    response = _use(client, code)
    assert response.status_code == 400
    assert response.context["recovery_form"].errors["code"]
    assert not SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED).exists()


def test_regeneration_needs_the_password_and_invalidates_the_old_codes(client, user):
    _totp, old_codes = enrol_totp(user)
    client.force_login(user)
    page = client.get(REGENERATE)
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    wrong = client.post(REGENERATE, {"password": "nao-e-a-senha"})
    assert wrong.status_code == 400 and wrong.context["form"].errors["password"] == ["Senha incorreta."]
    missing = client.post(REGENERATE, {})
    assert missing.status_code == 400 and missing.context["form"].errors["password"] == [
        "Informe a sua senha."
    ]
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.RECOVERY_CODES).count() == 1

    response = client.post(REGENERATE, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == SHOW
    new_codes = re.findall(r"<code>([a-z0-9-]{9})</code>", client.get(SHOW).content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.RECOVERY_CODES).count() == 2

    other = Client()
    start_pending(other, user)
    assert _use(other, old_codes[0]).status_code == 400
    assert _use(other, new_codes[0]).status_code == 302


def test_the_download_works_only_right_after_generation(client, user, monkeypatch):
    client.force_login(user)
    assert client.get(DOWNLOAD).status_code == 302  # nothing generated in this session
    client.post(REGENERATE, {"password": PASSWORD})  # no factor yet: refused
    assert not RecoveryCode.objects.filter(user=user).exists()

    enrol_totp(user)
    client.post(REGENERATE, {"password": PASSWORD})
    codes = re.findall(r"<code>([a-z0-9-]{9})</code>", client.get(SHOW).content.decode())
    download = client.get(DOWNLOAD)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"] and ".txt" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    text = download.content.decode()
    assert all(code in text for code in codes) and user.cpf not in text

    # Another signed-in browser of the same person cannot fetch them.
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get(DOWNLOAD).status_code == 302

    # After a few minutes they are gone from this browser too.
    monkeypatch.setattr(config, "NEW_CODES_MAX_AGE", -1)
    assert client.get(DOWNLOAD).status_code == 302
    assert client.get(SHOW).status_code == 302


def test_codes_survive_a_secret_key_rotation_with_the_old_key_as_fallback(client, user, settings):
    _totp, codes = enrol_totp(user)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "uma-nova-chave-secreta-com-tamanho-suficiente-para-o-teste-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    start_pending(client, user)
    assert _use(client, codes[0]).status_code == 302
