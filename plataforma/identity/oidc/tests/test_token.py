"""The token endpoint: code redemption, replay, PKCE, refresh rotation, client credentials,
client authentication, garbage and rate limits."""

import base64

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from oauth2_provider.models import AccessToken, RefreshToken

from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    REDIRECT_URI,
    basic,
    exchange,
    get_code,
    grant_consent,
    register,
    signed_in,
    token_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def registered(user):
    registered = register()
    grant_consent(user, registered)
    return registered


def introspect(registered, token):
    return Client().post("/o/introspect/", {"token": token}, HTTP_AUTHORIZATION=basic(registered)).json()


def test_a_reused_code_is_invalid_grant_and_revokes_what_it_issued(user, registered):
    code, verifier = get_code(signed_in(user), registered)
    first = exchange(registered, code, verifier).json()
    assert introspect(registered, first["access_token"])["active"] is True

    replay = exchange(registered, code, verifier)

    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    assert introspect(registered, first["access_token"]) == {"active": False}
    refresh = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert refresh.json()["error"] == "invalid_grant"


def test_missing_or_wrong_verifier_is_invalid_grant(user, registered):
    browser = signed_in(user)
    code, _verifier = get_code(browser, registered)
    assert exchange(registered, code, "x" * 50).json()["error"] == "invalid_grant"
    code, _verifier = get_code(browser, registered)
    response = token_request(
        Client(), registered, grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI
    )
    assert response.status_code == 400 and response.json()["error"] in ("invalid_request", "invalid_grant")


def test_a_code_is_bound_to_its_client_and_redirect_uri(user, registered):
    other = register(name="Outro")
    code, verifier = get_code(signed_in(user), registered)
    assert exchange(other, code, verifier).json()["error"] == "invalid_grant"
    code, verifier = get_code(signed_in(user), registered)
    response = token_request(
        Client(),
        registered,
        grant_type="authorization_code",
        code=code,
        redirect_uri="https://rp.example.org/other",
        code_verifier=verifier,
    )
    assert response.status_code == 400


def test_a_public_client_redeems_with_pkce_and_no_secret(user):
    public = register(client_type="public")
    grant_consent(user, public)
    code, verifier = get_code(signed_in(user), public)
    assert exchange(public, code, verifier).status_code == 200


def test_wrong_client_secret_is_401_invalid_client_with_basic_challenge(user, registered):
    code, verifier = get_code(signed_in(user), registered)
    wrong = base64.b64encode(f"{registered.client_id}:errado".encode()).decode()
    response = Client().post(
        "/o/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
        HTTP_AUTHORIZATION=f"Basic {wrong}",
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
    assert response["WWW-Authenticate"].startswith("Basic")
    # the code was not burnt by the failed client authentication
    assert exchange(registered, code, verifier).status_code == 200


def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_family(user, registered):
    code, verifier = get_code(signed_in(user, amr=["pwd", "otp", "mfa"]), registered)
    first = exchange(registered, code, verifier).json()
    second = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert second.status_code == 200, second.content
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert "id_token" in second
    # the refreshed id_token keeps how the person signed in
    from .helpers import verify_id_token

    jwks = Client().get("/.well-known/jwks.json").json()
    claims = verify_id_token(second["id_token"], jwks, audience=registered.client_id)
    assert claims["amr"] == ["pwd", "otp", "mfa"]

    reuse = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    assert introspect(registered, second["access_token"]) == {"active": False}
    again = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=second["refresh_token"]
    )
    assert again.json()["error"] == "invalid_grant"


def test_client_credentials_for_agency_systems(user):
    system = register(grant="client-credentials", scopes="profile email")
    response = token_request(Client(), system, grant_type="client_credentials", scope="openid email cpf")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scope"] == "email" and "refresh_token" not in body and "id_token" not in body
    token = AccessToken.objects.get()
    assert token.user is None and token.token == ""  # only the checksum is stored
    # no scope asked: the client's registered scopes
    assert token_request(Client(), system, grant_type="client_credentials").json()["scope"] == "profile email"


