"""The indicators against fixtures whose every figure is known by hand (see conftest.known).
Run on SQLite (Python median) and on PostgreSQL (percentile_cont)."""

from __future__ import annotations

import pytest

from plataforma.monitoring.figures import Figures
from plataforma.monitoring.models import PLATFORM_SCOPE_ID, CatalogueIndicator, MonthlyIndicator
from plataforma.monitoring.selectors import panel_summary
from plataforma.monitoring.services import indicators_rebuild, indicators_refresh
from plataforma.monitoring.services.indicators import default_periods

pytestmark = pytest.mark.django_db

PERIODS_2025 = [(2025, 2), (2025, 3), (2025, 4), (2025, 0)]


def row(scope, scope_id, month, year=2025) -> MonthlyIndicator:
    return MonthlyIndicator.objects.get(scope=scope, scope_id=scope_id, year=year, month=month)


def platform(month, year=2025):
    return row("plataforma", PLATFORM_SCOPE_ID, month, year)


@pytest.fixture
def refreshed(known):
    indicators_refresh(months=PERIODS_2025)
    return known


def test_platform_march_figures(refreshed):
    march = platform(3)
    assert march.submitted == 9
    assert (march.concluded, march.approved, march.rejected, march.cancelled) == (6, 4, 2, 1)
    assert (march.concluded_on_time, march.concluded_with_deadline) == (4, 5)
    assert march.in_progress_end == 3  # r5, r7 (concluded in April) and r8
    figures = Figures.from_row(march)
    assert figures.on_time_share == pytest.approx(0.8)
    assert march.days_sum == pytest.approx(29)  # 2 + 5 + 10 + 4 + 1 + 7
    assert figures.days_mean == pytest.approx(29 / 6)
    assert march.days_median == pytest.approx(4.5)  # between 4 and 5


def test_platform_february_and_april(refreshed):
    february = platform(2)
    assert (february.submitted, february.concluded, february.in_progress_end) == (1, 0, 1)
    assert february.days_median is None
    april = platform(4)
    assert (april.submitted, april.concluded, april.concluded_on_time, april.concluded_with_deadline) == (
        0,
        1,
        0,
        1,
    )
    assert april.days_median == pytest.approx(23)
    assert april.in_progress_end == 2  # r5 and r8


def test_whole_year_has_its_own_median(refreshed):
    year = platform(0)
    assert (year.submitted, year.concluded, year.approved, year.rejected, year.cancelled) == (10, 7, 5, 2, 1)
    assert (year.concluded_on_time, year.concluded_with_deadline) == (4, 6)
    assert year.in_progress_end == 2
    assert Figures.from_row(year).days_mean == pytest.approx(52 / 7)
    assert year.days_median == pytest.approx(5)  # [1, 2, 4, 5, 7, 10, 23]


def test_agency_and_service_rows(refreshed):
    a, b, s1, s2 = refreshed["a"], refreshed["b"], refreshed["s1"], refreshed["s2"]
    agency_a = row("orgao", a.pk, 3)
    assert (agency_a.submitted, agency_a.concluded, agency_a.cancelled, agency_a.in_progress_end) == (
        7,
        4,
        1,
        3,
    )
    assert (agency_a.concluded_on_time, agency_a.concluded_with_deadline) == (3, 4)
    assert agency_a.days_sum == pytest.approx(21)
    assert agency_a.days_median == pytest.approx(4.5)  # [2, 4, 5, 10]
    assert agency_a.agency_id == a.pk and agency_a.service_id is None
    agency_b = row("orgao", b.pk, 3)
    assert (agency_b.submitted, agency_b.concluded, agency_b.approved, agency_b.rejected) == (2, 2, 1, 1)
    assert (agency_b.concluded_on_time, agency_b.concluded_with_deadline) == (1, 1)
    assert agency_b.days_median == pytest.approx(4)  # [1, 7]
    service_1 = row("servico", s1.pk, 3)
    assert (service_1.submitted, service_1.concluded, service_1.cancelled, service_1.in_progress_end) == (
        5,
        3,
        1,
        1,
    )
    assert service_1.days_median == pytest.approx(5)
    assert Figures.from_row(service_1).days_mean == pytest.approx(17 / 3)
    assert service_1.agency_id == a.pk
    service_2 = row("servico", s2.pk, 3)
    assert (service_2.submitted, service_2.concluded, service_2.in_progress_end) == (2, 1, 2)


