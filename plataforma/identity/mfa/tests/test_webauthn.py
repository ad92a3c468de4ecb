"""Security keys and passkeys, driven end to end with a software authenticator: registration,
the second step of sign-in, and the answers that must be refused (wrong origin or RP ID, unknown
credential, replayed challenge, signature counter going backwards, malformed input)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from plataforma.identity.mfa.models import WebAuthnCredential
from plataforma.identity.mfa.selectors import has_second_factor
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.tests.factories import UserFactory

from .conftest import CHALLENGE, NEXT_URL, sign_in, start_pending
from .soft_authenticator import NotAllowed, SoftAuthenticator, b64url

pytestmark = pytest.mark.django_db
REGISTER = "/conta/segundo-fator/chaves/nova/"
REGISTER_OPTIONS = "/conta/segundo-fator/chaves/nova/opcoes/"
AUTH_OPTIONS = "/conta/segundo-fator/verificar/chave/opcoes/"
AUTH = "/conta/segundo-fator/verificar/chave/"


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def register(client, authenticator, name="Chave USB", **create_kwargs):
    options = post_json(client, REGISTER_OPTIONS, {"name": name})
    assert options.status_code == 200, options.content
    return post_json(client, REGISTER, {"credential": authenticator.create(options.json(), **create_kwargs)})


def registered_key(user, **kwargs) -> SoftAuthenticator:
    authenticator = SoftAuthenticator(**kwargs)
    browser = Client()
    sign_in(browser, user)
    assert register(browser, authenticator).status_code == 200
    return authenticator


def sign_in_with_key(client, authenticator, **get_kwargs):
    options = post_json(client, AUTH_OPTIONS, {})
    assert options.status_code == 200, options.content
    return post_json(client, AUTH, {"credential": authenticator.get(options.json(), **get_kwargs)})


# --- registration ------------------------------------------------------------------------------


def test_a_key_is_registered_with_the_options_the_issue_asks_for(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in(client, user)
    page = client.get(REGISTER).content.decode()
    assert 'data-mfa-webauthn="register"' in page and "mfa/webauthn.js" in page
    assert "<script>" not in page and "style=" not in page

    options = post_json(client, REGISTER_OPTIONS, {"name": "Chave USB azul"}).json()
    assert options["rp"] == {"id": "testserver", "name": "MT Login"}
    assert options["attestation"] == "none"
    assert options["authenticatorSelection"]["residentKey"] == "preferred"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["user"]["id"] == b64url(user.pk.bytes)
    assert options["user"]["name"] == user.masked_cpf and user.cpf not in json.dumps(options)
    assert options["excludeCredentials"] == []

    authenticator = SoftAuthenticator()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, REGISTER, {"credential": authenticator.create(options)})
    assert response.status_code == 200 and response.json() == {"redirect": "/conta/segundo-fator/"}
    key = WebAuthnCredential.objects.get(user=user)
    assert key.name == "Chave USB azul" and key.credential_id == authenticator.id
    assert bytes(key.public_key) == authenticator.cose_public_key()
    assert key.sign_count == 0 and key.transports == ["usb", "nfc"]
    assert has_second_factor(user=user)
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.WEBAUTHN_ADDED)
    assert event.details == {"name": "Chave USB azul"}
    assert len(mailoutbox) == 1 and "Chave de segurança cadastrada" in mailoutbox[0].subject
    assert "Chave USB azul" in mailoutbox[0].body


def test_a_registered_key_is_excluded_and_cannot_be_registered_twice(client, user):
    sign_in(client, user)
    authenticator = SoftAuthenticator()
    assert register(client, authenticator).status_code == 200
    options = post_json(client, REGISTER_OPTIONS, {"name": "De novo"}).json()
    assert [item["id"] for item in options["excludeCredentials"]] == [authenticator.id]
    with pytest.raises(NotAllowed):
        authenticator.create(options)
    # A browser that ignored the exclusion list is still refused by the server.
    options["excludeCredentials"] = []
    response = post_json(client, REGISTER, {"credential": authenticator.create(options)})
    assert (
        response.status_code == 400
        and response.json()["error"] == "Esta chave de segurança já está cadastrada."
    )
    assert WebAuthnCredential.objects.filter(user=user).count() == 1


def test_the_name_is_checked_before_the_browser_is_asked(client, user):
    sign_in(client, user)
    for body in ({"name": ""}, {"name": "x" * 61}, {}, []):
        response = post_json(client, REGISTER_OPTIONS, body)
        assert response.status_code == 400 and response.json()["field"] == "name"
    # Without options there is no challenge to answer.
    fake = SoftAuthenticator().create(
        {"challenge": b64url(b"x" * 32), "rp": {"id": "testserver"}, "user": {"id": "AA"}}
    )
    response = post_json(client, REGISTER, {"credential": fake})
    assert response.status_code == 400 and "expirou" in response.json()["error"]


@pytest.mark.parametrize(
    "create_kwargs",
    [
        {"origin": "https://testserver.mal.example"},
        {"origin": "http://testserver:8443"},
        {"rp_id": "mal.example"},
    ],
)
def test_a_registration_from_another_origin_or_rp_is_refused(client, user, create_kwargs):
    sign_in(client, user)
    response = register(client, SoftAuthenticator(), **create_kwargs)
    assert response.status_code == 400
    assert response.json()["error"] == "Não foi possível confirmar a chave de segurança. Tente de novo."
    assert not WebAuthnCredential.objects.exists()


def test_a_registration_challenge_is_answered_only_once(client, user):
    sign_in(client, user)
    options = post_json(client, REGISTER_OPTIONS, {"name": "Primeira"}).json()
    first = SoftAuthenticator().create(options)
    assert post_json(client, REGISTER, {"credential": first}).status_code == 200
    second = SoftAuthenticator().create(options)  # another key answering the same, spent challenge
    response = post_json(client, REGISTER, {"credential": second})
    assert response.status_code == 400 and "expirou ou já foi usado" in response.json()["error"]
    assert WebAuthnCredential.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"credential": "x"}',
        b'{"credential": {}}',
        json.dumps(
            {
                "credential": {
                    "id": "AA",
                    "rawId": "AA",
                    "type": "public-key",
                    "response": {"clientDataJSON": "%%%", "attestationObject": "AA"},
                }
            }
        ).encode(),
        json.dumps({"credential": {"id": "A" * 100_000}}).encode(),
    ],
)
def test_malformed_registration_answers_are_refused_with_400(client, user, body):
    sign_in(client, user)
    post_json(client, REGISTER_OPTIONS, {"name": "Chave"})
    response = client.post(REGISTER, data=body, content_type="application/json")
    assert response.status_code == 400 and "error" in response.json()
    assert not WebAuthnCredential.objects.exists()


def test_the_attestation_must_match_the_challenge_even_with_the_right_origin(client, user):
    sign_in(client, user)
    options = post_json(client, REGISTER_OPTIONS, {"name": "Chave"}).json()
    options["challenge"] = b64url(b"outro desafio qualquer, de 32 b!")
    response = post_json(client, REGISTER, {"credential": SoftAuthenticator().create(options)})
    assert response.status_code == 400 and not WebAuthnCredential.objects.exists()


# --- second step of sign-in ------------------------------------------------------------------


def test_the_second_step_with_a_key_signs_in_with_hwk_and_mfa(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    page = client.get(CHALLENGE).content.decode()
    assert 'data-mfa-webauthn="authenticate"' in page and re.search(
        r"<form[^>]+data-mfa-webauthn[^>]+hidden", page
    )
    assert "<script>" not in page and "style=" not in page

    options = post_json(client, AUTH_OPTIONS, {}).json()
    assert options["rpId"] == "testserver" and options["userVerification"] == "preferred"
    assert [item["id"] for item in options["allowCredentials"]] == [authenticator.id]
    response = post_json(client, AUTH, {"credential": authenticator.get(options)})
    assert response.status_code == 200 and response.json() == {"redirect": NEXT_URL}
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SignInSession.objects.get(pk=client.session["mtlogin_sid"]).amr == ["pwd", "hwk", "mfa"]
    key = WebAuthnCredential.objects.get(user=user)
    assert key.sign_count == 1 and key.last_used_at is not None


def test_an_assertion_from_another_origin_is_refused(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    response = sign_in_with_key(client, authenticator, origin="https://phishing.example")
    assert response.status_code == 400 and "error" in response.json()
    assert "_auth_user_id" not in client.session
    assert WebAuthnCredential.objects.get(user=user).sign_count == 0
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED).count() == 1


def test_an_assertion_for_another_rp_id_is_refused(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    assert sign_in_with_key(client, authenticator, rp_id="mal.example").status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_unknown_credential_is_refused(client, user):
    registered_key(user)
    someone_else = UserFactory()
    their_key = registered_key(someone_else)
    stranger = SoftAuthenticator()
    start_pending(client, user)
    for authenticator in (stranger, their_key):
        response = sign_in_with_key(client, authenticator, ignore_allow_list=True)
        assert response.status_code == 400
        assert response.json()["error"] == "Esta chave de segurança não está cadastrada nesta conta."
    assert "_auth_user_id" not in client.session


def test_a_signature_by_another_key_under_a_registered_id_is_refused(client, user):
    authenticator = registered_key(user)
    impostor = SoftAuthenticator()
    impostor.credential_id = authenticator.credential_id  # same id, different private key
    start_pending(client, user)
    assert sign_in_with_key(client, impostor).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_replayed_challenge_or_assertion_is_refused(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    options = post_json(client, AUTH_OPTIONS, {}).json()
    captured = authenticator.get(options)
    assert post_json(client, AUTH, {"credential": captured}).status_code == 200

    # The same answer, replayed by another browser in the middle of a sign-in of the account.
    attacker = Client()
    start_pending(attacker, user)
    response = post_json(attacker, AUTH, {"credential": captured})  # no challenge issued to it
    assert response.status_code == 400 and "expirou ou já foi usado" in response.json()["error"]
    post_json(attacker, AUTH_OPTIONS, {})  # a fresh challenge does not match the old answer
    assert post_json(attacker, AUTH, {"credential": captured}).status_code == 400
    # One challenge, one answer: a second, genuine answer to a spent challenge is refused too.
    options = post_json(attacker, AUTH_OPTIONS, {}).json()
    assert (
        post_json(attacker, AUTH, {"credential": authenticator.get(options, origin="http://x")}).status_code
        == 400
    )
    assert post_json(attacker, AUTH, {"credential": authenticator.get(options)}).status_code == 400
    assert "_auth_user_id" not in attacker.session


def test_a_signature_counter_that_goes_backwards_is_refused_and_logged(client, user):
    authenticator = registered_key(user, sign_count=10)
    assert WebAuthnCredential.objects.get(user=user).sign_count == 10
    start_pending(client, user)
    for count in (5, 10):  # backwards, and not moving forward
        response = sign_in_with_key(client, authenticator, sign_count=count)
        assert response.status_code == 400
        assert "recusada por segurança" in response.json()["error"]
    assert "_auth_user_id" not in client.session
    assert WebAuthnCredential.objects.get(user=user).sign_count == 10
    events = SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    regressions = [e.details for e in events if e.details.get("reason") == "webauthn_sign_count_regressed"]
    assert sorted((d["stored"], d["received"]) for d in regressions) == [(10, 5), (10, 10)]
    assert sign_in_with_key(client, authenticator, sign_count=11).status_code == 200


def test_keys_that_do_not_count_signatures_keep_working(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    assert sign_in_with_key(client, authenticator, sign_count=0).status_code == 200
    other = Client()
    start_pending(other, user)
    assert sign_in_with_key(other, authenticator, sign_count=0).status_code == 200


def test_the_key_endpoints_need_a_pending_sign_in(client, user):
    authenticator = registered_key(user)
    response = post_json(client, AUTH_OPTIONS, {})
    assert response.status_code == 403 and response.json()["redirect"] == "/conta/entrar/"
    response = post_json(
        client,
        AUTH,
        {
            "credential": authenticator.get(
                {"challenge": "AA", "rpId": "testserver", "allowCredentials": [{"id": authenticator.id}]}
            )
        },
    )
    assert response.status_code == 403
    assert client.get(AUTH_OPTIONS).status_code == 405


def test_five_wrong_key_answers_end_the_pending_sign_in(client, user):
    authenticator = registered_key(user)
    start_pending(client, user)
    for _ in range(4):
        response = sign_in_with_key(client, authenticator, origin="https://phishing.example")
        assert response.status_code == 400 and "redirect" not in response.json()
    response = sign_in_with_key(client, authenticator, origin="https://phishing.example")
    assert response.status_code == 400 and response.json()["redirect"] == "/conta/entrar/"
    assert post_json(client, AUTH_OPTIONS, {}).status_code == 403


@pytest.mark.parametrize("body", [b"", b"{", b"[1]", b'{"credential": null}', b'{"credential": {"id": 5}}'])
def test_malformed_assertions_are_refused_with_400(client, user, body):
    registered_key(user)
    start_pending(client, user)
    post_json(client, AUTH_OPTIONS, {})
    response = client.post(AUTH, data=body, content_type="application/json")
    assert response.status_code == 400 and "error" in response.json()
    assert "_auth_user_id" not in client.session


def test_a_key_only_account_is_offered_the_key_and_no_code_form(client, user):
    registered_key(user)
    start_pending(client, user)
    page = client.get(CHALLENGE).content.decode()
    assert 'name="totp-code"' not in page and 'name="recuperacao-code"' not in page
    assert "ative o JavaScript" in page
