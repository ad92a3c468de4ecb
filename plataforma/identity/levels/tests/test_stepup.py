"""The step-up page (/conta/nivel/) and the helpers other apps use to send people there."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser

from plataforma.identity.levels.selectors import level_gate_url, meets_level
from plataforma.identity.models import Level

pytestmark = pytest.mark.django_db
URL = "/conta/nivel/"


def _set_level(user, level):
    user.level = level
    user.save(update_fields=["level"])


def test_level_gate_url_carries_the_level_and_where_to_return():
    url = level_gate_url(required=Level.PRATA, next_url="/servicos/rg/?a=1&b=2")
    parts = urlsplit(url)
    assert parts.path == URL
    assert parse_qs(parts.query) == {"necessario": ["prata"], "next": ["/servicos/rg/?a=1&b=2"]}


def test_meets_level_compares_ranks(person):
    assert meets_level(person, Level.BRONZE)
    assert not meets_level(person, Level.PRATA)
    _set_level(person, Level.OURO)
    assert meets_level(person, Level.PRATA)
    assert not meets_level(AnonymousUser(), Level.BRONZE)
    person.is_active = False
    assert not meets_level(person, Level.BRONZE)


def test_below_the_level_the_page_explains_and_shows_the_ways_up(client, person, unit):
    client.force_login(person)
    response = client.get(level_gate_url(required=Level.PRATA, next_url="/servicos/"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Este serviço exige o nível Prata; sua conta é Bronze" in body
    assert "Continuar para o serviço" not in body
    assert "Ganha Tempo Cuiabá" in body  # the desks where one can go
    assert "/conta/nivel/certificado/?next=%2Fservicos%2F" in body
    assert 'role="alert"' in body


def test_once_the_level_is_reached_it_offers_to_continue(client, person):
    _set_level(person, Level.PRATA)
    client.force_login(person)
    body = client.get(level_gate_url(required=Level.PRATA, next_url="/servicos/")).content.decode()
    assert "Continuar para o serviço" in body
    assert 'href="/servicos/"' in body
    assert "já tem o nível Prata" in body


def test_an_open_redirect_is_never_offered(client, person):
    _set_level(person, Level.OURO)
    client.force_login(person)
    body = client.get(level_gate_url(required=Level.PRATA, next_url="https://evil.example/")).content.decode()
    assert 'href="https://evil.example/"' not in body
    assert "Continuar para o serviço" not in body


def _signed_in_with(client, person, *, amr, acr):
    from plataforma.identity.auth_flow import SIGN_IN_SESSION_KEY
    from plataforma.identity.models import SignInSession

    client.force_login(person)
    session = client.session
    sign_in = SignInSession.objects.create(user=person, session_key=session.session_key, amr=amr, acr=acr)
    session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    session.save()


def test_an_ouro_account_signed_in_with_the_certificate_is_not_offered_more(client, person):
    _set_level(person, Level.OURO)
    _signed_in_with(client, person, amr=["x509"], acr=Level.OURO)
    body = client.get(level_gate_url(required=Level.OURO, next_url="/servicos/")).content.decode()
    assert "Como chegar ao nível Ouro" not in body
    assert "Como chegar ao nível Prata" not in body
    assert "Continuar para o serviço" in body


def test_an_ouro_account_signed_in_with_a_password_must_use_the_certificate_for_ouro(client, person):
    _set_level(person, Level.OURO)
    _signed_in_with(client, person, amr=["pwd"], acr=Level.PRATA)
    body = client.get(level_gate_url(required=Level.OURO, next_url="/servicos/")).content.decode()
    assert "Continuar para o serviço" not in body
    assert "vale só quando você entra com o certificado digital" in body
    assert "Entrar com certificado digital" in body


@pytest.mark.parametrize("query", ["?necessario=diamante", "?next=" + "a" * 2500])
def test_bad_parameters_are_400(client, query):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_anonymous_people_see_how_to_sign_in(client):
    response = client.get(level_gate_url(required=Level.OURO, next_url="/servicos/"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entrar com certificado digital" in body
    assert "/conta/entrar/" in body


def test_the_history_of_validations_is_shown_to_the_owner(client, person, attendant, agency, unit):
    from plataforma.identity.levels.services import level_raise

    level_raise(
        user=person,
        level=Level.PRATA,
        method="balcao",
        actor=attendant,
        agency=agency,
        unit=unit,
        document_type="rg",
        document_reference="1234",
    )
    client.force_login(person)
    body = client.get(URL).content.decode()
    assert "Histórico de validações" in body
    assert "Ganha Tempo Cuiabá (DETRAN-MT)" in body


def test_a_misconfigured_validator_list_does_not_break_the_page(client, settings, person):
    settings.MTLOGIN_EXTERNAL_VALIDATORS = [{"name": "x", "label": "X", "url": "http://sem-tls/"}]
    client.force_login(person)
    assert client.get(URL).status_code == 200


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405
