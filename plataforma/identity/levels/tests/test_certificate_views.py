"""/conta/nivel/certificado/: sign-in with a certificate (ouro) and raising a signed-in account;
every refused certificate answers 400/403 in Portuguese and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from plataforma.identity.auth_flow import SIGN_IN_SESSION_KEY
from plataforma.identity.levels import testca
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.models import Level, SecurityEvent, SignInSession
from plataforma.identity.tests.factories import UserFactory

from .conftest import header

pytestmark = pytest.mark.django_db
URL = "/conta/nivel/certificado/"


def _post(client, cert=None, *, value=None, addr="127.0.0.1", next_url=""):
    extra = {"REMOTE_ADDR": addr}
    if cert is not None or value is not None:
        extra["HTTP_X_SSL_CLIENT_CERT"] = value if value is not None else header(cert)
    return client.post(URL, {"next": next_url}, **extra)


def _assert_unchanged(user):
    user.refresh_from_db()
    assert user.level == Level.BRONZE
    assert not LevelValidation.objects.exists()
    assert not SignInSession.objects.exists()


def test_the_page_explains_and_offers_the_button(client):
    response = client.get(URL, {"next": "/servicos/"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entrar com certificado digital ICP-Brasil" in body
    assert 'value="/servicos/"' in body


def test_a_valid_certificate_signs_its_account_in_at_ouro(client, trust, intermediate, person):
    cert, _key = intermediate.issue_person(cpf=person.cpf, name=person.full_name)
    response = _post(client, cert, next_url="/servicos/")
    assert response.status_code == 302
    assert response["Location"] == "/servicos/"
    person.refresh_from_db()
    assert person.level == Level.OURO
    sign_in = SignInSession.objects.get(user=person)
    assert (sign_in.amr, sign_in.acr) == (["x509"], Level.OURO)
    assert client.session[SIGN_IN_SESSION_KEY] == str(sign_in.pk)
    assert client.session["_auth_user_id"] == str(person.pk)
    validation = LevelValidation.objects.get(user=person)
    assert validation.method == LevelValidation.Method.CERTIFICATE
    assert validation.certificate_fingerprint and "AC Intermediária" in validation.certificate_issuer
    kinds = set(SecurityEvent.objects.filter(user=person).values_list("kind", flat=True))
    assert {
        SecurityEvent.Kind.CERTIFICATE_SIGN_IN,
        SecurityEvent.Kind.SIGN_IN,
        SecurityEvent.Kind.LEVEL_CHANGED,
    } <= kinds


def test_an_open_redirect_in_next_is_ignored(client, trust, intermediate, person):
    cert, _key = intermediate.issue_person(cpf=person.cpf, name=person.full_name)
    response = _post(client, cert, next_url="https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_certificate_without_account_suggests_signing_up(client, trust, intermediate):
    cert, _key = intermediate.issue_person(cpf="52998224725", name="Pessoa Sem Conta")
    response = _post(client, cert)
    assert response.status_code == 404
    assert "Ainda não há conta MT Login com o CPF deste certificado" in response.content.decode()
    assert not SignInSession.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_signed_in_person_raises_their_account_with_their_certificate(client, trust, intermediate, person):
    client.force_login(person)
    cert, _key = intermediate.issue_person(cpf=person.cpf, name=person.full_name)
    response = _post(client, cert, next_url="/servicos/")
    assert response.status_code == 302
    assert response["Location"] == "/servicos/"
    person.refresh_from_db()
    assert person.level == Level.OURO


def test_a_signed_in_person_with_someone_elses_certificate_is_refused(client, trust, intermediate, person):
    other = UserFactory()
    client.force_login(person)
    cert, _key = intermediate.issue_person(cpf=other.cpf, name=other.full_name)
    response = _post(client, cert)
    assert response.status_code == 403
    assert "O CPF do certificado não é o CPF da sua conta" in response.content.decode()
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.level == other.level == Level.BRONZE
    assert not LevelValidation.objects.exists()
    assert client.session["_auth_user_id"] == str(person.pk)


def _refused(client, person, cert=None, *, value=None, addr="127.0.0.1", status=400, text=""):
    response = _post(client, cert, value=value, addr=addr)
    assert response.status_code == status
    body = response.content.decode()
    assert "Não foi possível usar este certificado" in body
    assert text in body
    assert 'role="alert"' in body
    _assert_unchanged(person)
    assert "_auth_user_id" not in client.session


def test_an_untrusted_ca_is_refused(client, trust, person):
    cert, _key = testca.new_root("AC Pirata").issue_person(cpf=person.cpf, name="X")
    _refused(client, person, cert, text="não foi emitido por uma autoridade certificadora aceita")


def test_an_expired_certificate_is_refused(client, trust, intermediate, person):
    now = dt.datetime.now(dt.UTC)
    cert, _key = intermediate.issue_person(
        cpf=person.cpf, name="X", not_before=now - dt.timedelta(days=30), not_after=now - dt.timedelta(days=1)
    )
    _refused(client, person, cert, text="vencido")


def test_a_revoked_certificate_is_refused(client, settings, trust, root, person):
    ca = root.issue_intermediate("AC que revoga")
    cert, _key = ca.issue_person(cpf=person.cpf, name="X")
    ca.revoke(cert)
    (trust / "ac.pem").write_bytes(ca.pem)
    (trust / "ac.crl").write_bytes(testca.pem(ca.crl()))
    settings.MTLOGIN_CERT_INTERMEDIATES = [str(trust / "ac.pem")]
    settings.MTLOGIN_CERT_CRLS = [str(trust / "ac.crl")]
    _refused(client, person, cert, text="revogado")


def test_a_certificate_without_cpf_is_refused(client, trust, intermediate, person):
    cert, _key = intermediate.issue_person(cpf=None, name="X")
    _refused(client, person, cert, text="não traz um CPF")


def test_bad_pem_is_refused(client, trust, person):
    _refused(client, person, value="-----BEGIN%20CERTIFICATE-----%0Alixo%0A", text="não pôde ser lido")


def test_a_header_from_an_untrusted_address_is_refused(client, trust, intermediate, person):
    cert, _key = intermediate.issue_person(cpf=person.cpf, name="X")
    _refused(client, person, cert, addr="198.51.100.7", status=403, text="caminho confiável")


def test_no_certificate_is_refused(client, trust, person):
    _refused(client, person, text="Nenhum certificado digital foi apresentado")


def test_without_configured_anchors_nothing_is_accepted(client, settings, intermediate, person):
    settings.MTLOGIN_CERT_TRUST_ANCHORS = []
    cert, _key = intermediate.issue_person(cpf=person.cpf, name="X")
    _refused(client, person, cert, text="ainda não está disponível")


def test_the_post_needs_the_csrf_token(trust, intermediate, person):
    from django.test import Client

    cert, _key = intermediate.issue_person(cpf=person.cpf, name="X")
    response = Client(enforce_csrf_checks=True).post(URL, HTTP_X_SSL_CLIENT_CERT=header(cert))
    assert response.status_code == 403
    _assert_unchanged(person)


def test_an_oversized_next_is_400(client):
    assert client.get(URL, {"next": "/" + "a" * 3000}).status_code == 400


def test_certificate_attempts_are_rate_limited(client, trust, monkeypatch, person):
    from plataforma.common.ratelimit import Limit
    from plataforma.identity.levels.views import certificate

    monkeypatch.setattr(certificate, "CERTIFICATE_LIMIT", Limit("levels.certificate.test", 1, 60))
    assert _post(client, value="lixo").status_code == 400
    assert _post(client, value="lixo").status_code == 429


def test_the_step_up_page_links_to_the_certificate(client, person):
    client.force_login(person)
    body = client.get(reverse("levels:raise")).content.decode()
    assert URL in body


def _signed_in(client, person) -> SignInSession:
    """A browser signed in with a password, as auth_flow.complete_sign_in leaves it."""
    client.force_login(person)
    sign_in = SignInSession.objects.create(
        user=person, session_key=client.session.session_key, amr=["pwd"], acr=person.level
    )
    session = client.session
    session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    session.save()
    return sign_in


def test_the_open_session_reaches_ouro_after_the_certificate_step_up(client, trust, intermediate, person):
    sign_in = _signed_in(client, person)
    cert, _key = intermediate.issue_person(cpf=person.cpf, name=person.full_name)
    assert _post(client, cert).status_code == 302
    sign_in.refresh_from_db()
    assert (sign_in.acr, sign_in.amr) == (Level.OURO, ["pwd", "x509"])
    assert sign_in.ended_at is None


def test_a_refused_step_up_leaves_the_session_as_it_was(client, trust, intermediate, person):
    sign_in = _signed_in(client, person)
    cert, _key = intermediate.issue_person(cpf="52998224725", name="Outra Pessoa")
    assert _post(client, cert).status_code == 403
    sign_in.refresh_from_db()
    assert (sign_in.acr, sign_in.amr) == (Level.BRONZE, ["pwd"])
