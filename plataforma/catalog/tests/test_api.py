"""The public JSON API under /api/v1/: content, errors in Portuguese, pagination, query counts."""

import pytest
from django.core.cache import cache

from plataforma.catalog import services
from plataforma.catalog.api.schemas import ServiceDetail
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, CategoryFactory, ServiceUnitFactory, content_data, published_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def catalogue():
    detran = AgencyFactory(
        name="Departamento Estadual de Trânsito",
        acronym="DETRAN-MT",
        slug="detran-mt",
        ombudsman_email="ouvidoria@detran.mt.gov.br",
    )
    sefaz = AgencyFactory(name="Secretaria de Estado de Fazenda", acronym="SEFAZ", slug="sefaz")
    CategoryFactory(name="Trânsito", slug="transito")
    CategoryFactory(name="Impostos", slug="impostos")
    unit = ServiceUnitFactory(agency=detran, name="Ganha Tempo Cuiabá", city="Cuiabá")
    ServiceUnitFactory(agency=sefaz, name="Agência Fazendária de Sinop", city="Sinop")
    editor, sefaz_editor = make_editor(detran), make_editor(sefaz)
    cnh = published_service(
        agency=detran,
        editor=editor,
        name="Renovar a carteira nacional de habilitação",
        acronym="CNH",
        popular_names=["Renovação da carteira de motorista"],
        keywords=["CNH"],
        audiences=["cidadao"],
        categories=["transito"],
        unit_ids=[str(unit.pk)],
        is_free=False,
        is_digital=True,
        digital_url="https://detran.mt.gov.br/renovacao",
        total_time={"kind": "entre", "min": 5, "max": 10, "unit": "dias-uteis"},
        steps=[
            {
                "title": "Pagar a taxa",
                "description": "Emita a guia e pague.",
                "documents": ["CNH vencida"],
                "costs": [{"description": "Taxa de renovação", "value": "95.40"}],
                "channels": [
                    {
                        "type": "presencial",
                        "description": "Ganha Tempo",
                        "estimated_wait": {"kind": "ate", "max": 30, "unit": "minutos"},
                    }
                ],
            }
        ],
        legislation=[
            {"title": "Lei 9.503/1997", "url": "https://www.planalto.gov.br/ccivil_03/leis/l9503.htm"}
        ],
    )
    ipva = published_service(
        agency=sefaz,
        editor=sefaz_editor,
        name="Consultar débitos de IPVA",
        acronym="IPVA",
        popular_names=["Imposto do carro"],
        keywords=["imposto"],
        audiences=["cidadao", "empresa"],
        categories=["impostos", "transito"],
    )
    draft = services.service_create(
        actor=sefaz_editor, agency=sefaz, content=content_data(name="Parcelar débitos secretos")
    ).service
    return {"detran": detran, "sefaz": sefaz, "cnh": cnh, "ipva": ipva, "draft": draft, "unit": unit}


# --- /servicos ----------------------------------------------------------------------------------


def test_search_returns_ranked_summaries_with_total(client, catalogue):
    response = client.get("/api/v1/servicos", {"q": "licenca habilitacao"})
    assert response.status_code == 200
    assert response.json()["total"] == 0
    response = client.get("/api/v1/servicos", {"q": "CNH"})
    data = response.json()
    assert data["total"] == 1 and data["offset"] == 0 and data["limit"] == 20
    item = data["items"][0]
    assert item["slug"] == catalogue["cnh"].slug
    assert item["agency"] == {
        "slug": "detran-mt",
        "name": "Departamento Estadual de Trânsito",
        "acronym": "DETRAN-MT",
    }
    assert item["api_url"].endswith(f"/api/v1/servicos/{catalogue['cnh'].slug}")
    assert response["Cache-Control"] == "public, max-age=300"


