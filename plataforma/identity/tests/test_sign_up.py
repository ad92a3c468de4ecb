"""Sign-up: CPF, names, e-mail, mobile phone and a password that is not a common one."""

import pytest
from django.test import override_settings
from django.urls import reverse

from plataforma.identity.models import Level, SecurityEvent, User
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/conta/cadastro/"
GOOD = {
    "cpf": "529.982.247-25",
    "full_name": "Maria da Silva  Rondon",
    "social_name": "",
    "email": "Maria.Rondon@Example.org",
    "phone_number": "(65) 99999-8888",
    "password1": "tuiuiú voa sobre o pantanal",
    "password2": "tuiuiú voa sobre o pantanal",
}


def test_a_person_signs_up_gets_a_bronze_account_and_a_confirmation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, GOOD)
    assert response.status_code == 302 and response.url == reverse("identity:sign_up_done")
    user = User.objects.get(cpf="52998224725")
    assert user.full_name == "Maria da Silva Rondon" and user.email == "maria.rondon@example.org"
    assert user.phone_number == "+5565999998888" and user.level == Level.BRONZE
    assert user.email_verified_at is None and user.check_password(GOOD["password1"])
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_UP).exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "/conta/email/confirmar/" in mailoutbox[0].body
    assert "_auth_user_id" not in client.session  # the e-mail must be confirmed first


def test_the_sign_up_page_renders_every_field_with_its_label(client):
    page = client.get(URL).content.decode()
    for name in ("cpf", "full_name", "social_name", "email", "phone_number", "password1", "password2"):
        assert f'name="{name}"' in page and f'for="id_{name}"' in page
    assert page.count("<h1") == 1


def test_a_taken_cpf_gets_the_same_answer_and_its_owner_is_emailed_instead(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """Security review L3: the page must not tell whether a CPF has an account."""
    owner = UserFactory(cpf="52998224725", email="titular@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(URL, GOOD)
        free = client.post(URL, {**GOOD, "cpf": "111.444.777-35", "email": "outra@example.org"})
    assert taken.status_code == free.status_code == 302
    assert taken.url == free.url == reverse("identity:sign_up_done")
    page = client.get(taken.url).content.decode()
    assert "Já existe uma conta" not in page and "Confira o seu e-mail" in page
    # nothing created nor changed for the taken CPF; the owner is told at the address on file
    assert User.objects.filter(cpf="52998224725").count() == 1
    owner.refresh_from_db()
    assert owner.email == "titular@example.org" and not owner.check_password(GOOD["password1"])
    assert not SecurityEvent.objects.filter(user=owner, kind=SecurityEvent.Kind.SIGN_UP).exists()
    assert sorted(m.to[0] for m in mailoutbox) == ["outra@example.org", "titular@example.org"]
    notice = next(m for m in mailoutbox if m.to == ["titular@example.org"])
    assert "tentou criar uma conta" in notice.body and "52998224725" not in notice.body
    assert reverse("identity:login") in notice.body and reverse("identity:password_reset") in notice.body
    assert "maria.rondon@example.org" not in notice.body  # nothing about who tried


def test_the_owner_is_told_at_most_once_an_hour(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(cpf="52998224725", email="titular@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.post(URL, GOOD).status_code == 302
    assert [m.to for m in mailoutbox] == [["titular@example.org"]]


def test_a_taken_cpf_spends_the_same_password_hashing_work(client):
    """The slow part of a sign-up is hashing the password: a taken CPF must not skip it, or the
    time of the answer would tell that the CPF has an account."""
    from unittest import mock

    from django.contrib.auth import base_user

    UserFactory(cpf="52998224725")
    with mock.patch.object(base_user, "make_password", wraps=base_user.make_password) as hashing:
        assert client.post(URL, GOOD).status_code == 302
    assert hashing.call_count == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cpf": "123.456.789-00"}, "cpf", "Informe um CPF válido"),
        ({"cpf": "111.111.111-11"}, "cpf", "Informe um CPF válido"),
        ({"full_name": "Maria"}, "full_name", "nome completo, com sobrenome"),
        ({"full_name": "M" * 201}, "full_name", "no máximo 200"),
        ({"email": "nao-e-email"}, "email", "Informe um e-mail válido"),
        ({"phone_number": "(65) 3333-4444"}, "phone_number", "Informe um celular brasileiro"),
        ({"phone_number": "(20) 99999-8888"}, "phone_number", "Informe um celular brasileiro"),
        ({"password2": "outra coisa qualquer"}, "password2", "As duas senhas não são iguais"),
        ({"password1": "curta", "password2": "curta"}, "password1", "muito curta"),
        ({"password1": "mudar123", "password2": "mudar123"}, "password1", "muito comum"),
        ({"password1": "Flamengo@2024", "password2": "Flamengo@2024"}, "password1", "muito comum"),
        ({"password1": "SãoPaulo1234", "password2": "SãoPaulo1234"}, "password1", "muito comum"),
        ({"password1": "98765432101", "password2": "98765432101"}, "password1", "inteiramente numérica"),
    ],
)
def test_bad_input_is_a_400_in_portuguese_and_creates_nothing(client, changes, field, message):
    response = client.post(URL, {**GOOD, **changes})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors, errors
    assert not User.objects.exists() and not SecurityEvent.objects.exists()


def test_phone_is_optional_and_any_usual_way_of_writing_it_is_stored_in_e164(client):
    client.post(URL, {**GOOD, "phone_number": ""})
    assert User.objects.get(cpf="52998224725").phone_number == ""
    client.post(URL, {**GOOD, "cpf": "111.444.777-35", "phone_number": "+55 65 9 8888-7777"})
    assert User.objects.get(cpf="11144477735").phone_number == "+5565988887777"


@override_settings(MTLOGIN_SIGN_UP_LIMIT_PER_IP=(2, 3600))
def test_sign_ups_are_rate_limited_per_address_with_a_429_page(client):
    bad = {**GOOD, "cpf": ""}
    assert client.post(URL, bad).status_code == 400
    assert client.post(URL, bad).status_code == 400
    response = client.post(URL, GOOD)
    assert response.status_code == 429 and "Muitos pedidos" in response.content.decode()
    assert not User.objects.exists()
    assert client.post(URL, GOOD, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_a_signed_in_person_is_sent_to_minha_conta(client):
    client.force_login(UserFactory())
    assert client.get(URL).url == reverse("identity:account")


def test_two_simultaneous_sign_ups_with_one_cpf_leave_one_account(
    mailoutbox, django_capture_on_commit_callbacks
):
    """The database's unique key decides when both pass the first check at the same moment; the
    loser gets the same answer (None, the owner is told) rather than an error."""
    from unittest import mock

    from django.db.models import QuerySet

    from plataforma.identity import services

    UserFactory(cpf="52998224725", email="titular@example.org")
    with (
        mock.patch.object(QuerySet, "exists", return_value=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        created = services.account_sign_up(
            cpf="52998224725", full_name="Outra Pessoa", email="outra@example.org", password="x" * 12
        )
    assert created is None
    assert User.objects.filter(cpf="52998224725").count() == 1
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_UP).exists()
    assert [m.to for m in mailoutbox] == [["titular@example.org"]]
