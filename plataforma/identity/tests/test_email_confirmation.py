"""E-mail confirmation by a signed link that expires in 48 hours and works once; new links on
request without telling whether a CPF has an account."""

import re
import time
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from plataforma.identity import services
from plataforma.identity.models import SecurityEvent
from plataforma.identity.tests.factories import UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db
RESEND = "/conta/email/reenviar/"


def link_in(message) -> str:
    return (
        re.search(r"http://[^\s]+/conta/email/confirmar/[^\s]+/", message.body).group(0).split("8000", 1)[1]
    )


@pytest.fixture
def send(mailoutbox, django_capture_on_commit_callbacks):
    """Send the confirmation link of `user` and return its path."""

    def _send(user):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.email_confirmation_send(user=user)
        return link_in(mailoutbox[-1])

    return _send


def test_following_the_link_confirms_the_email_once(client, send):
    user = UserFactory()
    path = send(user)
    response = client.get(path)
    assert response.status_code == 200 and user.email in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None  # opening the link (a mail scanner) confirms nothing
    response = client.post(path)
    assert response.status_code == 200 and "E-mail confirmado" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.EMAIL_VERIFIED).count() == 1
    assert client.post(path).status_code == 400  # used
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.EMAIL_VERIFIED).count() == 1


def test_the_link_expires_after_48_hours(client, send):
    user = UserFactory()
    path = send(user)
    later = time.time() + 48 * 3600 + 5
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(path)
    assert response.status_code == 400 and "expirou" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_a_link_stops_working_when_the_address_changes(client, send):
    user = UserFactory()
    path = send(user)
    user.email = "outro@example.org"
    user.save()
    assert client.post(path).status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


@pytest.mark.parametrize("token", ["x", "a" * 600, "eyJ1IjoiMSJ9:1abc:forjado", "%00"])
def test_forged_or_malformed_links_are_a_400(client, token):
    user = UserFactory()
    response = client.post(reverse("identity:email_confirm", args=[token]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_a_link_for_one_account_cannot_be_replayed_on_another(client, send):
    path = send(UserFactory())
    other = UserFactory()
    client.post(path)
    other.refresh_from_db()
    assert other.email_verified_at is None


def test_resend_answers_the_same_whether_or_not_the_cpf_has_an_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESEND, {"cpf": user.cpf})
        unknown = client.post(RESEND, {"cpf": "529.982.247-25"})
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode() == unknown.content.decode()
    assert [m.to for m in mailoutbox] == [[user.email]]


def test_resend_sends_nothing_for_a_confirmed_address(client, mailoutbox, django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(RESEND, {"cpf": user.cpf}).status_code == 200
    assert mailoutbox == []


def test_resend_with_a_bad_cpf_is_a_400(client):
    response = client.post(RESEND, {"cpf": "123"})
    assert response.status_code == 400 and "Informe um CPF válido" in response.content.decode()


def test_resend_is_rate_limited_per_account(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.post(RESEND, {"cpf": user.cpf}).status_code == 200
        response = client.post(RESEND, {"cpf": user.cpf}, REMOTE_ADDR="198.51.100.3")
    assert response.status_code == 429
    assert len(mailoutbox) == 3


@override_settings(MTLOGIN_RESEND_LIMIT_PER_IP=(2, 3600))
def test_resend_is_rate_limited_per_address(client):
    for _ in range(2):
        assert client.post(RESEND, {"cpf": "529.982.247-25"}).status_code == 200
    assert client.post(RESEND, {"cpf": "529.982.247-25"}).status_code == 429