def test_search_filters_match_search_services(client, catalogue):
    def slugs(**params):
        return [i["slug"] for i in client.get("/api/v1/servicos", params).json()["items"]]

    assert slugs(publico="empresa") == [catalogue["ipva"].slug]
    assert slugs(orgao="detran-mt") == [catalogue["cnh"].slug]
    assert slugs(area="impostos") == [catalogue["ipva"].slug]
    assert slugs(digital="true") == [catalogue["cnh"].slug]
    assert slugs(gratuito="true") == [catalogue["ipva"].slug]
    assert set(slugs(area="transito")) == {catalogue["cnh"].slug, catalogue["ipva"].slug}


def test_drafts_are_not_listed(client, catalogue):
    data = client.get("/api/v1/servicos", {"limit": 100}).json()
    assert data["total"] == 2
    assert catalogue["draft"].slug not in {i["slug"] for i in data["items"]}
    assert client.get("/api/v1/servicos", {"q": "secretos"}).json()["total"] == 0


def test_limit_and_offset_paginate(client, catalogue):
    first = client.get("/api/v1/servicos", {"limit": 1}).json()
    second = client.get("/api/v1/servicos", {"limit": 1, "offset": 1}).json()
    beyond = client.get("/api/v1/servicos", {"limit": 1, "offset": 5}).json()
    assert first["total"] == second["total"] == beyond["total"] == 2
    assert first["items"][0]["slug"] != second["items"][0]["slug"]
    assert beyond["items"] == []


