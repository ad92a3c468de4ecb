"""The search indexes follow the catalogue (SQLite: FTS5 table + triggers of migration 0005),
full-text syntax typed by a person is plain text, and the generic substring fallback still works."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Window

from plataforma.catalog import services
from plataforma.catalog.models import Service
from plataforma.catalog.search import (
    FTS_TABLE,
    SearchFilters,
    parse_query,
    search_queryset,
    search_services,
)
from plataforma.catalog.search.engines import _ranked_substring
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, CategoryFactory, content_data, published_service

pytestmark = pytest.mark.django_db

NO_FILTERS = SearchFilters()
only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only")
TRIGGERS = {f"{FTS_TABLE}_insert", f"{FTS_TABLE}_update", f"{FTS_TABLE}_delete"}


def names(query, filters=NO_FILTERS):
    return [s.name for s in search_services(query=query, filters=filters).page]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def agency():
    return AgencyFactory(name="Departamento Estadual de Trânsito", acronym="DETRAN-MT", slug="detran-mt")


@pytest.fixture
def editor(agency):
    return make_editor(agency)


@pytest.fixture
def cnh(agency, editor):
    return published_service(
        agency=agency,
        editor=editor,
        name="Renovar a carteira nacional de habilitação",
        acronym="",
        popular_names=["Renovação da carteira de motorista"],
        keywords=["CNH"],
        description="Renove o documento que permite dirigir veículos.",
    )


def sqlite_index_agrees_with_the_table():
    """FTS5's integrity check compares the index with the content table (rank 1) and raises
    'database disk image is malformed' when a row is missing, stale or extra."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_service_fts(catalog_service_fts, rank) VALUES ('integrity-check', 1)"
        )
    return True


def sqlite_schema_names(kind):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
        return {row[0] for row in cursor.fetchall()}


# --- The SQLite index follows the catalogue -------------------------------------------------------


@only_sqlite
def test_the_fts_table_and_its_triggers_exist_after_all_migrations():
    # A later migration that rebuilds catalog_service on SQLite drops the triggers: it must
    # re-create them (see migration 0005), or search silently stops seeing new publications.
    assert FTS_TABLE in sqlite_schema_names("table")
    assert sqlite_schema_names("trigger") >= TRIGGERS


@only_sqlite
def test_the_fts_index_agrees_with_the_table_through_the_editorial_workflow(agency, editor, cnh):
    assert sqlite_index_agrees_with_the_table()
    draft = services.service_draft_start(actor=editor, service=cnh)
    services.version_update(
        actor=editor, version=draft, content=content_data(name="Renovar a CNH digital", keywords=[])
    )
    services.version_submit(actor=editor, version=draft)
    services.version_publish(actor=editor, version=draft)
    assert sqlite_index_agrees_with_the_table()
    services.service_unpublish(actor=editor, service=Service.objects.get(pk=cnh.pk))
    assert sqlite_index_agrees_with_the_table()
    Service.objects.filter(pk=cnh.pk).delete()  # unpublished: its versions go with it
    assert sqlite_index_agrees_with_the_table()
    assert not Service.objects.exists()


@only_sqlite
def test_the_integrity_check_does_notice_a_stale_index(cnh):
    # Proves the check above can fail: bypass the trigger by dropping it, then change the text.
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER catalog_service_fts_update")
    Service.objects.filter(pk=cnh.pk).update(search_title="outro nome")
    with pytest.raises(Exception, match="malformed"):
        sqlite_index_agrees_with_the_table()


@only_sqlite
@pytest.mark.parametrize(
    "filters", [NO_FILTERS, SearchFilters(audience="cidadao"), SearchFilters(category="transito")]
)
def test_the_full_text_match_drives_the_sqlite_query_plan(cnh, filters):
    CategoryFactory(name="Trânsito", slug="transito")
    # If SQLite handed the rowid join to FTS5, it would start from the filter's index and re-run
    # the full-text query once per candidate row (seconds on a large catalogue). FTS5 marks a
    # rowid equality with "=" in its plan's index string.
    qs = search_queryset(query="segunda via", filters=filters)
    sql, params = qs.annotate(search_total=Window(Count("pk")))[:20].query.sql_with_params()  # as a page
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    fts_steps = [step for step in plan if FTS_TABLE in step]
    assert len(fts_steps) == 1 and fts_steps[0].startswith(f"SCAN {FTS_TABLE} VIRTUAL TABLE INDEX")
    assert "=" not in fts_steps[0].split(":", 1)[1]
    assert any(step.startswith("SEARCH catalog_service USING INTEGER PRIMARY KEY") for step in plan)


