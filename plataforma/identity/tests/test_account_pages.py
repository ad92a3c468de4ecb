"""'Minha conta', the person's data, and the security page (sessions, log)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.identity.auth_flow import record_event
from plataforma.identity.models import SecurityEvent, SignInSession
from plataforma.identity.tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "senha-de-teste-123"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"
ANDROID = "Mozilla/5.0 (Linux; Android 14) Chrome/128.0"


def sign_in(user, ua=FIREFOX, ip="203.0.113.5") -> Client:
    c = Client(HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)
    assert c.post("/conta/entrar/", {"username": user.cpf, "password": PASSWORD}).status_code == 302
    return c


def current(c: Client) -> SignInSession:
    return SignInSession.objects.get(pk=c.session["mtlogin_sid"])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/conta/"),
        ("get", "/conta/dados/"),
        ("post", "/conta/dados/"),
        ("get", "/conta/seguranca/"),
        ("post", "/conta/seguranca/sessoes/encerrar-outras/"),
        ("post", "/conta/seguranca/sessoes/3f2b8c1e-1111-4c3a-9a8b-0123456789ab/encerrar/"),
        ("get", "/conta/senha/alterar/"),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("identity:login") + "?next=")


def test_minha_conta_shows_the_data_with_the_cpf_masked_and_the_level():
    user = VerifiedUserFactory(social_name="Alex Rondon", phone_number="+5565999998888")
    page = sign_in(user).get("/conta/").content.decode()
    assert user.masked_cpf in page and user.cpf not in page
    assert "Alex Rondon" in page and "(65) 99999-8888" in page and "confirmado" in page
    assert "Bronze" in page
    assert reverse("identity:profile_edit") in page and reverse("identity:security") in page
    assert page.count("<h1") == 1


def test_editing_names_and_phone_is_logged(django_capture_on_commit_callbacks, mailoutbox):
    user = VerifiedUserFactory()
    c = sign_in(user)
    data = {
        "full_name": "Ana Paula Campos",
        "social_name": "",
        "email": user.email,
        "phone_number": "65988887777",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/conta/dados/", data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Ana Paula Campos" and user.phone_number == "+5565988887777"
    event = SecurityEvent.objects.get(user=user, kind=SecurityEvent.Kind.PROFILE_CHANGED)
    assert set(event.details["fields"]) == {"full_name", "phone_number"}
    assert mailoutbox == []  # the e-mail did not change


def test_a_new_email_counts_only_after_its_link_is_followed(django_capture_on_commit_callbacks, mailoutbox):
    user = VerifiedUserFactory(email="antigo@example.org")
    c = sign_in(user)
    data = {
        "full_name": user.full_name,
        "social_name": "",
        "email": "novo@example.org",
        "phone_number": "",
        "current_password": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post("/conta/dados/", data).status_code == 302
    user.refresh_from_db()
    assert user.email == "antigo@example.org" and user.email_verified  # the old one stays in use
    assert user.pending_email == "novo@example.org"
    assert [m.to for m in mailoutbox] == [["novo@example.org"]]
    path = re.search(r"/conta/email/confirmar/\S+/", mailoutbox[0].body).group(0)
    assert c.post(path).status_code == 200
    user.refresh_from_db()
    assert user.email == "novo@example.org" and user.pending_email == "" and user.email_verified
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.EMAIL_CHANGED).exists()
    assert c.post(path).status_code == 400  # once


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "Para trocar o e-mail, informe a sua senha atual."),
        ("senha-errada-999", "A senha atual não confere."),
    ],
)
def test_a_new_email_needs_the_current_password_on_the_same_form(
    password, message, django_capture_on_commit_callbacks, mailoutbox
):
    """Security review M5: a signed-in browser left open must not be enough to move the account
    to another address (the reset links go there)."""
    user = VerifiedUserFactory(email="antigo@example.org")
    c = sign_in(user)
    data = {
        "full_name": "Nome Trocado Junto",
        "social_name": "",
        "email": "invasor@example.org",
        "phone_number": "",
        "current_password": password,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/conta/dados/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'name="current_password"' in page and 'role="alert"' in page
    user.refresh_from_db()
    assert user.pending_email == "" and user.email == "antigo@example.org"
    assert user.full_name != "Nome Trocado Junto" and mailoutbox == []


def test_the_password_guesses_on_the_profile_form_are_rate_limited(settings):
    settings.MTLOGIN_MFA_REAUTH_LIMIT = (3, 900)
    user = VerifiedUserFactory(email="antigo@example.org")
    c = sign_in(user)
    data = {"full_name": user.full_name, "social_name": "", "email": "novo@example.org", "phone_number": ""}
    for _ in range(3):
        assert c.post("/conta/dados/", {**data, "current_password": "chute-errado"}).status_code == 400
    response = c.post("/conta/dados/", {**data, "current_password": PASSWORD})  # even the right one
    assert response.status_code == 429 and "Muitas tentativas de senha" in response.content.decode()
    user.refresh_from_db()
    assert user.pending_email == ""


def test_the_profile_form_asks_for_the_password_with_a_label():
    c = sign_in(VerifiedUserFactory())
    page = c.get("/conta/dados/").content.decode()
    assert 'for="id_current_password"' in page and 'autocomplete="current-password"' in page


def test_the_old_address_is_told_when_the_email_changes(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    from plataforma.identity import services

    user = VerifiedUserFactory(email="antigo@example.org")
    services.profile_update(
        user=user, full_name=user.full_name, social_name="", phone_number="", email="novo@example.org"
    )
    user.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.email_confirm(user=user)
    assert [m.to for m in mailoutbox] == [["antigo@example.org"]]
    assert "novo@example.org" in mailoutbox[0].body and "alterado" in mailoutbox[0].subject


@pytest.mark.parametrize(
    "changes",
    [
        {"full_name": ""},
        {"email": "x@"},
        {"phone_number": "123"},
        {"full_name": "N" * 300},
        {"social_name": "s" * 201},
    ],
)
def test_bad_data_is_a_400_and_changes_nothing(changes):
    user = VerifiedUserFactory(full_name="Nome Original")
    c = sign_in(user)
    data = {"full_name": "Outro Nome", "social_name": "", "email": user.email, "phone_number": "", **changes}
    assert c.post("/conta/dados/", data).status_code == 400
    user.refresh_from_db()
    assert user.full_name == "Nome Original"
    assert not SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.PROFILE_CHANGED).exists()


def test_the_security_page_lists_the_open_sessions_and_marks_this_one():
    user = VerifiedUserFactory()
    sign_in(user, ua=ANDROID, ip="198.51.100.8")
    c = sign_in(user)
    page = c.get("/conta/seguranca/").content.decode()
    assert "Chrome em Android" in page and "Firefox em Linux" in page
    assert "198.51.100.8" in page and "esta sessão" in page
    assert page.count(">esta sessão</span>") == 1


def test_the_security_log_is_paginated_twenty_per_page():
    user = VerifiedUserFactory()
    c = sign_in(user)
    for _ in range(25):
        record_event(user, SecurityEvent.Kind.SIGN_IN_FAILED)
    first = c.get("/conta/seguranca/")
    assert len(first.context["page"].object_list) == 20 and "Página 1 de 2" in first.content.decode()
    assert len(c.get("/conta/seguranca/?pagina=2").context["page"].object_list) == 6  # 25 + the sign-in
    for bad in ("3", "0", "abc", "9" * 30):
        assert c.get(f"/conta/seguranca/?pagina={bad}").status_code == 404


def test_a_person_ends_another_of_their_sessions_and_that_browser_is_signed_out():
    user = VerifiedUserFactory()
    phone = sign_in(user, ua=ANDROID)
    c = sign_in(user)
    target = current(phone)
    assert c.get(f"/conta/seguranca/sessoes/{target.pk}/encerrar/").status_code == 405
    assert c.post(f"/conta/seguranca/sessoes/{target.pk}/encerrar/").status_code == 302
    target.refresh_from_db()
    assert target.end_reason == SignInSession.EndReason.ENDED_BY_USER
    assert phone.get("/conta/").status_code == 302
    assert c.get("/conta/").status_code == 200
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SESSION_ENDED).exists()


def test_a_person_cannot_end_someone_elses_session():
    victim = VerifiedUserFactory()
    victim_browser = sign_in(victim)
    attacker = sign_in(VerifiedUserFactory())
    target = current(victim_browser)
    assert attacker.post(f"/conta/seguranca/sessoes/{target.pk}/encerrar/").status_code == 404
    target.refresh_from_db()
    assert target.ended_at is None and victim_browser.get("/conta/").status_code == 200


def test_ending_this_session_signs_out():
    user = VerifiedUserFactory()
    c = sign_in(user)
    response = c.post(f"/conta/seguranca/sessoes/{current(c).pk}/encerrar/")
    assert response.status_code == 302 and "_auth_user_id" not in c.session


def test_end_all_other_sessions():
    user = VerifiedUserFactory()
    others = [sign_in(user, ua=ANDROID), sign_in(user, ua=ANDROID)]
    stranger = sign_in(VerifiedUserFactory())
    c = sign_in(user)
    assert c.post("/conta/seguranca/sessoes/encerrar-outras/").status_code == 302
    assert all(o.get("/conta/").status_code == 302 for o in others)
    assert c.get("/conta/").status_code == 200 and stranger.get("/conta/").status_code == 200
    assert SignInSession.objects.filter(user=user, ended_at__isnull=True).count() == 1


def test_an_unknown_application_cannot_be_revoked(client):
    c = sign_in(VerifiedUserFactory())
    assert c.post("/conta/seguranca/aplicativos/999999/remover/").status_code == 404


def test_connected_applications_are_listed_and_only_your_own_can_be_revoked():
    pytest.importorskip("plataforma.identity.oidc.selectors")
    helpers = pytest.importorskip("plataforma.identity.oidc.tests.helpers")
    from plataforma.identity.oidc.models import Consent

    user, other = VerifiedUserFactory(), VerifiedUserFactory()
    app = helpers.register(name="Sistema da SEFAZ")
    helpers.grant_consent(user, app, scopes="openid profile cpf")
    helpers.grant_consent(other, app)
    c = sign_in(user)
    page = c.get("/conta/seguranca/").content.decode()
    assert "Sistema da SEFAZ" in page and "openid, profile, cpf" in page
    assert c.post(f"/conta/seguranca/aplicativos/{app.obj.pk}/remover/").status_code == 302
    assert not Consent.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert Consent.objects.filter(user=other, revoked_at__isnull=True).exists()
    assert "Nenhum aplicativo tem acesso" in c.get("/conta/seguranca/").content.decode()
    assert c.post(f"/conta/seguranca/aplicativos/{app.obj.pk}/remover/").status_code == 404
