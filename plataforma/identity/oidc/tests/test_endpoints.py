"""Userinfo, introspection, revocation, logout, and tokens dying with the sign-in session."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from plataforma.identity.auth_flow import end_sign_in_session
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.oidc import selectors, services
from plataforma.identity.oidc.claims import subject_for
from plataforma.identity.oidc.models import Consent
from plataforma.identity.tests.factories import UserFactory

from .helpers import LOGOUT_URI, basic, exchange, get_code, grant_consent, register, signed_in, token_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    from django.utils import timezone

    return UserFactory(
        social_name="Ana",
        email_verified_at=timezone.now(),
        phone_number="+5565999990000",
        full_name="Ana Maria Silva",
    )


def _tokens(user, registered, scope="openid profile email", browser=None):
    grant_consent(user, registered, scopes=scope)
    code, verifier = get_code(browser or signed_in(user), registered, scope=scope)
    response = exchange(registered, code, verifier)
    assert response.status_code == 200, response.content
    return response.json()


def _userinfo(access_token, method="get"):
    return getattr(Client(), method)("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {access_token}")


def _introspect(registered, token, **extra):
    return Client().post("/o/introspect/", {"token": token, **extra}, HTTP_AUTHORIZATION=basic(registered))


def test_userinfo_releases_claims_per_scope(user):
    registered = register(scopes="openid profile email phone cpf nivel empresas servidor")
    narrow = _tokens(user, registered, scope="openid profile")
    claims = _userinfo(narrow["access_token"]).json()
    assert claims["sub"] == str(user.pk) and claims["name"] == "Ana" and claims["social_name"] == "Ana"
    assert claims["given_name"] == "Ana" and claims["family_name"] == "Maria Silva"
    assert not {"email", "cpf", "phone_number", "nivel"} & set(claims)

    Consent.objects.all().delete()
    wide = _tokens(user, registered, scope="openid email phone cpf nivel empresas servidor")
    claims = _userinfo(wide["access_token"], "post").json()
    assert claims["email"] == user.email and claims["email_verified"] is True
    assert claims["phone_number"] == "+5565999990000" and claims["phone_number_verified"] is False
    assert claims["cpf"] == user.cpf and claims["nivel"] == "bronze"
    assert claims["empresas"] == [] and isinstance(claims["servidor"], list)
    assert "name" not in claims


def test_userinfo_refuses_missing_malformed_and_revoked_tokens(user):
    registered = register()
    tokens = _tokens(user, registered)
    assert Client().get("/o/userinfo/").status_code == 401
    for token in ("nada", "eyJhbGciOiJub25lIn0.e30.", "a" * 1500):
        response = _userinfo(token)
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    Client().post("/o/revoke/", {"token": tokens["access_token"]}, HTTP_AUTHORIZATION=basic(registered))
    assert _userinfo(tokens["access_token"]).status_code == 401


def test_pairwise_sub_is_stable_per_sector_and_differs_across_sectors(user):
    health_a = register(subject_type="pairwise", sector_identifier="saude", name="A")
    health_b = register(subject_type="pairwise", sector_identifier="saude", name="B")
    school = register(subject_type="pairwise", sector_identifier="educacao", name="C")
    public = register(name="D")
    subs = {c.client_id: subject_for(user.pk, c.obj) for c in (health_a, health_b, school, public)}
    assert subs[health_a.client_id] == subs[health_b.client_id]
    assert subs[health_a.client_id] != subs[school.client_id]
    assert subs[public.client_id] == str(user.pk)
    assert str(user.pk) not in subs[school.client_id]
    tokens = _tokens(user, school)
    assert _userinfo(tokens["access_token"]).json()["sub"] == subs[school.client_id]
    assert subject_for(user.pk, school.obj) == subs[school.client_id]  # stable


def test_introspection(user):
    registered = register()
    tokens = _tokens(user, registered)
    data = _introspect(registered, tokens["access_token"]).json()
    assert data["active"] is True and data["client_id"] == registered.client_id
    assert data["sub"] == str(user.pk) and data["scope"] == "openid profile email"
    assert data["exp"] > data["iat"] and data["token_type"] == "Bearer"
    assert user.cpf not in str(data)
    refresh = _introspect(registered, tokens["refresh_token"], token_type_hint="refresh_token").json()
    assert refresh["active"] is True and refresh["token_type"] == "refresh_token"
    assert _introspect(registered, "nao-existe").json() == {"active": False}
    assert _introspect(registered, "").status_code == 400


def test_introspection_requires_an_authenticated_confidential_client(user):
    registered = register()
    tokens = _tokens(user, registered)
    assert Client().post("/o/introspect/", {"token": tokens["access_token"]}).status_code == 401
    wrong = "Basic " + base64.b64encode(f"{registered.client_id}:errado".encode()).decode()
    response = Client().post("/o/introspect/", {"token": tokens["access_token"]}, HTTP_AUTHORIZATION=wrong)
    assert response.status_code == 401
    public = register(client_type="public", name="Público")
    response = Client().post(
        "/o/introspect/", {"token": tokens["access_token"], "client_id": public.client_id}
    )
    assert response.status_code == 401
    # a bearer token cannot stand in for client authentication
    bearer = Client().post(
        "/o/introspect/",
        {"token": tokens["access_token"]},
        HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}",
    )
    assert bearer.status_code == 401


def test_revocation(user):
    registered = register()
    other = register(name="Outro")
    tokens = _tokens(user, registered)
    # unknown tokens: 200 all the same (RFC 7009 §2.2)
    assert (
        Client().post("/o/revoke/", {"token": "nao-existe"}, HTTP_AUTHORIZATION=basic(registered)).status_code
        == 200
    )
    # another client cannot revoke them
    Client().post("/o/revoke/", {"token": tokens["refresh_token"]}, HTTP_AUTHORIZATION=basic(other))
    assert _introspect(registered, tokens["access_token"]).json()["active"] is True
    # revoking the refresh token revokes its access token
    response = Client().post(
        "/o/revoke/",
        {"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        HTTP_AUTHORIZATION=basic(registered),
    )
    assert response.status_code == 200
    assert _introspect(registered, tokens["access_token"]).json() == {"active": False}
    refresh = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=tokens["refresh_token"]
    )
    assert refresh.json()["error"] == "invalid_grant"


def test_ending_the_sign_in_session_revokes_its_tokens_only(user):
    registered = register()
    first_browser, second_browser = signed_in(user), signed_in(user)
    first = _tokens(user, registered, browser=first_browser)
    Consent.objects.all().delete()
    second = _tokens(user, registered, browser=second_browser)

    end_sign_in_session(first_browser.sign_in, reason=SignInSession.EndReason.ENDED_BY_USER)

    assert _introspect(registered, first["access_token"]).json() == {"active": False}
    assert (
        token_request(
            Client(), registered, grant_type="refresh_token", refresh_token=first["refresh_token"]
        ).status_code
        == 400
    )
    assert _introspect(registered, second["access_token"]).json()["active"] is True


def test_a_code_issued_under_an_ended_session_cannot_be_redeemed(user):
    registered = register()
    grant_consent(user, registered)
    browser = signed_in(user)
    code, verifier = get_code(browser, registered)
    end_sign_in_session(browser.sign_in, reason=SignInSession.EndReason.ENDED_BY_USER)
    assert exchange(registered, code, verifier).json()["error"] == "invalid_grant"


def test_rp_initiated_logout_with_id_token_hint_ends_the_session_and_its_tokens(user):
    registered = register()
    browser = signed_in(user)
    tokens = _tokens(user, registered, browser=browser)
    response = browser.get(
        "/o/logout/",
        {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI, "state": "s1"},
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == LOGOUT_URI
    assert parse_qs(location.query)["state"] == ["s1"]
    browser.sign_in.refresh_from_db()
    assert browser.sign_in.ended_at is not None
    assert _introspect(registered, tokens["access_token"]).json() == {"active": False}
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_OUT).exists()


def test_logout_refuses_unregistered_redirects_and_bad_hints(user):
    registered = register()
    browser = signed_in(user)
    tokens = _tokens(user, registered, browser=browser)
    for params in (
        {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "https://evil.example.com/"},
        {"id_token_hint": "garbage.garbage.garbage"},
        {"id_token_hint": tokens["id_token"][:-4] + "AAAA"},
        {"client_id": "nao-existe", "post_logout_redirect_uri": LOGOUT_URI},
        {"client_id": "abc\x00", "post_logout_redirect_uri": LOGOUT_URI},
        {"id_token_hint": "x" * 9000},
    ):
        response = browser.get("/o/logout/", params)
        assert response.status_code == 400, (params.keys(), response.status_code)
        assert "Location" not in response
    browser.sign_in.refresh_from_db()
    assert browser.sign_in.ended_at is None


def test_logout_without_hint_asks_for_confirmation(user):
    browser = signed_in(user)
    page = browser.get("/o/logout/")
    assert page.status_code == 200 and "Sair da conta MT Login?" in page.content.decode()
    done = browser.post("/o/logout/", {"allow": "1"})
    assert done.status_code == 200 and "Você saiu" in done.content.decode()
    browser.sign_in.refresh_from_db()
    assert browser.sign_in.ended_at is not None


def test_connected_applications_and_revoking_one(user):
    registered = register(name="Saúde Digital")
    tokens = _tokens(user, registered)
    in_house = register(name="Portal", skip_authorization=True)
    code, verifier = get_code(signed_in(user), in_house)
    exchange(in_house, code, verifier)

    apps = selectors.connected_applications(user)
    assert {app.client.name for app in apps} == {"Saúde Digital", "Portal"}
    health = next(app for app in apps if app.client == registered.obj)
    assert health.scopes == ["openid", "profile", "email"]

    services.client_access_revoke(user=user, client=registered.obj)

    assert [app.client.name for app in selectors.connected_applications(user)] == ["Portal"]
    assert _introspect(registered, tokens["access_token"]).json() == {"active": False}
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.APP_REVOKED).count() == 1


def test_tokens_of_a_disabled_client_or_a_deactivated_account_stop_working(user):
    registered = register()
    tokens = _tokens(user, registered)
    checker = register(name="Verificador")
    assert _userinfo(tokens["access_token"]).status_code == 200
    registered.obj.enabled = False
    registered.obj.save()
    assert _userinfo(tokens["access_token"]).status_code == 401
    assert _introspect(checker, tokens["access_token"]).json() == {"active": False}
    registered.obj.enabled = True
    registered.obj.save()
    assert _introspect(registered, tokens["access_token"]).json()["active"] is True
    user.is_active = False
    user.save()
    assert _userinfo(tokens["access_token"]).status_code == 401
    assert _introspect(registered, tokens["access_token"]).json() == {"active": False}
