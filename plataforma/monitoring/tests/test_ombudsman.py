"""The ouvidoria on the public panel: the ranking of the agencies with most reclamações (Lei
13.460 art. 23 §2), pre-aggregated with the other indicators, on the platform page, on its own
page by year and month, and in the open data (ADR 0032)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.monitoring.models import OmbudsmanIndicator
from plataforma.monitoring.selectors.ombudsman import complaints_rate
from plataforma.monitoring.services import indicators_rebuild, indicators_refresh
from plataforma.ombudsman.reports.tests.factories import local, make_answer, make_manifestation

pytestmark = pytest.mark.django_db

PERIODS = [(2025, 2), (2025, 3), (2025, 0)]


@pytest.fixture
def complaints(agency, other_agency):
    """March 2025: DETRAN-MT 3 reclamações (2 concluded, 1 on time) + 1 elogio; SEFAZ 3 reclamações
    (a tie with DETRAN-MT); SEPLAG 1 reclamação; CGE 1 sugestão only; one awaiting triage.
    February: SEPLAG 2 reclamações."""
    seplag = AgencyFactory(acronym="SEPLAG", slug="seplag", name="Secretaria de Planejamento")
    cge = AgencyFactory(acronym="CGE", slug="cge", name="Controladoria Geral do Estado")
    mk = make_manifestation
    d1 = mk(agency=agency, received=local(2025, 3, 2), status="concluida", concluded=local(2025, 3, 10))
    d2 = mk(agency=agency, received=local(2025, 3, 3), status="concluida", concluded=local(2025, 3, 30))
    mk(agency=agency, received=local(2025, 3, 4))
    mk(agency=agency, received=local(2025, 3, 5), kind="elogio")
    for day in (6, 7, 8):
        mk(agency=other_agency, received=local(2025, 3, day))
    mk(agency=seplag, received=local(2025, 3, 9))
    mk(agency=seplag, received=local(2025, 2, 9))
    mk(agency=seplag, received=local(2025, 2, 10))
    mk(agency=cge, received=local(2025, 3, 11), kind="sugestao")
    mk(agency=None, received=local(2025, 3, 12))
    make_answer(d1, answered=local(2025, 3, 10))
    make_answer(d2, answered=local(2025, 3, 30), on_time=False)
    return {"a": agency, "b": other_agency, "seplag": seplag, "cge": cge}


def _row(agency, month, year=2025) -> OmbudsmanIndicator:
    return OmbudsmanIndicator.objects.get(agency=agency, year=year, month=month)


def test_refresh_writes_each_agency_and_the_state(complaints):
    indicators_refresh(months=PERIODS)
    a = _row(complaints["a"], 3)
    assert (a.received, a.complaints, a.complaints_concluded, a.complaints_on_time) == (4, 3, 2, 1)
    state = OmbudsmanIndicator.objects.get(agency__isnull=True, year=2025, month=3)
    assert (state.received, state.complaints) == (10, 8)  # the one awaiting triage counts for the state
    year = _row(complaints["seplag"], 0)
    assert (year.received, year.complaints) == (3, 3)
    assert _row(complaints["seplag"], 2).complaints == 2
    assert not OmbudsmanIndicator.objects.filter(agency=complaints["a"], month=2).exists()


def test_refresh_is_idempotent(complaints):
    indicators_refresh(months=PERIODS)
    before = list(OmbudsmanIndicator.objects.values_list("agency", "year", "month", "received", "complaints"))
    indicators_refresh(months=PERIODS)
    assert (
        list(OmbudsmanIndicator.objects.values_list("agency", "year", "month", "received", "complaints"))
        == before
    )


def test_requests_on_the_platform_feed_the_rate(known, complaints):
    """`known` (conftest) has eight 2025 requests to DETRAN-MT, none to SEPLAG."""
    indicators_refresh(months=[(2025, 3), (2025, 0)])
    assert _row(complaints["a"], 0).requests == 8
    assert _row(complaints["seplag"], 0).requests == 0
    assert complaints_rate(3, 8) is None  # too few requests for a meaningful rate
    assert complaints_rate(3, 200) == pytest.approx(150.0)


def test_rebuild_covers_years_before_the_first_request(complaints):
    make_manifestation(agency=complaints["a"], received=local(2022, 5, 1))
    indicators_rebuild()
    assert _row(complaints["a"], 0, year=2022).complaints == 1


def test_platform_panel_shows_the_ranking(client, complaints):
    indicators_refresh(months=PERIODS)
    html = client.get(reverse("monitoring:panel"), {"ano": "2025"}).content.decode()
    assert "Ouvidoria: órgãos com mais reclamações" in html
    start = html.index('id="ouvidoria-ranking"')
    table = html[start : html.index("</table>", start)]
    assert table.index("DETRAN-MT") < table.index("SEFAZ") < table.index("SEPLAG")
    assert table.count("<td>1º</td>") == 3  # three reclamações each in the year: they share the position
    assert "CGE" not in table  # no reclamação: not ranked


def test_ranking_page_by_month(client, complaints):
    indicators_refresh(months=PERIODS)
    response = client.get(reverse("monitoring:ombudsman"), {"ano": "2025", "mes": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="2025" selected>' in html and '<option value="3" selected>' in html
    entries = response.context["summary"].ranking
    assert [(e.position, e.agency.acronym, e.row.complaints) for e in entries] == [
        (1, "DETRAN-MT", 3),
        (1, "SEFAZ", 3),
        (3, "SEPLAG", 1),
    ]
    assert response.context["summary"].without_complaints == 1
    february = client.get(reverse("monitoring:ombudsman"), {"ano": "2025", "mes": "2"}).context["summary"]
    assert [(e.agency.acronym, e.row.complaints) for e in february.ranking] == [("SEPLAG", 2)]


@pytest.mark.parametrize(
    "params",
    [
        {"ano": "2025", "mes": "13"},
        {"ano": "2025", "mes": "x"},
        {"ano": "1999"},
        {"mes": "1", "orgao": "x"},
        {"ano": "2025", "mes": "0"},
    ],
)
def test_ranking_page_refuses_bad_filters(client, db, params):
    assert client.get(reverse("monitoring:ombudsman"), params).status_code == 400


def test_open_data_csv_has_positions_per_period(client, complaints):
    indicators_refresh(months=PERIODS)
    response = client.get(reverse("monitoring:ombudsman_csv"), {"ano": "2025"})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    march = [(r["orgao_sigla"], r["posicao"], r["reclamacoes_recebidas"]) for r in rows if r["mes"] == "3"]
    assert march == [
        ("", "", "8"),
        ("DETRAN-MT", "1", "3"),
        ("SEFAZ", "1", "3"),
        ("SEPLAG", "3", "1"),
        ("CGE", "", "0"),
    ]
    detran = next(r for r in rows if r["mes"] == "3" and r["orgao_sigla"] == "DETRAN-MT")
    assert (
        detran["reclamacoes_concluidas"],
        detran["percentual_no_prazo"],
        detran["reclamacoes_por_10_mil_pedidos"],
    ) == ("2", "0.5", "")


def test_open_data_json_and_filters(client, complaints):
    indicators_refresh(months=PERIODS)
    response = client.get(reverse("monitoring:ombudsman_json"), {"orgao": "seplag"})
    doc = json.loads(b"".join(response.streaming_content))
    assert doc["total"] == 3 and {i["mes"] for i in doc["itens"]} == {0, 2, 3}
    assert doc["colunas"][:3] == ["ano", "mes", "orgao_sigla"]
    for params in ({"orgao": "nao-existe"}, {"ano": "20x5"}, {"escopo": "orgao"}, {"orgao": "<x>"}):
        assert client.get(reverse("monitoring:ombudsman_csv"), params).status_code == 400


def test_open_data_is_cached_until_the_next_refresh(client, complaints, django_assert_num_queries):
    indicators_refresh(months=PERIODS)
    url = reverse("monitoring:ombudsman_csv")
    first = b"".join(client.get(url, {"ano": "2025"}).streaming_content)
    with django_assert_num_queries(1):  # the time of the last refresh
        again = b"".join(client.get(url, {"ano": "2025"}).streaming_content)
    assert again == first
    make_manifestation(agency=complaints["a"], received=local(2025, 3, 20))
    indicators_refresh(months=PERIODS)
    assert b"".join(client.get(url, {"ano": "2025"}).streaming_content) != first
