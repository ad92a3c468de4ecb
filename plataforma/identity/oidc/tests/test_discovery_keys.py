"""Discovery document, JWKS content and key rotation with overlap."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from plataforma.common import crypto
from plataforma.identity.oidc import keys
from plataforma.identity.oidc.models import SigningKey
from plataforma.identity.tests.factories import UserFactory

from .helpers import (
    ISSUER,
    exchange,
    get_code,
    grant_consent,
    header_of,
    register,
    signed_in,
    verify_id_token,
)

pytestmark = pytest.mark.django_db


def test_discovery_document():
    response = Client().get("/.well-known/openid-configuration")
    assert response.status_code == 200
    doc = response.json()
    assert doc["issuer"] == ISSUER
    assert doc["authorization_endpoint"] == f"{ISSUER}/o/authorize/"
    assert doc["token_endpoint"] == f"{ISSUER}/o/token/"
    assert doc["userinfo_endpoint"] == f"{ISSUER}/o/userinfo/"
    assert doc["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert doc["introspection_endpoint"] == f"{ISSUER}/o/introspect/"
    assert doc["revocation_endpoint"] == f"{ISSUER}/o/revoke/"
    assert doc["end_session_endpoint"] == f"{ISSUER}/o/logout/"
    assert doc["id_token_signing_alg_values_supported"] == ["RS256", "ES256"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["response_types_supported"] == ["code"]
    assert doc["subject_types_supported"] == ["public", "pairwise"]
    assert set(doc["grant_types_supported"]) == {"authorization_code", "refresh_token", "client_credentials"}
    assert set(doc["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
        "none",
    }
    assert doc["acr_values_supported"] == [f"urn:mt:login:nivel:{n}" for n in ("bronze", "prata", "ouro")]
    assert set(doc["scopes_supported"]) == {
        "openid",
        "profile",
        "email",
        "phone",
        "cpf",
        "empresas",
        "servidor",
        "nivel",
        "solicitacoes",
        "agendamentos",
        "manifestacoes",
    }
    assert {"sub", "cpf", "name", "social_name", "email_verified", "acr", "amr", "auth_time"} <= set(
        doc["claims_supported"]
    )
    assert doc["claims_parameter_supported"] is False and doc["request_parameter_supported"] is False
    assert doc["ui_locales_supported"] == ["pt-BR"]
    assert set(doc["prompt_values_supported"]) == {"none", "login", "consent", "select_account"}
    assert Client().get("/.well-known/openid-configuration/").status_code == 200


def test_jwks_publishes_public_keys_only_with_kid_use_and_alg():
    jwks = Client().get("/.well-known/jwks.json").json()
    by_alg = {k["alg"]: k for k in jwks["keys"]}
    assert set(by_alg) == {"RS256", "ES256"}
    assert (
        by_alg["RS256"]["kty"] == "RSA"
        and by_alg["ES256"]["kty"] == "EC"
        and by_alg["ES256"]["crv"] == "P-256"
    )
    for key in jwks["keys"]:
        assert key["use"] == "sig" and key["kid"]
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key), "private material published"


def test_private_keys_are_encrypted_at_rest():
    keys.active_key("RS256")
    row = SigningKey.objects.get(algorithm="RS256")
    assert "PRIVATE KEY" not in row.private_pem_encrypted
    assert "PRIVATE KEY" in crypto.decrypt(row.private_pem_encrypted)


def test_active_keys_are_created_once():
    first = keys.active_key("ES256").kid
    keys.invalidate_cache()
    assert keys.active_key("ES256").kid == first
    assert keys.ensure_active("ES256").kid == first
    assert SigningKey.objects.filter(algorithm="ES256", state="active").count() == 1


def test_rotation_keeps_old_id_tokens_verifiable_during_the_overlap():
    user = UserFactory()
    registered = register()
    grant_consent(user, registered)
    code, verifier = get_code(signed_in(user), registered)
    old_token = exchange(registered, code, verifier).json()["id_token"]
    old_kid = header_of(old_token)["kid"]

    out = StringIO()
    call_command("oidc_rotate_keys", stdout=out)  # publishes a next key
    call_command("oidc_rotate_keys", "--algorithm", "RS256", stdout=out)  # next becomes active
    assert "RS256: active=" in out.getvalue()

    assert SigningKey.objects.get(kid=old_kid).state == SigningKey.State.RETIRED
    jwks = Client().get("/.well-known/jwks.json").json()
    states = {row.kid: row.state for row in SigningKey.objects.filter(algorithm="RS256")}
    assert set(states.values()) == {"retired", "active", "next"}
    assert {k["kid"] for k in jwks["keys"] if k["alg"] == "RS256"} == set(states)
    assert verify_id_token(old_token, jwks, audience=registered.client_id)["sub"] == str(user.pk)
    assert keys.verify_id_token(old_token)["sub"] == str(user.pk)  # id_token_hint at logout

    code, verifier = get_code(signed_in(user), registered)
    new_token = exchange(registered, code, verifier).json()["id_token"]
    assert (
        header_of(new_token)["kid"]
        == SigningKey.objects.get(algorithm="RS256", state="active").kid
        != old_kid
    )

    # after the overlap the retired key is no longer published
    SigningKey.objects.filter(kid=old_kid).update(retired_at=timezone.now() - timedelta(days=30))
    keys.invalidate_cache()
    jwks = Client().get("/.well-known/jwks.json").json()
    assert old_kid not in {k["kid"] for k in jwks["keys"]}


@override_settings(MTLOGIN_OIDC={"KEY_CACHE_SECONDS": 3600})
def test_a_key_rotated_by_another_process_is_found_by_kid():
    keys.active_key("RS256")
    cached = {k.kid for k in keys.published_keys()}
    other = keys._new_key("RS256", SigningKey.State.NEXT)  # as another web process would
    other.save()
    assert other.kid not in cached
    assert keys.public_key_for_kid(other.kid) is not None
    assert json.loads(keys.public_key_for_kid(other.kid).export_public())["kty"] == "RSA"


def test_the_beat_tasks_rotate_keys_and_clear_old_authorization_contexts():
    from plataforma.identity.oidc import tasks
    from plataforma.identity.oidc.models import AuthorizationContext

    result = tasks.rotate_signing_keys()
    assert set(result) == {"RS256", "ES256"}
    assert SigningKey.objects.filter(state="next").count() == 2
    user = UserFactory()
    registered = register()
    AuthorizationContext.objects.create(
        code_hash="a" * 64,
        client=registered.obj,
        user=user,
        acr="bronze",
        auth_time=timezone.now(),
        created_at=timezone.now() - timedelta(days=2),
    )
    tasks.clear_expired_tokens()
    assert not AuthorizationContext.objects.exists()
