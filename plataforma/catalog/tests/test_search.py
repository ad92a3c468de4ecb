"""Search of the Carta: the same behaviour on SQLite (FTS5) and PostgreSQL (full text)."""

import pytest
from django.core.cache import cache

from plataforma.catalog import services
from plataforma.catalog.search import (
    MAX_QUERY_LENGTH,
    InvalidSearch,
    SearchFilters,
    parse_query,
    search_services,
)
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, CategoryFactory, content_data, published_service

pytestmark = pytest.mark.django_db

NO_FILTERS = SearchFilters()


def names(query, filters=NO_FILTERS, **kwargs):
    result = search_services(query=query, filters=filters, **kwargs)
    return [s.name for s in result.page]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def catalogue():
    """A small catalogue: DETRAN-MT driving licence, SEMA environmental licence, SEFAZ tax."""
    detran = AgencyFactory(name="Departamento Estadual de Trânsito", acronym="DETRAN-MT", slug="detran-mt")
    sema = AgencyFactory(name="Secretaria de Estado de Meio Ambiente", acronym="SEMA", slug="sema")
    sefaz = AgencyFactory(name="Secretaria de Estado de Fazenda", acronym="SEFAZ", slug="sefaz")
    transito = CategoryFactory(name="Trânsito", slug="transito")
    meio_ambiente = CategoryFactory(name="Meio ambiente", slug="meio-ambiente")
    editors = {a.pk: make_editor(a) for a in (detran, sema, sefaz)}

    def publish(agency, **overrides):
        return published_service(agency=agency, editor=editors[agency.pk], **overrides)

    cnh = publish(
        detran,
        name="Renovar a carteira nacional de habilitação",
        acronym="",
        popular_names=["Renovação da carteira de motorista"],
        keywords=["CNH", "habilitação"],
        description="Renove o documento que permite dirigir veículos quando ele estiver vencido.",
        audiences=["cidadao"],
        categories=["transito"],
        is_digital=True,
        digital_url="https://detran.mt.gov.br/renovacao",
        is_free=False,
        steps=[
            {
                "title": "Pagar a taxa",
                "costs": [{"description": "Taxa de renovação", "value": "95.00"}],
                "channels": [{"type": "web", "address": "https://detran.mt.gov.br"}],
            }
        ],
    )
    licenca = publish(
        sema,
        name="Emitir licença ambiental simplificada",
        acronym="LAS",
        popular_names=[],
        keywords=["licenciamento"],
        description="Autorização para atividades de baixo impacto ambiental.",
        audiences=["empresa"],
        categories=["meio-ambiente"],
    )
    ipva = publish(
        sefaz,
        name="Consultar débitos de IPVA",
        acronym="IPVA",
        popular_names=["Imposto do carro"],
        keywords=["imposto", "veículo"],
        description="Veja os débitos do imposto sobre a propriedade de veículos automotores. "
        "A licença do veículo depende do pagamento.",
        audiences=["cidadao", "empresa"],
        categories=["transito"],
        is_digital=True,
        digital_url="https://www.sefaz.mt.gov.br/ipva",
    )
    return {
        "detran": detran,
        "sema": sema,
        "sefaz": sefaz,
        "transito": transito,
        "meio_ambiente": meio_ambiente,
        "cnh": cnh,
        "licenca": licenca,
        "ipva": ipva,
        "editors": editors,
    }


# --- Matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["licenca", "Licença", "LICENÇA", "licença ambiental", "licen"])
def test_accents_and_case_do_not_matter(catalogue, query):
    assert "Emitir licença ambiental simplificada" in names(query)


def test_plural_finds_the_singular(catalogue):
    assert "Emitir licença ambiental simplificada" in names("licenças ambientais")


def test_cnh_finds_the_detran_driving_licence_service_by_keyword(catalogue):
    found = search_services(query="CNH", filters=NO_FILTERS).page
    assert [s.pk for s in found] == [catalogue["cnh"].pk]
    assert found[0].agency.acronym == "DETRAN-MT"


def test_popular_name_finds_the_service(catalogue):
    assert names("carteira de motorista") == ["Renovar a carteira nacional de habilitação"]
    assert names("imposto do carro") == ["Consultar débitos de IPVA"]


def test_agency_sigla_finds_its_services(catalogue):
    assert names("detran") == ["Renovar a carteira nacional de habilitação"]


def test_every_word_must_match(catalogue):
    assert names("licença ambiental") == ["Emitir licença ambiental simplificada"]
    assert names("licença imposto") == ["Consultar débitos de IPVA"]
    assert names("licença passaporte") == []


def test_title_match_ranks_above_a_body_only_match(catalogue):
    # "licença" is in the SEMA service's name and only in the body of the IPVA service.
    assert names("licença") == ["Emitir licença ambiental simplificada", "Consultar débitos de IPVA"]


