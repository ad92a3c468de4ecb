"""Authlib's OAuth 2.0 / OpenID Connect client completes every flow of MT Login unchanged,
through real HTTP: code + PKCE (S256), id_token verified against the published JWKS, refresh
with rotation, userinfo, introspection (RFC 7662), revocation (RFC 7009) and RP-initiated logout
(OpenID Connect RP-Initiated Logout 1.0)."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

import pytest
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.httpx_client import OAuth2Client

from .browser import callback_params
from .checks import verify_id_token
from .conftest import PASSWORD, POST_LOGOUT_URI

pytestmark = pytest.mark.django_db(transaction=True)


def _authlib_client(provider, registered, scope="openid profile email phone cpf nivel") -> OAuth2Client:
    return provider.keep(
        OAuth2Client(
            client_id=registered.client_id,
            client_secret=registered.secret,
            scope=scope,
            redirect_uri=registered.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",
            timeout=30,
        )
    )


def _sign_in_with_authlib(
    provider, registered, person, browser, *, scope="openid profile email phone cpf nivel"
):
    client = _authlib_client(provider, registered, scope)
    verifier = generate_token(64)
    nonce = secrets.token_urlsafe(16)
    url, state = client.create_authorization_url(
        provider.discovery["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    callback = browser.authorize(url, cpf=person.cpf, password=PASSWORD)
    assert callback.headers["location"].startswith(registered.redirect_uri + "?")
    params = callback_params(callback)
    assert params["state"] == state
    assert "error" not in params, params
    token = client.fetch_token(
        provider.discovery["token_endpoint"],
        authorization_response=callback.headers["location"],
        state=state,
        code_verifier=verifier,
    )
    return client, token, nonce


def test_discovery_document_announces_what_relying_parties_need(provider):
    d = provider.discovery
    assert d["issuer"] == provider.url
    for endpoint in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "end_session_endpoint",
        "introspection_endpoint",
        "revocation_endpoint",
    ):
        assert d[endpoint].startswith(provider.url + "/"), endpoint
    assert "code" in d["response_types_supported"]
    assert "S256" in d["code_challenge_methods_supported"]
    assert {"RS256", "ES256"} <= set(d["id_token_signing_alg_values_supported"])
    assert {"openid", "profile", "email", "phone", "cpf", "empresas", "servidor", "nivel"} <= set(
        d["scopes_supported"]
    )
    assert {"sub", "cpf", "name", "email", "acr", "amr"} <= set(d["claims_supported"])
    kinds = {k["kty"] for k in provider.jwks["keys"]}
    assert {"RSA", "EC"} <= kinds, "the JWKS must publish an RSA and an EC P-256 key"
    assert all("d" not in k and "p" not in k for k in provider.jwks["keys"]), "private key material!"


def test_code_flow_with_pkce_refresh_userinfo_introspection_revocation_and_logout(
    provider, person, register_client
):
    registered = register_client()
    browser = provider.browser()
    client, token, nonce = _sign_in_with_authlib(provider, registered, person, browser)
    d = provider.discovery

    # id_token: signed with the client's algorithm by a key of the published JWKS, right claims
    claims = verify_id_token(
        token["id_token"],
        jwks=provider.jwks,
        issuer=provider.url,
        client_id=registered.client_id,
        nonce=nonce,
        access_token=token["access_token"],
    )
    assert claims["acr"] == "urn:mt:login:nivel:bronze"
    assert "pwd" in claims["amr"]
    assert token["token_type"].lower() == "bearer"
    assert token.get("refresh_token")
    assert set(token["scope"].split()) == {"openid", "profile", "email", "phone", "cpf", "nivel"}

    # userinfo: the same subject, the claims of the granted scopes
    info = client.get(d["userinfo_endpoint"])
    assert info.status_code == 200, info.text
    info = info.json()
    assert info["sub"] == claims["sub"]
    assert info["cpf"] == person.cpf
    assert info["name"] == person.full_name
    assert info["email"] == person.email
    assert info["email_verified"] is True
    assert info["phone_number"] == person.phone_number

    # introspection (RFC 7662) by the client itself
    first_access = token["access_token"]
    first_refresh = token["refresh_token"]
    active = client.introspect_token(d["introspection_endpoint"], token=first_access)
    assert active.status_code == 200, active.text
    body = active.json()
    assert body["active"] is True
    assert body["client_id"] == registered.client_id
    assert "openid" in body["scope"].split()
    assert body["exp"] > 0

    # refresh with rotation: a new pair; the old refresh token can no longer be used
    new = client.refresh_token(d["token_endpoint"], refresh_token=first_refresh)
    assert new["access_token"] != first_access
    assert new["refresh_token"] != first_refresh
    if "id_token" in new:
        refreshed = verify_id_token(
            new["id_token"],
            jwks=provider.jwks,
            issuer=provider.url,
            client_id=registered.client_id,
            nonce=None,
        )
        assert refreshed["sub"] == claims["sub"]
    info = client.get(d["userinfo_endpoint"])  # the client now carries the new token
    assert info.status_code == 200
    assert info.json()["sub"] == claims["sub"]

    # revocation (RFC 7009) of the new access token, seen by introspection and userinfo
    revoked = client.revoke_token(d["revocation_endpoint"], token=new["access_token"])
    assert revoked.status_code == 200, revoked.text
    assert client.introspect_token(d["introspection_endpoint"], token=new["access_token"]).json() == {
        "active": False
    }
    assert client.get(d["userinfo_endpoint"]).status_code == 401

    # RP-initiated logout with id_token_hint and a registered post_logout_redirect_uri
    logout_state = secrets.token_urlsafe(8)
    response = browser.get(
        d["end_session_endpoint"]
        + "?"
        + urlencode(
            {
                "id_token_hint": token["id_token"],
                "post_logout_redirect_uri": POST_LOGOUT_URI,
                "state": logout_state,
            }
        )
    )
    if response.status_code == 200:  # a confirmation page is allowed: the person confirms
        form = browser.form_with(response, button="allow")
        response = browser.submit(response, form, form.data(button="allow"))
    assert response.is_redirect, response.text[:500]
    assert response.headers["location"].startswith(POST_LOGOUT_URI)
    assert callback_params(response)["state"] == logout_state
    # ending the sign-in session revoked what was issued from it
    with pytest.raises(OAuthError) as after_logout:
        client.refresh_token(d["token_endpoint"], refresh_token=new["refresh_token"])
    assert after_logout.value.error == "invalid_grant"
    # the provider session has ended: a silent authentication now needs a sign-in
    url, state = client.create_authorization_url(
        d["authorization_endpoint"], code_verifier=generate_token(64), nonce="n", prompt="none"
    )
    silent = callback_params(browser.get(url))
    assert silent["error"] == "login_required"
    assert silent["state"] == state


def test_refresh_token_reuse_is_detected_and_revokes_the_rotated_tokens(provider, person, register_client):
    registered = register_client()
    client, token, _ = _sign_in_with_authlib(provider, registered, person, provider.browser())
    d = provider.discovery
    old_refresh = token["refresh_token"]
    new = client.refresh_token(d["token_endpoint"], refresh_token=old_refresh)

    with pytest.raises(OAuthError) as reused:
        client.refresh_token(d["token_endpoint"], refresh_token=old_refresh)
    assert reused.value.error == "invalid_grant"

    # reuse means theft: the whole family is revoked, including the rotated pair
    with pytest.raises(OAuthError) as after:
        client.refresh_token(d["token_endpoint"], refresh_token=new["refresh_token"])
    assert after.value.error == "invalid_grant"
    assert (
        client.introspect_token(d["introspection_endpoint"], token=new["access_token"]).json()["active"]
        is False
    )


def test_consent_is_remembered_per_client_and_scope(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    _sign_in_with_authlib(provider, registered, person, browser, scope="openid email")
    client = _authlib_client(provider, registered, scope="openid email")
    url, state = client.create_authorization_url(
        provider.discovery["authorization_endpoint"], code_verifier=generate_token(64), nonce="x"
    )
    again = browser.get(url)  # same client, same scopes, signed in: no consent page
    assert "code" in callback_params(again)
    assert callback_params(again)["state"] == state

    wider = _authlib_client(provider, registered, scope="openid email cpf")
    url, _ = wider.create_authorization_url(
        provider.discovery["authorization_endpoint"], code_verifier=generate_token(64), nonce="y"
    )
    asks = browser.get(url)  # a new scope: the person is asked again
    assert asks.status_code == 200
    browser.form_with(asks, button="allow")


def test_denied_consent_returns_access_denied_to_the_client(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    client = _authlib_client(provider, registered)
    url, state = client.create_authorization_url(
        provider.discovery["authorization_endpoint"], code_verifier=generate_token(64), nonce="n"
    )
    page = browser.get(url)
    page = browser.sign_in(page, cpf=person.cpf, password=PASSWORD)
    answer = browser.consent(page, allow=False)
    assert callback_params(answer)["error"] == "access_denied"
    assert callback_params(answer)["state"] == state


def test_empresas_servidor_and_nivel_reach_userinfo_but_not_the_id_token(provider, person, register_client):
    import datetime

    from plataforma.catalog.tests.factories import AgencyFactory
    from plataforma.common.documents import make_cnpj
    from plataforma.identity.companies.models import Company, CompanyTie
    from plataforma.identity.models import AgencyRole

    company = Company.objects.create(cnpj=make_cnpj("112223330001"), legal_name="Comércio Exemplo Ltda")
    CompanyTie.objects.create(
        company=company,
        user=person,
        role=CompanyTie.Role.LEGAL_REPRESENTATIVE,
        status=CompanyTie.Status.ACTIVE,
        expires_at=datetime.date(2030, 12, 31),
    )
    agency = AgencyFactory(acronym="SEFAZ-MT")
    AgencyRole.objects.create(user=person, agency=agency, role=AgencyRole.Role.ATTENDANT)
    registered = register_client(scopes="openid empresas servidor nivel")

    client, token, nonce = _sign_in_with_authlib(
        provider, registered, person, provider.browser(), scope="openid empresas servidor nivel"
    )
    claims = verify_id_token(
        token["id_token"],
        jwks=provider.jwks,
        issuer=provider.url,
        client_id=registered.client_id,
        nonce=nonce,
    )
    assert "empresas" not in claims
    assert "servidor" not in claims
    assert "cpf" not in claims  # not asked for, not released
    info = client.get(provider.discovery["userinfo_endpoint"]).json()
    assert info["empresas"] == [
        {
            "cnpj": company.cnpj,
            "razao_social": "Comércio Exemplo Ltda",
            "vinculo": "representante_legal",
            "validade": "2030-12-31",
        }
    ]
    assert info["servidor"] == [{"orgao": "SEFAZ-MT", "cnpj": agency.cnpj, "papeis": ["atendente"]}]
    assert info["nivel"] == "bronze"
    assert "email" not in info
    assert "cpf" not in info


def test_scopes_outside_the_registration_are_not_granted(provider, person, register_client):
    registered = register_client(scopes="openid email")
    client, token, _ = _sign_in_with_authlib(
        provider, registered, person, provider.browser(), scope="openid email cpf servidor"
    )
    assert set(token["scope"].split()) == {"openid", "email"}
    info = client.get(provider.discovery["userinfo_endpoint"]).json()
    assert "cpf" not in info
    assert "servidor" not in info


def test_client_credentials_for_an_agency_system(provider, register_client):
    from plataforma.identity.oidc.models import OIDCClient

    system = register_client(
        name="Integração SEFAZ",
        grant_type=OIDCClient.GRANT_CLIENT_CREDENTIALS,
        scopes="nivel",
        redirect_uri="",
        algorithm="",
    )
    client = provider.keep(OAuth2Client(client_id=system.client_id, client_secret=system.secret, timeout=30))
    token = client.fetch_token(provider.discovery["token_endpoint"], grant_type="client_credentials")
    assert token["token_type"].lower() == "bearer"
    assert "refresh_token" not in token
    assert "id_token" not in token
    body = client.introspect_token(
        provider.discovery["introspection_endpoint"], token=token["access_token"]
    ).json()
    assert body["active"] is True
    assert body["client_id"] == system.client_id
    assert "sub" not in body  # no person behind the token

    wrong = provider.keep(OAuth2Client(client_id=system.client_id, client_secret="errado", timeout=30))
    with pytest.raises(OAuthError) as refused:
        wrong.fetch_token(provider.discovery["token_endpoint"], grant_type="client_credentials")
    assert refused.value.error == "invalid_client"


def test_a_code_client_cannot_use_client_credentials(provider, register_client):
    registered = register_client()
    client = provider.keep(
        OAuth2Client(client_id=registered.client_id, client_secret=registered.secret, timeout=30)
    )
    with pytest.raises(OAuthError) as refused:
        client.fetch_token(provider.discovery["token_endpoint"], grant_type="client_credentials")
    assert refused.value.error in ("unauthorized_client", "unsupported_grant_type")


def test_acr_values_above_the_persons_level_with_prompt_none_is_interaction_required(
    provider, person, register_client
):
    registered = register_client()
    browser = provider.browser()
    _sign_in_with_authlib(provider, registered, person, browser)  # a bronze account, signed in
    client = _authlib_client(provider, registered)
    url, state = client.create_authorization_url(
        provider.discovery["authorization_endpoint"],
        code_verifier=generate_token(64),
        nonce="n",
        prompt="none",
        acr_values="urn:mt:login:nivel:prata",
    )
    params = callback_params(browser.get(url))
    assert params["error"] == "interaction_required"
    assert params["state"] == state

    url, _ = client.create_authorization_url(
        provider.discovery["authorization_endpoint"],
        code_verifier=generate_token(64),
        nonce="n",
        acr_values="urn:mt:login:nivel:prata",
    )
    step_up = browser.get(url)  # without prompt=none: the person is told how to raise the level
    assert not step_up.is_redirect or not step_up.headers["location"].startswith(registered.redirect_uri)
