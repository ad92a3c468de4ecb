"""Search over the published Carta (Lei 13.460 art. 7: the Carta must be easy to find and read).

INTERFACE CONTRACT (used by the public views and the API):

    filters = SearchFilters(audience="cidadao", agency="detran-mt", category=None,
                            digital_only=False, free_only=False)
    result = search_services(query="licenca", filters=filters, page=1, per_page=20)
    result.page          # django.core.paginator.Page of Service (agency selected)
    result.total         # int
    result.suggestions   # list[str], filled when nothing matched ("Você quis dizer …")
    raises InvalidSearch (a ValidationError subclass, message in Portuguese) for bad
    page numbers, too-long queries or unknown filter values.

Also public: `search_slice(query=, filters=, offset=, limit=)` -> (services, total) for callers that
paginate by offset (the JSON API), `search_queryset(query=, filters=)` (the ranked, filtered
QuerySet), `suggest(query=, filters=)` and `parse_query(query)`.

How it works
- The query is folded (lower case, no accents: "Licença" -> "licenca"), split into words (letters
  and digits only, so quotes, &, |, !, :, backslashes, NUL bytes and emojis are simply separators),
  Portuguese stop words are dropped. Every remaining word must match (AND). An empty query lists
  everything, in name order, with the filters applied.
- Service has three folded text columns written at publish time by services.search_fields_for:
  search_title (name, sigla), search_terms (nomes populares, palavras-chave, agency sigla) and
  search_body (description, requesters, steps).
- PostgreSQL: full-text search with the `pt_unaccent` configuration (portuguese + unaccent, created
  by migration 0004) over `search_vector`, a stored generated tsvector column (title A, terms B,
  body C) with a partial GIN index, also from migration 0004. Every word must match; the last one
  also as a prefix ("licen" finds "licença"). Ranked by ts_rank_cd, ties by name.
- SQLite (the embedded default): full-text search with FTS5 over `catalog_service_fts`, an
  external-content index of the three columns kept in sync by triggers (migration 0005). Every
  word must match (AND) as a word prefix, after trimming plural endings ("licencas" ->
  "licenca*" finds "licença", "licen" -> "licen*"); single letters must be whole words. Each word
  is sent as a quoted FTS5 string, so nothing the user types is FTS syntax. Ranked by
  bm25 with column weights (title > terms > body), ties by name.
- Any other database: every word must occur in one of the three columns (instr() on the folded
  text, same trimming; words of up to 3 letters must start a word); ranked in SQL by where each
  word matched (title 8 > terms 3 > body 1), ties by name. No Python-side scan.
- A page with search words is ONE query: the total comes along as a window count.
- Suggestions: when nothing matches, each unknown word is replaced by its closest word (difflib)
  in a vocabulary of the words of published services' names, siglas, popular names and keywords.
  The vocabulary is cached and keyed by the number of published services and their latest
  publication date, so any publication or unpublication refreshes it at once. A suggestion is
  offered only if it finds something with the same filters.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL, Window
from django.db.models.functions import Concat, StrIndex
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from plataforma.common.text import fold

from .models import Agency, Audience, Category, Service

MAX_QUERY_LENGTH = 200
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_TERMS = 12
MAX_TERM_LENGTH = 60
VOCABULARY_TTL = 24 * 3600  # seconds; the key changes with every publication anyway
TS_CONFIG = "pt_unaccent"

# The stored, indexed tsvector column of migration 0004 (PostgreSQL only).
VECTOR_COLUMN = '"catalog_service"."search_vector"'
# The FTS5 index of migration 0005 (SQLite only) and its bm25 column weights (title, terms, body).
# bm25 saturates with repeated hits, so the title weight is high enough that one hit in the name
# outranks a word repeated a few times in a long description.
FTS_TABLE = "catalog_service_fts"
FTS_WEIGHTS = (20.0, 6.0, 1.0)


# PostgreSQL's Portuguese stop words, folded. Dropped on every backend so that results agree.
_STOP_WORDS_TEXT = """
    a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles
    depois do dos e ela elas ele eles em entre era eram eramos essa essas esse esses esta estamos estao
    estas estava estavam estavamos este esteja estejam estejamos estes esteve estive estivemos estiver
    estivera estiveram estiveramos estiverem estivermos estivesse estivessem estivessemos estou eu foi
    fomos for fora foram foramos forem formos fosse fossem fossemos fui ha haja hajam hajamos hao havemos
    hei houve houvemos houver houvera houveram houveramos houverao houverei houverem houveremos houveria
    houveriam houveriamos houvermos houvesse houvessem houvessemos isso isto ja lhe lhes mais mas me
    mesmo meu meus minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa o os ou
    para pela pelas pelo pelos por qual quando que quem sao se seja sejam sejamos sem sera serao serei
    seremos seria seriam seriamos seu seus so somos sou sua suas tambem te tem temos tenha tenham
    tenhamos tenho tera terao terei teremos teria teriam teriamos teu teus teve tinha tinham tinhamos
    tive tivemos tiver tivera tiveram tiveramos tiverem tivermos tivesse tivessem tivessemos tu tua
    tuas um uma voce voces vos"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+")
_SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")
# Light plural/ending trimming for SQLite and the substring fallback (PostgreSQL has a real stemmer).
_ENDINGS = ("coes", "cao", "oes", "aes", "ais", "eis", "ao", "es", "s")


class InvalidSearch(ValidationError):
    pass


@dataclass(frozen=True)
class SearchFilters:
    audience: str | None = None
    agency: str | None = None
    category: str | None = None
    digital_only: bool = False
    free_only: bool = False


@dataclass
class SearchResult:
    page: Page
    total: int
    suggestions: list[str] = field(default_factory=list)


def parse_query(query: str) -> list[str]:
    """Folded search words of `query`, without stop words. Raises InvalidSearch when too long."""
    if not isinstance(query, str):
        raise InvalidSearch(_("Busca inválida."))
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch(_("A busca pode ter no máximo %(max)d caracteres.") % {"max": MAX_QUERY_LENGTH})
    words: list[str] = []
    for word in _WORD.findall(fold(query)):
        word = word[:MAX_TERM_LENGTH]
        if word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def _check_slug(value: str | None, message: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _SLUG.match(value):
        raise InvalidSearch(message)
    return value


def _filtered(filters: SearchFilters) -> QuerySet[Service]:
    """Published services with the filters applied; raises InvalidSearch on unknown values.
    One small query per agency/category filter (to tell "unknown" from "no results")."""
    qs = Service.objects.filter(is_published=True)
    if filters.audience:
        if filters.audience not in Audience.Code.values:
            raise InvalidSearch(_("Público inexistente. Use cidadao, empresa ou servidor."))
        qs = qs.filter(audiences=filters.audience)
    agency_slug = _check_slug(filters.agency, _("Órgão inexistente."))
    if agency_slug:
        agency_pk = Agency.objects.filter(slug=agency_slug).values_list("pk", flat=True).first()
        if agency_pk is None:
            raise InvalidSearch(_("Órgão inexistente."))
        qs = qs.filter(agency_id=agency_pk)
    category_slug = _check_slug(filters.category, _("Área de interesse inexistente."))
    if category_slug:
        category_pk = Category.objects.filter(slug=category_slug).values_list("pk", flat=True).first()
        if category_pk is None:
            raise InvalidSearch(_("Área de interesse inexistente."))
        qs = qs.filter(categories=category_pk)
    if filters.digital_only:
        qs = qs.filter(is_digital=True)
    if filters.free_only:
        qs = qs.filter(is_free=True)
    return qs


def _trim(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _tsquery(words: list[str]) -> str:
    """to_tsquery text built from letters/digits only (no operators can come from the user);
    the last word is a prefix when long enough to be meaningful."""
    parts = list(words)
    if len(parts[-1]) >= 3:
        parts[-1] += ":*"
    return " & ".join(parts)


def _fts_match(words: list[str]) -> str:
    """FTS5 MATCH expression: every word a quoted string (so it is never read as FTS syntax:
    NEAR, AND/OR/NOT, column filters, '^', '*' are just text inside quotes), trimmed of plural
    endings and matched as a prefix; single characters must be whole words (a one-letter prefix
    would match most of the vocabulary)."""
    parts = []
    for word in words:
        stem = _trim(word)
        quoted = '"' + stem.replace('"', '""') + '"'
        parts.append(quoted + "*" if len(stem) >= 2 else quoted)
    return " AND ".join(parts)


def _ranked_postgresql(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    tsquery = _tsquery(words)
    # Constant SQL over the stored vector (migration 0004); the words travel as a parameter.
    matches = RawSQL(  # noqa: S611
        f"{VECTOR_COLUMN} @@ to_tsquery('pt_unaccent'::regconfig, %s)",
        [tsquery],
        output_field=BooleanField(),
    )
    rank = RawSQL(  # noqa: S611
        f"ts_rank_cd({VECTOR_COLUMN}, to_tsquery('pt_unaccent'::regconfig, %s))",
        [tsquery],
        output_field=FloatField(),
    )
    return qs.filter(matches).annotate(search_rank=rank).order_by("-search_rank", "name", "pk")


def _ranked_sqlite(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    # A join with the FTS5 table of migration 0005, which is not a model: extra() is the one
    # QuerySet API that adds a table to FROM. A `rowid IN (SELECT …)` filter would not give the
    # rank, and a correlated bm25 subquery per row recomputes the statistics for every match.
    # The rank is read from FTS5's `rank` column, set to weighted bm25 by a `rank MATCH`
    # constraint: calling bm25() directly fails next to the window count ("unable to use function
    # bm25 in the requested context": SQLite evaluates it outside the full-text cursor).
    # The unary + on the FTS side of the rowid join keeps SQLite from handing that equality to
    # FTS5: otherwise, with an audience or category filter, the planner starts from the filter's
    # index and re-runs the full-text query once per candidate row (1.3 s instead of 7 ms for
    # "segunda via" + audience on 10,000 services). Now the full-text match always drives.
    # Constant SQL; the MATCH expression travels as a parameter.
    rank_function = f"bm25({', '.join(map(str, FTS_WEIGHTS))})"
    return qs.extra(  # noqa: S610
        tables=[FTS_TABLE],
        where=[
            f'"{FTS_TABLE}" MATCH %s',
            f'"{FTS_TABLE}"."rank" MATCH %s',
            f'+"{FTS_TABLE}"."rowid" = "catalog_service"."rowid"',
        ],
        params=[_fts_match(words), rank_function],
        select={"search_rank": f'"{FTS_TABLE}"."rank"'},
    ).order_by("search_rank", "name", "pk")  # bm25 is negative: lower is better


def _ranked_substring(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    """Generic fallback for databases without a full-text index here: scans the folded text."""
    score: Any = Value(0)
    for i, word in enumerate(words):
        stem = _trim(word)
        hits = {}
        for column in ("search_title", "search_terms", "search_body"):
            if len(stem) <= 3:  # short words must start a word: "rg" finds "RG", not "cargo"
                hits[column] = StrIndex(Concat(Value(" "), column), Value(" " + stem))
            else:
                hits[column] = StrIndex(column, Value(stem))
        names = {column: f"_hit{i}_{column}" for column in hits}
        qs = qs.alias(**{names[c]: e for c, e in hits.items()}).filter(
            Q(**{f"{names['search_title']}__gt": 0})
            | Q(**{f"{names['search_terms']}__gt": 0})
            | Q(**{f"{names['search_body']}__gt": 0})
        )
        score = score + Case(
            When(**{f"{names['search_title']}__gt": 0}, then=Value(8)),
            When(**{f"{names['search_terms']}__gt": 0}, then=Value(3)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return qs.annotate(search_rank=score).order_by(F("search_rank").desc(), "name", "pk")


def _ranked(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    if not words:
        return qs.order_by("name", "pk")
    if connection.vendor == "postgresql":
        return _ranked_postgresql(qs, words)
    if connection.vendor == "sqlite":
        return _ranked_sqlite(qs, words)
    return _ranked_substring(qs, words)


def search_queryset(*, query: str, filters: SearchFilters) -> QuerySet[Service]:
    """Published services matching `query` and `filters`, best first, agency selected (the
    large search columns are deferred). Validates like search_services (raises InvalidSearch)."""
    words = parse_query(query)
    return (
        _ranked(_filtered(filters), words)
        .select_related("agency")
        .defer("search_title", "search_terms", "search_body")
    )


def search_slice(*, query: str, filters: SearchFilters, offset: int, limit: int) -> tuple[list[Service], int]:
    """Results [offset, offset + limit) and the total. With search words this is ONE query (the
    total rides along as a window count, since ranking visits every match anyway); without words
    it is a count and an indexed page. A slice past the end costs one more count."""
    words = parse_query(query)
    qs = search_queryset(query=query, filters=filters)
    if not words:
        total = qs.count()
        return (list(qs[offset : offset + limit]) if offset < total else []), total
    rows = list(qs.annotate(search_total=Window(Count("pk")))[offset : offset + limit])
    if rows:
        return rows, rows[0].search_total
    return [], (0 if offset == 0 else qs.count())


class _CountedPaginator(Paginator):
    """A Paginator whose count is already known (no extra COUNT query)."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def search_services(*, query: str, filters: SearchFilters, page: int = 1, per_page: int = 20) -> SearchResult:
    """One page of results: one query with search words (two without), plus one per
    agency/category filter; a result without matches adds the suggestion lookups."""
    if not isinstance(per_page, int) or isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidSearch(
            _("O número de resultados por página deve estar entre 1 e %(max)d.") % {"max": MAX_PER_PAGE}
        )
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= MAX_PAGE:
        raise InvalidSearch(_("Página inexistente."))
    words = parse_query(query)
    qs = search_queryset(query=query, filters=filters)
    offset = (page - 1) * per_page
    if words:
        rows = list(qs.annotate(search_total=Window(Count("pk")))[offset : offset + per_page])
        if not rows and page > 1:
            raise InvalidSearch(_("Página inexistente."))
        total = rows[0].search_total if rows else 0
    else:
        total = qs.count()
        if page > 1 and offset >= total:
            raise InvalidSearch(_("Página inexistente."))
        rows = list(qs[offset : offset + per_page])
    result = SearchResult(page=Page(rows, page, _CountedPaginator(qs, per_page, total)), total=total)
    if total == 0 and words:
        result.suggestions = suggest(query=query, filters=filters)
    return result


# --- Suggestions ---------------------------------------------------------------------------------

_VOCABULARY_MEMO: dict[str, dict[int, dict[str, str]]] = {}


def _vocabulary() -> dict[int, dict[str, str]]:
    """{word length: {folded word: word as written}} of published names, siglas, popular names
    and keywords. Cached and keyed by the number of published services and their latest
    publication: any publication (new or revised) or unpublication changes the key."""
    state = Service.objects.filter(is_published=True).aggregate(n=Count("pk"), last=Max("published_at"))
    last = state["last"].timestamp() if state["last"] else 0
    key = f"catalog:search:vocabulary:{state['n']}:{last}"
    vocabulary = _VOCABULARY_MEMO.get(key)
    if vocabulary is None:
        vocabulary = cache.get(key)
    if vocabulary is None:
        written: dict[str, str] = {}
        rows = Service.objects.filter(is_published=True).values_list("name", "search_title", "search_terms")
        for name, title, terms in rows.iterator(chunk_size=2000):
            for word in _WORD.findall(name.lower()):
                written.setdefault(fold(word), word)
            for word in _WORD.findall(f"{title} {terms}"):
                written.setdefault(word, word)
        vocabulary = {}
        for folded, word in written.items():
            if len(folded) >= 3 and folded not in STOP_WORDS and not folded.isdigit():
                vocabulary.setdefault(len(folded), {})[folded] = word
        cache.set(key, vocabulary, VOCABULARY_TTL)
    _VOCABULARY_MEMO.clear()
    _VOCABULARY_MEMO[key] = vocabulary
    return vocabulary


def _closest(word: str, vocabulary: dict[int, dict[str, str]]) -> str | None:
    size = len(word)
    spread = max(1, size // 4)
    candidates: list[str] = []
    for length in range(size - spread, size + spread + 1):
        candidates.extend(vocabulary.get(length, {}))
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def suggest(*, query: str, filters: SearchFilters) -> list[str]:
    """'Você quis dizer …': the query with each unknown word replaced by its closest known word,
    offered only if it finds something with the same filters. At most one suggestion."""
    if not parse_query(query):
        return []
    vocabulary = _vocabulary()
    known = {w for bucket in vocabulary.values() for w in bucket}
    changed = False
    pieces: list[str] = []
    position = 0
    original = query.replace("\x00", " ")
    for match in _WORD.finditer(original):
        pieces.append(original[position : match.start()])
        position = match.end()
        word = match.group()
        folded = fold(word)
        if len(folded) < 3 or folded in STOP_WORDS or folded in known or folded.isdigit():
            pieces.append(word)
            continue
        best = _closest(folded, vocabulary)
        if best is None:
            pieces.append(word)
            continue
        pieces.append(vocabulary[len(best)][best])
        changed = True
    pieces.append(original[position:])
    if not changed:
        return []
    suggestion = " ".join("".join(pieces).split())
    if not search_queryset(query=suggestion, filters=filters).exists():
        return []
    return [suggestion]
