"""Fixtures of the interoperability tests: a real provider on a live HTTP server (issuer = its
address), a person who can sign in, registered clients with their plaintext secrets, and the
discovery document as a relying party reads it."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from plataforma.identity.oidc.models import OIDCClient
from plataforma.identity.tests.factories import UserFactory

from .browser import Browser

PASSWORD = "senha-de-teste-123"
REDIRECT_URI = "https://rp.example.org/callback"
POST_LOGOUT_URI = "https://rp.example.org/signed-out"


@dataclass
class Provider:
    url: str  # the issuer
    discovery: dict
    jwks: dict
    clients: list = field(default_factory=list)  # HTTP clients to close when the test ends

    def browser(self) -> Browser:
        return self.keep(Browser(self.url))

    def keep(self, http_client):
        """Close `http_client` at the end of the test, so that no keep-alive connection holds a
        live-server thread open after the test's database is gone."""
        self.clients.append(http_client)
        return http_client


@dataclass
class RegisteredClient:
    obj: OIDCClient
    client_id: str
    secret: str  # plaintext, as the agency received it
    redirect_uri: str = REDIRECT_URI


@pytest.fixture
def provider(live_server) -> Iterator[Provider]:
    """The provider on a real threaded HTTP server. Its issuer is the server's address: the
    issuer comes from OAUTH2_PROVIDER["OIDC_ISS_ENDPOINT"] (and SITE_URL, the portal's public
    address), both pointed at the live server."""
    from plataforma.identity.oidc import keys

    cache.clear()  # rate-limit counters of earlier tests
    keys.invalidate_cache()  # signing keys of earlier tests were flushed with their database
    oauth2 = {**getattr(settings, "OAUTH2_PROVIDER", {}), "OIDC_ISS_ENDPOINT": live_server.url}
    with override_settings(SITE_URL=live_server.url, OAUTH2_PROVIDER=oauth2):
        discovery = httpx.get(f"{live_server.url}/.well-known/openid-configuration", timeout=30)
        assert discovery.status_code == 200, discovery.text[:500]
        document = discovery.json()
        jwks = httpx.get(document["jwks_uri"], timeout=30)
        assert jwks.status_code == 200, jwks.text[:500]
        provider = Provider(url=live_server.url, discovery=document, jwks=jwks.json())
        yield provider
        for http_client in provider.clients:
            http_client.close()


@pytest.fixture
def person():
    return UserFactory(email_verified_at=timezone.now(), phone_number="+5565999990000")


@pytest.fixture
def register_client() -> Callable[..., RegisteredClient]:
    """Register an application as the platform administrators do; keep the plaintext secret
    (the model stores only its hash)."""

    def make(
        *,
        name: str = "Sistema do órgão",
        client_type: str = OIDCClient.CLIENT_CONFIDENTIAL,
        grant_type: str = OIDCClient.GRANT_AUTHORIZATION_CODE,
        algorithm: str = OIDCClient.RS256,
        scopes: str = "openid profile email phone cpf nivel",
        redirect_uri: str = REDIRECT_URI,
        **extra,
    ) -> RegisteredClient:
        secret = secrets.token_urlsafe(48) if client_type == OIDCClient.CLIENT_CONFIDENTIAL else ""
        obj = OIDCClient(
            name=name,
            client_type=client_type,
            authorization_grant_type=grant_type,
            redirect_uris=redirect_uri,
            post_logout_redirect_uris=POST_LOGOUT_URI,
            algorithm=algorithm,
            allowed_scopes=scopes,
            client_secret=secret,
            **extra,
        )
        obj.save()
        assert obj.client_secret != secret or not secret, "the client secret must be stored hashed"
        return RegisteredClient(obj=obj, client_id=obj.client_id, secret=secret, redirect_uri=redirect_uri)

    return make
