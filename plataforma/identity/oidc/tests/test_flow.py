"""The authorization code flow with PKCE, end to end through the Django test client."""

import pytest
from django.test import Client

from plataforma.identity.models import Level
from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    exchange,
    get_code,
    grant_consent,
    header_of,
    register,
    signed_in,
    verify_id_token,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("algorithm", "kty"), [("RS256", "RSA"), ("ES256", "EC")])
def test_code_with_pkce_gives_tokens_and_an_id_token_that_verifies_against_the_jwks(algorithm, kty):
    user = UserFactory(level=Level.PRATA)
    registered = register(algorithm=algorithm)
    grant_consent(user, registered)
    browser = signed_in(user, amr=["pwd", "otp", "mfa"])

    code, verifier = get_code(browser, registered)
    response = exchange(registered, code, verifier)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "Bearer" and body["refresh_token"] and body["access_token"]
    assert response["Cache-Control"] == "no-store"
    header = header_of(body["id_token"])
    assert header["alg"] == algorithm and header["kid"]
    jwks = Client().get("/.well-known/jwks.json").json()
    assert [k["kty"] for k in jwks["keys"] if k["kid"] == header["kid"]] == [kty]
    claims = verify_id_token(body["id_token"], jwks, audience=registered.client_id)
    assert claims["sub"] == str(user.pk)
    assert claims["nonce"] == "nonce-456"
    assert claims["acr"] == "urn:mt:login:nivel:prata"
    assert claims["amr"] == ["pwd", "otp", "mfa"]
    assert claims["auth_time"] == int(browser.sign_in.auth_time.timestamp())
    assert claims["sid"] == str(browser.sign_in.pk)
    assert claims["name"] == user.display_name
    assert "cpf" not in claims and user.cpf not in body["id_token"]
