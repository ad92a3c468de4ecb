"""Security review fixes around sessions: a per-sector `sid` for pairwise clients (M4), and
RP-initiated logout that changes something only for the person the id_token_hint names, signed in
in this very browser (L9)."""

import base64
import hmac
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    LOGOUT_URI,
    basic,
    exchange,
    get_code,
    grant_consent,
    register,
    signed_in,
    token_request,
    verify_id_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


def _tokens(user, registered, browser):
    grant_consent(user, registered)
    code, verifier = get_code(browser, registered)
    response = exchange(registered, code, verifier)
    assert response.status_code == 200, response.content
    return response.json()


def _claims(registered, id_token):
    jwks = Client().get("/.well-known/jwks.json").json()
    return verify_id_token(id_token, jwks, audience=registered.client_id)


def _active(registered, token) -> bool:
    response = Client().post("/o/introspect/", {"token": token}, HTTP_AUTHORIZATION=basic(registered))
    return response.json()["active"]


# --- M4: sid ------------------------------------------------------------------------------------


def test_pairwise_clients_get_a_per_sector_sid_public_ones_the_session_id(user):
    from plataforma.identity.oidc.claims import session_id_for

    browser = signed_in(user)
    health = register(name="Saúde", subject_type="pairwise", sector_identifier="saude")
    health_2 = register(name="Saúde 2", subject_type="pairwise", sector_identifier="saude")
    finance = register(name="Fazenda", subject_type="pairwise", sector_identifier="fazenda")
    portal = register(name="Portal")
    sids = {
        client.obj.name: _claims(client, _tokens(user, client, browser)["id_token"])["sid"]
        for client in (health, health_2, finance, portal)
    }
    session_uuid = str(browser.sign_in.pk)
    assert sids["Portal"] == session_uuid
    assert sids["Saúde"] == sids["Saúde 2"] == session_id_for(browser.sign_in.pk, health.obj)
    assert sids["Fazenda"] != sids["Saúde"]
    assert session_uuid not in {sids["Saúde"], sids["Fazenda"]}
    assert not hmac.compare_digest(sids["Saúde"], session_id_for(browser.sign_in.pk, finance.obj))


def test_refreshed_id_tokens_of_a_pairwise_client_keep_the_per_sector_sid(user):
    browser = signed_in(user)
    health = register(name="Saúde", subject_type="pairwise", sector_identifier="saude")
    first = _tokens(user, health, browser)
    second = token_request(Client(), health, grant_type="refresh_token", refresh_token=first["refresh_token"])
    sid = _claims(health, second.json()["id_token"])["sid"]
    assert sid == _claims(health, first["id_token"])["sid"] != str(browser.sign_in.pk)


def test_logout_of_a_pairwise_client_still_ends_the_session(user):
    browser = signed_in(user)
    health = register(name="Saúde", subject_type="pairwise", sector_identifier="saude")
    tokens = _tokens(user, health, browser)
    response = browser.get(
        "/o/logout/", {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI}
    )
    assert response.status_code == 302
    browser.sign_in.refresh_from_db()
    assert browser.sign_in.ended_at is not None
    assert not _active(health, tokens["refresh_token"])


# --- L9: a hint is not a credential -------------------------------------------------------------


def test_an_anonymous_browser_with_someones_hint_changes_nothing(user):
    victim = signed_in(user)
    registered = register()
    tokens = _tokens(user, registered, victim)
    stranger = Client()
    response = stranger.get(
        "/o/logout/",
        {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI, "state": "s"},
    )
    assert response.status_code == 302  # the registered URI is still honoured (RP-Initiated Logout §3)
    assert parse_qs(urlsplit(response["Location"]).query)["state"] == ["s"]
    page = stranger.get("/o/logout/", {"id_token_hint": tokens["id_token"]})
    assert page.status_code == 200 and "Você não está conectado" in page.content.decode()
    victim.sign_in.refresh_from_db()
    assert victim.sign_in.ended_at is None
    assert _active(registered, tokens["access_token"]) and _active(registered, tokens["refresh_token"])


def test_another_signed_in_person_with_someones_hint_changes_nothing(user):
    victim = signed_in(user)
    registered = register()
    tokens = _tokens(user, registered, victim)
    other = signed_in(UserFactory())
    page = other.get("/o/logout/", {"id_token_hint": tokens["id_token"]})
    assert page.status_code == 200 and "Você continua conectado" in page.content.decode()
    confirmed = other.post("/o/logout/", {"id_token_hint": tokens["id_token"], "allow": "1"})
    assert confirmed.status_code == 200
    redirected = other.get(
        "/o/logout/", {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI}
    )
    assert redirected.status_code == 302
    for browser in (victim, other):
        browser.sign_in.refresh_from_db()
        assert browser.sign_in.ended_at is None
    assert _active(registered, tokens["access_token"]) and _active(registered, tokens["refresh_token"])
    assert "_auth_user_id" in other.session


def test_the_named_person_is_signed_out_even_with_an_expired_hint(user, settings):
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "ID_TOKEN_EXPIRE_SECONDS": -10}
    browser = signed_in(user)
    registered = register()
    tokens = _tokens(user, registered, browser)
    payload = tokens["id_token"].split(".")[1]
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"] < time.time()
    response = browser.get("/o/logout/", {"id_token_hint": tokens["id_token"]})
    assert response.status_code == 200 and "Você saiu" in response.content.decode()
    browser.sign_in.refresh_from_db()
    assert browser.sign_in.ended_at is not None
    assert not _active(registered, tokens["refresh_token"])


def test_signing_in_again_in_the_same_browser_keeps_the_tokens_until_sign_out():
    """auth_flow moves the tokens of the replaced sign-in session to the new one: they keep
    working after the re-sign-in, and signing out (the new session) revokes them."""
    from django.utils import timezone

    person = UserFactory(email_verified_at=timezone.now())
    browser = Client()
    credentials = {"username": person.cpf, "password": "senha-de-teste-123"}
    assert browser.post("/conta/entrar/", credentials).status_code == 302
    registered = register()
    tokens = _tokens(person, registered, browser)
    assert browser.post("/conta/entrar/", credentials).status_code == 302
    refreshed = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=tokens["refresh_token"]
    )
    assert refreshed.status_code == 200, refreshed.content
    refreshed = refreshed.json()
    browser.post("/conta/sair/")
    assert not _active(registered, refreshed["access_token"])
    assert not _active(registered, refreshed["refresh_token"])