@pytest.mark.django_db(transaction=True)
def test_migration_0005_is_reversible(agency, editor, cnh):
    call_command("migrate", "catalog", "0004", verbosity=0)
    if connection.vendor == "sqlite":
        assert FTS_TABLE not in sqlite_schema_names("table")
        assert not sqlite_schema_names("trigger") & TRIGGERS
    call_command("migrate", verbosity=0)  # every app: later apps may depend on catalog
    if connection.vendor == "sqlite":
        assert sqlite_index_agrees_with_the_table()
    # Rows that existed before the index was re-created are indexed by its rebuild.
    assert names("habilitacao") == ["Renovar a carteira nacional de habilitação"]


# --- Behaviour on every database ------------------------------------------------------------------


def test_a_republished_service_is_found_by_its_new_text_only(editor, cnh):
    draft = services.service_draft_start(actor=editor, service=cnh)
    services.version_update(
        actor=editor,
        version=draft,
        content=content_data(name="Renovar a CNH digital", popular_names=[], keywords=[]),
    )
    assert names("habilitacao") == ["Renovar a carteira nacional de habilitação"]  # draft not public
    services.version_submit(actor=editor, version=draft)
    services.version_publish(actor=editor, version=draft)
    assert names("digital") == ["Renovar a CNH digital"]
    assert names("habilitacao") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"cnh"', True),
        ("cnh*", True),
        ("*cnh", True),
        ("^cnh", True),
        ("-cnh", True),
        ("+cnh", True),
        ("(cnh)", True),
        ("{cnh}", True),
        ("cnh -renovar", True),  # '-' is not NOT: both words are required, both are there
        ("cnh OR passaporte", False),  # OR is a word, and it is not in the text
        ("cnh AND", False),
        ("NOT passaporte", False),
        ("NEAR(cnh renovar)", False),
        ("search_title:cnh", False),
        ("carteira NEAR/2 motorista", False),
        ('cnh" OR "passaporte', False),
    ],
)
def test_full_text_syntax_in_the_query_is_plain_text(cnh, query, found):
    assert names(query) == ([cnh.name] if found else [])


@pytest.mark.parametrize(
    "query", ['"', '""', '"*"', "*", "^", "-", ":", "NEAR", "AND", "OR NOT", "()", "\x00", "🚗", "'--"]
)
def test_bare_operators_never_break_search(cnh, query):
    result = search_services(query=query, filters=NO_FILTERS)
    assert result.total in (0, 1)
    list(result.page)


def test_prefixes_and_plurals_match(cnh):
    for query in ("habilit", "carteiras", "motoristas", "renova", "veiculo"):
        assert names(query) == [cnh.name], query


def test_one_letter_words_are_whole_words(agency, editor):
    published_service(agency=agency, editor=editor, name="Vacina contra hepatite B", keywords=[])
    assert names("hepatite b") == ["Vacina contra hepatite B"]
    assert names("hepatite v") == []  # "v" would be a prefix of "vacina" if it were a prefix


# --- The generic fallback (databases other than SQLite and PostgreSQL) ------------------------------


def test_the_substring_fallback_matches_folded_words_and_ranks_the_title_first(agency, editor, cnh):
    published_service(
        agency=agency,
        editor=editor,
        name="Pagar taxas do veículo",
        acronym="",
        popular_names=[],
        keywords=[],
        description="Taxas de licenciamento e da habilitação do condutor.",
    )
    published = Service.objects.filter(is_published=True)

    def fallback(query):
        return [s.name for s in _ranked_substring(published, parse_query(query))]

    assert fallback("habilitações") == [cnh.name, "Pagar taxas do veículo"]
    assert fallback("CNH") == [cnh.name]
    assert fallback("nh") == []  # short words must start a word
    assert fallback("habilitacao passaporte") == []
