"""The technical administration of accounts cannot set the level, shows sessions read-only and
audits changes."""

import pytest
from django.test import Client

from plataforma.common.models import AuditEvent
from plataforma.identity.models import Level, User
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    admin = User.objects.create_superuser(
        "111.444.777-35", "senha-do-admin-987", full_name="Admin da Plataforma"
    )
    c = Client()
    c.force_login(admin)
    return c


def change_data(user: User, **overrides) -> dict:
    data = {
        "full_name": user.full_name,
        "social_name": user.social_name,
        "email": user.email,
        "phone_number": user.phone_number,
        "is_active": "on",
        "sign_in_sessions-TOTAL_FORMS": "0",
        "sign_in_sessions-INITIAL_FORMS": "0",
        "sign_in_sessions-MIN_NUM_FORMS": "0",
        "sign_in_sessions-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_list_shows_level_and_email_confirmation(admin_client):
    user = VerifiedUserFactory()
    page = admin_client.get("/administracao/identity/user/").content.decode()
    assert user.full_name in page and "Bronze" in page and user.cpf not in page


def test_the_level_cannot_be_set_in_the_admin_and_a_new_email_is_unconfirmed_and_audited(admin_client):
    user = VerifiedUserFactory()
    url = f"/administracao/identity/user/{user.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="level"' not in page and 'name="cpf"' not in page
    response = admin_client.post(
        url, change_data(user, level=Level.OURO, email="trocado@example.org", cpf="52998224725")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.level == Level.BRONZE and user.cpf != "52998224725"
    assert user.email == "trocado@example.org" and user.email_verified_at is None
    event = AuditEvent.objects.get(action="identity.account.admin_change")
    assert event.changes == {"email": "alterado"}
    assert "trocado" not in str(event.changes)


def test_the_add_page_creates_an_account_by_cpf(admin_client):
    response = admin_client.post(
        "/administracao/identity/user/add/",
        {
            "cpf": "529.982.247-25",
            "full_name": "Nova Pessoa Servidora",
            "email": "nova@example.org",
            "usable_password": "true",
            "password1": "tuiuiú voa sobre o pantanal",
            "password2": "tuiuiú voa sobre o pantanal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(cpf="52998224725").level == Level.BRONZE
    assert AuditEvent.objects.filter(action="identity.account.admin_create").exists()


def test_active_sessions_are_shown_read_only(admin_client):
    user = VerifiedUserFactory()
    Client(HTTP_USER_AGENT="Mozilla/5.0 (Android 14) Chrome/128.0").post(
        "/conta/entrar/", {"username": user.cpf, "password": "senha-de-teste-123"}
    )
    page = admin_client.get(f"/administracao/identity/user/{user.pk}/change/").content.decode()
    assert "Chrome em Android" in page and 'name="sign_in_sessions-0-device_label"' not in page


def test_an_administrator_can_sign_a_person_out_everywhere_and_it_is_audited(admin_client):
    from plataforma.identity.models import SignInSession

    user = VerifiedUserFactory()
    browser = Client()
    browser.post("/conta/entrar/", {"username": user.cpf, "password": "senha-de-teste-123"})
    response = admin_client.post(
        "/administracao/identity/user/", {"action": "end_all_sessions", "_selected_action": [str(user.pk)]}
    )
    assert response.status_code == 302
    assert SignInSession.objects.get(user=user).end_reason == SignInSession.EndReason.ADMIN
    assert browser.get("/conta/").status_code == 302
    assert AuditEvent.objects.get(action="identity.sign_in_session.end_all").changes == {"sessions_ended": 1}
