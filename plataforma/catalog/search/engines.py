"""Ranking by database: PostgreSQL full text (tsquery over the stored vector of migration 0004),
SQLite FTS5 (the index of migration 0005) and a substring fallback for any other database."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, StrIndex

from ..models import Service
from .query import SearchFilters, _filtered, parse_query

TS_CONFIG = "pt_unaccent"

# The stored, indexed tsvector column of migration 0004 (PostgreSQL only).
VECTOR_COLUMN = '"catalog_service"."search_vector"'
# The FTS5 index of migration 0005 (SQLite only) and its bm25 column weights (title, terms, body).
# bm25 saturates with repeated hits, so the title weight is high enough that one hit in the name
# outranks a word repeated a few times in a long description.
FTS_TABLE = "catalog_service_fts"
FTS_WEIGHTS = (20.0, 6.0, 1.0)
# Light plural/ending trimming for SQLite and the substring fallback (PostgreSQL has a real stemmer).
_ENDINGS = ("coes", "cao", "oes", "aes", "ais", "eis", "ao", "es", "s")


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
