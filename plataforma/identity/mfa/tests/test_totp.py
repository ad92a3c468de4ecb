"""The authenticator app: set-up with a QR code and a secret stored encrypted, confirmation with
a code, and the second step of sign-in (no replay, wrong codes counted)."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.db import connection
from django.test import Client

from plataforma.identity.mfa.models import RecoveryCode, TOTPDevice
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.tests.factories import UserFactory

from .conftest import CHALLENGE, NEXT_URL, code_at, enrol_totp, secret_of, sign_in, start_pending, wrong_code

pytestmark = pytest.mark.django_db
SETUP = "/conta/segundo-fator/aplicativo/"


def test_set_up_shows_a_qr_code_in_inline_svg_and_the_key_in_groups_of_four(client, user):
    sign_in(client, user)
    response = client.get(SETUP)
    page = response.content.decode()
    secret = secret_of(user)
    assert response.status_code == 200
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "style=" not in svg and "data:" not in page.split("</head>")[1]
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in re.sub(r"</?span[^>]*>", "", page)
    assert user.cpf not in page  # the label is the masked CPF
    assert "no-store" in response["Cache-Control"]  # the page holds the secret
    assert TOTPDevice.objects.get(user=user).confirmed_at is None
    # Reloading keeps the same secret, so a QR code already scanned still works.
    client.get(SETUP)
    assert secret_of(user) == secret


def test_the_secret_is_stored_encrypted(client, user):
    sign_in(client, user)
    client.get(SETUP)
    secret = secret_of(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM mfa_totpdevice WHERE user_id = %s", [user.pk.hex])
        rows = cursor.fetchall()
    if not rows:  # PostgreSQL stores UUIDs natively
        with connection.cursor() as cursor:
            cursor.execute("SELECT secret_encrypted FROM mfa_totpdevice WHERE user_id = %s", [str(user.pk)])
            rows = cursor.fetchall()
    stored = rows[0][0]
    assert secret not in stored and secret.lower() not in stored.lower()
    assert len(stored) > 60


def test_confirming_with_a_valid_code_activates_the_app_and_shows_ten_recovery_codes_once(client, user):
    sign_in(client, user)
    client.get(SETUP)
    totp = pyotp.TOTP(secret_of(user))
    response = client.post(SETUP, {"totp-code": code_at(totp)})
    assert response.status_code == 302 and response.url == "/conta/segundo-fator/codigos/"
    assert TOTPDevice.objects.get(user=user).confirmed_at is not None
    page = client.get(response.url).content.decode()
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", page)
    assert len(codes) == 10 == len(set(codes))
    assert RecoveryCode.objects.filter(user=user).count() == 10
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert not stored & set(codes) and all(len(h) == 64 for h in stored)
    kinds = set(SecurityEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert {SecurityEvent.Kind.TOTP_ADDED, SecurityEvent.Kind.RECOVERY_CODES} <= kinds
    # "Já guardei": the codes are gone from the session, the page does not show them again.
    client.post("/conta/segundo-fator/codigos/")
    again = client.get("/conta/segundo-fator/codigos/")
    assert again.status_code == 302 and again.url == "/conta/segundo-fator/"
    assert codes[0] not in client.get("/conta/segundo-fator/").content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Informe o código de 6 dígitos que aparece no aplicativo."),
        ("12a456", "O código tem 6 dígitos, só números."),
        ("1" * 500, "Certifique-se de que o valor tenha no máximo 12 caracteres (ele possui 500)."),
    ],
)
def test_set_up_rejects_malformed_codes_with_a_field_error(client, user, code, message):
    sign_in(client, user)
    client.get(SETUP)
    response = client.post(SETUP, {"totp-code": code})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [message]
    assert TOTPDevice.objects.get(user=user).confirmed_at is None


def test_set_up_rejects_a_wrong_code_and_activates_nothing(client, user):
    sign_in(client, user)
    client.get(SETUP)
    wrong = wrong_code(pyotp.TOTP(secret_of(user)))
    response = client.post(SETUP, {"totp-code": wrong})
    assert response.status_code == 400
    assert "Código incorreto" in response.context["form"].errors["code"][0]
    assert TOTPDevice.objects.get(user=user).confirmed_at is None
    assert not RecoveryCode.objects.filter(user=user).exists()


def test_set_up_when_the_app_is_already_active_goes_back_to_the_overview(client, user):
    enrol_totp(user)
    secret = secret_of(user)
    sign_in(client, user)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url == "/conta/segundo-fator/"
    assert secret_of(user) == secret


def test_second_step_with_the_app_code_completes_the_sign_in_with_otp_and_mfa(client, user):
    totp, _codes = enrol_totp(user)
    start_pending(client, user)
    page = client.get(CHALLENGE)
    assert page.status_code == 200 and 'name="totp-code"' in page.content.decode()
    response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp)})
    assert response.status_code == 302 and response.url == NEXT_URL
    assert client.session["_auth_user_id"] == str(user.pk)
    sign_in = SignInSession.objects.get(user=user)
    assert sign_in.amr == ["pwd", "otp", "mfa"]
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN).exists()


def test_the_same_code_is_never_accepted_twice(client, user):
    totp, _codes = enrol_totp(user)
    code = code_at(totp)
    start_pending(client, user)
    assert client.post(CHALLENGE, {"metodo": "totp", "totp-code": code}).status_code == 302
    other = Client()
    start_pending(other, user)
    replay = other.post(CHALLENGE, {"metodo": "totp", "totp-code": code})
    assert replay.status_code == 400
    assert "_auth_user_id" not in other.session
    # An older code (previous step, still inside the window) is refused too.
    assert other.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp, -30)}).status_code == 400
    # The next step's code is accepted.
    assert other.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp, 30)}).status_code == 302


def test_a_wrong_code_answers_400_with_a_field_error_in_portuguese(client, user):
    totp, _codes = enrol_totp(user)
    start_pending(client, user)
    wrong = wrong_code(totp)
    response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong})
    assert response.status_code == 400
    assert response.context["totp_form"].errors["code"] == [
        "Código incorreto ou já usado. Confira e tente de novo."
    ]
    page = response.content.decode()
    assert 'id="id_totp-code_error"' in page and "Restam 4 tentativas" in page
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED).count() == 1


def test_a_malformed_code_is_a_field_error_and_not_a_wrong_attempt(client, user):
    enrol_totp(user)
    start_pending(client, user)
    for bad in ("abc", "1234567", "", "9" * 300):
        response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": bad})
        assert response.status_code == 400 and response.context["totp_form"].errors["code"]
    assert not SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED).exists()


def test_five_wrong_codes_end_the_pending_sign_in(client, user):
    totp, _codes = enrol_totp(user)
    start_pending(client, user)
    right = code_at(totp)
    wrong = wrong_code(totp)
    for _ in range(4):
        assert client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong}).status_code == 400
    response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong}, follow=True)
    assert response.redirect_chain[0] == ("/conta/entrar/", 302)
    assert "muitas tentativas erradas" in response.content.decode()
    # Even the right code no longer helps: the person starts again from the password.
    late = client.post(CHALLENGE, {"metodo": "totp", "totp-code": right})
    assert late.status_code == 302 and late.url == "/conta/entrar/"
    assert "_auth_user_id" not in client.session


def test_a_new_pending_sign_in_gets_its_own_five_attempts_but_the_account_limit_holds(client, user, settings):
    settings.MTLOGIN_MFA_LIMIT_PER_ACCOUNT = (7, 3600)
    totp, _codes = enrol_totp(user)
    wrong = wrong_code(totp)
    start_pending(client, user)
    for _ in range(5):
        client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong})
    start_pending(client, user)
    assert client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong}).status_code == 400
    assert client.post(CHALLENGE, {"metodo": "totp", "totp-code": wrong}).status_code == 400
    over = client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp)})
    assert over.status_code == 429 and "Muitas tentativas" in over.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_challenge_without_a_pending_sign_in_goes_to_the_sign_in_page(client, user):
    enrol_totp(user)
    assert client.get(CHALLENGE).url == "/conta/entrar/"
    response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": "123456"})
    assert response.status_code == 302 and response.url == "/conta/entrar/"
    client.force_login(UserFactory())  # a signed-in person without a pending sign-in, too
    assert client.get(CHALLENGE).url == "/conta/entrar/"


def test_an_unconfirmed_app_is_not_a_second_factor(client, user):
    sign_in(client, user)
    client.get(SETUP)
    client.logout()
    start_pending(client, user)
    response = client.get(CHALLENGE)
    assert response.status_code == 302 and response.url == "/conta/entrar/"


def test_cancel_ends_the_pending_sign_in(client, user):
    enrol_totp(user)
    start_pending(client, user)
    assert client.get(CHALLENGE).status_code == 200
    assert client.get("/conta/segundo-fator/verificar/cancelar/").status_code == 405
    response = client.post("/conta/segundo-fator/verificar/cancelar/")
    assert response.status_code == 302 and response.url == "/conta/entrar/"
    assert client.get(CHALLENGE).url == "/conta/entrar/"


def test_an_unknown_method_answers_400(client, user):
    enrol_totp(user)
    start_pending(client, user)
    response = client.post(CHALLENGE, {"metodo": "sms", "totp-code": "123456"})
    assert response.status_code == 400
    assert "Escolha uma das formas de confirmação abaixo." in response.content.decode()


def test_end_to_end_the_password_page_hands_over_to_the_second_step(client, user):
    """Through the real sign-in page: the password alone does not sign in an account with the
    app; the second step does, and keeps the page the person was going to."""
    totp, _codes = enrol_totp(user)
    response = client.post(
        "/conta/entrar/",
        {"username": user.cpf, "password": "senha-de-teste-123", "next": "/conta/seguranca/"},
    )
    assert response.status_code == 302 and response.url == CHALLENGE
    assert "_auth_user_id" not in client.session
    response = client.post(CHALLENGE, {"metodo": "totp", "totp-code": code_at(totp)})
    assert response.status_code == 302 and response.url == "/conta/seguranca/"
    assert client.get("/conta/seguranca/").status_code == 200
