"""Sign-in with CPF and password; sign-out only by POST."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.common.documents import format_cpf
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.tests.factories import UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"
LOGIN = "/conta/entrar/"


@pytest.mark.parametrize("masked", [True, False])
def test_signs_in_with_the_cpf_with_or_without_punctuation_and_lands_on_minha_conta(client, masked):
    user = VerifiedUserFactory()
    cpf = format_cpf(user.cpf) if masked else user.cpf
    response = client.post(LOGIN, {"username": cpf, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("identity:account")
    assert client.session["_auth_user_id"] == str(user.pk)
    sign_in = SignInSession.objects.get(user=user)
    assert sign_in.amr == ["pwd"] and sign_in.ended_at is None
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN).exists()


def test_the_page_follows_next_after_sign_in_but_never_to_another_site(client):
    user = VerifiedUserFactory()
    response = client.post(
        LOGIN + "?next=/gestao/carta/unidades/",
        {"username": user.cpf, "password": PASSWORD, "next": "/gestao/carta/unidades/"},
    )
    assert response.url == "/gestao/carta/unidades/"
    for evil in ("https://evil.example/", "//evil.example/x", "https:/evil.example", "javascript:alert(1)"):
        response = Client().post(LOGIN, {"username": user.cpf, "password": PASSWORD, "next": evil})
        assert response.status_code == 302 and response.url == reverse("identity:account"), evil


def test_the_sign_in_page_keeps_next_from_the_address(client):
    page = client.get(LOGIN + "?next=/conta/seguranca/").content.decode()
    assert 'name="next"' in page and 'value="/conta/seguranca/"' in page


def test_a_wrong_password_is_refused_in_portuguese_without_saying_which_part_is_wrong(client):
    user = VerifiedUserFactory()
    response = client.post(LOGIN, {"username": user.cpf, "password": "outra-senha"})
    assert response.status_code == 400
    assert "CPF ou senha incorretos." in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(LOGIN, {"username": "529.982.247-25", "password": PASSWORD})  # no account
    assert response.status_code == 400 and "CPF ou senha incorretos." in response.content.decode()
    assert not SignInSession.objects.exists()


def test_a_failure_on_an_existing_account_goes_to_its_security_log(client):
    user = VerifiedUserFactory()
    client.post(LOGIN, {"username": user.cpf, "password": "outra-senha"})
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert "outra-senha" not in str(event.details)


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(client):
    user = VerifiedUserFactory(is_active=False)
    response = client.post(LOGIN, {"username": user.cpf, "password": PASSWORD})
    assert response.status_code == 400 and "CPF ou senha incorretos." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("cpf", "password", "field", "message"),
    [
        ("123.456.789-00", PASSWORD, "username", "Informe um CPF válido (11 dígitos)."),
        ("", PASSWORD, "username", "Informe o seu CPF."),
        ("1" * 5000, PASSWORD, "username", "Informe um CPF válido (11 dígitos)."),
        ("529.982.247-25", "", "password", "Informe a sua senha."),
    ],
)
def test_bad_input_gets_a_field_error_in_portuguese(client, cpf, password, field, message):
    response = client.post(LOGIN, {"username": cpf, "password": password})
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()


def test_the_sign_in_page_renders_and_accepts_a_masked_cpf_in_the_field(client):
    response = client.get(LOGIN)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in page and 'maxlength="14"' in page and "csrfmiddlewaretoken" in page
    assert reverse("identity:sign_up") in page and reverse("identity:password_reset") in page


def test_sign_in_requires_the_csrf_token():
    user = VerifiedUserFactory()
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(LOGIN, {"username": user.cpf, "password": PASSWORD}).status_code == 403
    assert "_auth_user_id" not in csrf_client.session
    token = csrf_client.get(LOGIN).context["csrf_token"]
    response = csrf_client.post(
        LOGIN, {"username": user.cpf, "password": PASSWORD, "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302


def test_an_account_with_an_unconfirmed_email_cannot_finish_signing_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory()  # e-mail not confirmed
    response = client.post(LOGIN, {"username": user.cpf, "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Falta confirmar o seu e-mail" in page and reverse("identity:email_resend") in page
    assert "_auth_user_id" not in client.session and not SignInSession.objects.exists()
    # the button on that page sends the link again without asking for the CPF
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("identity:email_resend"))
    assert response.status_code == 200
    assert [m.to for m in mailoutbox] == [[user.email]]


def test_neither_cpf_nor_password_reaches_the_logs(client, caplog):
    user = VerifiedUserFactory()
    caplog.set_level(logging.DEBUG)
    for _ in range(11):  # failures, delays and a lockout all log something
        client.post(LOGIN, {"username": format_cpf(user.cpf), "password": "palavra-secreta-errada"})
    client.post(LOGIN, {"username": user.cpf, "password": PASSWORD})
    text = caplog.text
    assert caplog.records  # the lockout was logged...
    assert user.cpf not in text and format_cpf(user.cpf) not in text  # ...without the CPF
    assert "palavra-secreta-errada" not in text and PASSWORD not in text


def test_sign_out_is_a_post_and_ends_the_sign_in_session(client):
    user = VerifiedUserFactory()
    client.post(LOGIN, {"username": user.cpf, "password": PASSWORD})
    assert client.get("/conta/sair/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/conta/sair/")
    assert response.status_code == 302 and response.url == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert SignInSession.objects.get(user=user).end_reason == SignInSession.EndReason.SIGN_OUT
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_OUT).exists()


def test_an_absurdly_long_next_is_ignored_not_an_invisible_error(client):
    user = VerifiedUserFactory()
    response = client.post(LOGIN, {"username": user.cpf, "password": PASSWORD, "next": "/" + "a" * 5000})
    assert response.status_code == 302 and len(response.url) <= 2000


def test_a_valid_cpf_hint_prefills_the_sign_in_form_and_an_invalid_one_is_ignored(client):
    page = client.get(reverse("identity:login") + "?cpf=39053344705")
    assert 'value="390.533.447-05"' in page.content.decode()
    page = client.get(reverse("identity:login") + "?cpf=12345678900")
    assert "123.456.789-00" not in page.content.decode()
