"""The public pages of the Carta de Serviços: what a visitor sees, what they never see (drafts),
and how bad input is answered."""

from __future__ import annotations

import datetime as dt
import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog import services
from plataforma.catalog.models import ServiceFeedback
from plataforma.catalog.tests.factories import (
    AgencyFactory,
    CategoryFactory,
    ServiceUnitFactory,
    content_data,
    published_service,
)
from plataforma.identity.tests.factories import make_editor

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Pedir alvará secreto ainda em rascunho"
NEW_DRAFT_NAME = "Texto novo ainda não publicado da certidão"
UNPUBLISHED_NAME = "Serviço descontinuado do catálogo"


def licence_content(unit_id: str) -> dict:
    return content_data(
        name="Renovar a Carteira Nacional de Habilitação",
        acronym="CNH",
        popular_names=["Renovação da carteira de motorista"],
        description="Renove a sua CNH quando ela estiver perto de vencer ou vencida.",
        audiences=["cidadao"],
        categories=["transito"],
        is_digital=True,
        digital_url="https://servicos.detran.mt.gov.br/renovar-cnh",
        min_login_level="prata",
        unit_ids=[unit_id],
        steps=[
            {
                "title": "Pedir a renovação",
                "description": "Preencha o pedido no site.",
                "documents": ["Documento de identidade com foto"],
                "channels": [
                    {
                        "type": "web",
                        "description": "Site do DETRAN-MT",
                        "address": "https://detran.mt.gov.br",
                    },
                ],
            },
            {
                "title": "Fazer o exame médico",
                "documents": ["Comprovante de residência"],
                "channels": [
                    {
                        "type": "presencial",
                        "description": "Na unidade escolhida",
                        "estimated_wait": {"kind": "ate", "max": 30, "unit": "minutos"},
                    },
                    {"type": "telefone", "description": "Central de atendimento", "address": "154"},
                ],
            },
        ],
        total_time={"kind": "entre", "min": 5, "max": 10, "unit": "dias-uteis"},
        expected_wait="Até 30 minutos nas unidades.",
        communication_channels="Telefone 154 e o site do DETRAN-MT.",
        status_consultation="Acompanhe pelo número do protocolo no site do DETRAN-MT.",
        manifestation_handling="Reclamações pela Ouvidoria do DETRAN-MT, respondidas em até 30 dias.",
        accessibility_conditions="Unidades com rampa e atendimento em Libras com agendamento.",
        legislation=[{"title": "Código de Trânsito Brasileiro", "url": "https://www.planalto.gov.br/ctb"}],
    )


@pytest.fixture
def agency():
    return AgencyFactory(
        name="Departamento Estadual de Trânsito de Mato Grosso",
        acronym="DETRAN-MT",
        slug="detran-mt",
        ombudsman_email="ouvidoria@detran.mt.gov.br",
        ombudsman_phone="(65) 3615-4700",
    )


@pytest.fixture
def editor(agency):
    return make_editor(agency)


@pytest.fixture
def catalogue(agency, editor):
    """Two published services, a draft-only service, a published one with a newer draft and an
    unpublished one."""
    CategoryFactory(name="Trânsito e veículos", slug="transito")
    unit = ServiceUnitFactory(
        agency=agency, name="Sede do DETRAN-MT", opening_hours="Segunda a sexta, das 7h às 13h"
    )
    licence = published_service(agency=agency, editor=editor, **licence_content(str(unit.pk)))
    paid = published_service(
        agency=agency,
        editor=editor,
        name="Registrar contrato de financiamento de veículo",
        acronym="",
        audiences=["empresa"],
        is_free=False,
        steps=[
            {
                "title": "Enviar o contrato",
                "costs": [{"description": "Taxa de registro", "value": "1234.50"}],
                "channels": [{"type": "web", "address": "https://detran.mt.gov.br/contratos"}],
            }
        ],
    )
    draft = services.service_create(
        actor=editor, agency=agency, content=content_data(name=DRAFT_NAME)
    ).service
    with_draft = published_service(agency=agency, editor=editor, name="Emitir certidão de débitos do veículo")
    working = services.service_draft_start(actor=editor, service=with_draft)
    services.version_update(actor=editor, version=working, content=content_data(name=NEW_DRAFT_NAME))
    gone = published_service(agency=agency, editor=editor, name=UNPUBLISHED_NAME)
    services.service_unpublish(actor=editor, service=gone)
    return {"licence": licence, "paid": paid, "draft": draft, "with_draft": with_draft, "gone": gone}


