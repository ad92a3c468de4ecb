"""Open data downloads: CSV, JSON and the gov.br service model (Lei 13.460 art. 7 §6)."""

import csv
import io
import json

import pytest
from pydantic import TypeAdapter

from plataforma.catalog import services
from plataforma.catalog.api.schemas import CatalogueExport
from plataforma.catalog.exports import CSV_HEADER, govbr_time
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, CategoryFactory, ServiceUnitFactory, content_data, published_service

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def catalogue():
    detran = AgencyFactory(name="Departamento Estadual de Trânsito", acronym="DETRAN-MT", slug="detran-mt")
    CategoryFactory(name="Trânsito", slug="transito")
    unit = ServiceUnitFactory(agency=detran, name="Ganha Tempo Cuiabá")
    editor = make_editor(detran)
    cnh = published_service(
        agency=detran,
        editor=editor,
        name="Renovar a carteira nacional de habilitação",
        acronym="CNH",
        popular_names=["Renovação da carteira de motorista", 'CNH; vencida, "renovar"'],
        keywords=["CNH", "habilitação"],
        audiences=["cidadao", "empresa"],
        categories=["transito"],
        unit_ids=[str(unit.pk)],
        is_free=False,
        is_digital=True,
        digital_url="https://detran.mt.gov.br/renovacao",
        total_time={"kind": "entre", "min": 5, "max": 10, "unit": "dias-uteis"},
        document_validity={"kind": "determinada", "quantity": 5, "unit": "anos"},
        steps=[
            {
                "title": "Pagar a taxa",
                "description": "Emita a guia e pague.",
                "documents": ["CNH vencida", "Comprovante de endereço"],
                "costs": [
                    {"description": "Taxa de renovação", "value": "95.40"},
                    {"description": "Exame médico", "variable": True},
                ],
                "channels": [
                    {"type": "web", "description": "Portal", "address": "https://detran.mt.gov.br"},
                    {
                        "type": "presencial",
                        "description": "Ganha Tempo",
                        "estimated_wait": {"kind": "ate", "max": 30, "unit": "minutos"},
                    },
                ],
            }
        ],
        legislation=[
            {"title": "Lei 9.503/1997", "url": "https://www.planalto.gov.br/ccivil_03/leis/l9503.htm"}
        ],
        accessibility_conditions="Unidades com rampa e intérprete de Libras.",
    )
    free = published_service(
        agency=detran,
        editor=editor,
        name="Consultar pontos na CNH",
        acronym="",
        total_time={"kind": "imediato"},
        audiences=["servidor"],
    )
    draft = services.service_create(
        actor=editor, agency=detran, content=content_data(name="Serviço ainda em rascunho")
    ).service
    return {"cnh": cnh, "free": free, "draft": draft}


