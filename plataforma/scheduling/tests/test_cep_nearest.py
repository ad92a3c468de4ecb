"""Nearest unit first from a CEP (issue #5: "from the user's CEP or city"): a Mato Grosso CEP is
looked up through the CEP provider (an in-memory ViaCEP here: no network) and matched to the
gazetteer by its IBGE code; another state's CEP is refused without a lookup; a provider down asks
for the municipality's name — on the citizen's page, from the saved address, and in the API."""

from __future__ import annotations

import httpx
import pytest
from django.test import override_settings
from django.urls import reverse

from plataforma.common.tests.cep_fakes import fake_viacep
from plataforma.identity.models import PostalAddress

from .. import geo
from ..places import person_place, place_from_text
from .factories_citizen import ApiCaller, person, world

pytestmark = pytest.mark.django_db

SINOP_CEP = "78550100"
CUIABA_CEP = "78005100"


@pytest.fixture
def viacep():
    with fake_viacep() as fake:
        fake.found(SINOP_CEP, "Sinop", "5107909")
        fake.found(CUIABA_CEP, "Cuiabá", "5103403")
        yield fake


def units_url(service, **query) -> str:
    url = reverse("scheduling_citizen:units", args=[service.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _order(html: str, *names: str) -> list[int]:
    return [html.index(name) for name in names]


# --- the gazetteer by CEP ------------------------------------------------------------------------


def test_a_cep_gives_the_gazetteers_municipality_by_its_ibge_code(viacep):
    found = geo.municipality_from_cep("78550-100")
    assert found == geo.municipality("Sinop") and found.ibge_code == "5107909"
    assert geo.municipality_by_code("5103403").name == "Cuiabá"
    assert geo.municipality_by_code("3550308") is None and geo.municipality_by_code("") is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("7855010", geo.CepProblem.MALFORMED),
        ("01001-000", geo.CepProblem.OUTSIDE),  # São Paulo: refused without a lookup
        ("78900-000", geo.CepProblem.OUTSIDE),  # Rondônia's old range
        ("78899-000", geo.CepProblem.NOT_FOUND),
        ("78120-000", geo.CepProblem.UNLISTED),  # a municipality the gazetteer does not have
        ("78130-000", geo.CepProblem.OUTSIDE),  # the provider says it is in another state
        ("78140-000", geo.CepProblem.UNAVAILABLE),
    ],
)
def test_each_reason_a_cep_gives_no_municipality(viacep, typed, reason):
    viacep.missing("78899000")
    viacep.found("78120000", "Boa Esperança do Norte", "5101837")
    viacep.found("78130000", "Porto Velho", "1100205", uf="RO")
    viacep.fail("78140000", httpx.ConnectTimeout)
    with pytest.raises(geo.CepProblem) as problem:
        geo.municipality_from_cep(typed)
    assert problem.value.reason == reason and problem.value.message
    if reason in (geo.CepProblem.MALFORMED, geo.CepProblem.OUTSIDE) and typed[:5] != "78130":
        assert viacep.calls == []


def test_the_none_provider_asks_for_the_name(viacep):
    with override_settings(CEP_PROVIDER="none"):
        place = place_from_text(CUIABA_CEP)
    assert place.point is None and not place.error
    assert "não está disponível" in place.notice
    assert viacep.calls == []


def test_text_that_looks_like_a_cep_is_read_as_one_and_names_as_names(viacep):
    assert place_from_text("78.550-100").name == "Sinop"
    assert place_from_text("78.550-100").cep == "78550-100"
    assert "8 algarismos" in place_from_text("78550 10").error
    assert place_from_text("Várzea Grande").name == "Várzea Grande"
    assert viacep.calls == [SINOP_CEP]  # the second time from the cache


# --- the citizen's page ----------------------------------------------------------------------------


def test_units_nearest_to_the_cep_typed_come_first(client, viacep):
    w = world()
    response = client.get(units_url(w.service, cidade="78550-100"))
    html = response.content.decode()
    assert response.status_code == 200
    sinop, cuiaba = _order(html, "Ganha Tempo Sinop", "Ganha Tempo Cuiabá")
    assert sinop < cuiaba and "km" in html
    assert "(município do CEP 78550-100)" in html
    assert 'value="78550-100"' in html  # what was typed stays in the field
    # the next steps carry the municipality, not the CEP
    month = reverse("scheduling_citizen:month", args=[w.service.slug, w.far_offering.pk])
    assert f"{month}?cidade=Sinop&amp;mes=" in html and "cidade=78550" not in html
    assert 'label for="cidade">CEP ou município<' in html


