"""Sign-in with CPF and password (the catalogue's editors); sign-out only by POST."""

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.common.documents import format_cpf
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"
LOGIN = "/conta/entrar/"


@pytest.mark.parametrize("masked", [True, False])
def test_signs_in_with_the_cpf_with_or_without_punctuation(client, masked):
    user = UserFactory()
    cpf = format_cpf(user.cpf) if masked else user.cpf
    response = client.post(LOGIN, {"username": cpf, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("catalog_editor:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_page_follows_next_after_sign_in(client):
    user = UserFactory()
    response = client.post(
        LOGIN + "?next=/gestao/carta/unidades/",
        {"username": user.cpf, "password": PASSWORD, "next": "/gestao/carta/unidades/"},
    )
    assert response.url == "/gestao/carta/unidades/"
    response = Client().post(
        LOGIN, {"username": user.cpf, "password": PASSWORD, "next": "https://mal.example/"}
    )
    assert response.url == reverse("catalog_editor:dashboard")  # never to another site


def test_a_wrong_password_is_refused_in_portuguese_without_saying_which_part_is_wrong(client):
    user = UserFactory()
    response = client.post(LOGIN, {"username": user.cpf, "password": "outra-senha"})
    assert response.status_code == 400
    assert "CPF ou senha incorretos." in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(
        LOGIN, {"username": "529.982.247-25", "password": PASSWORD}
    )  # valid CPF, no account
    assert response.status_code == 400 and "CPF ou senha incorretos." in response.content.decode()


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
    assert response.context["form"].errors[field] == [message]
    assert f'id="id_{field}_error"' in response.content.decode()


def test_the_sign_in_page_renders_and_accepts_a_masked_cpf_in_the_field(client):
    response = client.get(LOGIN)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in page and 'maxlength="14"' in page and "csrfmiddlewaretoken" in page


def test_sign_in_requires_the_csrf_token():
    user = UserFactory()
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(LOGIN, {"username": user.cpf, "password": PASSWORD}).status_code == 403
    token = csrf_client.get(LOGIN).context["csrf_token"]
    response = csrf_client.post(
        LOGIN, {"username": user.cpf, "password": PASSWORD, "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302


def test_sign_out_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/conta/sair/").status_code == 405
    assert "_auth_user_id" in client.session
    assert client.post("/conta/sair/").status_code == 302
    assert "_auth_user_id" not in client.session
