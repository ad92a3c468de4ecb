"""pyoidc (the `oic` package, an OpenID Foundation-tested relying-party library written
independently of Authlib) completes the code + PKCE flow, refresh and userinfo unchanged. pyoidc
reads the provider configuration from the issuer, loads the JWKS and verifies the id_token's
signature, issuer, audience, expiry, nonce and at_hash itself."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import pytest
from oic.oauth2.message import ErrorResponse
from oic.oic import Client
from oic.oic.message import AccessTokenResponse, AuthorizationResponse, IdToken, RegistrationResponse
from oic.utils.authn.client import CLIENT_AUTHN_METHOD

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _pyoidc_client(provider, registered, alg="RS256") -> Client:
    client = Client(client_authn_method=CLIENT_AUTHN_METHOD)
    client.provider_config(provider.url)  # discovery; fails on an issuer mismatch
    client.store_registration_info(
        RegistrationResponse(
            client_id=registered.client_id,
            client_secret=registered.secret,
            redirect_uris=[registered.redirect_uri],
            token_endpoint_auth_method="client_secret_basic",
            id_token_signed_response_alg=alg,
        )
    )
    client.redirect_uris = [registered.redirect_uri]
    return client


def _authorize(client, provider, registered, person, browser, *, scope=("openid", "profile", "email", "cpf")):
    state, nonce = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    pkce, verifier = client.add_code_challenge()
    request = client.construct_AuthorizationRequest(
        request_args={
            "client_id": registered.client_id,
            "response_type": "code",
            "scope": list(scope),
            "redirect_uri": registered.redirect_uri,
            "state": state,
            "nonce": nonce,
            **pkce,
        }
    )
    client.state2nonce[state] = nonce  # pyoidc then checks the id_token's nonce on its own
    callback = browser.authorize(
        request.request(client.authorization_endpoint), cpf=person.cpf, password=PASSWORD
    )
    location = callback.headers["location"]
    assert location.startswith(registered.redirect_uri)
    response = client.parse_response(
        AuthorizationResponse, info=urlsplit(location).query, sformat="urlencoded"
    )
    assert isinstance(response, AuthorizationResponse), response
    assert response["state"] == state
    return state, nonce, verifier, response["code"]


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_pyoidc_code_flow_with_pkce_refresh_and_userinfo(provider, person, register_client, alg):
    registered = register_client(algorithm=alg)
    client = _pyoidc_client(provider, registered, alg)
    state, nonce, verifier, code = _authorize(client, provider, registered, person, provider.browser())

    tokens = client.do_access_token_request(
        state=state,
        request_args={"code": code, "code_verifier": verifier, "redirect_uri": registered.redirect_uri},
        authn_method="client_secret_basic",
    )
    assert isinstance(tokens, AccessTokenResponse), tokens.to_dict()
    id_token = tokens["id_token"]
    assert isinstance(id_token, IdToken)  # parsed AND verified against the provider's JWKS
    assert id_token.jws_header["alg"] == alg
    assert id_token["nonce"] == nonce
    assert id_token["iss"] == provider.url
    assert registered.client_id in id_token["aud"]
    assert "pwd" in id_token["amr"]
    client.verify_id_token(id_token, {"nonce": nonce, "response_type": ["code"]})

    info = client.do_user_info_request(state=state, method="GET")
    assert not isinstance(info, ErrorResponse), info.to_dict()
    assert info["sub"] == id_token["sub"]
    assert info["cpf"] == person.cpf
    assert info["email"] == person.email

    first_access = tokens["access_token"]
    refreshed = client.do_access_token_refresh(state=state, authn_method="client_secret_basic")
    assert isinstance(refreshed, AccessTokenResponse), refreshed.to_dict()
    assert refreshed["access_token"] != first_access
    assert refreshed["refresh_token"] != tokens["refresh_token"]
    info = client.do_user_info_request(state=state, method="GET")  # with the refreshed token
    assert not isinstance(info, ErrorResponse), info.to_dict()
    assert info["sub"] == id_token["sub"]


def test_pyoidc_receives_invalid_grant_for_a_replayed_code(provider, person, register_client):
    registered = register_client()
    client = _pyoidc_client(provider, registered)
    state, _, verifier, code = _authorize(client, provider, registered, person, provider.browser())
    args = {"code": code, "code_verifier": verifier, "redirect_uri": registered.redirect_uri}
    first = client.do_access_token_request(state=state, request_args=args, authn_method="client_secret_basic")
    assert isinstance(first, AccessTokenResponse)
    again = client.do_access_token_request(state=state, request_args=args, authn_method="client_secret_basic")
    assert isinstance(again, ErrorResponse)
    assert again["error"] == "invalid_grant"