def text(response) -> str:
    return response.content.decode()


def assert_no_secrets(body: str) -> None:
    assert DRAFT_NAME not in body
    assert NEW_DRAFT_NAME not in body
    assert UNPUBLISHED_NAME not in body


# --- Pages render ------------------------------------------------------------------------------


def test_service_page_shows_the_whole_carta_in_plain_language(client, catalogue):
    response = client.get(reverse("catalog:service_detail", args=[catalogue["licence"].slug]))
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    for expected in (
        "Renovar a Carteira Nacional de Habilitação",
        "Renovação da carteira de motorista",  # nomes populares
        "Quem pode pedir e o que é preciso",
        "Documento de identidade com foto",
        "Comprovante de residência",
        "Passo a passo",
        "Pedir a renovação",
        "Tempo de espera: Até 30 minutos",
        "Sede do DETRAN-MT",  # the unit, with address and hours
        "Segunda a sexta, das 7h às 13h",
        "Entre 5 e 10 dias úteis",  # TimeEstimate
        "https://servicos.detran.mt.gov.br/renovar-cnh",  # the Solicitar button
        "Solicitar pela internet",
        "Nível Prata",
        "reconhecimento facial",  # the level explained in plain words
        "Acompanhe pelo número do protocolo",  # status_consultation
        "Como reclamar, sugerir ou elogiar",
        "ouvidoria@detran.mt.gov.br",
        "(65) 3615-4700",
        "atendimento em Libras",
        "Código de Trânsito Brasileiro",
        "Versão 1",
        "Esta informação foi útil?",
    ):
        assert expected in body, expected
    assert timezone.localdate().strftime("%d/%m/%Y") in body  # last review date


def test_paid_service_shows_its_costs_in_reais(client, catalogue):
    body = text(client.get(reverse("catalog:service_detail", args=[catalogue["paid"].slug])))
    assert "Taxa de registro: R$ 1.234,50" in body
    assert "Tem custo" in body
    assert "Solicitar pela internet" not in body  # not a digital service


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


def test_agency_carta_is_one_printable_page_with_every_published_service(client, catalogue):
    response = client.get(reverse("catalog:agency_carta", args=["detran-mt"]))
    assert response.status_code == 200
    body = text(response)
    assert "Carta de Serviços ao Usuário" in body
    assert body.count("<h1") == 1
    for name in ("Renovar a Carteira", "Registrar contrato", "Emitir certidão de débitos do veículo"):
        assert name in body
    assert "Documento de identidade com foto" in body and "Taxa de registro" in body
    assert 'media="print"' in body  # the print stylesheet
    assert_no_secrets(body)


