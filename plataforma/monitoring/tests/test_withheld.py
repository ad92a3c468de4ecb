"""Rating figures withheld on the panel and in the open data (ADR 0023): small cells, cells that
would give a small one away by subtraction, months not yet over — and an attacker working on
the published CSV who recovers none of them."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.monitoring.disclosure import month_start
from plataforma.monitoring.models import IndicatorRefresh, MonthlyIndicator
from plataforma.monitoring.services import indicators_refresh, indicators_update
from plataforma.monitoring.services.indicators import default_periods
from plataforma.service_requests.tests.factories import service_with_form

from .factories import local, make_evaluation, make_request
from .test_panel import _csv

pytestmark = pytest.mark.django_db

YEAR_2025 = [(2025, m) for m in range(1, 13)] + [(2025, 0)]
FEW_NOTICE = (
    "Menos de 5 avaliações neste período: as notas não são publicadas para proteger o anonimato de "
    "quem avaliou."
)


def rate(service, month, n, day=10, score=4, **dimensions):
    for i in range(n):
        make_evaluation(
            service=service, created_at=local(2025, month, day + i % 5), score=score, **dimensions
        )


def csv_rows(client, **params):
    response = client.get(reverse("monitoring:data_csv"), params)
    assert response.status_code == 200
    return _csv(response)


def json_items(client, **params):
    response = client.get(reverse("monitoring:data_json"), params)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))["itens"]


# --- Four and five ------------------------------------------------------------------------------


@pytest.fixture
def alone(agency):
    """One service, alone on the platform: what holds for it holds for its agency and the platform."""
    return service_with_form(agency=agency, name="Serviço sozinho")


def test_four_ratings_are_withheld_on_the_panel_and_in_the_open_data(client, alone):
    rate(alone, 3, 4, score=1, clareza=1)
    indicators_refresh(months=YEAR_2025)
    for url in (
        reverse("monitoring:panel"),
        reverse("monitoring:panel_agency", args=[alone.agency.slug]),
        reverse("monitoring:panel_service", args=[alone.slug]),
    ):
        response = client.get(url, {"ano": "2025"})
        html = response.content.decode()
        assert FEW_NOTICE in html, url
        total = response.context["summary"].total
        assert (total.evaluations, total.score_mean, total.scores) == (None, None, None)
        assert response.context["charts"]["scores"].notice == FEW_NOTICE
        assert response.context["charts"]["dimensions"].notice == FEW_NOTICE
        # No table of scores under a withheld chart: nothing to read the four ratings from.
        assert "Tabela: Notas dadas pelos usuários" not in html
    rows = csv_rows(client, ano="2025")
    assert {(r["escopo"], r["mes"]) for r in rows} >= {("plataforma", "3"), ("orgao", "3"), ("servico", "3")}
    for row in rows:
        if row["mes"] in ("3", "0"):
            assert (row["avaliacoes"], row["nota_media"], row["notas_1"]) == ("", "", "")
            assert (row["avaliacoes_suprimidas"], row["avaliacoes_motivo"]) == ("true", "poucas")
            assert (row["clareza_suprimida"], row["clareza_media"], row["clareza_notas_1"]) == (
                "true",
                "",
                "",
            )
        else:
            assert (row["avaliacoes"], row["avaliacoes_suprimidas"]) == ("0", "false")
    for item in json_items(client, ano="2025"):
        if item["mes"] in (3, 0):
            assert item["avaliacoes"] is None and item["nota_media"] is None and item["notas_1"] is None
            assert item["avaliacoes_suprimidas"] is True and item["avaliacoes_motivo"] == "poucas"
            assert item["clareza_suprimida"] is True and item["clareza_avaliacoes"] is None


def test_five_ratings_are_published(client, alone):
    rate(alone, 3, 5, score=4, clareza=5)
    indicators_refresh(months=YEAR_2025)
    response = client.get(reverse("monitoring:panel_service", args=[alone.slug]), {"ano": "2025"})
    html = response.content.decode()
    assert FEW_NOTICE not in html
    assert response.context["summary"].total.score_mean == 4
    assert "4,0" in html and "em 5 avaliações" in html
    for row in csv_rows(client, ano="2025"):
        if row["mes"] in ("3", "0"):
            assert (row["avaliacoes"], row["nota_media"], row["notas_4"]) == ("5", "4.0", "5")
            assert (row["avaliacoes_suprimidas"], row["avaliacoes_motivo"]) == ("false", "")
            assert (row["clareza_suprimida"], row["clareza_media"]) == ("false", "5.0")
    item = next(i for i in json_items(client, escopo="servico", ano="2025") if i["mes"] == 3)
    assert (item["avaliacoes"], item["avaliacoes_suprimidas"], item["avaliacoes_motivo"]) == (5, False, None)


def test_the_minimum_is_a_setting_and_a_change_rebuilds_every_period(client, alone, person, settings):
    make_request(
        service=alone, requester=person, submitted_at=local(2025, 3, 1)
    )  # the history starts in 2025
    rate(alone, 3, 4)
    indicators_update()  # never rebuilt under a minimum: rebuilds
    assert IndicatorRefresh.objects.get().min_ratings == 5
    march = MonthlyIndicator.objects.get(scope="servico", year=2025, month=3)
    assert (march.ratings_withheld, march.evaluations) == ("poucas", None)
    # Under the same minimum, the hourly job only refreshes the recent periods.
    assert indicators_update().periods == default_periods()
    settings.MONITORING_MIN_RATINGS = 3
    indicators_update()
    assert IndicatorRefresh.objects.get().min_ratings == 3
    march = MonthlyIndicator.objects.get(scope="servico", year=2025, month=3)
    assert (march.ratings_withheld, march.evaluations) == ("", 4)


@pytest.mark.parametrize("value", [1, 0, -5, "5", 2.5, True])
def test_a_minimum_below_two_or_not_a_whole_number_fails_the_system_check(settings, value):
    settings.MONITORING_MIN_RATINGS = value
    assert "monitoring.E001" in [e.id for e in run_checks()]


def test_the_default_minimum_passes_the_system_check():
    assert "monitoring.E001" not in [e.id for e in run_checks()]


# --- A platform where small cells hide among larger ones --------------------------------------------


@pytest.fixture
def platform_2025(agency, other_agency):
    """Ratings of 2025 (k = 5):

    | agency    | service | jan | feb | mar                       |
    | DETRAN-MT | pequeno |  5  |  6  |  4 (withheld: few)        |
    | DETRAN-MT | médio   |     |     |  6 (complementary)        |
    | DETRAN-MT | grande  |  6  |     |  7, 3 of them rate clareza |
    | SEFAZ     | t1      |     |     |  3 (few)                  |
    | SEPLAG    | u1      |     |     |  5 (complementary)        |

    The médio's March ratings all rate clareza (6).
    """
    third = AgencyFactory(name="Secretaria de Planejamento", acronym="SEPLAG", slug="seplag")
    s = {
        "pequeno": service_with_form(agency=agency, name="Serviço pequeno"),
        "medio": service_with_form(agency=agency, name="Serviço médio"),
        "grande": service_with_form(agency=agency, name="Serviço grande"),
        "t1": service_with_form(agency=other_agency, name="Serviço da Fazenda"),
        "u1": service_with_form(agency=third, name="Serviço do Planejamento"),
    }
    rate(s["pequeno"], 1, 5, score=5)
    rate(s["pequeno"], 2, 6, score=4)
    rate(s["pequeno"], 3, 4, score=1)
    rate(s["medio"], 3, 6, score=3, clareza=2)
    rate(s["grande"], 1, 6, score=5)
    rate(s["grande"], 3, 3, score=4, clareza=4)
    rate(s["grande"], 3, 4, score=4)
    rate(s["t1"], 3, 3, score=2)
    rate(s["u1"], 3, 5, score=5)
    indicators_refresh(months=YEAR_2025)
    return s


def _key(row):
    return (row["escopo"], row["orgao_sigla"], row["servico_slug"], int(row["mes"]))


def _attack(rows, measure: str, flag: str) -> tuple[list, list]:
    """Subtract every published child (every published month) from its published parent (year).
    Returns what that gives away alone (with the kind of sum), and the groups it gives away
    with fewer than 5 ratings."""
    published = {_key(r): int(r[measure]) for r in rows if r[flag] == "false"}
    withheld = {_key(r) for r in rows if r[flag] == "true"}
    # (parent key, which sum) -> child keys: services in an agency and agencies in the platform,
    # in the same period; the months of a scope in its year.
    families = defaultdict(list)
    for r in rows:
        scope, agency, service, month = _key(r)
        if scope == "servico":
            families[(("orgao", agency, "", month), "space")].append(_key(r))
        elif scope == "orgao":
            families[(("plataforma", "", "", month), "space")].append(_key(r))
        if month:
            families[((scope, agency, service, 0), "time")].append(_key(r))
    recovered, small_groups = [], []
    for (parent, relation), children in families.items():
        if parent not in published:
            continue
        hidden = [c for c in children if c in withheld]
        rest = published[parent] - sum(published[c] for c in children if c in published)
        if len(hidden) == 1:
            recovered.append((hidden[0], relation))
        elif hidden and 0 < rest < 5:  # (0: none of them has a rating to protect)
            small_groups.append((parent, hidden, rest))
    return recovered, small_groups


def test_the_expected_cells_are_withheld(client, platform_2025):
    rows = {_key(r): r for r in csv_rows(client, ano="2025")}

    def reason(scope, agency, service, month, column="avaliacoes_motivo"):
        return rows[(scope, agency, service, month)][column]

    s = platform_2025
    assert reason("servico", "DETRAN-MT", s["pequeno"].slug, 3) == "poucas"
    assert reason("servico", "DETRAN-MT", s["medio"].slug, 3) == "complementar"
    assert reason("servico", "DETRAN-MT", s["grande"].slug, 3) == ""
    assert reason("orgao", "DETRAN-MT", "", 3) == ""
    assert reason("orgao", "SEFAZ", "", 3) == "poucas"
    assert reason("orgao", "SEPLAG", "", 3) == "complementar"
    assert reason("servico", "SEPLAG", s["u1"].slug, 3) == "complementar"
    assert reason("plataforma", "", "", 3) == ""
    # The small service's January and February are published; its year is not.
    assert reason("servico", "DETRAN-MT", s["pequeno"].slug, 1) == ""
    assert reason("servico", "DETRAN-MT", s["pequeno"].slug, 2) == ""
    assert reason("servico", "DETRAN-MT", s["pequeno"].slug, 0) == "complementar"
    # Clareza: 3 ratings in the large service's March — withheld alone, with the medium's.
    grande_march = rows[("servico", "DETRAN-MT", s["grande"].slug, 3)]
    assert (grande_march["avaliacoes"], grande_march["clareza_suprimida"]) == ("7", "true")
    assert rows[("orgao", "DETRAN-MT", "", 3)]["clareza_avaliacoes"] == "9"
    assert rows[("servico", "DETRAN-MT", s["grande"].slug, 0)]["clareza_suprimida"] == "true"
    assert rows[("orgao", "DETRAN-MT", "", 0)]["clareza_suprimida"] == "false"


@pytest.mark.parametrize(
    ("measure", "flag"),
    [
        ("avaliacoes", "avaliacoes_suprimidas"),
        ("notas_1", "avaliacoes_suprimidas"),
        ("notas_5", "avaliacoes_suprimidas"),
        ("clareza_avaliacoes", "clareza_suprimida"),
        ("clareza_notas_2", "clareza_suprimida"),
    ],
)
def test_no_withheld_cell_is_recovered_by_subtraction_from_the_open_data(
    client, platform_2025, measure, flag
):
    """Service in agency, agency in platform, month in year: parent minus the published
    children never isolates a withheld one, nor a group of fewer than 5 ratings."""
    rows = csv_rows(client, ano="2025")
    assert any(r[flag] == "true" for r in rows)  # there is something to attack
    recovered, small_groups = _attack(rows, measure, flag)
    assert recovered == []
    if measure.endswith("avaliacoes"):
        assert small_groups == []


def test_the_attack_would_work_on_threshold_only_suppression(client, platform_2025):
    """The same attacker, given the rows as they would be if only the cells of fewer than 5
    ratings were withheld, recovers them: the complementary cells are what stops it."""
    naive = []
    for row in csv_rows(client, ano="2025"):
        if row["avaliacoes_motivo"] and row["avaliacoes_motivo"] != "poucas":
            row = {**row, "avaliacoes": str(_raw_count(row)), "avaliacoes_suprimidas": "false"}
        naive.append(row)
    recovered, _groups = _attack(naive, "avaliacoes", "avaliacoes_suprimidas")
    s = platform_2025
    small_march = ("servico", "DETRAN-MT", s["pequeno"].slug, 3)
    assert (small_march, "space") in recovered  # March of DETRAN-MT minus médio and grande
    assert (small_march, "time") in recovered  # its year minus January and February
    assert (("orgao", "SEFAZ", "", 3), "space") in recovered  # the platform minus the others


def _raw_count(row) -> int:
    """The real number of ratings of a withheld CSV row, from the ratings themselves."""
    from plataforma.monitoring.models import Evaluation

    ratings = Evaluation.objects.filter(created_at__year=2025)
    month = int(row["mes"])
    if month:
        ratings = ratings.filter(
            created_at__gte=month_start(2025, month),
            created_at__lt=month_start(2026, 1) if month == 12 else month_start(2025, month + 1),
        )
    if row["servico_slug"]:
        ratings = ratings.filter(service__slug=row["servico_slug"])
    elif row["orgao_sigla"]:
        ratings = ratings.filter(agency__acronym=row["orgao_sigla"])
    return ratings.count()


def test_the_panel_says_why_and_shows_no_withheld_figure(client, platform_2025, other_agency):
    response = client.get(reverse("monitoring:panel_agency", args=[other_agency.slug]), {"ano": "2025"})
    assert FEW_NOTICE in response.content.decode()
    assert response.context["summary"].total.evaluations is None
    s = platform_2025
    response = client.get(reverse("monitoring:panel_service", args=[s["pequeno"].slug]), {"ano": "2025"})
    html = response.content.decode()
    assert "revelariam as notas de um grupo com menos de 5 avaliações" in html
    assert "Não publicada" in html
    years = response.context["summary"].years
    assert [f.ratings_withheld for f in years] == ["complementar"]


def test_the_platform_page_ranks_only_published_agencies_and_marks_the_others(client, platform_2025):
    response = client.get(reverse("monitoring:panel"), {"ano": "2025"})
    summary = response.context["summary"]
    assert [e.agency.acronym for e in summary.satisfaction_ranking] == ["DETRAN-MT"]
    assert summary.satisfaction_unranked == 2
    html = response.content.decode()
    assert "2 órgãos não aparecem nesta comparação" in html
    cells = {agency.acronym: f for agency, f in summary.children}
    assert cells["SEFAZ"].ratings_label == "menos de 5 avaliações"
    assert cells["SEPLAG"].ratings_label == "não publicada"
    assert "<td>menos de 5 avaliações</td><td>menos de 5 avaliações</td>" in html  # SEFAZ
    assert "Onde a satisfação diz “menos de 5 avaliações”" in html


def test_the_agency_page_marks_its_withheld_services(client, platform_2025, agency):
    response = client.get(reverse("monitoring:panel_agency", args=[agency.slug]), {"ano": "2025"})
    children = {service.name: f for service, f in response.context["summary"].children}
    assert children["Serviço pequeno"].ratings_withheld == "complementar"
    assert children["Serviço grande"].evaluations == 13
    dimensions = {d["key"]: d for d in children["Serviço grande"].dimension_means()}
    assert dimensions["clareza"]["withheld_label"] == "menos de 5 avaliações"  # 3 in the year
    assert "não publicada" in response.content.decode()


# --- Months still open ---------------------------------------------------------------------------


def test_the_ratings_of_the_current_month_wait_for_its_end(client, alone):
    now = timezone.now()
    local_now = timezone.localtime(now)
    for _ in range(6):
        make_evaluation(service=alone, created_at=now - timedelta(seconds=1), score=5)
    indicators_refresh(now=now)
    this_month = MonthlyIndicator.objects.get(
        scope="servico", year=local_now.year, month=local_now.month, service=alone
    )
    assert (this_month.ratings_withheld, this_month.evaluations) == ("em_curso", None)
    year = MonthlyIndicator.objects.filter(
        scope="servico", year=local_now.year, month=0, service=alone
    ).first()
    assert year is None or year.evaluations in (0, None)  # the year counts closed months only
    row = next(
        r
        for r in csv_rows(client, escopo="servico")
        if (int(r["ano"]), int(r["mes"])) == (local_now.year, local_now.month)
    )
    assert (row["avaliacoes"], row["avaliacoes_motivo"]) == ("", "em_curso")
    # An hour after the month ends, its figures are published — and do not change again.
    after = (
        month_start(local_now.year + 1, 1)
        if local_now.month == 12
        else month_start(local_now.year, local_now.month + 1)
    )
    indicators_refresh(now=after + timedelta(minutes=30))
    this_month = MonthlyIndicator.objects.get(
        scope="servico", year=local_now.year, month=local_now.month, service=alone
    )
    assert this_month.ratings_withheld == "em_curso"  # still within the grace hour
    indicators_refresh(now=after + timedelta(hours=1, minutes=5))
    closed = MonthlyIndicator.objects.get(
        scope="servico", year=local_now.year, month=local_now.month, service=alone
    )
    assert (closed.ratings_withheld, closed.evaluations) == ("", 6)
    year = MonthlyIndicator.objects.get(scope="servico", year=local_now.year, month=0, service=alone)
    assert (year.ratings_withheld, year.evaluations) == ("", 6)


def test_withheld_rows_store_no_rating_figure(platform_2025):
    for row in MonthlyIndicator.objects.exclude(ratings_withheld=""):
        assert row.evaluations is None and row.score_sum is None and row.dimensions == {}
        assert [getattr(row, f"score_{n}") for n in range(1, 6)] == [None] * 5
