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

Layout of this package (callers import from `plataforma.catalog.search`; only tests reach into a
module, for a private helper)
- query.py: limits, parsing of the words, filters and their validation.
- engines.py: ranking on PostgreSQL (tsquery), SQLite (FTS5) and the substring fallback, chosen
  by database vendor; search_queryset.
- results.py: the paginated entry points search_slice and search_services.
- suggestions.py: the vocabulary and suggest.
"""

from .engines import FTS_TABLE, FTS_WEIGHTS, TS_CONFIG, VECTOR_COLUMN, search_queryset
from .query import (
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    STOP_WORDS,
    InvalidSearch,
    SearchFilters,
    parse_query,
)
from .results import SearchResult, search_services, search_slice
from .suggestions import VOCABULARY_TTL, suggest

__all__ = [
    "FTS_TABLE",
    "FTS_WEIGHTS",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "MAX_TERM_LENGTH",
    "STOP_WORDS",
    "TS_CONFIG",
    "VECTOR_COLUMN",
    "VOCABULARY_TTL",
    "InvalidSearch",
    "SearchFilters",
    "SearchResult",
    "parse_query",
    "search_queryset",
    "search_services",
    "search_slice",
    "suggest",
]