def test_agency_carta_pdf_is_a_pdf_of_the_published_services(client, catalogue):
    response = client.get(reverse("catalog:agency_carta_pdf", args=["detran-mt"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert re.search(r'filename="carta-de-servicos-detran-mt-\d{4}-\d{2}-\d{2}\.pdf"', disposition)


def pdf_outline_text(data: bytes) -> str:
    """The strings of a PDF (WeasyPrint writes every heading as a bookmark): literal and UTF-16
    hex strings, from the file and from its deflated streams."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    blob = b"\n".join(parts)
    texts = [
        bytes.fromhex(h.decode()).decode("utf-16-be", errors="replace")
        for h in re.findall(rb"<feff((?:[0-9a-f]{4})+)>", blob, re.I)
    ]
    texts += [s.decode("latin-1") for s in re.findall(rb"\(([^()]*)\)", blob)]
    return "\n".join(texts)


def test_pdf_has_the_published_services_and_no_drafts(client, catalogue):
    response = client.get(reverse("catalog:agency_carta_pdf", args=["detran-mt"]))
    strings = pdf_outline_text(response.content)
    assert "Renovar a Carteira Nacional de Habilitação" in strings
    assert "Registrar contrato de financiamento de veículo" in strings
    assert_no_secrets(strings)


def test_pdf_fetcher_refuses_anything_but_local_static_files():
    from plataforma.catalog.pdf import ForbiddenResourceError, local_static_url

    assert local_static_url("http://testserver/static/portal/css/carta-print.css").startswith("file://")
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://testserver/static/../../etc/passwd",
        "http://testserver/static/nao-existe.css",
    ):
        with pytest.raises(ForbiddenResourceError):
            local_static_url(url)


def test_quadro_geral_lists_services_and_counts_per_agency(client, catalogue):
    year = timezone.localdate().year
    response = client.get(reverse("catalog:quadro_geral"), {"ano": str(year)})
    assert response.status_code == 200
    body = text(response)
    assert f"Quadro geral de serviços de {year}" in body
    assert "Renovar a Carteira" in body and "Registrar contrato" in body
    # DETRAN-MT: 3 services, 1 digital, 2 free; same in the total row
    assert re.search(r"DETRAN-MT</a>.*?<td>3</td><td>1</td><td>2</td>", body, re.S)
    assert re.search(r"Total</th><td>3</td><td>1</td><td>2</td>", body)
    assert_no_secrets(body)


def test_quadro_geral_of_a_past_year_leaves_out_services_published_later(client, catalogue):
    year = timezone.localdate().year - 1
    body = text(client.get(reverse("catalog:quadro_geral"), {"ano": str(year)}))
    assert "Renovar a Carteira" not in body
    assert "Nenhum serviço publicado até o fim deste ano." in body


def test_quadro_geral_counts_a_service_from_its_first_publication(client, catalogue, editor):
    """A service republished this year but first published last year is in last year's quadro."""
    licence = catalogue["licence"]
    last_year = timezone.now() - dt.timedelta(days=400)
    licence.versions.filter(number=1).update(published_at=last_year)
    body = text(client.get(reverse("catalog:quadro_geral"), {"ano": str(last_year.year)}))
    assert "Renovar a Carteira" in body and "Registrar contrato" not in body


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


def test_drafts_and_unpublished_services_are_404(client, catalogue):
    for key in ("draft", "gone"):
        response = client.get(reverse("catalog:service_detail", args=[catalogue[key].slug]))
        assert response.status_code == 404, key


def test_a_newer_draft_never_replaces_the_published_text(client, catalogue):
    body = text(client.get(reverse("catalog:service_detail", args=[catalogue["with_draft"].slug])))
    assert "Emitir certidão de débitos do veículo" in body
    assert NEW_DRAFT_NAME not in body


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


def test_inactive_agency_is_404(client, catalogue, agency):
    agency.is_active = False
    agency.save()
    assert client.get(reverse("catalog:agency_detail", args=["detran-mt"])).status_code == 404


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


# --- "Esta informação foi útil?" ------------------------------------------------------------------


def test_feedback_is_counted_and_thanks_the_visitor(client, catalogue):
    service = catalogue["licence"]
    url = reverse("catalog:service_feedback", args=[service.slug])
    response = client.post(url, {"util": "sim", "comentario": "Muito claro."}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/servicos/{service.slug}/#avaliacao")
    assert "Obrigado! Sua resposta foi registrada" in text(response)
    client.post(url, {"util": "nao"})
    assert ServiceFeedback.objects.filter(service=service, helpful=True, comment="Muito claro.").count() == 1
    assert ServiceFeedback.objects.filter(service=service, helpful=False, comment="").count() == 1


def test_too_long_feedback_comment_is_400_with_a_field_error_and_nothing_saved(client, catalogue):
    service = catalogue["licence"]
    url = reverse("catalog:service_feedback", args=[service.slug])
    response = client.post(url, {"util": "sim", "comentario": "a" * 1001})
    assert response.status_code == 400
    body = text(response)
    assert "O comentário pode ter no máximo 1000 caracteres" in body
    assert 'aria-invalid="true"' in body
    assert ServiceFeedback.objects.count() == 0


def test_feedback_without_an_answer_is_400(client, catalogue):
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    response = client.post(url, {"util": "talvez"})
    assert response.status_code == 400
    assert "Responda sim ou não" in text(response)
    assert ServiceFeedback.objects.count() == 0


def test_feedback_on_a_draft_or_unknown_service_is_404(client, catalogue):
    for slug in (catalogue["draft"].slug, catalogue["gone"].slug, "nao-existe"):
        response = client.post(reverse("catalog:service_feedback", args=[slug]), {"util": "sim"})
        assert response.status_code == 404
    assert ServiceFeedback.objects.count() == 0


def test_feedback_requires_post(client, catalogue):
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    assert client.get(url).status_code == 405


def test_feedback_without_csrf_token_is_refused_in_portuguese(catalogue):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    response = strict.post(url, {"util": "sim"})
    assert response.status_code == 403
    assert "Não foi possível enviar o formulário" in text(response)
    assert ServiceFeedback.objects.count() == 0