def test_client_credentials_hot_path_is_cheap():
    system = register(grant="client-credentials", scopes="profile")
    token_request(Client(), system, grant_type="client_credentials")  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = token_request(Client(), system, grant_type="client_credentials")
    assert response.status_code == 200
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert len(writes) == 1, writes  # the access token, and no audit row
    assert len(queries.captured_queries) <= 6, [q["sql"][:80] for q in queries.captured_queries]


def test_public_clients_cannot_authenticate_with_an_empty_secret(user):
    public = register(client_type="public")
    empty = base64.b64encode(f"{public.client_id}:".encode()).decode()
    response = Client().post("/o/introspect/", {"token": "x"}, HTTP_AUTHORIZATION=f"Basic {empty}")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/x-www-form-urlencoded"),
        ("grant_type=nada", "application/x-www-form-urlencoded"),
        ('{"grant_type": "client_credentials"}', "application/json"),
        ("\x00\xff\xfe", "application/x-www-form-urlencoded"),
        ("grant_type=authorization_code&code=" + "a" * 5000, "application/x-www-form-urlencoded"),
        ("--xx\r\nbroken", "multipart/form-data; boundary=xx"),
        ("grant_type=refresh_token&refresh_token=nao-existe", "application/x-www-form-urlencoded"),
        (
            "grant_type=client_credentials&client_id=%00abc&client_secret=x",
            "application/x-www-form-urlencoded",
        ),
    ],
)
def test_garbage_to_the_token_endpoint_is_a_4xx_json_error(registered, body, content_type):
    response = Client().post(
        "/o/token/", body, content_type=content_type, HTTP_AUTHORIZATION=basic(registered)
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:200])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]
    assert "no-store" in response["Cache-Control"]


def test_get_on_the_token_endpoint_is_refused(registered):
    assert Client().get("/o/token/").status_code == 405


@override_settings(MTLOGIN_OIDC={"TOKEN_RATE_PER_CLIENT": 3, "TOKEN_RATE_PER_ADDRESS": 1000})
def test_rate_limit_per_client_is_429_json():
    system = register(grant="client-credentials", scopes="profile")
    statuses = [
        token_request(Client(), system, grant_type="client_credentials").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = token_request(Client(), system, grant_type="client_credentials")
    assert response.json()["error"] == "temporarily_unavailable" and response["Retry-After"]


@override_settings(MTLOGIN_OIDC={"TOKEN_RATE_PER_CLIENT": 1000, "TOKEN_RATE_PER_ADDRESS": 2})
def test_rate_limit_per_address_is_429():
    statuses = [
        Client().post("/o/token/", {"grant_type": "x", "client_id": f"c{i}"}).status_code for i in range(3)
    ]
    assert statuses[-1] == 429


def test_refresh_tokens_are_stored_as_checksums_only(user, registered):
    code, verifier = get_code(signed_in(user), registered)
    body = exchange(registered, code, verifier).json()
    assert RefreshToken.objects.get().token == "" and AccessToken.objects.get().token == ""
    assert body["refresh_token"]


def test_a_nul_byte_in_the_basic_client_id_is_400_not_500():
    credentials = base64.b64encode(b"abc\x00def:segredo").decode()
    response = Client().post(
        "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}"
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"
    response = Client().post("/o/introspect/", {"token": "x"}, HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 400


def test_the_token_endpoint_remembers_a_client_for_a_few_seconds_but_not_a_change_to_it(client):
    """Agency systems ask for tokens all the time: the registration is read once per few seconds
    per process; disabling the client (any save) takes effect at once in this process."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plataforma.identity.oidc.models import OIDCClient
    from plataforma.identity.oidc.services import client_save

    app = OIDCClient(
        name="Sistema",
        client_type="confidential",
        authorization_grant_type="client-credentials",
        allowed_scopes="profile",
    )
    secret = client_save(client=app, actor=None)
    body = {"grant_type": "client_credentials", "client_id": app.client_id, "client_secret": secret}
    assert client.post("/o/token/", body).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/o/token/", body).status_code == 200
    assert not any("oidc_oidcclient" in q["sql"] for q in queries.captured_queries)
    app.enabled = False
    app.save()
    assert client.post("/o/token/", body).status_code == 401