def test_a_cep_of_another_state_is_a_400_field_error_without_a_lookup(client, viacep):
    w = world()
    response = client.get(units_url(w.service, cidade="01001-000"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Este CEP não é de Mato Grosso" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="cidade-ajuda cidade-erro"' in html
    assert '<a href="#cidade">CEP ou município</a>' in html  # the error summary links to the field
    assert "Ganha Tempo Cuiabá" in html and "Ganha Tempo Sinop" in html
    assert viacep.calls == []


def test_a_cep_that_does_not_exist_is_a_400_field_error(client, viacep):
    viacep.missing("78899000")
    w = world()
    response = client.get(units_url(w.service, cidade="78899-000"))
    assert response.status_code == 400
    assert "Não encontramos este CEP" in response.content.decode()


@pytest.mark.parametrize("failure", [httpx.ConnectTimeout, httpx.ConnectError])
def test_a_provider_down_asks_for_the_municipality_and_still_lists_the_units(client, viacep, failure):
    viacep.fail("78140000", failure)
    w = world()
    response = client.get(units_url(w.service, cidade="78140-000"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Não conseguimos consultar o CEP agora. Digite o nome do município" in html
    assert 'class="feedback warning" role="status"' in html and 'aria-invalid="true"' not in html
    assert "Ganha Tempo Cuiabá" in html and "Ganha Tempo Sinop" in html
    assert "Distância" not in html


def _address(user, *, city: str, state: str = "MT", cep: str = SINOP_CEP):
    return PostalAddress.objects.create(
        user=user, cep=cep, street="Rua das Nogueiras", number="10", district="Centro", city=city, state=state
    )


def test_the_saved_addresss_cep_is_used_when_its_city_is_not_found(client, viacep):
    w = world()
    _address(w.citizen, city="Sinopi")  # misspelt
    client.force_login(w.citizen)
    html = client.get(units_url(w.service)).content.decode()
    sinop, cuiaba = _order(html, "Ganha Tempo Sinop", "Ganha Tempo Cuiabá")
    assert sinop < cuiaba
    assert "usamos o município do seu endereço: Sinop" in html
    assert viacep.calls == [SINOP_CEP]


def test_the_saved_city_wins_and_other_states_ceps_are_never_looked_up(viacep):
    someone = person()
    address = _address(someone, city="Cuiabá", cep=SINOP_CEP)
    assert person_place(someone).name == "Cuiabá"  # the city is found: no lookup
    address.city, address.state, address.cep = "Rio Branco", "AC", "69900000"
    address.save()
    place = person_place(someone)
    assert place.point is None and place.name == "Rio Branco"
    assert viacep.calls == []


def test_a_saved_cep_that_cannot_be_looked_up_leaves_the_units_unordered(client, viacep):
    viacep.fail("78140000", httpx.ReadTimeout)
    w = world()
    _address(w.citizen, city="Lugar Nenhum", cep="78140000")
    client.force_login(w.citizen)
    response = client.get(units_url(w.service))
    assert response.status_code == 200
    html = response.content.decode()
    assert "usamos o município do seu endereço" not in html and "Distância" not in html


# --- the API ---------------------------------------------------------------------------------------

anonymous = ApiCaller()


def availability(service, **query):
    return anonymous.get(f"/agendamento/servicos/{service.slug}/disponibilidade", query)


def test_the_api_orders_by_the_cep_and_says_which_municipality(viacep):
    w = world()
    body = availability(w.service, cep="78550-100").json()
    assert [o["unit"]["city"] for o in body["offerings"]] == ["Sinop", "Cuiabá"]
    assert body["near_city"] == "Sinop"
    sinop = geo.municipality("Sinop")
    assert body["near"] == {"latitude": sinop.latitude, "longitude": sinop.longitude}
    # `cep` wins over `cidade`; `perto` wins over both
    body = availability(w.service, cep=SINOP_CEP, cidade="Cuiabá").json()
    assert body["near_city"] == "Sinop"
    body = availability(w.service, cep=SINOP_CEP, perto="-15.6,-56.1").json()
    assert body["near_city"] is None and body["offerings"][0]["unit"]["city"] == "Cuiabá"
    assert availability(w.service, cidade="cuiaba").json()["near_city"] == "Cuiabá"


@pytest.mark.parametrize(
    ("cep", "text"),
    [
        ("7855010", "8 algarismos"),
        ("7855O100", "8 algarismos"),
        ("01001-000", "não é de Mato Grosso"),
        ("78899-000", "Não encontramos este CEP"),
        ("7855\x00100", "Texto inválido"),
    ],
)
def test_the_api_refuses_a_bad_cep_with_a_422_on_the_field(viacep, cep, text):
    viacep.missing("78899000")
    w = world()
    response = availability(w.service, cep=cep)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "cep" and text in body["errors"][0]["message"]


def test_the_api_answers_503_when_the_provider_is_down_and_422_when_there_is_none(viacep):
    viacep.fail("78140000", httpx.ConnectTimeout)
    w = world()
    response = availability(w.service, cep="78140-000")
    assert response.status_code == 503
    assert "informe o município em `cidade`" in response.json()["detail"]
    assert response["Retry-After"] == "30"
    with override_settings(CEP_PROVIDER="none"):
        response = availability(w.service, cep="78005-100")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cep"


def test_the_openapi_document_declares_the_cep_parameter_and_the_503():
    from django.test import Client

    document = Client().get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/agendamento/servicos/{slug}/disponibilidade"]["get"]
    cep = next(p for p in operation["parameters"] if p["name"] == "cep")
    assert cep["in"] == "query" and not cep.get("required")
    assert "CEP de Mato Grosso" in cep["description"]
    assert {"200", "400", "404", "422", "503"} <= set(operation["responses"])
    assert operation["responses"]["503"]["content"]