def test_csv_has_one_row_per_published_service_and_no_drafts(client, catalogue):
    response = client.get("/api/v1/servicos.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "public, max-age=300"
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == CSV_HEADER
    assert sorted(r["slug"] for r in rows) == sorted([catalogue["cnh"].slug, catalogue["free"].slug])
    assert "Serviço ainda em rascunho" not in text
    cnh = next(r for r in rows if r["slug"] == catalogue["cnh"].slug)
    assert cnh["orgao_sigla"] == "DETRAN-MT"
    assert cnh["publicos"] == "cidadao | empresa"
    assert cnh["areas_de_interesse"] == "Trânsito"
    assert cnh["nomes_populares"] == 'Renovação da carteira de motorista | CNH; vencida, "renovar"'
    assert cnh["digital"] == "true" and cnh["gratuito"] == "false"
    assert cnh["canais"] == "web | presencial"
    assert cnh["custos"] == "Taxa de renovação: R$ 95.40 | Exame médico: valor variável"
    assert (cnh["tempo_tipo"], cnh["tempo_minimo"], cnh["tempo_maximo"], cnh["tempo_unidade"]) == (
        "entre",
        "5",
        "10",
        "dias-uteis",
    )
    assert cnh["tempo_total"] == "Entre 5 e 10 dias úteis"
    assert cnh["pagina"].endswith(f"/servicos/{catalogue['cnh'].slug}/")


def test_json_export_validates_against_the_api_schema(client, catalogue):
    response = client.get("/api/v1/servicos.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    export = TypeAdapter(CatalogueExport).validate_python(data)
    assert export.total == 2 == len(export.items)
    assert {i.slug for i in export.items} == {catalogue["cnh"].slug, catalogue["free"].slug}
    detail = client.get(f"/api/v1/servicos/{catalogue['cnh'].slug}").json()
    assert next(i for i in data["items"] if i["slug"] == catalogue["cnh"].slug) == detail


def test_json_export_of_an_empty_catalogue_is_valid(client):
    data = json.loads(body(client.get("/api/v1/servicos.json")))
    assert data["items"] == [] and data["total"] == 0


GOVBR_KEYS = {
    "nome",
    "sigla",
    "nomesPopulares",
    "descricao",
    "gratuito",
    "servicoDigital",
    "linkServicoDigital",
    "solicitantes",
    "etapas",
    "tempoTotalEstimado",
    "validadeDocumento",
    "orgao",
    "segmentosDaSociedade",
    "areasDeInteresse",
    "palavrasChave",
    "legislacoes",
    "condicoesAcessibilidade",
    "tratamentoPrioritario",
}


def test_govbr_export_has_the_federal_model_fields(client, catalogue):
    response = client.get("/api/v1/govbr/servicos.json")
    assert response.status_code == 200
    data = json.loads(body(response))
    assert data["total"] == 2 and "geradoEm" in data
    service = next(s for s in data["servicos"] if s["nome"] == "Renovar a carteira nacional de habilitação")
    assert set(service) >= GOVBR_KEYS
    assert service["sigla"] == "CNH"
    assert service["nomesPopulares"]["item"][0] == {"item": "Renovação da carteira de motorista"}
    assert service["gratuito"] is False and service["servicoDigital"] is True
    assert service["linkServicoDigital"] == "https://detran.mt.gov.br/renovacao"
    assert service["solicitantes"]["solicitante"][0]["tipo"] == "Cidadão"
    assert service["orgao"]["nomeOrgao"] == "Departamento Estadual de Trânsito (DETRAN-MT)"
    assert service["orgao"]["id"].endswith("/api/v1/orgaos/detran-mt")
    assert service["segmentosDaSociedade"] == {"item": [{"item": "Cidadãos"}, {"item": "Empresas"}]}
    assert service["areasDeInteresse"] == {"item": ["Trânsito"]}
    assert service["palavrasChave"] == {"item": [{"item": "CNH"}, {"item": "habilitação"}]}
    assert service["legislacoes"]["item"][0]["item"] == (
        "[Lei 9.503/1997](https://www.planalto.gov.br/ccivil_03/leis/l9503.htm)"
    )
    assert service["validadeDocumento"] == {
        "tipo": "Válido por",
        "quantidade": 5,
        "unidade": "anos",
        "descricao": "5 anos",
    }
    assert service["tempoTotalEstimado"] == {
        "entre": {"min": 5, "max": 10, "unidade": "dias-uteis"},
        "descricao": "Entre 5 e 10 dias úteis",
    }
    step = service["etapas"][0]
    assert step["titulo"] == "Pagar a taxa"
    assert step["documentos"]["documentos"] == [{"item": "CNH vencida"}, {"item": "Comprovante de endereço"}]
    assert step["custos"]["custos"] == [
        {"descricao": "Taxa de renovação", "moeda": "R$", "valor": 95.4, "valorVariavel": False},
        {"descricao": "Exame médico", "moeda": "R$", "valor": None, "valorVariavel": True},
    ]
    web, in_person = step["canaisDePrestacao"]["canaisDePrestacao"]
    assert web == {
        "tipo": "web",
        "descricao": "https://detran.mt.gov.br",
        "tempoEstimadoEspera": None,
        "tempoEstimadoPeriodo": None,
    }
    assert in_person["tipo"] == "presencial" and in_person["descricao"] == "Ganha Tempo"
    assert (in_person["tempoEstimadoEspera"], in_person["tempoEstimadoPeriodo"]) == (30, "minutos")
    free = next(s for s in data["servicos"] if s["nome"] == "Consultar pontos na CNH")
    assert free["tempoTotalEstimado"] == {"atendimentoImediato": {}, "descricao": "Atendimento imediato"}
    assert free["segmentosDaSociedade"] == {"item": [{"item": "Servidores públicos"}]}
    assert all(s["nome"] != "Serviço ainda em rascunho" for s in data["servicos"])


@pytest.mark.parametrize(
    ("estimate", "expected"),
    [
        ({"kind": "ate", "max": 15, "unit": "dias-uteis"}, {"ate": {"max": 15, "unidade": "dias-uteis"}}),
        ({"kind": "em-media", "max": 2, "unit": "horas"}, {"emMedia": {"max": 2, "unidade": "horas"}}),
        (
            {"kind": "entre", "min": 1, "max": 3, "unit": "meses"},
            {"entre": {"min": 1, "max": 3, "unidade": "meses"}},
        ),
        ({"kind": "imediato"}, {"atendimentoImediato": {}}),
        ({"kind": "nao-estimado"}, {"naoEstimadoAinda": {}}),
        (None, {"naoEstimadoAinda": {}}),
    ],
)
def test_govbr_time_has_exactly_one_form(estimate, expected):
    result = govbr_time(estimate)
    assert {k: v for k, v in result.items() if k != "descricao"} == expected
    assert result["descricao"]


def test_exports_run_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    # services (one query, streamed) + categories (+ units for the full JSON)
    for path, expected in (
        ("/api/v1/servicos.csv", 2),
        ("/api/v1/servicos.json", 3),
        ("/api/v1/govbr/servicos.json", 2),
    ):
        with django_assert_num_queries(expected):
            body(client.get(path))
