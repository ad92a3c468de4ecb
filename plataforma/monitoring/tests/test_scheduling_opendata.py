"""Open data of the attendance by appointment (ADR 0027): /painel/dados/agendamento.csv and .json
carry the panel's scheduling figures per scope and period, with the indicators' conventions,
filters and caching — and the same numbers as the panel, nothing finer.

On 12/03/2025, DETRAN-MT's unit "Sede" (services S1 and S2) and SEFAZ's unit:

| service | appointment | status     | ticket: issued → called (due) | wait |
| S1      | a1          | atendido   | 07:50 → 08:10 (08:00)          | 10   |
| S1      | a2          | faltou     | —                              | —    |
| S1      | a3          | atendido   | 09:00 → 09:06 (09:00)          | 6    |
| S1      | a4          | cancelado  | —                              | —    |
| S1      | walk-in     | —          | 10:00 → 10:30                  | 30   |
| S2      | a5          | atendido   | 08:00 → 08:03 (08:00)          | 3    |
| SEFAZ   | a6          | faltou     | —                              | —    |
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.monitoring.opendata_scheduling import HEADER
from plataforma.monitoring.services import indicators_refresh
from plataforma.scheduling.models import AppointmentStatus as S
from plataforma.scheduling.tests.factories_manage import (
    appointment_at,
    calendar_for,
    in_person_service,
    local,
    offering_for,
    person,
    slot_at,
    ticket,
)

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 12)
PERIODS = [(2025, 3), (2025, 0)]
CSV_URL = "monitoring:data_scheduling_csv"
JSON_URL = "monitoring:data_scheduling_json"


@pytest.fixture
def attended():
    detran = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    sefaz = AgencyFactory(acronym="SEFAZ", slug="sefaz")
    sede = calendar_for(detran, name="Sede", weekdays=())
    s1 = in_person_service(detran, name="Renovar a CNH")
    s2 = in_person_service(detran, name="Segunda via da CNH")
    o1, o2 = offering_for(sede, s1, capacity=2), offering_for(sede, s2, capacity=1)
    who = person()
    at8, at9 = slot_at(o1, local(DAY, 8), booked=2), slot_at(o1, local(DAY, 9), booked=1)
    a1 = appointment_at(at8, who, S.DONE)
    appointment_at(at8, who, S.NO_SHOW)
    a3 = appointment_at(at9, who, S.DONE)
    appointment_at(at9, who, S.CANCELLED)
    ticket(sede, s1, issued_at=local(DAY, 7, 50), due_at=local(DAY, 8), called_after=20, appointment=a1)
    ticket(sede, s1, issued_at=local(DAY, 9), due_at=local(DAY, 9), called_after=6, appointment=a3)
    ticket(sede, s1, issued_at=local(DAY, 10), called_after=30, served_minutes=12)
    a5 = appointment_at(slot_at(o2, local(DAY, 8), booked=1), who, S.DONE)
    ticket(sede, s2, issued_at=local(DAY, 8), due_at=local(DAY, 8), called_after=3, appointment=a5)
    fazenda = calendar_for(sefaz, name="Agência fazendária", weekdays=())
    s3 = in_person_service(sefaz, name="Parcelar débitos")
    appointment_at(slot_at(offering_for(fazenda, s3), local(DAY, 8), booked=1), who, S.NO_SHOW)
    indicators_refresh(months=PERIODS)
    return {"detran": detran, "sefaz": sefaz, "s1": s1, "s2": s2, "s3": s3}


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and "\r\n" in body
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_the_csv_has_every_scope_and_period_with_the_panels_figures(client, attended):
    response = client.get(reverse(CSV_URL), {"ano": "2025"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agendamento.csv"'
    assert response["Cache-Control"] == "public, max-age=300"
    rows = _csv(response)
    assert list(rows[0].keys()) == HEADER
    by_key = {(r["escopo"], r["orgao_sigla"], r["servico_nome"], r["mes"]): r for r in rows}
    s1 = by_key[("servico", "DETRAN-MT", "Renovar a CNH", "3")]
    assert (s1["agendamentos"], s1["atendidos"], s1["faltas"], s1["taxa_faltas"]) == ("3", "2", "1", "0.3333")
    assert (s1["senhas_chamadas"], s1["espera_mediana_minutos"]) == ("3", "10.0")
    assert s1["servico_slug"] == attended["s1"].slug and s1["orgao_slug"] == "detran-mt"
    agency = by_key[("orgao", "DETRAN-MT", "", "3")]
    assert (agency["agendamentos"], agency["atendidos"], agency["faltas"]) == ("4", "3", "1")
    assert (agency["senhas_chamadas"], agency["espera_mediana_minutos"]) == ("4", "8.0")  # 3 6 10 30
    platform = by_key[("plataforma", "", "", "3")]
    assert (platform["agendamentos"], platform["faltas"], platform["taxa_faltas"]) == ("5", "2", "0.4")
    sefaz = by_key[("orgao", "SEFAZ", "", "3")]
    assert (sefaz["senhas_chamadas"], sefaz["espera_mediana_minutos"]) == ("0", "")  # no value: empty
    year = by_key[("orgao", "DETRAN-MT", "", "0")]
    assert year["agendamentos"] == "4" and year["atualizado_em"]
    # nothing finer than the panel: no unit, no day, nothing about a person
    assert not {"unidade", "dia", "codigo", "cpf"} & set(HEADER)


def test_the_json_has_the_same_figures_with_null_for_no_value(client, attended):
    response = client.get(reverse(JSON_URL), {"escopo": "orgao", "ano": "2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = json.loads(b"".join(response.streaming_content))
    assert document["colunas"] == HEADER and document["total"] == len(document["itens"]) == 4
    march = {i["orgao_sigla"]: i for i in document["itens"] if i["mes"] == 3}
    assert (march["DETRAN-MT"]["agendamentos"], march["DETRAN-MT"]["taxa_faltas"]) == (4, 0.25)
    assert march["DETRAN-MT"]["espera_mediana_minutos"] == 8.0
    assert march["SEFAZ"]["espera_mediana_minutos"] is None and march["SEFAZ"]["taxa_faltas"] == 1.0


def test_the_files_agree_with_the_panel(client, attended):
    panel = client.get(reverse("monitoring:panel_agency", args=["detran-mt"]), {"ano": "2025"})
    month = panel.context["summary"].scheduling.months[2]
    rows = _csv(client.get(reverse(CSV_URL), {"orgao": "detran-mt", "escopo": "orgao", "ano": "2025"}))
    row = next(r for r in rows if r["mes"] == "3")
    assert (int(row["agendamentos"]), int(row["atendidos"]), int(row["faltas"])) == (
        month.booked,
        month.attended,
        month.no_show,
    )
    assert float(row["espera_mediana_minutos"]) == pytest.approx(month.wait_median_minutes)


def test_filters_by_agency_service_scope_and_year(client, attended):
    rows = _csv(client.get(reverse(CSV_URL), {"orgao": "sefaz"}))
    assert {r["orgao_sigla"] for r in rows} == {"SEFAZ"} and {r["escopo"] for r in rows} == {
        "orgao",
        "servico",
    }
    rows = _csv(client.get(reverse(CSV_URL), {"servico": attended["s2"].slug}))
    assert {r["servico_nome"] for r in rows} == {"Segunda via da CNH"} and len(rows) == 2
    rows = _csv(client.get(reverse(CSV_URL), {"escopo": "plataforma"}))
    assert [r["mes"] for r in rows] == ["0", "3"]
    assert _csv(client.get(reverse(CSV_URL), {"ano": "2024"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"escopo": "unidade"},
        {"orgao": "nao-existe"},
        {"ano": "20x5"},
        {"unidade": "sede"},
        {"orgao": "a\x00b"},
    ],
)
def test_bad_filters_answer_400(client, db, params):
    assert client.get(reverse(CSV_URL), params).status_code == 400
    assert client.get(reverse(JSON_URL), params).status_code == 400


def test_exports_are_cached_until_the_next_refresh(client, attended, django_assert_num_queries):
    url = reverse(CSV_URL)
    first = b"".join(client.get(url, {"escopo": "orgao"}).streaming_content)
    with django_assert_num_queries(1):  # the time of the last refresh
        again = b"".join(client.get(url, {"escopo": "orgao"}).streaming_content)
    assert again == first
    # the indicators' file with the same filters is another export
    indicators = b"".join(client.get(reverse("monitoring:data_csv"), {"escopo": "orgao"}).streaming_content)
    assert indicators != first
    indicators_refresh(months=PERIODS)  # a refresh moves the key: computed again
    with django_assert_num_queries(2):
        b"".join(client.get(url, {"escopo": "orgao"}).streaming_content)


def test_the_dictionary_explains_every_column_and_links_the_files(client, db):
    response = client.get(reverse("monitoring:data"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in HEADER:
        assert f"<code>{name}</code>" in html
    assert reverse(CSV_URL) in html and reverse(JSON_URL) in html
    assert "Colunas dos arquivos de atendimento com hora marcada" in html
    assert 'style="' not in html