def test_suggestions_when_nothing_matches(client, catalogue):
    data = client.get("/api/v1/servicos", {"q": "motorizta"}).json()
    assert data["total"] == 0 and data["suggestions"] == ["motorista"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "dez"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"publico": "marciano"}, "publico"),
        ({"orgao": "DETRAN MT"}, "orgao"),
        ({"area": "a\x00b"}, "area"),
        ({"digital": "talvez"}, "digital"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_malformed_parameters_are_422_in_portuguese(client, catalogue, params, field):
    response = client.get("/api/v1/servicos", params)
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Parâmetros inválidos."
    assert [e["field"] for e in data["errors"]] == [field]
    assert data["errors"][0]["message"]
    assert "Input should" not in data["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "message"), [({"orgao": "nao-existe"}, "Órgão"), ({"area": "nao-existe"}, "Área")]
)
def test_unknown_filters_are_400_in_portuguese(client, catalogue, params, message):
    response = client.get("/api/v1/servicos", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


@pytest.mark.parametrize("q", ['"', "'", "a & b", "|", "!", ":*", "\\", "\x00", "🚗", "%", "(", "<->"])
def test_any_query_string_is_answered(client, catalogue, q):
    assert client.get("/api/v1/servicos", {"q": q}).status_code == 200


# --- /servicos/{slug} ---------------------------------------------------------------------------


def test_service_detail_has_the_whole_carta_content(client, catalogue):
    response = client.get(f"/api/v1/servicos/{catalogue['cnh'].slug}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    data = response.json()
    ServiceDetail.model_validate(data)
    assert data["agency"]["ombudsman_email"] == "ouvidoria@detran.mt.gov.br"
    assert data["audiences"] == [{"code": "cidadao", "label": "Cidadão"}]
    assert data["categories"] == [{"slug": "transito", "name": "Trânsito"}]
    assert [u["name"] for u in data["units"]] == ["Ganha Tempo Cuiabá"]
    assert data["version"] == 1 and data["review_overdue"] is False
    content = data["content"]
    assert content["popular_names"] == ["Renovação da carteira de motorista"]
    assert content["total_time"]["text"] == "Entre 5 e 10 dias úteis"
    step = content["steps"][0]
    assert step["costs"] == [{"description": "Taxa de renovação", "value": "95.40", "variable": False}]
    assert step["channels"][0]["estimated_wait"]["text"] == "Até 30 minutos"
    assert content["legislation"][0]["title"] == "Lei 9.503/1997"
    assert "unit_ids" not in content


def test_drafts_and_unknown_slugs_are_404_in_portuguese(client, catalogue):
    for slug in (catalogue["draft"].slug, "nao-existe", "UPPER", "a%00b", "x" * 300):
        response = client.get(f"/api/v1/servicos/{slug}")
        assert response.status_code == 404, slug
        assert response.json() == {"detail": "Serviço não encontrado."}


def test_an_unpublished_service_disappears_from_the_api(client, catalogue):
    editor = make_editor(catalogue["detran"])
    services.service_unpublish(actor=editor, service=catalogue["cnh"])
    assert client.get(f"/api/v1/servicos/{catalogue['cnh'].slug}").status_code == 404


# --- agencies, categories, units ----------------------------------------------------------------


def test_agencies_list_and_detail(client, catalogue):
    data = client.get("/api/v1/orgaos").json()
    assert data["total"] == 2
    by_slug = {a["slug"]: a for a in data["items"]}
    assert by_slug["sefaz"]["published_services"] == 1  # the draft does not count
    detail = client.get("/api/v1/orgaos/detran-mt")
    assert detail.status_code == 200 and detail.json()["acronym"] == "DETRAN-MT"
    missing = client.get("/api/v1/orgaos/nao-existe")
    assert missing.status_code == 404 and missing.json() == {"detail": "Órgão não encontrado."}


def test_categories_list(client, catalogue):
    data = client.get("/api/v1/areas").json()
    assert [(c["slug"], c["published_services"]) for c in data["items"]] == [("impostos", 1), ("transito", 2)]


def test_units_list_filtered_by_agency(client, catalogue):
    assert client.get("/api/v1/unidades").json()["total"] == 2
    data = client.get("/api/v1/unidades", {"orgao": "detran-mt"}).json()
    assert [u["name"] for u in data["items"]] == ["Ganha Tempo Cuiabá"]
    assert data["items"][0]["address"].endswith("Cuiabá/MT")
    bad = client.get("/api/v1/unidades", {"orgao": "nao-existe"})
    assert bad.status_code == 400 and bad.json() == {"detail": "Órgão inexistente."}


# --- OpenAPI and docs ---------------------------------------------------------------------------


def test_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/servicos",
        "/api/v1/servicos/{slug}",
        "/api/v1/orgaos",
        "/api/v1/orgaos/{slug}",
        "/api/v1/areas",
        "/api/v1/unidades",
        "/api/v1/servicos.csv",
        "/api/v1/servicos.json",
        "/api/v1/govbr/servicos.json",
    } <= set(schema["paths"])
    assert "422" in schema["paths"]["/api/v1/servicos"]["get"]["responses"]


def test_docs_page_uses_local_swagger_files_and_no_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html
    assert "openapi.json" in html
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert '<script type="application/json" id="swagger-settings">' in html  # data, not code
    assert "<script>" not in html  # no inline script (CSP)


# --- query counts -------------------------------------------------------------------------------


def test_each_endpoint_runs_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    cases = [
        ("/api/v1/servicos", {}, 2),  # count + page
        ("/api/v1/servicos", {"q": "carteira"}, 1),  # page with a window count
        ("/api/v1/servicos", {"q": "carteira", "orgao": "detran-mt", "area": "transito"}, 3),
        (f"/api/v1/servicos/{catalogue['cnh'].slug}", {}, 3),  # service, categories, units
        ("/api/v1/orgaos", {}, 1),
        ("/api/v1/orgaos/sefaz", {}, 1),
        ("/api/v1/areas", {}, 1),
        ("/api/v1/unidades", {"orgao": "sefaz"}, 3),
    ]
    for path, params, expected in cases:
        with django_assert_num_queries(expected):
            assert client.get(path, params).status_code == 200


def test_an_inactive_agency_is_neither_listed_nor_found_as_on_the_portal(client, catalogue):
    from plataforma.catalog.models import Agency

    Agency.objects.filter(slug="sefaz").update(is_active=False)
    slugs = [a["slug"] for a in client.get("/api/v1/orgaos").json()["items"]]
    assert "sefaz" not in slugs and "detran-mt" in slugs
    response = client.get("/api/v1/orgaos/sefaz")
    assert response.status_code == 404
    assert response.json() == {"detail": "Órgão não encontrado."}
