"""Open data of the governance records: only what is public, no servant's name or CPF, the CSV and
JSON conventions of the platform, and 4xx (never 500) for bad names and filters."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from .. import opendata
from . import monitoring_data
from .monitoring_data import SECRET_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def gov(db):
    return monitoring_data.build()


def _csv(client, name, **params):
    response = client.get(reverse("governance:pub_dataset", args=[name, "csv"]), params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _json(client, name, **params):
    response = client.get(reverse("governance:pub_dataset", args=[name, "json"]), params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_open_data_page_lists_every_dataset_with_its_columns(client, gov):
    response = client.get(reverse("governance:pub_open_data"))
    assert response.status_code == 200
    html = response.content.decode()
    for name, dataset in opendata.DATASETS.items():
        assert reverse("governance:pub_dataset", args=[name, "csv"]) in html
        assert reverse("governance:pub_dataset", args=[name, "json"]) in html
        for column in dataset["columns"]:
            assert f"<code>{column.name}</code>" in html


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_every_dataset_has_the_same_columns_in_csv_and_json(client, gov, name):
    header, rows = _csv(client, name)
    assert header == [c.name for c in opendata.DATASETS[name]["columns"]]
    document = _json(client, name)
    assert set(document) == {"gerado_em", "conjunto", "colunas", "itens", "total"}
    assert document["conjunto"] == name
    assert [c["nome"] for c in document["colunas"]] == header
    assert all(c["descricao"] for c in document["colunas"])
    assert document["total"] == len(document["itens"]) == len(rows)
    assert all(list(item) == header for item in document["itens"])
    response = client.get(reverse("governance:pub_dataset", args=[name, "json"]))
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_no_servant_name_or_cpf_in_any_dataset(client, gov, name):
    for fmt in ("csv", "json"):
        body = client.get(reverse("governance:pub_dataset", args=[name, fmt])).content.decode()
        for who in ("gestor", "sefaz_gestor", "nucleo", "mti"):
            assert gov[who].cpf not in body
        for secret in SECRET_NAMES:
            assert secret not in body


def test_the_plan_has_only_approved_plans_and_approved_services(client, gov):
    _header, rows = _csv(client, "plano")
    assert {r["servico_nome"] for r in rows} == {
        "Comunicar a venda do veículo",
        "Fazer vistoria veicular",
        "Pedir isenção de IPVA",
    }
    digital = next(r for r in rows if r["servico_slug"] == gov["digital"].slug)
    assert digital["etapa"] == "publicado_digital" and digital["etapa_numero"] == "5"
    assert digital["digital_desde"] and digital["ano"] == str(gov["approved"].year)
    assert (digital["orcamento_solicitado"], digital["orcamento_concedido"]) == ("1000.00", "800.00")
    assert (digital["marcos"], digital["marcos_concluidos"], digital["marcos_atrasados"]) == ("2", "2", "1")
    dev = next(r for r in rows if r["servico_slug"] == gov["developing"].slug)
    assert dev["orcamento_concedido"] == "" and dev["digital_desde"] == ""
    items = _json(client, "plano")["itens"]
    first = next(i for i in items if i["servico_slug"] == gov["digital"].slug)
    assert first["orcamento_solicitado"] == 1000.0 and first["etapa_numero"] == 5
    assert (
        next(i for i in items if i["servico_slug"] == gov["developing"].slug)["orcamento_concedido"] is None
    )


def test_the_plan_filters_by_year(client, gov):
    _header, rows = _csv(client, "plano", ano=str(gov["approved"].year))
    assert len(rows) == 3
    _header, rows = _csv(client, "plano", ano=str(gov["current"].year))
    assert rows == []  # not approved yet
    response = client.get(
        reverse("governance:pub_dataset", args=["marcos", "csv"]), {"ano": gov["approved"].year}
    )
    assert f'filename="marcos-{gov["approved"].year}.csv"' in response["Content-Disposition"]


def test_the_milestones_carry_the_late_flag(client, gov):
    _header, rows = _csv(client, "marcos")
    by_title = {r["marco"]: r for r in rows}
    assert by_title["Laudo digital integrado"]["atrasado"] == "true"
    assert by_title["Laudo digital integrado"]["concluido"] == "false"
    assert by_title["Publicação"]["atrasado"] == "true"  # done after its date
    assert by_title["Diagnóstico"]["atrasado"] == "false"
    assert by_title["Homologação com as empresas"]["atrasado"] == "false"
    items = _json(client, "marcos")["itens"]
    assert {i["atrasado"] for i in items} == {True, False}


def test_exceptions_only_public_ones(client, gov):
    _header, rows = _csv(client, "excecoes")
    assert [r["numero"] for r in rows] == ["2026.EXC.000001-0"]
    assert rows[0]["situacao"] == "aprovada" and rows[0]["acoes_plano"] == "1"
    body = client.get(reverse("governance:pub_dataset", args=["excecoes", "json"])).content.decode()
    assert "Rascunho sigiloso" not in body and "Plataforma em análise" not in body


def test_catalogue_prices_and_references_only_approved(client, gov):
    _header, services = _csv(client, "catalogo-mti")
    by_code = {r["codigo"]: r for r in services}
    assert by_code["HOSP-01"]["preco_atual"] == "420.00" and by_code["HOSP-01"]["versao_preco"] == "1"
    assert by_code["REDE-01"]["preco_atual"] == ""  # no approved price yet
    _header, prices = _csv(client, "precos-mti")
    assert [(p["servico_codigo"], p["versao"]) for p in prices] == [("HOSP-01", "1")]
    price = prices[0]
    assert (price["referencias"], price["referencias_mediana"], price["referencias_menor"]) == (
        "3",
        "468.00",
        "455.00",
    )
    assert price["referencias_media"] == "478.33"
    assert price["diferenca_mediana_percentual"] == "-10.3"  # (420 - 468) / 468
    _header, references = _csv(client, "referencias-mti")
    assert sorted(r["fonte"] for r in references) == ["Fonte A", "Fonte B", "Fonte C"]
    for name in ("precos-mti", "referencias-mti", "catalogo-mti"):
        body = client.get(reverse("governance:pub_dataset", args=[name, "json"])).content.decode()
        assert "Proposta sigilosa" not in body and "Fonte da proposta" not in body and "398" not in body


def test_justifications_only_decided_ones(client, gov):
    _header, rows = _csv(client, "justificativas")
    assert [r["titulo"] for r in rows] == ["Kubernetes"]


@pytest.mark.parametrize(
    "path",
    [
        "/governanca/dados/inexistente.csv",
        "/governanca/dados/plano.xml",
        "/governanca/dados/plano.CSV",
        "/governanca/dados/plano",
        "/governanca/dados/../plano.csv",
        "/governanca/dados/" + "a" * 60 + ".csv",
    ],
)
def test_unknown_datasets_and_formats_are_404(client, gov, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "name, params",
    [
        ("plano", {"ano": "abc"}),
        ("plano", {"ano": "1900"}),
        ("plano", {"ano": "2025\x00"}),
        ("plano", {"orgao": "detran-mt"}),
        ("excecoes", {"ano": "2025"}),  # this dataset has no filter by year
        ("catalogo-mti", {"x": "1"}),
    ],
)
def test_bad_filters_are_400(client, gov, name, params):
    for fmt in ("csv", "json"):
        response = client.get(reverse("governance:pub_dataset", args=[name, fmt]), params)
        assert response.status_code == 400
        assert "Não foi possível gerar os dados abertos" in response.content.decode()
