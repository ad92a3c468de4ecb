"""The public panel and its open data: real figures, fixed query counts, 4xx for bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.monitoring.opendata import HEADER
from plataforma.monitoring.services import indicators_refresh
from plataforma.monitoring.tests.factories import local, make_request
from plataforma.service_requests.tests.factories import service_with_form

pytestmark = pytest.mark.django_db

PERIODS_2025 = [(2025, 2), (2025, 3), (2025, 4), (2025, 0)]


@pytest.fixture
def refreshed(known):
    indicators_refresh(months=PERIODS_2025)
    return known


def test_platform_page_shows_the_figures(client, refreshed):
    response = client.get(reverse("monitoring:panel"), {"ano": "2025"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.total.submitted, summary.total.concluded, summary.total.in_progress_end) == (10, 7, 2)
    assert len(summary.months) == 12
    html = response.content.decode()
    assert 'role="img"' in html and "<caption>" in html and "aria-labelledby" in html
    assert "7,4" in html  # mean days in 2025: 52 / 7 = 7.43
    assert "66,7%" in html  # 4 of 6 concluded with a deadline were on time
    assert "75,0%" in html  # digital share of the catalogue
    assert "DETRAN-MT" in html and "SEFAZ" in html
    assert response["Cache-Control"] == "public, max-age=300"
    assert "<script>" not in html and 'style="' not in html


def test_chart_table_has_the_same_figures(client, refreshed):
    response = client.get(reverse("monitoring:panel"), {"ano": "2025"})
    volume = response.context["charts"]["volume"]
    march = volume.rows[2]
    assert march["category"] == "março"
    assert march["cells"] == ["9", "6", "3"]
    assert len(volume.bars) == 36
    scores = response.context["charts"]["scores"]
    assert [r["cells"][0] for r in scores.rows] == ["0", "5", "5", "5", "5"]


def test_agency_and_service_pages(client, refreshed):
    response = client.get(reverse("monitoring:panel_agency", args=["detran-mt"]), {"ano": "2025"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.total.submitted == 8
    assert [service.name for service, _f in summary.children] == ["Serviço dois", "Serviço um"]
    response = client.get(reverse("monitoring:panel_service", args=[refreshed["s1"].slug]), {"ano": "2025"})
    assert response.status_code == 200
    assert response.context["summary"].total.submitted == 5
    assert response.context["summary"].months[2].days_median == pytest.approx(5)


def test_the_current_year_is_the_default(client, refreshed):
    response = client.get(reverse("monitoring:panel"))
    assert response.status_code == 200
    assert response.context["summary"].year == timezone.localdate().year
    assert 2025 in response.context["years"]


@pytest.mark.parametrize("year", ["abc", "20255", "1999", "3000", "\uff12\uff10\uff12\uff15"])
def test_bad_years_answer_400(client, year):
    assert client.get(reverse("monitoring:panel"), {"ano": year}).status_code == 400


def test_unknown_agency_or_service_answers_404(client, db):
    assert client.get(reverse("monitoring:panel_agency", args=["nao-existe"])).status_code == 404
    assert client.get(reverse("monitoring:panel_service", args=["nao-existe"])).status_code == 404


def test_signed_in_pages_are_not_cached_by_shared_caches(client, refreshed, person):
    client.force_login(person)
    response = client.get(reverse("monitoring:panel"), {"ano": "2025"})
    assert "private" in response["Cache-Control"]


def _count_queries(client, url, params, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_pages_read_a_fixed_number_of_queries(client, refreshed, person, django_assert_max_num_queries):
    """The count does not grow with requests, services, agencies or appointments (one query per
    pre-aggregated table: requests and ratings, catalogue, refresh time, scheduling; the platform
    page also reads the ouvidoria's ranking)."""
    _count_queries(client, reverse("monitoring:panel"), {"ano": "2025"}, django_assert_max_num_queries, 6)
    _count_queries(
        client,
        reverse("monitoring:panel_agency", args=["detran-mt"]),
        {"ano": "2025"},
        django_assert_max_num_queries,
        6,
    )
    _count_queries(
        client,
        reverse("monitoring:panel_service", args=[refreshed["s1"].slug]),
        {"ano": "2025"},
        django_assert_max_num_queries,
        5,
    )
    _count_queries(client, reverse("monitoring:data_csv"), {}, django_assert_max_num_queries, 1)
    _count_queries(
        client, reverse("monitoring:data_json"), {"orgao": "sefaz"}, django_assert_max_num_queries, 2
    )
    # More data of every kind: the same counts.
    for n in range(5):
        extra = service_with_form(agency=refreshed["a"], name=f"Serviço extra {n}")
        make_request(service=extra, requester=person, submitted_at=local(2025, 3, 10 + n))
    indicators_refresh(months=PERIODS_2025)
    _count_queries(client, reverse("monitoring:panel"), {"ano": "2025"}, django_assert_max_num_queries, 6)
    _count_queries(
        client,
        reverse("monitoring:panel_agency", args=["detran-mt"]),
        {"ano": "2025"},
        django_assert_max_num_queries,
        6,
    )
    _count_queries(client, reverse("monitoring:data_csv"), {}, django_assert_max_num_queries, 1)


def _csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_csv_has_every_row_with_the_figures(client, refreshed):
    response = client.get(reverse("monitoring:data_csv"), {"escopo": "plataforma", "ano": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    rows = _csv(response)
    assert list(rows[0].keys()) == HEADER
    assert [r["mes"] for r in rows] == ["0", "2", "3", "4"]
    march = rows[2]
    assert march["pedidos_recebidos"] == "9"
    assert march["pedidos_concluidos"] == "6"
    assert march["percentual_no_prazo"] == "0.8"
    assert march["tempo_mediano_dias"] == "4.5"
    assert march["tempo_medio_dias"] == "4.8333"
    assert march["nota_media"] == "3.5"
    assert (march["notas_1"], march["notas_5"]) == ("0", "5")
    assert (march["avaliacoes"], march["avaliacoes_suprimidas"], march["avaliacoes_motivo"]) == (
        "20",
        "false",
        "",
    )
    assert (march["clareza_media"], march["clareza_avaliacoes"], march["clareza_notas_2"]) == (
        "3.0",
        "10",
        "5",
    )
    assert march["custo_media"] == ""


def test_csv_filters_by_agency_and_service(client, refreshed):
    rows = _csv(client.get(reverse("monitoring:data_csv"), {"orgao": "sefaz", "ano": "2025"}))
    assert {r["orgao_sigla"] for r in rows} == {"SEFAZ"}
    assert {r["escopo"] for r in rows} == {"orgao", "servico"}
    rows = _csv(client.get(reverse("monitoring:data_csv"), {"servico": refreshed["s2"].slug}))
    assert {r["servico_nome"] for r in rows} == {"Serviço dois"}


def test_json_has_the_same_figures(client, refreshed):
    response = client.get(
        reverse("monitoring:data_json"), {"escopo": "orgao", "orgao": "detran-mt", "ano": "2025"}
    )
    assert response.status_code == 200
    document = json.loads(b"".join(response.streaming_content))
    assert document["colunas"] == HEADER
    assert document["total"] == len(document["itens"]) == 4
    march = next(i for i in document["itens"] if i["mes"] == 3)
    assert (march["pedidos_recebidos"], march["pedidos_concluidos"], march["tempo_mediano_dias"]) == (
        7,
        4,
        4.5,
    )
    assert march["percentual_no_prazo"] == 0.75


@pytest.mark.parametrize(
    "params",
    [
        {"escopo": "tudo"},
        {"orgao": "nao-existe"},
        {"servico": "nao-existe"},
        {"ano": "20x5"},
        {"ano": "1990"},
        {"pagina": "2"},
        {"orgao": "a\x00b"},
        {"servico": "Serviço com acento"},
    ],
)
def test_bad_filters_answer_400(client, db, params):
    assert client.get(reverse("monitoring:data_csv"), params).status_code == 400
    assert client.get(reverse("monitoring:data_json"), params).status_code == 400


def test_dictionary_page_explains_every_column(client, db):
    response = client.get(reverse("monitoring:data"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in HEADER:
        assert f"<code>{name}</code>" in html


def test_an_empty_platform_renders(client, db):
    response = client.get(reverse("monitoring:panel"))
    assert response.status_code == 200
    assert "Ainda não há pedidos" in response.content.decode()