def test_evaluations_are_aggregated_with_distribution_and_dimensions(refreshed):
    # Each of the four ratings of `known` was made five times (RATINGS_EACH).
    march = Figures.from_row(platform(3))
    assert march.ratings_published
    assert march.evaluations == 20
    assert march.score_mean == pytest.approx(3.5)
    assert [d["count"] for d in march.score_distribution()] == [0, 5, 5, 5, 5]
    assert [d["share"] for d in march.score_distribution()] == [0, 0.25, 0.25, 0.25, 0.25]
    dims = {d["key"]: d for d in march.dimension_means()}
    assert (dims["clareza"]["mean"], dims["clareza"]["count"]) == (3, 10)
    assert [x["count"] for x in dims["clareza"]["distribution"]] == [0, 5, 0, 5, 0]
    assert dims["tempo"]["mean"] == 5 and dims["eficacia"]["mean"] == 1
    assert dims["custo"]["mean"] is None and dims["custo"]["count"] == 0
    agency_a = Figures.from_row(row("orgao", refreshed["a"].pk, 3))
    assert agency_a.evaluations == 15
    assert agency_a.score_mean == pytest.approx(11 / 3)


def test_rankings_of_agencies(refreshed):
    summary = panel_summary("plataforma", None, 2025)
    assert [(e.position, e.agency.acronym) for e in summary.satisfaction_ranking] == [
        (1, "DETRAN-MT"),
        (2, "SEFAZ"),
    ]
    assert summary.satisfaction_ranking[0].value == pytest.approx(11 / 3)
    assert summary.satisfaction_ranking[0].sample == 15
    # Deadline compliance in 2025: SEFAZ 1/1, DETRAN-MT 3/5 (r1, r2, r6 of r1, r2, r3, r6, r7).
    assert [(e.position, e.agency.acronym) for e in summary.deadline_ranking] == [
        (1, "SEFAZ"),
        (2, "DETRAN-MT"),
    ]
    assert summary.deadline_ranking[1].value == pytest.approx(0.6)


def test_equal_values_share_a_position(refreshed):
    MonthlyIndicator.objects.filter(scope="orgao", year=2025, month=0).update(score_sum=6, evaluations=2)
    summary = panel_summary("plataforma", None, 2025)
    assert [e.position for e in summary.satisfaction_ranking] == [1, 1]


def test_catalogue_snapshot(refreshed):
    whole = CatalogueIndicator.objects.get(agency=None)
    assert (whole.services_published, whole.services_digital, whole.services_on_platform) == (4, 3, 3)
    assert whole.digital_share == pytest.approx(0.75)
    b = CatalogueIndicator.objects.get(agency=refreshed["b"])
    assert (b.services_published, b.services_digital, b.services_on_platform) == (2, 1, 1)


def test_refresh_is_idempotent(refreshed):
    def snapshot():
        return sorted(
            MonthlyIndicator.objects.values_list(
                "scope",
                "scope_id",
                "year",
                "month",
                "submitted",
                "concluded",
                "in_progress_end",
                "days_sum",
                "days_median",
                "evaluations",
                "score_sum",
            )
        )

    before = snapshot()
    indicators_refresh(months=PERIODS_2025)
    assert snapshot() == before
    assert CatalogueIndicator.objects.filter(agency=None).count() == 1


def test_refresh_picks_up_changes(refreshed, person):
    from plataforma.monitoring.tests.factories import local, make_request

    make_request(service=refreshed["s3"], requester=person, submitted_at=local(2025, 3, 30))
    indicators_refresh(months=[(2025, 3)])
    assert platform(3).submitted == 10
    assert platform(0).submitted == 10  # the year row was not in the refreshed periods


def test_rebuild_covers_the_whole_history(known):
    result = indicators_rebuild()
    assert (2025, 3) in result.periods and (2025, 0) in result.periods
    assert platform(3).submitted == 9
    assert platform(0).days_median == pytest.approx(5)
    assert MonthlyIndicator.objects.filter(scope="plataforma", year=2025).count() == 13


def test_default_periods_are_current_and_previous_month_and_years():
    from datetime import date

    assert default_periods(date(2026, 5, 10)) == [(2026, 4), (2026, 5), (2026, 0)]
    assert default_periods(date(2026, 1, 3)) == [(2025, 12), (2026, 1), (2025, 0), (2026, 0)]


def test_an_empty_platform_still_gets_a_row():
    indicators_refresh(months=[(2024, 6)])
    empty = platform(6, 2024)
    assert (empty.submitted, empty.evaluations, empty.days_median) == (0, 0, None)


def test_invalid_period_is_refused():
    with pytest.raises(ValueError):
        indicators_refresh(months=[(2025, 13)])
