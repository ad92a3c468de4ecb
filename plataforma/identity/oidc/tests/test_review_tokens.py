"""Security review fixes at the back-channel endpoints: deactivated accounts (H2), grants MT Login
does not offer (M2a), introspection only by the token's own client (M4), real rate limits (M6)."""

import base64
import hashlib

import pytest
from django.test import Client, override_settings

from plataforma.identity.oidc.views.endpoints import IntrospectView
from plataforma.identity.tests.factories import UserFactory

from .helpers import basic, exchange, get_code, grant_consent, register, signed_in, token_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


def _tokens(user, registered):
    grant_consent(user, registered)
    code, verifier = get_code(signed_in(user), registered)
    response = exchange(registered, code, verifier)
    assert response.status_code == 200, response.content
    return response.json()


def _introspect(registered, token, **extra):
    return Client().post("/o/introspect/", {"token": token, **extra}, HTTP_AUTHORIZATION=basic(registered))


def _refresh(registered, refresh_token):
    return token_request(Client(), registered, grant_type="refresh_token", refresh_token=refresh_token)


# --- H2: a deactivated account gets nothing new ------------------------------------------------


def test_a_deactivated_account_cannot_refresh_and_its_refresh_token_is_inactive(user):
    registered = register()
    tokens = _tokens(user, registered)
    user.is_active = False
    user.save()
    response = _refresh(registered, tokens["refresh_token"])
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert "access_token" not in response.json()
    hint = {"token_type_hint": "refresh_token"}
    assert _introspect(registered, tokens["refresh_token"], **hint).json() == {"active": False}
    assert _introspect(registered, tokens["access_token"]).json() == {"active": False}
    assert (
        Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}").status_code == 401
    )

    # reactivated, the same (never consumed) refresh token works again: nothing was revoked
    user.is_active = True
    user.save()
    assert _refresh(registered, tokens["refresh_token"]).status_code == 200


def test_a_code_of_an_account_deactivated_before_redemption_is_invalid_grant(user):
    registered = register()
    grant_consent(user, registered)
    code, verifier = get_code(signed_in(user), registered)
    user.is_active = False
    user.save()
    response = exchange(registered, code, verifier)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_refresh_tokens_of_a_disabled_client_are_inactive_at_introspection(user):
    registered = register()
    tokens = _tokens(user, registered)
    registered.obj.enabled = False
    registered.obj.save()
    checksum = hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()
    assert IntrospectView()._refresh(checksum) == {"active": False}  # the client itself cannot ask


# --- M2a: grants that are not offered ----------------------------------------------------------


@pytest.mark.parametrize("authenticated", [True, False])
@pytest.mark.parametrize(
    "body",
    [
        {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": "x"},
        {"grant_type": "password", "username": "11144477735", "password": "senha-de-teste-123"},
    ],
)
def test_device_and_password_grants_are_unsupported_grant_type(body, authenticated):
    registered = register()
    if authenticated:
        response = token_request(Client(raise_request_exception=False), registered, **body)
    else:
        response = Client(raise_request_exception=False).post(
            "/o/token/", {**body, "client_id": registered.client_id}
        )
    assert response.status_code == 400, response.content
    assert response.json()["error"] == "unsupported_grant_type"


# --- M4: introspection answers only the token's own client -------------------------------------


def test_a_client_cannot_introspect_another_clients_tokens(user):
    health = register(name="Saúde", subject_type="pairwise", sector_identifier="saude")
    finance = register(name="Fazenda", subject_type="pairwise", sector_identifier="fazenda")
    tokens = _tokens(user, health)
    for token, hint in ((tokens["access_token"], ""), (tokens["refresh_token"], "refresh_token")):
        assert _introspect(finance, token, token_type_hint=hint).json() == {"active": False}
        own = _introspect(health, token, token_type_hint=hint).json()
        assert own["active"] is True and own["client_id"] == health.client_id
        assert own["sub"] != str(user.pk) and "_client_pk" not in own


# --- M6: real rate limits, overridable ---------------------------------------------------------


@override_settings(MTLOGIN_OIDC={})
def test_default_rate_limits_are_real():
    from plataforma.identity.oidc.views.common import rate_limits

    for scope in ("token", "introspect", "revoke"):
        assert rate_limits(scope) == (600, 300)
    # one address: the 301st introspection request in the window is refused
    statuses = [Client().post("/o/introspect/", {"token": "x"}).status_code for _ in range(301)]
    assert set(statuses[:300]) == {401} and statuses[300] == 429


@override_settings(MTLOGIN_OIDC={"INTROSPECT_RATE_PER_CLIENT": 2, "INTROSPECT_RATE_PER_ADDRESS": 1000})
def test_introspection_limit_per_client_is_overridable(user):
    registered = register()
    credentials = "Basic " + base64.b64encode(f"{registered.client_id}:errado".encode()).decode()
    statuses = [
        Client().post("/o/introspect/", {"token": "x"}, HTTP_AUTHORIZATION=credentials).status_code
        for _ in range(3)
    ]
    assert statuses == [401, 401, 429]
