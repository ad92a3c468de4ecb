"""The paginated entry points: by offset (search_slice, the JSON API) and by numbered page
(search_services, the public pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.db.models.expressions import Window
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from ..models import Service
from .engines import search_queryset
from .query import MAX_PAGE, MAX_PER_PAGE, InvalidSearch, SearchFilters, parse_query
from .suggestions import suggest


@dataclass
class SearchResult:
    page: Page
    total: int
    suggestions: list[str] = field(default_factory=list)


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
