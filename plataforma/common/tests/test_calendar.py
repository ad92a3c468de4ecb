"""Business days and holidays: known answers for 2026, the loader, the cache and deadlines."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client

from plataforma.common import calendar
from plataforma.common.calendar import (
    CUIABA,
    add_business_days,
    add_time_estimate,
    business_days_between,
    holiday_delete,
    holiday_save,
    holidays_changed,
    holidays_from_library,
    is_business_day,
)
from plataforma.common.models import AuditEvent, Holiday

S = Holiday.Scope


@pytest.fixture(autouse=True)
def _fresh_holiday_cache():
    holidays_changed()
    yield
    holidays_changed()


@pytest.fixture
def loaded(db):
    call_command("load_holidays", "--years", "2025", "2026", "2027", stdout=StringIO())
    holidays_changed()


def entries(year):
    return {(e.date, e.scope, e.municipality): e.name for e in holidays_from_library(year)}


# --- What the library and the data give -------------------------------------------------------


def test_2026_holidays_and_pontos_facultativos_are_known():
    known = entries(2026)
    assert known[(date(2026, 2, 16), S.PONTO_FACULTATIVO, "")] == "Carnaval"
    assert known[(date(2026, 2, 17), S.PONTO_FACULTATIVO, "")] == "Carnaval"
    assert known[(date(2026, 4, 3), S.NATIONAL, "")] == "Sexta-feira Santa"
    assert known[(date(2026, 6, 4), S.PONTO_FACULTATIVO, "")] == "Corpus Christi"
    assert (date(2026, 11, 20), S.NATIONAL, "") in known  # Consciência Negra, national since 2024
    assert (date(2026, 4, 21), S.NATIONAL, "") in known and (date(2026, 12, 25), S.NATIONAL, "") in known
    assert known[(date(2026, 4, 8), S.MUNICIPAL, "Cuiabá")] == "Aniversário de Cuiabá"
    assert known[(date(2026, 5, 15), S.MUNICIPAL, "Várzea Grande")] == "Aniversário de Várzea Grande"
    # Sexta-feira Santa is a national holiday already: not repeated as ponto facultativo.
    assert (date(2026, 4, 3), S.PONTO_FACULTATIVO, "") not in known
    # Quarta-feira de Cinzas is a half day: a business day here.
    assert not any(key[0] == date(2026, 2, 18) for key in known)


def test_before_2024_consciencia_negra_was_a_mato_grosso_holiday():
    assert (date(2023, 11, 20), S.STATE, "") in entries(2023)
    assert (date(2023, 11, 20), S.NATIONAL, "") not in entries(2023)


def test_movable_feasts_follow_easter():
    known = entries(2025)  # Easter 2025: 20 April
    assert (date(2025, 3, 3), S.PONTO_FACULTATIVO, "") in known
    assert (date(2025, 3, 4), S.PONTO_FACULTATIVO, "") in known
    assert (date(2025, 4, 18), S.NATIONAL, "") in known
    assert (date(2025, 6, 19), S.PONTO_FACULTATIVO, "") in known


# --- The loader -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_holidays_writes_the_years_asked_and_running_it_again_changes_nothing():
    out = StringIO()
    call_command("load_holidays", "--years", "2026", "2027", stdout=out)
    assert "criados" in out.getvalue()
    rows = {(h.pk, h.date, h.name, h.scope, h.municipality, h.updated_at) for h in Holiday.objects.all()}
    assert len(rows) == len(entries(2026)) + len(entries(2027))
    assert {h.date.year for h in Holiday.objects.all()} == {2026, 2027}
    again = StringIO()
    call_command("load_holidays", "--years", "2027", "2026", stdout=again)
    assert "0 criados" in again.getvalue()
    assert {
        (h.pk, h.date, h.name, h.scope, h.municipality, h.updated_at) for h in Holiday.objects.all()
    } == rows


@pytest.mark.django_db
def test_load_holidays_keeps_a_name_staff_changed():
    call_command("load_holidays", "--years", "2026", stdout=StringIO())
    Holiday.objects.filter(date=date(2026, 6, 4)).update(name="Corpus Christi (Decreto nº 1.234/2026)")
    call_command("load_holidays", "--years", "2026", stdout=StringIO())
    assert Holiday.objects.get(date=date(2026, 6, 4)).name == "Corpus Christi (Decreto nº 1.234/2026)"


@pytest.mark.django_db
def test_load_holidays_defaults_to_this_year_and_the_next_two():
    call_command("load_holidays", stdout=StringIO())
    this_year = datetime.now(CUIABA).year
    assert {h.date.year for h in Holiday.objects.all()} == {this_year, this_year + 1, this_year + 2}


@pytest.mark.django_db
def test_load_holidays_refuses_absurd_years():
    with pytest.raises(CommandError):
        call_command("load_holidays", "--years", "1500", stdout=StringIO())
    assert not Holiday.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_municipal_holiday_without_municipality_and_duplicates():
    with pytest.raises(IntegrityError), transaction.atomic():
        Holiday.objects.create(date=date(2026, 8, 1), name="X", scope=S.MUNICIPAL, municipality="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Holiday.objects.create(date=date(2026, 8, 1), name="X", scope=S.STATE, municipality="Cuiabá")
    Holiday.objects.create(date=date(2026, 8, 1), name="X", scope=S.STATE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Holiday.objects.create(date=date(2026, 8, 1), name="Y", scope=S.STATE)


# --- Business days ----------------------------------------------------------------------------


@pytest.mark.parametrize("use_table", [True, False], ids=["loaded-table", "empty-table-fallback"])
@pytest.mark.django_db
def test_business_days_in_2026(use_table):
    if use_table:
        call_command("load_holidays", "--years", "2026", stdout=StringIO())
        holidays_changed()
    else:
        assert not Holiday.objects.exists()
    assert is_business_day(date(2026, 2, 13))  # Friday before Carnaval
    assert not is_business_day(date(2026, 2, 14))  # Saturday
    assert not is_business_day(date(2026, 2, 15))  # Sunday
    assert not is_business_day(date(2026, 2, 16)) and not is_business_day(date(2026, 2, 17))
    assert is_business_day(date(2026, 2, 18))  # Quarta-feira de Cinzas
    assert not is_business_day(date(2026, 4, 3))  # Sexta-feira Santa
    assert not is_business_day(date(2026, 6, 4))  # Corpus Christi
    assert not is_business_day(date(2026, 11, 20))  # Consciência Negra (Friday)
    # 8 April 2026 is a Wednesday: off in Cuiabá only.
    assert is_business_day(date(2026, 4, 8))
    assert not is_business_day(date(2026, 4, 8), municipality="Cuiabá")
    assert not is_business_day(date(2026, 4, 8), municipality="  CUIABA ")
    assert is_business_day(date(2026, 4, 8), municipality="Várzea Grande")
    assert not is_business_day(date(2026, 5, 15), municipality="varzea grande")
    assert is_business_day(date(2026, 5, 15), municipality="Cuiabá")


@pytest.mark.django_db
def test_a_datetime_is_not_taken_for_a_date():
    with pytest.raises(TypeError):
        is_business_day(datetime(2026, 4, 8, 10, tzinfo=UTC))


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    ("start", "days", "municipality", "expected"),
    [
        (date(2026, 4, 2), 1, "", date(2026, 4, 6)),  # Thu → Good Friday, weekend → Mon
        (date(2026, 4, 2), 0, "", date(2026, 4, 2)),
        (date(2026, 4, 4), 0, "", date(2026, 4, 6)),  # Saturday: day 0 is Monday
        (date(2026, 4, 4), 1, "", date(2026, 4, 7)),
        (date(2026, 2, 13), 1, "", date(2026, 2, 18)),  # Fri → Carnaval Mon/Tue → Ash Wednesday
        (date(2026, 4, 7), 1, "", date(2026, 4, 8)),
        (date(2026, 4, 7), 1, "Cuiabá", date(2026, 4, 9)),  # Cuiabá's anniversary
        (date(2026, 4, 1), 10, "", date(2026, 4, 16)),  # two weeks less Sexta-feira Santa
        (date(2026, 4, 15), 5, "", date(2026, 4, 23)),  # crosses Tiradentes (Tue 21 April)
        (date(2026, 12, 23), 3, "", date(2026, 12, 29)),  # Wed → Thu, Christmas (Fri), weekend → Mon, Tue
        (date(2026, 12, 30), 2, "", date(2027, 1, 4)),  # New Year across years
    ],
)
def test_adding_business_days(start, days, municipality, expected):
    assert add_business_days(start, days, municipality=municipality) == expected


@pytest.mark.django_db
def test_adding_negative_business_days_is_refused():
    with pytest.raises(ValueError):
        add_business_days(date(2026, 4, 2), -1)


@pytest.mark.usefixtures("loaded")
def test_business_days_between_counts_from_start_up_to_end():
    assert business_days_between(date(2026, 4, 2), date(2026, 4, 6)) == 1
    assert business_days_between(date(2026, 4, 6), date(2026, 4, 2)) == -1
    assert business_days_between(date(2026, 4, 4), date(2026, 4, 6)) == 0
    assert business_days_between(date(2026, 4, 6), date(2026, 4, 6)) == 0
    assert business_days_between(date(2026, 2, 9), date(2026, 2, 23)) == 8  # two weeks less Carnaval
    assert business_days_between(date(2026, 4, 6), date(2026, 4, 10), municipality="Cuiabá") == 3


@pytest.mark.usefixtures("loaded")
def test_business_days_between_undoes_add_business_days():
    start = date(2026, 1, 1)
    for days in range(0, 260, 7):
        end = add_business_days(start, days, municipality="Cuiabá")
        assert business_days_between(start, end, municipality="Cuiabá") == days


# --- Deadlines from the Carta's time estimate -------------------------------------------------


START = datetime(2026, 4, 2, 10, 0, tzinfo=CUIABA)  # Thursday before Sexta-feira Santa


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    ("start", "quantity", "unit", "expected"),
    [
        (START, 90, "minutos", datetime(2026, 4, 2, 11, 30, tzinfo=CUIABA)),
        (START, 30, "horas", datetime(2026, 4, 3, 16, 0, tzinfo=CUIABA)),
        (START, 3, "dias", datetime(2026, 4, 5, 10, 0, tzinfo=CUIABA)),
        (START, 1, "meses", datetime(2026, 5, 2, 10, 0, tzinfo=CUIABA)),
        (datetime(2026, 1, 31, 9, 0, tzinfo=CUIABA), 1, "meses", datetime(2026, 2, 28, 9, 0, tzinfo=CUIABA)),
        (START, 1, "dias-uteis", datetime(2026, 4, 6, 23, 59, 59, tzinfo=CUIABA)),
        (START, 0, "dias-uteis", datetime(2026, 4, 2, 23, 59, 59, tzinfo=CUIABA)),
        # 02:00 UTC on 3 April is still 2 April (22:00) in Cuiabá.
        (
            datetime(2026, 4, 3, 2, 0, tzinfo=UTC),
            1,
            "dias-uteis",
            datetime(2026, 4, 6, 23, 59, 59, tzinfo=CUIABA),
        ),
    ],
)
def test_deadlines_from_a_time_estimate(start, quantity, unit, expected):
    result = add_time_estimate(start, quantity=quantity, unit=unit)
    assert result == expected
    assert result.tzinfo is not None and result.utcoffset() == expected.utcoffset()


@pytest.mark.usefixtures("loaded")
def test_business_day_deadlines_honour_the_municipality():
    start = datetime(2026, 4, 7, 15, 0, tzinfo=CUIABA)
    assert add_time_estimate(start, quantity=1, unit="dias-uteis").date() == date(2026, 4, 8)
    assert add_time_estimate(start, quantity=1, unit="dias-uteis", municipality="Cuiabá").date() == date(
        2026, 4, 9
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "quantity", "unit"),
    [
        (datetime(2026, 4, 2, 10, 0), 1, "dias"),  # noqa: DTZ001 - a naive datetime on purpose
        (START, -1, "dias"),
        (START, 1, "semanas"),
        (START, 1, ""),
    ],
)
def test_bad_time_estimates_are_refused(start, quantity, unit):
    with pytest.raises(ValueError):
        add_time_estimate(start, quantity=quantity, unit=unit)


# --- Staff changes, fallback and cache --------------------------------------------------------


@pytest.mark.django_db
def test_a_staff_decree_counts_as_soon_as_it_is_committed(django_capture_on_commit_callbacks):
    from plataforma.identity.tests.factories import UserFactory

    staff = UserFactory()
    call_command("load_holidays", "--years", "2026", stdout=StringIO())
    holidays_changed()
    assert is_business_day(date(2026, 10, 30))  # warms the cache
    with django_capture_on_commit_callbacks(execute=True):
        holiday = holiday_save(
            actor=staff,
            holiday=Holiday(
                date=date(2026, 10, 30), name="Dia do Servidor Público", scope=S.PONTO_FACULTATIVO
            ),
        )
    assert not is_business_day(date(2026, 10, 30))
    event = AuditEvent.objects.get(action="common.holiday.create")
    assert event.actor == staff and event.changes == {"date": "2026-10-30", "scope": "ponto_facultativo"}
    with django_capture_on_commit_callbacks(execute=True):
        holiday_delete(actor=staff, holiday=holiday)
    assert is_business_day(date(2026, 10, 30))
    assert AuditEvent.objects.filter(action="common.holiday.delete").count() == 1


@pytest.mark.django_db
def test_an_invalid_staff_holiday_is_refused_and_nothing_is_written():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        holiday_save(actor=None, holiday=Holiday(date=date(2026, 8, 1), name="X", scope=S.MUNICIPAL))
    assert not Holiday.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_rows_of_a_year_replace_the_library_once_it_has_national_rows():
    call_command("load_holidays", "--years", "2026", stdout=StringIO())
    Holiday.objects.filter(date=date(2026, 6, 4)).delete()  # the governor kept Corpus Christi working
    holidays_changed()
    assert is_business_day(date(2026, 6, 4))
    # A year with only a municipal row still knows the national holidays from the library.
    Holiday.objects.create(date=date(2028, 3, 10), name="Decreto", scope=S.MUNICIPAL, municipality="Sinop")
    holidays_changed()
    assert not is_business_day(date(2028, 12, 25))
    assert not is_business_day(date(2028, 3, 10), municipality="Sinop")


@pytest.mark.django_db
def test_reads_are_cached_until_holidays_changed(monkeypatch, django_assert_num_queries):
    with django_assert_num_queries(1):
        is_business_day(date(2026, 7, 1))
        is_business_day(date(2026, 7, 2))
        add_business_days(date(2026, 7, 1), 20)
    Holiday.objects.create(date=date(2026, 7, 1), name="Decreto", scope=S.STATE)
    assert is_business_day(date(2026, 7, 1))  # still cached
    holidays_changed()
    assert not is_business_day(date(2026, 7, 1))
    # The cache also expires on its own.
    Holiday.objects.filter(date=date(2026, 7, 1)).delete()
    monkeypatch.setattr(calendar, "CACHE_SECONDS", -1)
    assert is_business_day(date(2026, 7, 1))


# --- Admin ------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    from plataforma.identity.models import User

    admin = User.objects.create_superuser(
        "111.444.777-35", "senha-do-admin-987", full_name="Admin da Plataforma"
    )
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_staff_add_a_decree_in_the_admin_and_it_is_audited(admin_client, django_capture_on_commit_callbacks):
    assert is_business_day(date(2026, 12, 24))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/administracao/common/holiday/add/",
            {
                "date": "24/12/2026",
                "name": "Véspera de Natal (Decreto)",
                "scope": "ponto_facultativo",
                "municipality": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Holiday.objects.get(date=date(2026, 12, 24)).scope == S.PONTO_FACULTATIVO
    assert AuditEvent.objects.filter(action="common.holiday.create").exists()
    assert not is_business_day(date(2026, 12, 24))


@pytest.mark.django_db
def test_the_admin_refuses_a_municipal_holiday_without_its_municipality(admin_client):
    response = admin_client.post(
        "/administracao/common/holiday/add/",
        {"date": "01/08/2026", "name": "Aniversário", "scope": "municipal", "municipality": ""},
    )
    assert response.status_code == 200
    assert not Holiday.objects.exists()


@pytest.mark.django_db
def test_authenticated_documents_and_counters_are_read_only_in_the_admin(admin_client):
    assert admin_client.get("/administracao/common/authenticateddocument/add/").status_code == 403
    assert admin_client.get("/administracao/common/protocolsequence/add/").status_code == 403
    assert admin_client.get("/administracao/common/authenticateddocument/").status_code == 200
