"""The in-person validation desk (/servidor/validacao/), from the side of every role."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.levels.forms import person_token
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory

from .conftest import make_servant

pytestmark = [pytest.mark.django_db, pytest.mark.urls("plataforma.identity.levels.tests.urls")]
LOOKUP = "/servidor/validacao/"
VALIDATE = "/servidor/validacao/validar/"


def _form(person, servant, agency, unit, **overrides):
    data = {
        "pessoa": person_token(servant=servant, person=person),
        "orgao": str(agency.pk),
        "unidade": str(unit.pk),
        "tipo_documento": "rg",
        "final_documento": "4321",
        "conferido": "on",
    }
    data.update(overrides)
    return data


def test_the_attendant_finds_the_person_and_validates_them(client, person, attendant, agency, unit):
    client.force_login(attendant)
    page = client.post(LOOKUP, {"cpf": person.cpf})
    assert page.status_code == 200
    body = page.content.decode()
    assert person.display_name in body
    assert person.masked_cpf in body
    assert person.cpf not in body.replace(person.masked_cpf, "")
    lookup = AuditEvent.objects.get(action="identity.level.lookup")
    assert (lookup.actor, lookup.subject_user_id, lookup.kind) == (
        attendant,
        person.pk,
        AuditEvent.Kind.ACCESS,
    )
    token = page.context["form"]["pessoa"].value()
    response = client.post(VALIDATE, _form(person, attendant, agency, unit, pessoa=token))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.level == Level.PRATA
    validation = LevelValidation.objects.get(user=person)
    assert (validation.validated_by, validation.unit, validation.document_reference) == (
        attendant,
        unit,
        "4321",
    )


def test_a_cpf_without_account_gives_a_clear_message(client, attendant):
    client.force_login(attendant)
    response = client.post(LOOKUP, {"cpf": "529.982.247-25"})
    assert response.status_code == 404
    assert "Não há conta MT Login ativa com este CPF" in response.content.decode()
    assert not AuditEvent.objects.filter(action="identity.level.lookup").exists()


@pytest.mark.parametrize("cpf", ["", "123", "111.111.111-11", "x" * 500])
def test_an_invalid_cpf_is_a_field_error(client, attendant, cpf):
    client.force_login(attendant)
    response = client.post(LOOKUP, {"cpf": cpf})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_lookup_page_shows_the_search_form(client, attendant):
    client.force_login(attendant)
    response = client.get(LOOKUP)
    assert response.status_code == 200
    assert "CPF da pessoa atendida" in response.content.decode()


def _assert_unchanged(person):
    person.refresh_from_db()
    assert person.level == Level.BRONZE
    assert not LevelValidation.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, person, agency, unit, attendant):
    for url in (LOOKUP, VALIDATE):
        response = client.post(url, _form(person, attendant, agency, unit) | {"cpf": person.cpf})
        assert response.status_code == 302
        assert "/conta/entrar/" in response["Location"]
    _assert_unchanged(person)


@pytest.mark.parametrize(
    "role", [None, AgencyRole.Role.CARTA_EDITOR, AgencyRole.Role.ANALYST, AgencyRole.Role.OMBUDSMAN]
)
def test_citizens_and_other_roles_get_403(client, person, agency, unit, role):
    someone = make_servant(agency, role=role) if role else UserFactory()
    client.force_login(someone)
    assert client.get(LOOKUP).status_code == 403
    assert client.post(LOOKUP, {"cpf": person.cpf}).status_code == 403
    assert client.post(VALIDATE, _form(person, someone, agency, unit)).status_code == 403
    _assert_unchanged(person)
    assert not AuditEvent.objects.filter(action="identity.level.lookup").exists()


def test_a_revoked_attendant_gets_403(client, person, attendant, agency, unit):
    AgencyRole.objects.filter(user=attendant).update(revoked_at=timezone.now())
    client.force_login(attendant)
    assert client.post(LOOKUP, {"cpf": person.cpf}).status_code == 403
    assert client.post(VALIDATE, _form(person, attendant, agency, unit)).status_code == 403
    _assert_unchanged(person)


def test_an_attendant_cannot_choose_another_agencys_unit(client, person, attendant, agency, other_unit):
    client.force_login(attendant)
    response = client.post(VALIDATE, _form(person, attendant, agency, other_unit))
    assert response.status_code == 400
    assert "Escolha uma unidade de um órgão em que você atende" in response.content.decode()
    _assert_unchanged(person)


def test_an_attendant_cannot_choose_another_agency(client, person, attendant, other_agency, other_unit):
    client.force_login(attendant)
    response = client.post(VALIDATE, _form(person, attendant, other_agency, other_unit))
    assert response.status_code == 400
    _assert_unchanged(person)


def test_a_unit_of_the_servants_other_agency_must_match_the_agency_chosen(
    client, person, attendant, agency, other_agency, other_unit
):
    AgencyRole.objects.create(user=attendant, agency=other_agency, role=AgencyRole.Role.ATTENDANT)
    client.force_login(attendant)
    response = client.post(VALIDATE, _form(person, attendant, agency, other_unit))
    assert response.status_code == 400
    assert "Esta unidade não pertence ao órgão escolhido" in response.content.decode()
    _assert_unchanged(person)


def test_a_servant_cannot_validate_themselves(client, attendant, agency, unit):
    client.force_login(attendant)
    page = client.post(LOOKUP, {"cpf": attendant.cpf})
    assert "Você não pode validar a sua própria conta" in page.content.decode()
    response = client.post(VALIDATE, _form(attendant, attendant, agency, unit))
    assert response.status_code == 400
    assert "Você não pode validar a sua própria conta" in response.content.decode()
    _assert_unchanged(attendant)


@pytest.mark.parametrize(
    "overrides",
    [
        {"conferido": ""},
        {"final_documento": "12"},
        {"final_documento": "123456789012345"},
        {"final_documento": "12 3"},
        {"tipo_documento": "certidao"},
        {"orgao": "not-a-uuid"},
        {"unidade": ""},
    ],
)
def test_incomplete_or_invalid_forms_are_400(client, person, attendant, agency, unit, overrides):
    client.force_login(attendant)
    response = client.post(VALIDATE, _form(person, attendant, agency, unit, **overrides))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    _assert_unchanged(person)


def test_a_person_token_of_another_servant_or_forged_is_refused(client, person, attendant, agency, unit):
    colleague = make_servant(agency)
    client.force_login(attendant)
    for token in (person_token(servant=colleague, person=person), "forjado", ""):
        response = client.post(VALIDATE, _form(person, attendant, agency, unit, pessoa=token))
        assert response.status_code == 400
        assert "Busque a pessoa pelo CPF de novo" in response.content.decode()
    _assert_unchanged(person)


def test_lookups_are_rate_limited(client, person, attendant, monkeypatch):
    from plataforma.common.ratelimit import Limit
    from plataforma.identity.levels.views import desk

    monkeypatch.setattr(desk, "DESK_LOOKUP_LIMIT", Limit("levels.desk_lookup.test", 2, 60))
    client.force_login(attendant)
    assert client.post(LOOKUP, {"cpf": person.cpf}).status_code == 200
    assert client.post(LOOKUP, {"cpf": person.cpf}).status_code == 200
    assert client.post(LOOKUP, {"cpf": person.cpf}).status_code == 429
