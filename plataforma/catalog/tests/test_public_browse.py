"""The public pages for finding a service: the A-Z list, the pages by audience, area and agency,
search and the home page. What a visitor sees, what they never see (drafts), and how bad input
and unknown addresses are answered. Shared data: conftest.py and public_data.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import published_service
from plataforma.catalog.tests.public_data import assert_no_secrets, text

pytestmark = pytest.mark.django_db


# --- Pages render ------------------------------------------------------------------------------


def test_service_list_shows_published_services_a_to_z(client, catalogue):
    response = client.get(reverse("catalog:service_list"))
    assert response.status_code == 200
    body = text(response)
    names = [
        "Emitir certidão de débitos do veículo",
        "Registrar contrato de financiamento de veículo",
        "Renovar a Carteira Nacional de Habilitação",
    ]
    positions = [body.index(n) for n in names]
    assert positions == sorted(positions)
    assert "3 serviços" in body
    assert_no_secrets(body)


def test_service_list_filters_by_digital_free_audience_agency_and_area(client, catalogue):
    url = reverse("catalog:service_list")
    body = text(client.get(url, {"digital": "1"}))
    assert "Renovar a Carteira" in body and "Registrar contrato" not in body
    body = text(client.get(url, {"gratuito": "1", "publico": "empresa"}))
    assert "Nenhum serviço encontrado" in body
    body = text(client.get(url, {"publico": "empresa", "orgao": "detran-mt"}))
    assert "Registrar contrato" in body and "Renovar a Carteira" not in body
    body = text(client.get(url, {"area": "transito"}))
    assert "Renovar a Carteira" in body and "Registrar contrato" not in body


def test_list_is_paginated(client, agency, editor):
    for i in range(21):
        published_service(agency=agency, editor=editor, name=f"Serviço número {i:02d}")
    url = reverse("catalog:service_list")
    first = text(client.get(url))
    assert "Serviço número 19" in first and "Serviço número 20" not in first
    assert "Página 1 de 2" in first
    second = client.get(url, {"pagina": "2"})
    assert second.status_code == 200
    assert "Serviço número 20" in text(second)


def test_audience_category_and_agency_pages(client, catalogue):
    body = text(client.get(reverse("catalog:audience_detail", args=["empresa"])))
    assert (
        "Serviços para Empresa" in body and "Registrar contrato" in body and "Renovar a Carteira" not in body
    )
    assert client.get(reverse("catalog:audience_detail", args=["servidor"])).status_code == 200

    body = text(client.get(reverse("catalog:category_list")))
    assert "Trânsito e veículos" in body and "1 serviço" in body
    body = text(client.get(reverse("catalog:category_detail", args=["transito"])))
    assert "Renovar a Carteira" in body and "Registrar contrato" not in body

    body = text(client.get(reverse("catalog:agency_list")))
    assert "DETRAN-MT" in body and "3 serviços" in body
    response = client.get(reverse("catalog:agency_detail", args=["detran-mt"]))
    body = text(response)
    assert response.status_code == 200
    assert "Departamento Estadual de Trânsito de Mato Grosso" in body
    assert "ouvidoria@detran.mt.gov.br" in body  # ouvidoria contact
    assert "Sede do DETRAN-MT" in body  # units
    assert "Renovar a Carteira" in body
    assert_no_secrets(body)


def test_search_finds_published_services_without_accents(client, catalogue):
    response = client.get(reverse("catalog:search"), {"q": "habilitacao"})
    assert response.status_code == 200
    body = text(response)
    assert "Renovar a Carteira" in body
    assert "1 serviço encontrado" in body
    assert_no_secrets(text(client.get(reverse("catalog:search"), {"q": "secreto"})))
    assert "Nada encontrado" in text(client.get(reverse("catalog:search"), {"q": "rascunho"}))


def test_search_with_filters_and_empty_search_form(client, catalogue):
    body = text(client.get(reverse("catalog:search"), {"q": "veiculo", "publico": "empresa"}))
    assert "Registrar contrato" in body and "Emitir certidão" not in body
    body = text(client.get(reverse("catalog:search")))
    assert "Digite o que você procura" in body


def test_search_suggests_when_nothing_matches(client, catalogue):
    body = text(client.get(reverse("catalog:search"), {"q": "habilitasao"}))
    assert "Nada encontrado" in body
    assert "Você quis dizer" in body
    assert 'href="/busca/?q=habilita' in body  # a link that searches the suggestion


# --- Drafts and unknown addresses ---------------------------------------------------------------


def test_home_never_shows_drafts(client, catalogue):
    body = text(client.get(reverse("portal:home")))
    assert "Renovar a Carteira" in body  # a digital service is highlighted
    assert_no_secrets(body)


@pytest.mark.parametrize(
    "name,args",
    [
        ("catalog:service_detail", ["nao-existe"]),
        ("catalog:agency_detail", ["nao-existe"]),
        ("catalog:agency_carta", ["nao-existe"]),
        ("catalog:agency_carta_pdf", ["nao-existe"]),
        ("catalog:category_detail", ["nao-existe"]),
        ("catalog:audience_detail", ["estrangeiro"]),
    ],
)
def test_unknown_addresses_are_404_in_portuguese(client, catalogue, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 404
    assert "Página não encontrada" in text(response)


# --- Bad input → 400 with an explanation -------------------------------------------------------


@pytest.mark.parametrize(
    "name,params,message",
    [
        ("catalog:search", {"q": "x" * 201}, "no máximo 200 caracteres"),
        ("catalog:search", {"q": "cnh", "publico": "marciano"}, "não existe"),
        ("catalog:search", {"q": "cnh", "orgao": "orgao-inventado"}, "não existe"),
        ("catalog:search", {"q": "cnh", "pagina": "abc"}, "número inteiro"),
        ("catalog:search", {"q": "cnh", "pagina": "0"}, "1 ou maior"),
        ("catalog:search", {"q": "cnh", "pagina": "99"}, "Página"),
        ("catalog:service_list", {"area": "inexistente"}, "não existe"),
        ("catalog:service_list", {"pagina": "-1"}, "1 ou maior"),
        ("catalog:service_list", {"pagina": "99999999999999999999"}, "grande demais"),
        ("catalog:service_list", {"pagina": "5"}, "não existe"),
        ("catalog:quadro_geral", {"ano": "abc"}, "4 algarismos"),
        ("catalog:quadro_geral", {"ano": "1990"}, "Escolha um ano entre 2017"),
        ("catalog:quadro_geral", {"ano": "9999"}, "Escolha um ano entre 2017"),
        ("catalog:quadro_geral", {"ano": "\uff12\uff10\uff12\uff10"}, "4 algarismos"),  # full-width digits
    ],
)
def test_bad_parameters_answer_400_with_an_explanation(client, catalogue, name, params, message):
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    body = text(response)
    assert message in body
    assert "Erro 400" in body
    assert body.count("<h1") == 1


def test_audience_page_does_not_accept_another_audience_filter(client, catalogue):
    """The audience is fixed by the address; a conflicting 'publico' parameter is ignored."""
    response = client.get(reverse("catalog:audience_detail", args=["empresa"]), {"publico": "cidadao"})
    assert response.status_code == 200
    assert "Registrar contrato" in text(response)


def test_post_is_not_allowed_on_public_pages(client, catalogue):
    assert client.post(reverse("catalog:service_list")).status_code == 405
