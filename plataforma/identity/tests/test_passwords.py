"""Password reset by e-mail (asked by CPF) and password change when signed in."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from plataforma.identity import bruteforce
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"
NEW = "tuiuiú voa sobre o pantanal"
RESET = "/conta/senha/recuperar/"
CHANGE = "/conta/senha/alterar/"


def sign_in(user, password=PASSWORD, ua="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0") -> Client:
    c = Client(HTTP_USER_AGENT=ua)
    assert c.post("/conta/entrar/", {"username": user.cpf, "password": password}).status_code == 302
    return c


@pytest.fixture
def reset_link(client, mailoutbox, django_capture_on_commit_callbacks):
    def _ask(user) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(RESET, {"cpf": user.cpf}).status_code == 302
        return re.search(r"/conta/senha/redefinir/\S+/", mailoutbox[-1].body).group(0)

    return _ask


def test_asking_for_a_reset_answers_the_same_whether_or_not_the_account_exists(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESET, {"cpf": user.cpf})
        unknown = client.post(RESET, {"cpf": "529.982.247-25"})
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert user.cpf not in mailoutbox[0].body


def test_a_bad_cpf_is_a_400(client, mailoutbox):
    response = client.post(RESET, {"cpf": "000.000.000-00"})
    assert response.status_code == 400 and "Informe um CPF válido" in response.content.decode()


def test_reset_requests_are_rate_limited_per_account(client, mailoutbox, django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            assert client.post(RESET, {"cpf": user.cpf}, REMOTE_ADDR=f"198.51.100.{i}").status_code == 302
        assert client.post(RESET, {"cpf": user.cpf}, REMOTE_ADDR="198.51.100.99").status_code == 429
    assert len(mailoutbox) == 3


@override_settings(MTLOGIN_RESET_LIMIT_PER_IP=(2, 3600))
def test_reset_requests_are_rate_limited_per_address(client):
    client.post(RESET, {"cpf": "529.982.247-25"})
    client.post(RESET, {"cpf": "111.444.777-35"})
    response = client.post(RESET, {"cpf": "390.533.447-05"})
    assert response.status_code == 429 and "Muitos pedidos" in response.content.decode()


def test_a_reset_sets_the_password_ends_every_session_and_lifts_the_lockout(client, reset_link):
    user = VerifiedUserFactory()
    browsers = [sign_in(user), sign_in(user, ua="Mozilla/5.0 (Android 14) Chrome/128.0")]
    for _ in range(10):
        bruteforce.record_failure(cpf=user.cpf, ip=None)
    assert not bruteforce.check(cpf=user.cpf, ip=None).allowed
    link = reset_link(user)
    response = client.get(link)
    assert response.status_code == 302 and "set-password" in response.url  # the token leaves the URL
    set_url = response.url
    response = client.post(set_url, {"password1": NEW, "password2": NEW})
    assert response.status_code == 302 and response.url == reverse("identity:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert not SignInSession.objects.filter(user=user, ended_at__isnull=True).exists()
    assert set(SignInSession.objects.filter(user=user).values_list("end_reason", flat=True)) == {
        SignInSession.EndReason.PASSWORD_CHANGED
    }
    for browser in browsers:
        assert browser.get("/conta/").status_code == 302  # signed out everywhere
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.PASSWORD_RESET).exists()
    assert bruteforce.check(cpf=user.cpf, ip=None).allowed
    # the link works once
    again = Client().get(link, follow=True)
    assert again.status_code == 400 and "não é válido" in again.content.decode()


def test_a_reset_refuses_a_common_password_and_changes_nothing(client, reset_link):
    user = VerifiedUserFactory()
    set_url = client.get(reset_link(user)).url
    response = client.post(set_url, {"password1": "Palmeiras2024", "password2": "Palmeiras2024"})
    assert response.status_code == 400 and "muito comum" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.PASSWORD_RESET).exists()


@pytest.mark.parametrize("path", ["/conta/senha/redefinir/xx/yy/", "/conta/senha/redefinir/MQ/abc-def/"])
def test_a_forged_reset_link_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "não é válido" in response.content.decode()


def test_password_change_needs_sign_in(client):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response.url.startswith(reverse("identity:login"))


def test_password_change_requires_the_current_password(client):
    user = VerifiedUserFactory()
    browser = sign_in(user)
    response = browser.post(CHANGE, {"current_password": "errada-errada", "password1": NEW, "password2": NEW})
    assert response.status_code == 400 and "A senha atual não confere" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_ends_the_other_sessions_keeps_this_one_and_tells_the_owner(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()
    other = sign_in(user, ua="Mozilla/5.0 (Android 14) Chrome/128.0")
    this = sign_in(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = this.post(CHANGE, {"current_password": PASSWORD, "password1": NEW, "password2": NEW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert this.get("/conta/").status_code == 200  # still signed in here
    assert other.get("/conta/").status_code == 302  # signed out there
    assert SignInSession.objects.filter(user=user, ended_at__isnull=True).count() == 1
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.PASSWORD_CHANGED).exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email] and "alterada" in mailoutbox[0].subject
    assert NEW not in mailoutbox[0].body


@override_settings(MTLOGIN_PASSWORD_CHANGE_LIMIT=(3, 3600))
def test_guessing_the_current_password_from_a_signed_in_browser_is_rate_limited():
    user = VerifiedUserFactory()
    browser = sign_in(user)
    for _ in range(3):
        response = browser.post(
            CHANGE, {"current_password": "chute-errado", "password1": NEW, "password2": NEW}
        )
        assert response.status_code == 400
    response = browser.post(CHANGE, {"current_password": PASSWORD, "password1": NEW, "password2": NEW})
    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
