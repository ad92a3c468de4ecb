"""The administration opens only through MT Login's sign-in, never through Django's own page."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from plataforma.common.documents import format_cpf
from plataforma.identity.auth_flow import SIGN_IN_SESSION_KEY
from plataforma.identity.bruteforce import _keys
from plataforma.identity.models import SignInSession
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"


@pytest.fixture
def staff():
    return VerifiedUserFactory(is_staff=True, is_superuser=True)


def test_djangos_admin_sign_in_page_sends_people_to_mt_login(client, staff):
    response = client.get("/administracao/login/?next=/administracao/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:login"))
    # A password posted to the admin's page signs nobody in and counts as nothing.
    response = client.post("/administracao/login/", {"username": staff.cpf, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/administracao/").status_code == 302


def test_wrong_passwords_cannot_be_tried_through_the_admin(client, staff):
    for _ in range(5):
        client.post("/administracao/login/", {"username": staff.cpf, "password": "errada-123456"})
    assert "_auth_user_id" not in client.session
    assert cache.get(_keys(staff.cpf)[0], 0) == 0  # nothing was even checked


def test_staff_signed_in_through_mt_login_open_the_admin(client, staff):
    client.post(reverse("identity:login"), {"username": format_cpf(staff.cpf), "password": PASSWORD})
    assert client.get("/administracao/").status_code == 200


@override_settings(MTLOGIN_ADMIN_REQUIRE_MFA=True)
def test_when_required_a_password_only_sign_in_does_not_open_the_admin(client, staff):
    client.post(reverse("identity:login"), {"username": format_cpf(staff.cpf), "password": PASSWORD})
    response = client.get("/administracao/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa:manage")
    assert "verificação em duas etapas" in response.content.decode()


@override_settings(MTLOGIN_ADMIN_REQUIRE_MFA=True)
def test_when_required_a_sign_in_with_a_second_factor_opens_the_admin(client, staff):
    client.force_login(staff)
    session = client.session
    sign_in = SignInSession.objects.create(
        user=staff, session_key=session.session_key, amr=["pwd", "otp", "mfa"], acr="bronze"
    )
    session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    session.save()
    assert client.get("/administracao/").status_code == 200


def test_people_who_are_not_staff_never_open_the_admin(client):
    person = VerifiedUserFactory()
    client.post(reverse("identity:login"), {"username": format_cpf(person.cpf), "password": PASSWORD})
    assert client.get("/administracao/").status_code == 302
