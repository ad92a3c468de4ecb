"""Endpoints of /api/v1/ — thin: validate, read through search/exports, shape the output.
Each endpoint runs a fixed number of queries (pinned in tests/test_api.py)."""

from __future__ import annotations

import re
from typing import Literal

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from plataforma.catalog import exports, selectors
from plataforma.catalog.models import Agency, Category, Service, ServiceUnit
from plataforma.catalog.search import MAX_PER_PAGE, MAX_QUERY_LENGTH, SearchFilters, search_slice, suggest

from .schemas import (
    AgencyList,
    AgencyOut,
    CatalogueExport,
    CategoryList,
    ErrorOut,
    ServiceDetail,
    ServiceList,
    UnitList,
    ValidationErrorOut,
)

router = Router(tags=["Carta de Serviços"])

SLUG_PATTERN = r"^[-a-z0-9_]{1,100}$"
MAX_OFFSET = 100_000
_SLUG = re.compile(SLUG_PATTERN)
CACHE_CONTROL = exports.CACHE_CONTROL

ERRORS_400 = {400: ErrorOut, 422: ValidationErrorOut}
ERRORS_404 = {404: ErrorOut, 422: ValidationErrorOut}


class Page(Schema):
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Quantos itens (1 a 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quantos itens pular")


class ServiceQuery(Page):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Palavras da busca (sem acento, tanto faz)")
    publico: Literal["cidadao", "empresa", "servidor"] | None = Field(None, description="Público")
    orgao: str | None = Field(None, pattern=SLUG_PATTERN, description="Endereço (slug) do órgão")
    area: str | None = Field(None, pattern=SLUG_PATTERN, description="Endereço (slug) da área de interesse")
    digital: bool = Field(False, description="Só serviços digitais")
    gratuito: bool = Field(False, description="Só serviços gratuitos")


class UnitQuery(Page):
    orgao: str | None = Field(None, pattern=SLUG_PATTERN, description="Endereço (slug) do órgão")


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _cacheable(response: HttpResponse) -> None:
    response["Cache-Control"] = CACHE_CONTROL


def _check_slug(slug: str, message: str) -> None:
    if not _SLUG.match(slug):
        raise Http404(message)


@router.get(
    "/servicos",
    response={200: ServiceList, **ERRORS_400},
    summary="Buscar serviços",
    description="Busca na Carta publicada (sem diferenciar acentos e maiúsculas), com filtros. "
    "Sem `q`, lista todos os serviços em ordem alfabética.",
)
def list_services(request: HttpRequest, response: HttpResponse, params: Query[ServiceQuery]):
    filters = SearchFilters(
        audience=params.publico,
        agency=params.orgao,
        category=params.area,
        digital_only=params.digital,
        free_only=params.gratuito,
    )
    services, total = search_slice(query=params.q, filters=filters, offset=params.offset, limit=params.limit)
    base = _base_url(request)
    _cacheable(response)
    return {
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "items": [
            {
                "slug": s.slug,
                "name": s.name,
                "acronym": s.acronym,
                "summary": s.summary,
                "agency": exports.agency_ref(s.agency),
                "is_digital": s.is_digital,
                "is_free": s.is_free,
                "published_at": s.published_at,
                "api_url": base + exports.API_SERVICE_PATH.format(slug=s.slug),
                "page_url": base + exports.SERVICE_PAGE_PATH.format(slug=s.slug),
            }
            for s in services
        ],
        "suggestions": suggest(query=params.q, filters=filters) if total == 0 else [],
    }


@router.get(
    "/servicos.csv",
    response={200: None},
    summary="Carta inteira em CSV",
    description="Um serviço publicado por linha. UTF-8 com BOM, separador vírgula, fim de linha CRLF, "
    "listas dentro de uma célula separadas por ` | `, booleanos `true`/`false`, datas ISO 8601.",
    openapi_extra={
        "responses": {
            200: {"description": "Arquivo CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
        }
    },
)
def services_csv(request: HttpRequest) -> StreamingHttpResponse:
    return exports.csv_response(request)


@router.get(
    "/servicos.json",
    response={200: CatalogueExport},
    summary="Carta inteira em JSON",
    description="Todos os serviços publicados, cada um como em `GET /servicos/{slug}`.",
)
def services_json(request: HttpRequest) -> StreamingHttpResponse:
    return exports.json_response(request)


@router.get(
    "/govbr/servicos.json",
    response={200: dict},
    summary="Carta inteira no modelo de serviços do gov.br",
    description="Exportação para a Base Nacional de Serviços Públicos (Lei 13.460, art. 7 §6), com os "
    "nomes de campos do modelo federal (API de Serviços do gov.br): "
    '`{"servicos": [...], "total": n, "geradoEm": "..."}`.',
)
def services_govbr(request: HttpRequest) -> StreamingHttpResponse:
    return exports.govbr_response(request)


@router.get("/servicos/{slug}", response={200: ServiceDetail, **ERRORS_404}, summary="Um serviço")
def get_service(request: HttpRequest, response: HttpResponse, slug: str):
    _check_slug(slug, "Serviço não encontrado.")
    service = (
        Service.objects.filter(slug=slug, is_published=True)
        .select_related("agency", "published_version")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("name")),
            Prefetch("units", queryset=ServiceUnit.objects.select_related("agency")),
        )
        .first()
    )
    if service is None:
        raise Http404("Serviço não encontrado.")
    _cacheable(response)
    return exports.service_document(
        service,
        categories=[{"slug": c.slug, "name": c.name} for c in service.categories.all()],
        units=list(service.units.all()),
        base_url=_base_url(request),
    )


def _page_of(items: list, params: Page) -> dict:
    """A limit/offset page of a small, already loaded list (agencies, categories)."""
    return {
        "total": len(items),
        "limit": params.limit,
        "offset": params.offset,
        "items": items[params.offset : params.offset + params.limit],
    }


@router.get("/orgaos", response={200: AgencyList, 422: ValidationErrorOut}, summary="Órgãos e entidades")
def list_agencies(request: HttpRequest, response: HttpResponse, params: Query[Page]):
    _cacheable(response)
    return _page_of(selectors.agencies_with_counts(), params)


@router.get("/orgaos/{slug}", response={200: AgencyOut, **ERRORS_404}, summary="Um órgão")
def get_agency(request: HttpRequest, response: HttpResponse, slug: str):
    _check_slug(slug, "Órgão não encontrado.")
    found = selectors.agencies_with_counts(slug=slug)
    if not found:
        raise Http404("Órgão não encontrado.")
    _cacheable(response)
    return found[0]


@router.get("/areas", response={200: CategoryList, 422: ValidationErrorOut}, summary="Áreas de interesse")
def list_categories(request: HttpRequest, response: HttpResponse, params: Query[Page]):
    _cacheable(response)
    return _page_of(selectors.categories_with_counts(), params)


@router.get("/unidades", response={200: UnitList, **ERRORS_400}, summary="Unidades de atendimento")
def list_units(request: HttpRequest, response: HttpResponse, params: Query[UnitQuery]):
    qs = ServiceUnit.objects.select_related("agency").order_by("city", "name", "pk")
    if params.orgao:
        agency_pk = Agency.objects.filter(slug=params.orgao).values_list("pk", flat=True).first()
        if agency_pk is None:
            raise HttpError(400, "Órgão inexistente.")
        qs = qs.filter(agency_id=agency_pk)
    total = qs.count()
    _cacheable(response)
    return {
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "items": [exports.unit_document(u) for u in qs[params.offset : params.offset + params.limit]]
        if params.offset < total
        else [],
    }
