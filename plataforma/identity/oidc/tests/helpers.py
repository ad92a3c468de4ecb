"""Helpers of the provider's tests: clients, a signed-in browser, PKCE, the code flow."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.utils import timezone
from jwcrypto import jwk, jwt

from plataforma.identity.auth_flow import SIGN_IN_SESSION_KEY
from plataforma.identity.models import SignInSession
from plataforma.identity.oidc.models import Consent, OIDCClient

REDIRECT_URI = "https://rp.example.org/callback"
LOGOUT_URI = "https://rp.example.org/signed-out"
ISSUER = "http://127.0.0.1:8000"


@dataclass
class Registered:
    obj: OIDCClient
    client_id: str
    secret: str


def register(
    *,
    client_type: str = OIDCClient.CLIENT_CONFIDENTIAL,
    grant: str = OIDCClient.GRANT_AUTHORIZATION_CODE,
    algorithm: str = OIDCClient.RS256,
    scopes: str = "openid profile email phone cpf nivel",
    redirect_uri: str = REDIRECT_URI,
    **extra,
) -> Registered:
    secret = secrets.token_urlsafe(48) if client_type == OIDCClient.CLIENT_CONFIDENTIAL else ""
    obj = OIDCClient(
        name=extra.pop("name", "Sistema do órgão"),
        client_type=client_type,
        authorization_grant_type=grant,
        redirect_uris=redirect_uri if grant == OIDCClient.GRANT_AUTHORIZATION_CODE else "",
        post_logout_redirect_uris=LOGOUT_URI,
        algorithm=algorithm,
        allowed_scopes=scopes,
        client_secret=secret,
        **extra,
    )
    obj.full_clean(exclude=["client_secret"])
    obj.save()
    return Registered(obj=obj, client_id=obj.client_id, secret=secret)


def signed_in(user, *, acr: str | None = None, amr=("pwd",), auth_time: datetime | None = None):
    """A test client signed in as `user` with an MT Login sign-in session."""
    browser = Client()
    browser.force_login(user)
    session = browser.session
    sign_in = SignInSession.objects.create(
        user=user,
        session_key=session.session_key,
        amr=list(amr),
        acr=acr or user.level,
        auth_time=auth_time or timezone.now(),
    )
    session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    session.save()
    browser.sign_in = sign_in
    return browser


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_params(registered: Registered, challenge: str, **extra) -> dict:
    params = {
        "response_type": "code",
        "client_id": registered.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email",
        "state": "estado-123",
        "nonce": "nonce-456",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    params.update(extra)
    return {k: v for k, v in params.items() if v is not None}


def callback(response) -> dict:
    assert response.status_code == 302, (response.status_code, getattr(response, "content", b"")[:300])
    location = response["Location"]
    assert location.startswith(REDIRECT_URI), location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def grant_consent(user, registered: Registered, scopes="openid profile email") -> None:
    Consent.objects.create(user=user, client=registered.obj, scopes=scopes.split())


def get_code(browser, registered: Registered, **extra) -> tuple[str, str]:
    """Run the authorization request with consent already given; return (code, verifier)."""
    verifier, challenge = pkce()
    response = browser.get("/o/authorize/", authorize_params(registered, challenge, **extra))
    params = callback(response)
    assert "code" in params, params
    return params["code"], verifier


def token_request(client: Client, registered: Registered, **data):
    if registered.secret:
        credentials = base64.b64encode(f"{registered.client_id}:{registered.secret}".encode()).decode()
        return client.post("/o/token/", data, HTTP_AUTHORIZATION=f"Basic {credentials}")
    return client.post("/o/token/", {**data, "client_id": registered.client_id})


def exchange(registered: Registered, code: str, verifier: str):
    return token_request(
        Client(),
        registered,
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT_URI,
        code_verifier=verifier,
    )


def basic(registered: Registered) -> str:
    return "Basic " + base64.b64encode(f"{registered.client_id}:{registered.secret}".encode()).decode()


def verify_id_token(id_token: str, jwks: dict, *, audience: str) -> dict:
    """Verify with jwcrypto against the published JWKS, by kid; return the claims."""
    keyset = jwk.JWKSet.from_json(json.dumps(jwks))
    token = jwt.JWT(
        jwt=id_token, key=keyset, expected_type="JWS", check_claims={"iss": ISSUER, "aud": audience}
    )
    return json.loads(token.claims)


def header_of(id_token: str) -> dict:
    segment = id_token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