def test_empty_query_lists_every_published_service_by_name(catalogue):
    result = search_services(query="", filters=NO_FILTERS)
    assert result.total == 3
    assert [s.name for s in result.page] == sorted(s.name for s in result.page)


def test_stop_words_alone_list_everything(catalogue):
    assert search_services(query="de para com", filters=NO_FILTERS).total == 3


# --- Filters ------------------------------------------------------------------------------------


def test_filter_by_audience(catalogue):
    assert set(names("", SearchFilters(audience="empresa"))) == {
        "Emitir licença ambiental simplificada",
        "Consultar débitos de IPVA",
    }
    assert names("", SearchFilters(audience="servidor")) == []


def test_filter_by_agency(catalogue):
    assert names("", SearchFilters(agency="sefaz")) == ["Consultar débitos de IPVA"]
    assert names("licença", SearchFilters(agency="sema")) == ["Emitir licença ambiental simplificada"]


def test_filter_by_category(catalogue):
    assert set(names("", SearchFilters(category="transito"))) == {
        "Renovar a carteira nacional de habilitação",
        "Consultar débitos de IPVA",
    }


def test_filter_digital_only(catalogue):
    assert "Emitir licença ambiental simplificada" not in names("", SearchFilters(digital_only=True))
    assert len(names("", SearchFilters(digital_only=True))) == 2


def test_filter_free_only(catalogue):
    assert "Renovar a carteira nacional de habilitação" not in names("", SearchFilters(free_only=True))
    assert len(names("", SearchFilters(free_only=True))) == 2


def test_filters_combine(catalogue):
    filters = SearchFilters(audience="cidadao", category="transito", digital_only=True, free_only=True)
    assert names("", filters) == ["Consultar débitos de IPVA"]


# --- Drafts and unpublished services ------------------------------------------------------------


def test_drafts_are_never_found(catalogue):
    editor = catalogue["editors"][catalogue["sema"].pk]
    services.service_create(
        actor=editor,
        agency=catalogue["sema"],
        content=content_data(name="Outorga de uso de água subterrânea"),
    )
    assert names("outorga") == []
    # A new draft of a published service does not leak into search either.
    draft = services.service_draft_start(actor=editor, service=catalogue["licenca"])
    services.version_update(
        actor=editor, version=draft, content=content_data(name="Emitir licença de pesca esportiva")
    )
    assert names("pesca") == []
    assert names("licença ambiental") == ["Emitir licença ambiental simplificada"]


def test_unpublished_services_are_not_found(catalogue):
    services.service_unpublish(actor=catalogue["editors"][catalogue["detran"].pk], service=catalogue["cnh"])
    assert names("cnh") == []


# --- Suggestions --------------------------------------------------------------------------------


def test_suggests_a_correction_when_nothing_matches(catalogue):
    result = search_services(query="lisença ambientau", filters=NO_FILTERS)
    assert result.total == 0
    assert result.suggestions == ["licença ambiental"]
    assert names(result.suggestions[0]) == ["Emitir licença ambiental simplificada"]


def test_no_suggestion_when_results_exist_or_nothing_is_close(catalogue):
    assert search_services(query="licença", filters=NO_FILTERS).suggestions == []
    assert search_services(query="xyzzyplugh", filters=NO_FILTERS).suggestions == []


def test_suggestion_respects_the_filters(catalogue):
    # "ambientau" -> "ambiental" exists, but not among SEFAZ's services.
    assert search_services(query="ambientau", filters=SearchFilters(agency="sefaz")).suggestions == []


def test_vocabulary_follows_new_publications(catalogue):
    assert search_services(query="pasaporte", filters=NO_FILTERS).suggestions == []
    published_service(
        agency=catalogue["sefaz"],
        editor=catalogue["editors"][catalogue["sefaz"].pk],
        name="Solicitar passaporte",
        popular_names=[],
        keywords=[],
    )
    assert search_services(query="pasaporte", filters=NO_FILTERS).suggestions == ["passaporte"]


# --- Validation and hostile input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"query": "a" * (MAX_QUERY_LENGTH + 1)},
        {"filters": SearchFilters(audience="alienigena")},
        {"filters": SearchFilters(agency="nao-existe")},
        {"filters": SearchFilters(agency="'; drop table catalog_service; --")},
        {"filters": SearchFilters(agency="sefaz\x00")},
        {"filters": SearchFilters(category="nao-existe")},
        {"page": 0},
        {"page": -1},
        {"page": 2},
        {"page": 10**20},
        {"per_page": 0},
        {"per_page": 101},
    ],
)
def test_bad_parameters_raise_invalid_search_in_portuguese(catalogue, kwargs):
    params = {"query": "", "filters": NO_FILTERS, "page": 1, "per_page": 20, **kwargs}
    with pytest.raises(InvalidSearch) as exc:
        search_services(**params)
    message = exc.value.messages[0]
    assert any(word in message for word in ("inexistente", "busca", "página", "Página"))


def test_page_one_of_an_empty_result_is_valid(catalogue):
    result = search_services(query="passaporte", filters=NO_FILTERS, page=1)
    assert result.total == 0 and list(result.page) == []


