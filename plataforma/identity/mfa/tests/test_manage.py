"""The overview of the person's factors: sign-in required, removals need the password again,
security log and e-mail to the owner on every factor added or removed."""

from __future__ import annotations

import pyotp
import pytest

from plataforma.identity.mfa import services
from plataforma.identity.mfa.errors import SecondFactorError
from plataforma.identity.mfa.models import RecoveryCode, TOTPDevice, WebAuthnCredential
from plataforma.identity.mfa.selectors import has_second_factor
from plataforma.identity.models import SecurityEvent
from plataforma.identity.tests.factories import UserFactory

from .conftest import PASSWORD, code_at, enrol_totp, secret_of, wrong_code

pytestmark = pytest.mark.django_db
MANAGE = "/conta/segundo-fator/"
REMOVE_TOTP = "/conta/segundo-fator/aplicativo/remover/"


def _key(user, name="Chave USB"):
    return WebAuthnCredential.objects.create(
        user=user, name=name, credential_id=f"cred-{name}-{user.pk}".replace(" ", "-"), public_key=b"x"
    )


@pytest.mark.parametrize(
    "path",
    [
        MANAGE,
        "/conta/segundo-fator/aplicativo/",
        REMOVE_TOTP,
        "/conta/segundo-fator/codigos/",
        "/conta/segundo-fator/codigos/baixar/",
        "/conta/segundo-fator/codigos/gerar/",
        "/conta/segundo-fator/chaves/nova/",
        "/conta/segundo-fator/chaves/00000000-0000-0000-0000-000000000000/nome/",
        "/conta/segundo-fator/chaves/00000000-0000-0000-0000-000000000000/remover/",
    ],
)
def test_the_pages_need_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith("/conta/entrar/?next=")


def test_the_key_registration_options_need_sign_in_and_answer_json(client):
    response = client.post("/conta/segundo-fator/chaves/nova/opcoes/", {}, content_type="application/json")
    assert response.status_code == 401 and "error" in response.json()


def test_the_overview_shows_what_the_account_has(client, user):
    client.force_login(user)
    page = client.get(MANAGE).content.decode()
    assert "Desativado" in page and "Cadastrar aplicativo autenticador" in page
    enrol_totp(user)
    _key(user, "Chave azul")
    page = client.get(MANAGE).content.decode()
    assert "Ativado" in page and "Chave azul" in page and "Você tem 10 códigos" in page
    assert page.count("<h1") == 1


def test_removing_the_app_needs_the_right_password_and_changes_nothing_otherwise(client, user):
    enrol_totp(user)
    client.force_login(user)
    assert client.get(REMOVE_TOTP).status_code == 200
    response = client.post(REMOVE_TOTP, {"password": "senha-errada-123"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"] == ["Senha incorreta."]
    assert 'id="id_password_error"' in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    assert client.post(REMOVE_TOTP, {}).status_code == 400
    assert client.post(REMOVE_TOTP, {"password": "x" * 5000}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()

    response = client.post(REMOVE_TOTP, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == MANAGE
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()  # the last factor went
    assert not has_second_factor(user=user)
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.TOTP_REMOVED).exists()


def test_wrong_passwords_on_removal_are_rate_limited(client, user, settings):
    settings.MTLOGIN_MFA_REAUTH_LIMIT = (3, 900)
    enrol_totp(user)
    client.force_login(user)
    for _ in range(3):
        assert client.post(REMOVE_TOTP, {"password": "senha-errada-123"}).status_code == 400
    assert client.post(REMOVE_TOTP, {"password": PASSWORD}).status_code == 429
    assert TOTPDevice.objects.filter(user=user).exists()


def test_recovery_codes_stay_while_another_factor_remains(client, user):
    enrol_totp(user)
    _key(user)
    client.force_login(user)
    client.post(REMOVE_TOTP, {"password": PASSWORD})
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert has_second_factor(user=user)


def test_removing_a_key_needs_the_password_and_only_the_owner_reaches_it(client, user):
    key = _key(user)
    intruder = UserFactory()
    client.force_login(intruder)
    path = f"/conta/segundo-fator/chaves/{key.pk}/remover/"
    assert client.get(path).status_code == 404
    assert client.post(path, {"password": PASSWORD}).status_code == 404
    assert client.post(f"/conta/segundo-fator/chaves/{key.pk}/nome/", {"name": "Minha"}).status_code == 404
    assert WebAuthnCredential.objects.get(pk=key.pk).name == "Chave USB"

    client.force_login(user)
    assert client.post(path, {"password": "senha-errada-123"}).status_code == 400
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()
    response = client.post(path, {"password": PASSWORD})
    assert response.status_code == 302 and not WebAuthnCredential.objects.filter(pk=key.pk).exists()
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.WEBAUTHN_REMOVED)
    assert event.details == {"name": "Chave USB"}


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Dê um nome à chave."), ("   ", "Dê um nome à chave."), ("x" * 61, "Use no máximo 60 caracteres.")],
)
def test_renaming_a_key_checks_the_name(client, user, name, message):
    key = _key(user)
    client.force_login(user)
    path = f"/conta/segundo-fator/chaves/{key.pk}/nome/"
    response = client.post(path, {"name": name})
    assert response.status_code == 400 and response.context["form"].errors["name"] == [message]
    assert client.post(path, {"name": "  Chave   do trabalho "}).url == MANAGE
    assert WebAuthnCredential.objects.get(pk=key.pk).name == "Chave do trabalho"


def test_the_owner_is_emailed_when_a_factor_is_added_or_removed(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        totp, _codes = enrol_totp(user)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["maria@example.org"]
    assert "Aplicativo autenticador cadastrado" in mail.subject
    assert "Se não foi você" in mail.body and "/conta/segundo-fator/" in mail.body
    assert user.cpf not in mail.body
    assert code_at(totp) not in mail.body

    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REMOVE_TOTP, {"password": PASSWORD})
    assert len(mailoutbox) == 2 and "Aplicativo autenticador removido" in mailoutbox[1].subject


def test_no_email_is_sent_when_the_change_is_rolled_back_or_the_address_is_unconfirmed(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    unconfirmed = UserFactory(email="nao-confirmado@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        enrol_totp(unconfirmed)
    assert mailoutbox == []

    _device, _secret = services.totp_setup_begin(user=user)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(SecondFactorError),
    ):
        services.totp_confirm(user=user, code=wrong_code(pyotp.TOTP(secret_of(user))))
    assert callbacks == [] and mailoutbox == []
