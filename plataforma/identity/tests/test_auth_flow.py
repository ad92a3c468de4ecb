"""The shared sign-in flow: levels a sign-in reaches, re-sign-in in the same browser, safe `next`."""

import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from plataforma.common.documents import format_cpf
from plataforma.identity import auth_flow
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.models import Level, SignInSession
from plataforma.identity.oidc.models import OIDCClient, TokenContext
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"


@pytest.mark.parametrize(
    ("account", "amr", "reached"),
    [
        (Level.BRONZE, ["pwd"], Level.BRONZE),
        (Level.PRATA, ["pwd"], Level.PRATA),
        (Level.BRONZE, ["x509"], Level.OURO),
    ],
)
def test_the_level_a_sign_in_reaches(account, amr, reached):
    user = VerifiedUserFactory(level=account)
    assert auth_flow.reached_level(user, amr) == reached


def _raise_by_certificate(user):
    LevelValidation.objects.create(user=user, level=Level.OURO, method=LevelValidation.Method.CERTIFICATE)
    user.level = Level.OURO
    user.save(update_fields=["level"])


def test_a_certificate_presented_once_does_not_lift_the_password_of_an_unproven_account():
    # Someone registered the CPF with a password; its owner later used the certificate.
    user = VerifiedUserFactory(level=Level.BRONZE)
    _raise_by_certificate(user)
    assert auth_flow.reached_level(user, ["pwd"]) == Level.BRONZE
    assert auth_flow.reached_level(user, ["pwd", "otp", "mfa"]) == Level.BRONZE
    assert auth_flow.reached_level(user, ["x509"]) == Level.OURO


def test_an_ouro_account_validated_at_a_desk_reaches_prata_with_its_password():
    user = VerifiedUserFactory(level=Level.PRATA)
    LevelValidation.objects.create(user=user, level=Level.PRATA, method=LevelValidation.Method.DESK)
    _raise_by_certificate(user)
    assert auth_flow.reached_level(user, ["pwd"]) == Level.PRATA


def _sign_in(client, user):
    response = client.post(
        reverse("identity:login"), {"username": format_cpf(user.cpf), "password": PASSWORD}
    )
    assert response.status_code == 302
    return SignInSession.objects.filter(user=user, ended_at__isnull=True).get()


def test_signing_in_again_in_the_same_browser_replaces_the_session_and_moves_its_tokens(client):
    user = VerifiedUserFactory()
    first = _sign_in(client, user)
    app = OIDCClient.objects.create(
        name="App",
        client_type="public",
        authorization_grant_type="authorization-code",
        redirect_uris="https://app.example/cb",
        allowed_scopes="openid",
    )
    context = TokenContext.objects.create(
        token_family=uuid.uuid4(),
        client=app,
        user=user,
        sign_in_session=first,
        acr=Level.BRONZE,
        amr=["pwd"],
        auth_time=timezone.now(),
    )
    second = _sign_in(client, user)
    first.refresh_from_db()
    context.refresh_from_db()
    assert second.pk != first.pk
    assert first.ended_at is not None and first.end_reason == SignInSession.EndReason.REPLACED
    assert context.sign_in_session_id == second.pk
    # Signing out now ends the one open session, and with it the applications' tokens.
    client.post(reverse("identity:logout"))
    assert not SignInSession.objects.filter(user=user, ended_at__isnull=True).exists()


def test_another_person_signing_in_in_the_same_browser_ends_the_first_persons_session(client):
    first_user, second_user = VerifiedUserFactory(), VerifiedUserFactory()
    first = _sign_in(client, first_user)
    _sign_in(client, second_user)
    first.refresh_from_db()
    assert first.ended_at is not None and first.end_reason == SignInSession.EndReason.SIGN_OUT


@pytest.mark.parametrize(
    "next_url",
    ["validar", "https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""],
)
def test_next_must_be_a_path_on_this_site(next_url):
    request = RequestFactory().get("/")
    assert auth_flow.safe_next(request, next_url, default="/conta/") == "/conta/"


def test_a_path_on_this_site_is_kept():
    request = RequestFactory().get("/")
    assert auth_flow.safe_next(request, "/servicos/?q=cnh", default="/conta/") == "/servicos/?q=cnh"
