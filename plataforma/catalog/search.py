"""Search over the published Carta. INTERFACE CONTRACT (used by the public views and the API):

    filters = SearchFilters(audience="cidadao", agency="detran-mt", category=None,
                            digital_only=False, free_only=False)
    result = search_services(query="licenca", filters=filters, page=1, per_page=20)
    result.page          # django.core.paginator.Page of Service (agency selected)
    result.total         # int
    result.suggestions   # list[str], filled when nothing matched
    raises InvalidSearch (a ValidationError subclass, message in Portuguese) for bad
    page numbers, too-long queries or unknown filter values.

TEMPORARY implementation (plain icontains); to be replaced by the ranked full-text one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q

from plataforma.common.text import fold

from .models import Service

MAX_QUERY_LENGTH = 200


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


def search_services(*, query: str, filters: SearchFilters, page: int = 1, per_page: int = 20) -> SearchResult:
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch("A busca pode ter no máximo 200 caracteres.")
    qs = Service.objects.filter(is_published=True).select_related("agency")
    for term in fold(query).split():
        qs = qs.filter(Q(search_title__contains=term) | Q(search_terms__contains=term) | Q(search_body__contains=term))
    if filters.audience:
        qs = qs.filter(audiences__code=filters.audience)
    if filters.agency:
        qs = qs.filter(agency__slug=filters.agency)
    if filters.category:
        qs = qs.filter(categories__slug=filters.category)
    if filters.digital_only:
        qs = qs.filter(is_digital=True)
    if filters.free_only:
        qs = qs.filter(is_free=True)
    paginator = Paginator(qs.order_by("name"), per_page)
    if page < 1 or (page > paginator.num_pages):
        raise InvalidSearch("Página inexistente.")
    return SearchResult(page=paginator.page(page), total=paginator.count)
