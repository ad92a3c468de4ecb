"""The report's figures against a year whose every figure is known by hand (conftest.known).
Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from plataforma.ombudsman.reports.selectors.figures import compute_figures, year_bounds
from plataforma.ombudsman.reports.selectors.ranking import agency_period_figures

pytestmark = pytest.mark.django_db


def test_state_counts_of_the_year(known):
    f = compute_figures(year=2025)
    r = f["received"]
    assert (r["total"], r["anonymous"], r["with_service"], r["previous_year"]) == (10, 1, 6, 2)
    assert (r["open"], r["open_overdue"]) == (4, 3)  # m6 waits for the user since before its deadline
    assert f["by_kind"] == {
        "reclamacao": 5,
        "denuncia": 1,
        "sugestao": 1,
        "elogio": 1,
        "solicitacao": 1,
        "simplifique": 1,
    }
    assert f["by_channel"] == {
        "internet": 5,
        "aplicativo": 1,
        "presencial": 1,
        "telefone": 1,
        "email": 1,
        "carta": 1,
    }
    assert f["by_status"] == {
        "recebida": 2,
        "em_analise": 1,
        "encaminhada": 0,
        "aguardando_usuario": 1,
        "em_decisao": 0,
        "concluida": 5,
        "arquivada": 1,
    }
    assert f["by_month"] == [1, 1, 2, 1, 1, 1, 0, 1, 0, 0, 1, 1]
    assert f["reopenings"] == {"manifestations": 1, "total": 1}


def test_state_services_and_subjects_with_the_previous_year(known):
    f = compute_figures(year=2025)
    services = [(s["name"], s["received"], s["complaints"], s["agency"]) for s in f["by_service"]]
    assert services == [
        ("Renovar a CNH", 3, 3, "DETRAN-MT"),
        ("Licenciar o veículo", 2, 1, "DETRAN-MT"),
        ("Emitir certidão negativa", 1, 1, "SEFAZ"),
    ]
    subjects = [(s["slug"], s["received"], s["previous"], s["complaints"]) for s in f["subjects"]]
    assert subjects == [("atendimento", 4, 1, 4), ("irregularidade", 1, 1, 0), ("prazo", 1, 0, 1)]
    assert f["unclassified"] == {"received": 4, "previous": 0}


def test_state_deadlines_forwardings_and_measures(known):
    f = compute_figures(year=2025)
    assert f["deadlines"] == {
        "concluded": 7,
        "on_time": 6,
        "extended": 1,
        "archived": 1,
        "first_cycle": 6,
        "median_days": 7.5,
    }
    assert f["forwardings"] == {"sent": 2, "answered": 1, "on_time": 1, "extended": 0}
    assert f["measures"]["total"] == 2
    assert f["measures"]["by_kind"]["orientacao"] == 1
    assert f["measures"]["by_kind"]["correcao"] == 1
    assert f["measures"]["by_kind"]["processo"] == 0


def test_state_satisfaction_published_and_small_agencies_protected(known):
    """Six ratings in 2025: the state's total is published; SEFAZ's one rating is withheld, and so
    is DETRAN-MT's five (complementary), or the state minus DETRAN-MT would reveal SEFAZ's."""
    f = compute_figures(year=2025)
    assert f["satisfaction"] == {
        "withheld": "",
        "ratings": 6,
        "resolved": 4,
        "satisfaction_sum": 20,
        "score_1": 1,
        "score_2": 1,
        "score_3": 1,
        "score_4": 1,
        "score_5": 2,
    }
    rows = {row["acronym"]: row for row in f["by_agency"]}
    assert rows["SEFAZ"]["satisfaction"]["withheld"] == "poucas"
    assert rows["DETRAN-MT"]["satisfaction"]["withheld"] == "complementar"
    for acronym in ("SEFAZ", "DETRAN-MT"):
        assert all(v is None for k, v in rows[acronym]["satisfaction"].items() if k != "withheld")


def test_state_table_of_agencies(known):
    rows = {row["acronym"]: row for row in compute_figures(year=2025)["by_agency"]}
    a, b, none = rows["DETRAN-MT"], rows["SEFAZ"], rows[""]
    assert (a["received"], a["complaints"], a["denunciations"], a["open_overdue"], a["reopened"]) == (
        7,
        4,
        1,
        1,
        1,
    )
    assert (a["concluded"], a["on_time"], a["extended"], a["measures"]) == (6, 5, 1, 1)
    assert (
        b["received"],
        b["complaints"],
        b["open_overdue"],
        b["concluded"],
        b["on_time"],
        b["measures"],
    ) == (2, 1, 1, 1, 1, 1)
    assert (none["received"], none["id"], none["open_overdue"]) == (1, None, 1)
    assert list(rows) == ["DETRAN-MT", "SEFAZ", ""]  # most received first, triage last


def test_agency_report_counts_only_its_own(known):
    f = compute_figures(year=2025, agency=known["a"])
    assert f["agency"]["acronym"] == "DETRAN-MT"
    assert (f["received"]["total"], f["received"]["previous_year"], f["received"]["anonymous"]) == (7, 2, 1)
    assert f["by_kind"]["reclamacao"] == 4
    assert f["deadlines"] == {
        "concluded": 6,
        "on_time": 5,
        "extended": 1,
        "archived": 1,
        "first_cycle": 5,
        "median_days": 10.0,
    }
    assert f["forwardings"]["sent"] == 2
    assert f["measures"]["total"] == 1
    assert [s["slug"] for s in f["subjects"]] == ["atendimento", "irregularidade", "prazo"]
    assert f["subjects"][0]["received"] == 3
    # The same decision as in the state's table: the two reports never disagree.
    assert f["satisfaction"]["withheld"] == "complementar"
    assert "by_agency" not in f


def test_current_year_satisfaction_is_never_published(known):
    f = compute_figures(year=2026)
    assert f["received"]["total"] == 1
    assert f["satisfaction"]["withheld"] == "em_curso"
    assert f["satisfaction"]["ratings"] is None
    assert compute_figures(year=2026, agency=known["b"])["satisfaction"]["withheld"] == "em_curso"


def test_an_empty_year_has_zeros_and_no_median(db):
    f = compute_figures(year=2019)
    assert f["received"]["total"] == 0
    assert f["deadlines"]["median_days"] is None
    assert f["satisfaction"] == {"withheld": "", **{k: 0 for k in f["satisfaction"] if k != "withheld"}}
    assert f["by_agency"] == []


def test_ranking_figures_per_agency(known):
    start, end = year_bounds(2025)
    rows = {r.agency_id: r for r in agency_period_figures(start=start, end=end)}
    a, b = rows[known["a"].pk], rows[known["b"].pk]
    assert (a.received, a.complaints, a.complaints_concluded, a.complaints_on_time) == (7, 4, 5, 4)
    assert (b.received, b.complaints, b.complaints_concluded, b.complaints_on_time) == (2, 1, 1, 1)
    assert (rows[None].received, rows[None].complaints) == (1, 0)


def test_figures_use_a_fixed_number_of_queries(known, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        compute_figures(year=2025)
