"""The authorization endpoint: who gets a redirect, who gets an error page, and when."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from plataforma.identity.models import Level, SecurityEvent
from plataforma.identity.oidc.models import AuthorizationContext, Consent
from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    REDIRECT_URI,
    authorize_params,
    callback,
    exchange,
    get_code,
    grant_consent,
    pkce,
    register,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def registered():
    return register()


def _authorize(browser, registered, **extra):
    _verifier, challenge = pkce()
    return browser.get("/o/authorize/", authorize_params(registered, challenge, **extra))


@pytest.mark.parametrize(
    "bad_uri",
    [
        "https://evil.example.com/callback",
        REDIRECT_URI + "/extra",
        REDIRECT_URI + "?x=1",
        "http://rp.example.org/callback",
    ],
)
def test_an_unregistered_redirect_uri_gets_an_error_page_and_no_redirect(user, registered, bad_uri):
    for browser in (Client(), signed_in(user)):
        response = _authorize(browser, registered, redirect_uri=bad_uri)
        assert response.status_code == 400
        assert "Location" not in response
        assert 'href="https://evil' not in response.content.decode()


def test_an_unknown_or_disabled_client_gets_an_error_page(user, registered):
    browser = signed_in(user)
    response = browser.get(
        "/o/authorize/", {"client_id": "nao-existe", "response_type": "code", "redirect_uri": REDIRECT_URI}
    )
    assert response.status_code == 400 and "Location" not in response
    registered.obj.enabled = False
    registered.obj.save()
    assert _authorize(browser, registered).status_code == 400


def test_without_a_session_the_person_is_sent_to_sign_in_with_the_cpf_hint(registered):
    response = _authorize(Client(), registered, login_hint="529.982.247-25")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/conta/entrar/"
    query = parse_qs(location.query)
    assert query["cpf"] == ["52998224725"]
    assert query["next"][0].startswith("/o/authorize/?")


def test_prompt_none_without_a_session_answers_login_required_with_state(registered):
    params = callback(_authorize(Client(), registered, prompt="none"))
    assert params["error"] == "login_required" and params["state"] == "estado-123"
    assert params["iss"] == "http://127.0.0.1:8000"


def test_prompt_none_without_consent_answers_consent_required(user, registered):
    params = callback(_authorize(signed_in(user), registered, prompt="none"))
    assert params["error"] == "consent_required" and params["state"] == "estado-123"


def test_prompt_none_with_session_and_consent_returns_a_code(user, registered):
    grant_consent(user, registered)
    assert "code" in callback(_authorize(signed_in(user), registered, prompt="none"))


def test_consent_is_asked_once_then_remembered_and_logged(user, registered):
    browser = signed_in(user)
    page = _authorize(browser, registered)
    assert page.status_code == 200
    assert "Seu nome e nome social" in page.content.decode()
    url = page.wsgi_request.get_full_path()
    params = callback(browser.post(url, {"allow": "1"}))
    assert "code" in params and params["state"] == "estado-123"
    assert Consent.objects.get(user=user, client=registered.obj).scopes == ["openid", "profile", "email"]
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.APP_AUTHORIZED).count() == 1
    # the second time: no screen
    assert "code" in callback(_authorize(browser, registered))
    # a new scope asks again
    assert _authorize(browser, registered, scope="openid profile email phone").status_code == 200


def test_prompt_consent_forces_the_screen(user, registered):
    grant_consent(user, registered)
    assert _authorize(signed_in(user), registered, prompt="consent").status_code == 200


def test_cancel_answers_access_denied_and_issues_nothing(user, registered):
    browser = signed_in(user)
    page = _authorize(browser, registered)
    params = callback(browser.post(page.wsgi_request.get_full_path(), {"cancel": "1"}))
    assert params["error"] == "access_denied" and params["state"] == "estado-123"
    assert not AuthorizationContext.objects.exists()
    assert not Consent.objects.exists()


def test_consent_post_without_csrf_token_is_refused(user, registered):
    browser = signed_in(user)
    browser.handler.enforce_csrf_checks = True
    page = _authorize(browser, registered)
    response = browser.post(page.wsgi_request.get_full_path(), {"allow": "1"})
    assert response.status_code == 403
    assert not Consent.objects.exists()


def test_max_age_older_than_the_sign_in_asks_to_sign_in_again(user, registered):
    grant_consent(user, registered)
    browser = signed_in(user, auth_time=timezone.now() - timedelta(minutes=30))
    response = _authorize(browser, registered, max_age="600")
    assert response.status_code == 302 and response["Location"].startswith("/conta/entrar/")
    assert "code" in callback(_authorize(browser, registered, max_age="3600"))
    assert (
        callback(_authorize(browser, registered, max_age="600", prompt="none"))["error"] == "login_required"
    )
    assert callback(_authorize(browser, registered, max_age="abc"))["error"] == "invalid_request"


def test_prompt_login_and_max_age_zero_are_satisfied_by_a_fresh_sign_in(user, registered):
    grant_consent(user, registered)
    browser = signed_in(user, auth_time=timezone.now() - timedelta(minutes=5))
    for extra in ({"prompt": "login"}, {"max_age": "0"}):
        response = _authorize(browser, registered, **extra)
        assert response["Location"].startswith("/conta/entrar/")
        url = response.wsgi_request.get_full_path()  # where the sign-in page sends the person back
        browser.sign_in.auth_time = timezone.now() + timedelta(seconds=1)  # the person signed in again
        browser.sign_in.save()
        assert "code" in callback(browser.get(url))
        browser.sign_in.auth_time = timezone.now() - timedelta(minutes=5)
        browser.sign_in.save()


def test_acr_values_above_the_session_level_send_to_step_up_or_interaction_required(user, registered):
    grant_consent(user, registered)
    browser = signed_in(user, acr=Level.BRONZE)
    response = _authorize(browser, registered, acr_values="urn:mt:login:nivel:prata urn:mt:login:nivel:ouro")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        query = parse_qs(location.query)
        assert query["necessario"] == ["prata"] and query["next"][0].startswith("/o/authorize/")
    params = callback(_authorize(browser, registered, acr_values="urn:mt:login:nivel:ouro", prompt="none"))
    assert params["error"] == "interaction_required"
    # a level the session has is fine; unknown acr values are ignored
    assert "code" in callback(_authorize(browser, registered, acr_values="urn:mt:login:nivel:bronze urn:x:y"))


def test_plain_pkce_and_missing_challenge_are_refused(user, registered):
    grant_consent(user, registered)
    browser = signed_in(user)
    params = callback(_authorize(browser, registered, code_challenge="a" * 43, code_challenge_method="plain"))
    assert params["error"] == "invalid_request" and params["state"] == "estado-123"
    params = callback(_authorize(browser, registered, code_challenge=None, code_challenge_method=None))
    assert params["error"] == "invalid_request"


def test_only_response_type_code(user, registered):
    grant_consent(user, registered)
    for response_type in ("token", "id_token", "code id_token"):
        params = callback(_authorize(signed_in(user), registered, response_type=response_type))
        assert params["error"] in ("unsupported_response_type", "unauthorized_client"), params


def test_scopes_not_registered_for_the_client_are_dropped(user):
    registered = register(scopes="openid profile")
    grant_consent(user, registered, scopes="openid profile")
    params = callback(
        _authorize(signed_in(user), registered, scope="openid profile cpf servidor desconhecido")
    )
    assert "code" in params
    context = AuthorizationContext.objects.get()
    from oauth2_provider.models import Grant

    assert Grant.objects.get(application=registered.obj).scope == "openid profile"
    assert context.user == user


def test_unknown_parameters_are_ignored(user, registered):
    grant_consent(user, registered)
    assert "code" in callback(
        _authorize(signed_in(user), registered, foo="bar", display="page", ui_locales="pt-BR")
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"state": "x" * 5000},
        {"redirect_uri": "https://rp.example.org/" + "a" * 3000},
        {"scope": "openid " * 1000},
        {"nonce": "\x00" * 3000},
    ],
)
def test_oversized_parameters_are_400_never_500(user, registered, extra):
    response = _authorize(signed_in(user), registered, **extra)
    assert response.status_code == 400 and "Location" not in response


def test_garbage_never_500(user, registered):
    browser = signed_in(user)
    for params in (
        {},
        {"client_id": "\x00"},
        {"client_id": registered.client_id},
        {"client_id": registered.client_id, "redirect_uri": "nao é url"},
        {
            "client_id": registered.client_id,
            "response_type": "code",
            "redirect_uri": REDIRECT_URI,
            "prompt": "none login",
        },
        {
            "client_id": registered.client_id,
            "response_type": "code",
            "redirect_uri": REDIRECT_URI,
            "claims": "{nao json",
        },
    ):
        response = browser.get("/o/authorize/", params)
        assert response.status_code in (302, 400), (params, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(REDIRECT_URI)


def test_id_token_hint_of_another_person_is_login_required_with_prompt_none(user, registered):
    grant_consent(user, registered)
    code, verifier = get_code(signed_in(user), registered)
    id_token = exchange(registered, code, verifier).json()["id_token"]
    assert "code" in callback(_authorize(signed_in(user), registered, prompt="none", id_token_hint=id_token))

    someone_else = UserFactory()
    grant_consent(someone_else, registered)
    params = callback(_authorize(signed_in(someone_else), registered, prompt="none", id_token_hint=id_token))
    assert params["error"] == "login_required"
    params = callback(_authorize(signed_in(user), registered, id_token_hint="not.a.token"))
    assert params["error"] == "invalid_request"


def test_after_re_authentication_the_consent_screen_can_be_answered(user, registered):
    browser = signed_in(user, auth_time=timezone.now() - timedelta(minutes=5))
    first = _authorize(browser, registered, prompt="login")
    assert first["Location"].startswith("/conta/entrar/")
    url = first.wsgi_request.get_full_path()
    browser.sign_in.auth_time = timezone.now() + timedelta(seconds=1)
    browser.sign_in.save()
    page = browser.get(url)
    assert page.status_code == 200  # the consent screen, not the sign-in page again
    assert "code" in callback(browser.post(url, {"allow": "1"}))
    # a new request with prompt=login asks again
    again = _authorize(browser, registered, prompt="login", state="outro")
    assert again["Location"].startswith("/conta/entrar/")
