"""The developers' page explains the integration and shows the endpoints of the discovery
document that relying parties really read."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _mounted():
    try:
        reverse("developers:mt_login")
    except NoReverseMatch:  # not mounted by the project yet: mount it as the project will
        with override_settings(ROOT_URLCONF="plataforma.identity.oidc.tests.interop.urls"):
            yield
        return
    yield


def test_the_page_renders_in_portuguese_with_the_real_endpoints(client):
    discovery = client.get("/.well-known/openid-configuration")
    assert discovery.status_code == 200
    document = discovery.json()

    response = client.get(reverse("developers:mt_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Integrar um sistema ao MT Login" in html
    for key in (
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "introspection_endpoint",
        "revocation_endpoint",
        "end_session_endpoint",
    ):
        assert f'<code class="developers-url">{document[key]}</code>' in html or (
            key == "issuer" and document[key] in html
        ), key
    for scope in ("openid", "cpf", "empresas", "servidor", "nivel"):
        assert f"<code>{scope}</code>" in html
    for claim in (
        "sub",
        "cpf",
        "name",
        "social_name",
        "email",
        "email_verified",
        "phone_number",
        "acr",
        "amr",
    ):
        assert f"<code>{claim}</code>" in html, claim
    assert "urn:mt:login:nivel:prata" in html
    assert "code_challenge_method=S256" in html


def test_the_page_has_no_inline_script_or_style(client):
    html = client.get(reverse("developers:mt_login")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline <script>"
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_the_page_answers_only_get(client):
    assert client.post(reverse("developers:mt_login")).status_code == 405