def test_short_words_must_start_a_word(catalogue):
    # "cnh" is a whole keyword; "arg" would only be inside other words.
    assert names("cnh") == ["Renovar a carteira nacional de habilitação"]
    assert names("arg") == []


def test_later_pages_of_a_word_search_keep_the_total(catalogue):
    first = search_services(query="licença", filters=NO_FILTERS, per_page=1)
    second = search_services(query="licença", filters=NO_FILTERS, page=2, per_page=1)
    assert first.total == second.total == 2
    assert first.page.has_next() and not second.page.has_next()
    assert [s.name for s in second.page] == ["Consultar débitos de IPVA"]
    with pytest.raises(InvalidSearch):
        search_services(query="licença", filters=NO_FILTERS, page=3, per_page=1)


def test_pages_split_the_results(catalogue):
    first = search_services(query="", filters=NO_FILTERS, page=1, per_page=2)
    second = search_services(query="", filters=NO_FILTERS, page=2, per_page=2)
    assert first.total == second.total == 3
    assert len(first.page) == 2 and len(second.page) == 1
    assert not {s.pk for s in first.page} & {s.pk for s in second.page}


WEIRD = [
    '"',
    "'",
    "''",
    "licença'",
    '"licença',
    "a & b",
    "cnh | ipva",
    "!cnh",
    "cnh:*",
    "cnh:",
    ":",
    "&&&",
    "|",
    "!",
    "()",
    "(cnh",
    "<->",
    "cnh <-> ipva",
    "\\",
    "\\\\'",
    "cnh\x00ipva",
    "\x00",
    "🚗 cnh 🚗",
    "🚗",
    "%",
    "_",
    "%_%",
    "licen%",
    "SELECT * FROM catalog_service",
    "$1",
    "%s",
    "{}",
    "\t\n\r",
    "ção",
    "漢字",
    "cnh*",
    "*",
    "-cnh",
    "cnh -ipva",
    "^cnh",
    "search_title:cnh",
    "NEAR(cnh ipva)",
    "cnh NEAR/2 ipva",
    "cnh AND ipva",
    "cnh OR ipva",
    "NOT cnh",
    "(cnh OR ipva) AND NOT licença",
    '"cnh" "ipva"',
    "a" * MAX_QUERY_LENGTH,
    "x" * 70 + " cnh",
    " ".join(["cnh"] * 45),
]


@pytest.mark.parametrize("query", WEIRD)
def test_weird_input_never_breaks_search(catalogue, query):
    result = search_services(query=query, filters=NO_FILTERS)
    assert result.total >= 0
    list(result.page)


def test_operators_in_the_query_are_plain_separators(catalogue):
    assert names("cnh | ipva") == []  # both words must match; '|' is not OR
    assert names("!cnh") == ["Renovar a carteira nacional de habilitação"]  # '!' is not NOT
    assert names("-cnh") == ["Renovar a carteira nacional de habilitação"]  # '-' is not NOT
    assert names("cnh*") == ["Renovar a carteira nacional de habilitação"]
    assert names("cnh OR ipva") == []  # OR is a word like any other, and it is not in the text
    assert names("NEAR(imposto carro)") == []


def test_a_name_match_outranks_a_word_repeated_in_a_long_description(catalogue):
    sefaz = catalogue["sefaz"]
    published_service(
        agency=sefaz,
        editor=catalogue["editors"][sefaz.pk],
        name="Parcelar débitos fiscais",
        acronym="",
        popular_names=[],
        keywords=[],
        description="Parcele débitos. " + "A licença de funcionamento pede os débitos em dia. " * 3,
    )
    assert names("licença")[0] == "Emitir licença ambiental simplificada"
    assert names("licença")[-1] == "Consultar débitos de IPVA"  # one mention in its description


def test_parse_query_folds_and_drops_stop_words():
    assert parse_query("Licença de Trânsito!") == ["licenca", "transito"]
    assert parse_query("a\x00b & c") == ["b", "c"]


# --- Query count --------------------------------------------------------------------------------


def test_search_uses_a_fixed_number_of_queries(catalogue, django_assert_num_queries):
    with django_assert_num_queries(1):  # the page, with its total as a window count
        result = search_services(query="licença", filters=NO_FILTERS)
        assert [s.agency.acronym for s in result.page] == ["SEMA", "SEFAZ"] and result.total == 2
    with django_assert_num_queries(2):  # no words: count + page
        result = search_services(query="", filters=NO_FILTERS, per_page=2)
        assert len([s.agency.acronym for s in result.page]) == 2 and result.total == 3
    filters = SearchFilters(audience="cidadao", agency="detran-mt", category="transito", digital_only=True)
    with django_assert_num_queries(3):  # agency + category lookups, page
        result = search_services(query="carteira", filters=filters)
        assert [s.agency.acronym for s in result.page] == ["DETRAN-MT"]
