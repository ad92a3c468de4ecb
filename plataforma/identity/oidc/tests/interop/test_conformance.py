"""What the OpenID Connect Basic OP conformance profile (and RFC 6749 / 7636 / 6819) expects
of the provider, checked over real HTTP with a plain HTTP client."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode

import httpx
import pytest

from .browser import callback_params
from .checks import id_token_header, verify_id_token
from .conftest import PASSWORD, POST_LOGOUT_URI, REDIRECT_URI

pytestmark = pytest.mark.django_db(transaction=True)


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _authorize_url(provider, registered, *, challenge: str | None, **extra) -> tuple[str, str, str]:
    state, nonce = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    params = {
        "response_type": "code",
        "client_id": registered.client_id,
        "redirect_uri": registered.redirect_uri,
        "scope": "openid profile email",
        "state": state,
        "nonce": nonce,
    }
    if challenge:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    params |= extra
    return f"{provider.discovery['authorization_endpoint']}?{urlencode(params)}", state, nonce


def _code(provider, registered, person, browser=None, **extra) -> tuple[str, str, str]:
    """Run the browser part; return (code, verifier, nonce)."""
    verifier, challenge = _pkce()
    url, state, nonce = _authorize_url(provider, registered, challenge=challenge, **extra)
    params = callback_params(
        (browser or provider.browser()).authorize(url, cpf=person.cpf, password=PASSWORD)
    )
    assert params.get("state") == state, params
    assert "code" in params, params
    return params["code"], verifier, nonce


def _token(provider, registered, secret: str | None = None, **data) -> httpx.Response:
    auth = (
        (registered.client_id, registered.secret if secret is None else secret) if registered.secret else None
    )
    if not registered.secret:
        data.setdefault("client_id", registered.client_id)
    return httpx.post(provider.discovery["token_endpoint"], data=data, auth=auth, timeout=30)


def _exchange(provider, registered, code, verifier, **extra) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": registered.redirect_uri}
    if verifier is not None:
        data["code_verifier"] = verifier
    return _token(provider, registered, **(data | extra))


def _oauth_error(response: httpx.Response, status: int, error: str) -> None:
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == error, response.json()
    assert "no-store" in response.headers.get("cache-control", "").lower()


def _userinfo(provider, access_token: str) -> httpx.Response:
    return httpx.get(
        provider.discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=30,
    )


def test_a_reused_code_is_rejected_and_what_it_issued_is_revoked(provider, person, register_client):
    registered = register_client()
    code, verifier, _ = _code(provider, registered, person)
    first = _exchange(provider, registered, code, verifier)
    assert first.status_code == 200, first.text
    tokens = first.json()
    assert _userinfo(provider, tokens["access_token"]).status_code == 200

    _oauth_error(_exchange(provider, registered, code, verifier), 400, "invalid_grant")

    assert _userinfo(provider, tokens["access_token"]).status_code == 401
    _oauth_error(
        _token(provider, registered, grant_type="refresh_token", refresh_token=tokens["refresh_token"]),
        400,
        "invalid_grant",
    )


@pytest.mark.parametrize(
    "bad_uri",
    [
        "https://evil.example.com/callback",
        REDIRECT_URI + "/extra",
        REDIRECT_URI + "?x=1",
        REDIRECT_URI.replace("https://", "http://"),
        "https://rp.example.org.evil.example.com/callback",
        "https://rp.example.org/Callback",
    ],
)
def test_an_unregistered_redirect_uri_is_never_redirected_to(provider, person, register_client, bad_uri):
    registered = register_client()
    browser = provider.browser()
    _code(provider, registered, person, browser)  # signed in, consent given
    url, _, _ = _authorize_url(provider, registered, challenge=_pkce()[1], redirect_uri=bad_uri)
    seen = len(browser.history)
    response = browser.get(url)
    assert not response.is_redirect, response.headers.get("location")
    assert response.status_code == 400, response.status_code
    assert all(not r.is_redirect for r in browser.history[seen:]), "redirected somewhere"


def test_an_unregistered_redirect_uri_is_refused_before_sign_in_too(provider, register_client):
    registered = register_client()
    browser = provider.browser()
    url, _, _ = _authorize_url(
        provider, registered, challenge=_pkce()[1], redirect_uri="https://evil.example.com/cb"
    )
    response = browser.get(url)
    assert not response.is_redirect
    assert all("evil.example.com" not in r.headers.get("location", "") for r in browser.history)


def test_a_missing_or_wrong_pkce_verifier_is_invalid_grant(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    code, _, _ = _code(provider, registered, person, browser)
    _oauth_error(_exchange(provider, registered, code, None), 400, "invalid_grant")
    code, verifier, _ = _code(provider, registered, person, browser)
    _oauth_error(
        _exchange(provider, registered, code, verifier[:-1] + ("B" if verifier.endswith("A") else "A")),
        400,
        "invalid_grant",
    )
    code, _, _ = _code(provider, registered, person, browser)
    _oauth_error(_exchange(provider, registered, code, _pkce()[0]), 400, "invalid_grant")


def test_a_public_client_must_use_pkce(provider, person, register_client):
    from plataforma.identity.oidc.models import OIDCClient

    public = register_client(client_type=OIDCClient.CLIENT_PUBLIC, name="Aplicativo MT Cidadão")
    browser = provider.browser()
    code, verifier, _ = _code(provider, public, person, browser)  # with PKCE: works, no secret
    assert _exchange(provider, public, code, verifier).status_code == 200

    url, state, _ = _authorize_url(provider, public, challenge=None)
    params = callback_params(browser.get(url))
    assert params["error"] == "invalid_request"
    assert params["state"] == state


def test_unknown_parameters_are_ignored(provider, person, register_client):
    registered = register_client()
    code, verifier, nonce = _code(
        provider, registered, person, extra_param="ignored", foo="bar", claims_locales="xx"
    )
    response = _exchange(provider, registered, code, verifier, unknown_token_param="ignored")
    assert response.status_code == 200, response.text
    claims = verify_id_token(
        response.json()["id_token"],
        jwks=provider.jwks,
        issuer=provider.url,
        client_id=registered.client_id,
        nonce=nonce,
    )
    assert claims["nonce"] == nonce


def test_prompt_none_without_a_session_answers_login_required_to_the_client(provider, register_client):
    registered = register_client()
    url, state, _ = _authorize_url(provider, registered, challenge=_pkce()[1], prompt="none")
    response = provider.browser().get(url)
    assert response.headers["location"].startswith(REDIRECT_URI + "?")
    params = callback_params(response)
    assert params["error"] == "login_required"
    assert params["state"] == state


def test_prompt_none_with_a_session_and_consent_returns_a_code_silently(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    _code(provider, registered, person, browser)
    verifier, challenge = _pkce()
    url, state, _ = _authorize_url(provider, registered, challenge=challenge, prompt="none")
    params = callback_params(browser.get(url))
    assert params["state"] == state
    assert _exchange(provider, registered, params["code"], verifier).status_code == 200


def test_prompt_none_without_consent_answers_consent_required(provider, person, register_client):
    first, second = register_client(name="Primeiro"), register_client(name="Segundo")
    browser = provider.browser()
    _code(provider, first, person, browser)  # signed in, but never consented to `second`
    url, state, _ = _authorize_url(provider, second, challenge=_pkce()[1], prompt="none")
    params = callback_params(browser.get(url))
    assert params["error"] in ("consent_required", "interaction_required")
    assert params["state"] == state


@pytest.mark.parametrize("alg, kty", [("RS256", "RSA"), ("ES256", "EC")])
def test_id_token_signed_with_the_clients_algorithm_and_nonce_echoed(
    provider, person, register_client, alg, kty
):
    registered = register_client(algorithm=alg)
    code, verifier, nonce = _code(provider, registered, person)
    response = _exchange(provider, registered, code, verifier)
    assert response.status_code == 200, response.text
    tokens = response.json()
    header = id_token_header(tokens["id_token"])
    assert header["alg"] == alg
    key = next(k for k in provider.jwks["keys"] if k["kid"] == header["kid"])
    assert key["kty"] == kty
    claims = verify_id_token(
        tokens["id_token"],
        jwks=provider.jwks,
        issuer=provider.url,
        client_id=registered.client_id,
        nonce=nonce,
        access_token=tokens["access_token"],
        algorithms=(alg,),
    )
    assert claims["nonce"] == nonce
    # a tampered token no longer verifies
    head, body, sig = tokens["id_token"].split(".")
    forged = ".".join([head, body, sig[:-4] + ("AAAA" if sig[-4:] != "AAAA" else "BBBB")])
    with pytest.raises(Exception):  # noqa: B017 - joserfc's BadSignatureError or a decode error
        verify_id_token(
            forged, jwks=provider.jwks, issuer=provider.url, client_id=registered.client_id, nonce=nonce
        )


def test_a_wrong_client_secret_is_401_invalid_client(provider, person, register_client):
    registered = register_client()
    code, verifier, _ = _code(provider, registered, person)
    response = _token(
        provider,
        registered,
        secret="not-the-secret",
        grant_type="authorization_code",
        code=code,
        redirect_uri=registered.redirect_uri,
        code_verifier=verifier,
    )
    _oauth_error(response, 401, "invalid_client")
    assert response.headers.get("www-authenticate", "").lower().startswith("basic")
    # the code was not consumed by the failed attempt
    assert _exchange(provider, registered, code, verifier).status_code == 200


def test_a_code_is_bound_to_its_client(provider, person, register_client):
    mine, other = register_client(name="Meu"), register_client(name="Outro")
    code, verifier, _ = _code(provider, mine, person)
    _oauth_error(_exchange(provider, other, code, verifier), 400, "invalid_grant")


@pytest.mark.parametrize(
    "body, content_type",
    [
        ({"grant_type": "magic"}, None),
        ({}, None),
        ({"grant_type": "authorization_code", "code": "nope", "redirect_uri": REDIRECT_URI}, None),
        ({"grant_type": "refresh_token", "refresh_token": "x" * 5000}, None),
        ({"grant_type": "authorization_code", "code": "\x00\x01", "redirect_uri": "\ud7ff"}, None),
        (b"\xff\xfe garbage {{{", "application/x-www-form-urlencoded"),
        (b'{"grant_type": "client_credentials"}', "application/json"),
    ],
)
def test_garbage_to_the_token_endpoint_is_a_400_json_error(provider, register_client, body, content_type):
    registered = register_client()
    url = provider.discovery["token_endpoint"]
    auth = (registered.client_id, registered.secret)
    if isinstance(body, bytes):
        response = httpx.post(
            url, content=body, headers={"Content-Type": content_type}, auth=auth, timeout=30
        )
    else:
        response = httpx.post(url, data=body, auth=auth, timeout=30)
    assert response.status_code == 400, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] in (
        "invalid_request",
        "unsupported_grant_type",
        "invalid_grant",
    )


def test_missing_and_malformed_bearer_tokens_are_401_at_userinfo(provider):
    for authorization in (
        None,
        "Bearer abc",
        "Bearer " + "x" * 5000,
        "Bearer eyJhbGciOiJub25lIn0.e30.",
        "Basic YTpi",
    ):
        headers = {"Authorization": authorization} if authorization else {}
        response = httpx.get(provider.discovery["userinfo_endpoint"], headers=headers, timeout=30)
        assert response.status_code == 401, (authorization and authorization[:12], response.status_code)
        assert response.headers.get("www-authenticate", "").lower().startswith("bearer")


def test_key_rotation_publishes_old_and_new_keys_during_the_overlap(provider, person, register_client):
    from plataforma.identity.oidc import keys

    registered = register_client(algorithm="RS256")
    browser = provider.browser()
    code, verifier, nonce = _code(provider, registered, person, browser)
    before = _exchange(provider, registered, code, verifier).json()["id_token"]
    old_kid = id_token_header(before)["kid"]

    keys.rotate("RS256")  # publishes the next key
    keys.rotate("RS256")  # next becomes active, the old one is retired but still published
    jwks = httpx.get(provider.discovery["jwks_uri"], timeout=30).json()
    kids = {k["kid"] for k in jwks["keys"] if k["kty"] == "RSA"}
    assert old_kid in kids
    assert len(kids) >= 3, "retired, active and next RSA keys must all be published"
    verify_id_token(before, jwks=jwks, issuer=provider.url, client_id=registered.client_id, nonce=nonce)

    code, verifier, nonce = _code(provider, registered, person, browser)
    after = _exchange(provider, registered, code, verifier).json()["id_token"]
    assert id_token_header(after)["kid"] != old_kid
    verify_id_token(after, jwks=jwks, issuer=provider.url, client_id=registered.client_id, nonce=nonce)


def test_logout_never_redirects_to_an_unregistered_address(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    code, verifier, _ = _code(provider, registered, person, browser)
    id_token = _exchange(provider, registered, code, verifier).json()["id_token"]
    seen = len(browser.history)
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": "https://evil.example.com/", "state": "s"}
    )
    response = browser.get(f"{provider.discovery['end_session_endpoint']}?{query}")
    assert all("evil.example.com" not in r.headers.get("location", "") for r in browser.history[seen:])
    assert response.status_code in (200, 400), response.status_code


def test_logout_with_a_forged_id_token_hint_is_refused(provider, person, register_client):
    registered = register_client()
    browser = provider.browser()
    code, verifier, _ = _code(provider, registered, person, browser)
    id_token = _exchange(provider, registered, code, verifier).json()["id_token"]
    head, body, sig = id_token.split(".")
    forged = f"{head}.{body}.{sig[::-1]}"
    query = urlencode({"id_token_hint": forged, "post_logout_redirect_uri": POST_LOGOUT_URI})
    response = browser.get(f"{provider.discovery['end_session_endpoint']}?{query}")
    assert not response.is_redirect
    assert response.status_code == 400
