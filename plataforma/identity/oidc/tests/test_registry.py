"""The client registry: validation rules, the admin for platform administrators, the command."""

from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from plataforma.common.models import AuditEvent
from plataforma.identity.oidc.models import OIDCClient
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(**kwargs):
    defaults = {
        "name": "App",
        "client_type": "confidential",
        "authorization_grant_type": "authorization-code",
        "redirect_uris": "https://app.example.org/cb",
        "allowed_scopes": "openid profile",
        "algorithm": "RS256",
    }
    return OIDCClient(**{**defaults, **kwargs})


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("redirect_uris", {"redirect_uris": "https://*.example.org/cb"}),
        ("redirect_uris", {"redirect_uris": "https://app.example.org/cb#frag"}),
        ("redirect_uris", {"redirect_uris": "http://app.example.org/cb"}),
        ("redirect_uris", {"redirect_uris": "https://user:pw@app.example.org/cb"}),
        ("redirect_uris", {"redirect_uris": "/relativo"}),
        ("redirect_uris", {"redirect_uris": ""}),
        ("post_logout_redirect_uris", {"post_logout_redirect_uris": "http://evil.example.org/"}),
        ("allowed_scopes", {"allowed_scopes": "openid admin"}),
        (
            "client_type",
            {"client_type": "public", "authorization_grant_type": "client-credentials", "redirect_uris": ""},
        ),
        ("sector_identifier", {"subject_type": "pairwise"}),
        ("authorization_grant_type", {"authorization_grant_type": "implicit"}),
        ("allowed_scopes", {"authorization_grant_type": "client-credentials", "redirect_uris": ""}),
    ],
)
def test_invalid_registrations_are_refused_on_the_right_field(field, kwargs):
    with pytest.raises(ValidationError) as error:
        _client(**kwargs).full_clean(exclude=["client_secret"])
    assert field in error.value.message_dict


def test_loopback_http_is_accepted_in_development():
    _client(redirect_uris="http://127.0.0.1:8080/cb http://localhost/cb").full_clean(
        exclude=["client_secret"]
    )


def test_the_command_registers_a_client_and_prints_the_secret_once():
    out = StringIO()
    call_command(
        "oidc_client_create",
        "--name",
        "Benchmark",
        "--grant",
        "client-credentials",
        "--scopes",
        "profile email",
        "--client-id",
        "bench-cc",
        stdout=out,
    )
    text = out.getvalue()
    secret = text.split("client_secret=")[1].strip()
    client = OIDCClient.objects.get(client_id="bench-cc")
    assert client.client_secret.startswith("mtlogin_secret_sha256$") and check_password(
        secret, client.client_secret
    )
    with pytest.raises(CommandError):
        call_command(
            "oidc_client_create", "--name", "X", "--redirect-uri", "http://evil.example.org/", stdout=out
        )
    call_command(
        "oidc_client_create",
        "--name",
        "App",
        "--public",
        "--redirect-uri",
        "https://a.example.org/cb",
        stdout=out,
    )
    assert "client_secret" not in out.getvalue().split("client_id=")[-1]


def test_platform_administrators_register_clients_in_the_admin_and_see_the_secret_once():
    admin = UserFactory(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin)
    data = {
        "name": "Saúde Digital",
        "client_type": "confidential",
        "authorization_grant_type": "authorization-code",
        "redirect_uris": "https://saude.example.org/cb",
        "post_logout_redirect_uris": "",
        "algorithm": "ES256",
        "subject_type": "public",
        "sector_identifier": "",
        "scopes": ["openid", "profile", "cpf"],
        "enabled": "on",
        "description": "",
        "contact_email": "",
    }
    response = browser.post("/administracao/oidc/oidcclient/add/", data)
    assert response.status_code == 200, response.content[:500]
    client = OIDCClient.objects.get(name="Saúde Digital")
    assert client.allowed_scopes == "openid profile cpf"
    page = response.content.decode()
    secret = page.split("<dt>client_secret</dt><dd><code>")[1].split("</code>")[0]
    assert check_password(secret, client.client_secret)
    assert AuditEvent.objects.filter(action="identity.oidc.client_create").exists()
    assert secret not in str(AuditEvent.objects.values_list("changes", flat=True))

    bad = browser.post(
        "/administracao/oidc/oidcclient/add/", {**data, "name": "Mau", "redirect_uris": "https://*.x.org/cb"}
    )
    assert bad.status_code == 200 and not OIDCClient.objects.filter(name="Mau").exists()
    assert "curingas" in bad.content.decode()


def test_people_who_are_not_administrators_cannot_reach_the_registry():
    browser = Client()
    browser.force_login(UserFactory())
    response = browser.get("/administracao/oidc/oidcclient/")
    assert response.status_code == 302 and "login" in response["Location"]
