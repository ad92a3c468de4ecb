"""Security review fixes at the authorization endpoint: nonce and code_challenge sizes that the
database cannot store (M2b, a 500 on PostgreSQL), `request`/`request_uri` (L5), and the level of a
password sign-in (acr prata at most: acr_values=ouro goes to step-up)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from plataforma.identity.models import Level
from plataforma.identity.oidc.models import AuthorizationContext
from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    REDIRECT_URI,
    authorize_params,
    callback,
    exchange,
    grant_consent,
    pkce,
    register,
    signed_in,
)

pytestmark = pytest.mark.django_db

OURO = "urn:mt:login:nivel:ouro"


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def registered(user):
    registered = register()
    grant_consent(user, registered)
    return registered


def _authorize(browser, registered, *, challenge=None, **extra):
    _verifier, default_challenge = pkce()
    params = authorize_params(registered, challenge or default_challenge, **extra)
    return browser.get("/o/authorize/", params)


# --- M2b ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "challenge"),
    [
        ({"nonce": "n" * 256}, None),
        ({"nonce": "n" * 1999}, None),
        ({}, "a" * 129),
        ({}, "a" * 42),
        ({}, "a" * 44),
        ({}, "a" * 42 + "="),
        ({}, "a" * 42 + "+"),
    ],
)
def test_oversized_nonce_or_malformed_challenge_is_invalid_request_to_the_client(
    user, registered, extra, challenge
):
    browser = signed_in(user)
    browser.raise_request_exception = False
    params = callback(_authorize(browser, registered, challenge=challenge, **extra))
    assert params["error"] == "invalid_request" and params["state"] == "estado-123"
    assert "code" not in params and not AuthorizationContext.objects.exists()


def test_bounds_are_inclusive_and_the_code_still_works(user, registered):
    verifier, challenge = pkce()
    assert len(challenge) == 43
    browser = signed_in(user)
    params = callback(browser.get("/o/authorize/", authorize_params(registered, challenge, nonce="n" * 255)))
    assert exchange(registered, params["code"], verifier).status_code == 200


def test_before_the_redirect_uri_is_known_good_it_is_an_error_page(user, registered):
    browser = signed_in(user)
    for extra in ({"nonce": "n" * 300}, {"request": "eyJ.x.y"}):
        response = _authorize(browser, registered, redirect_uri="https://evil.example.com/cb", **extra)
        assert response.status_code == 400 and "Location" not in response
    response = _authorize(browser, registered, challenge="a" * 129, client_id="nao-existe")
    assert response.status_code == 400 and "Location" not in response


def test_anonymous_requests_are_checked_before_sign_in(registered):
    params = callback(_authorize(Client(), registered, nonce="n" * 256))
    assert params["error"] == "invalid_request"


# --- L5 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error"),
    [("request", "request_not_supported"), ("request_uri", "request_uri_not_supported")],
)
def test_request_objects_are_refused_not_ignored(user, registered, name, error):
    value = "eyJhbGciOiJub25lIn0.e30." if name == "request" else "https://rp.example.org/req.jwt"
    params = callback(_authorize(signed_in(user), registered, **{name: value}))
    assert params["error"] == error and params["state"] == "estado-123" and "code" not in params


# --- a password sign-in is prata at most ---------------------------------------------------------


def test_a_password_session_of_an_ouro_account_goes_to_step_up_for_ouro():
    person = UserFactory(level=Level.OURO)
    registered = register()
    grant_consent(person, registered)
    browser = signed_in(person, acr=Level.PRATA, amr=["pwd", "otp", "mfa"])
    response = _authorize(browser, registered, acr_values=OURO)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith(REDIRECT_URI)
        assert parse_qs(urlsplit(response["Location"]).query)["necessario"] == ["ouro"]
    assert callback(_authorize(browser, registered, acr_values=OURO, prompt="none"))["error"] == (
        "interaction_required"
    )
    certificate = signed_in(person, acr=Level.OURO, amr=["x509"])
    assert "code" in callback(_authorize(certificate, registered, acr_values=OURO))


def test_without_a_recorded_sign_in_session_the_level_is_taken_as_a_password_one():
    person = UserFactory(level=Level.OURO)
    registered = register()
    grant_consent(person, registered)
    browser = Client()
    browser.force_login(person)  # no SignInSession behind it
    params = callback(_authorize(browser, registered, acr_values=OURO, prompt="none"))
    assert params["error"] == "interaction_required"
    verifier, challenge = pkce()
    params = callback(browser.get("/o/authorize/", authorize_params(registered, challenge)))
    assert AuthorizationContext.objects.get().acr in (Level.BRONZE, Level.PRATA)
    assert exchange(registered, params["code"], verifier).status_code == 200


def test_a_real_password_sign_in_of_an_ouro_account_is_sent_to_step_up_for_ouro():
    person = UserFactory(level=Level.OURO, email_verified_at=timezone.now())
    registered = register()
    grant_consent(person, registered)
    browser = Client()
    signed = browser.post("/conta/entrar/", {"username": person.cpf, "password": "senha-de-teste-123"})
    assert signed.status_code == 302
    assert callback(_authorize(browser, registered, acr_values=OURO, prompt="none"))["error"] == (
        "interaction_required"
    )
    response = _authorize(browser, registered, acr_values=OURO)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert parse_qs(urlsplit(response["Location"]).query)["necessario"] == ["ouro"]
