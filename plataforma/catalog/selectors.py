"""Public reads of the catalogue: only what is published, in a small FIXED number of queries
whatever the number of services (no N+1; tests pin the counts).

Drafts, versions in review and unpublished services never leave this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .content import ServiceContent
from .models import Agency, Audience, Category, Service, ServiceUnit, ServiceVersion
from .search import SearchFilters

# Columns a list item needs (name, summary, tags, agency): keeps list queries narrow.
LIST_FIELDS = (
    "id",
    "slug",
    "name",
    "acronym",
    "summary",
    "is_digital",
    "is_free",
    "published_at",
    "agency__id",
    "agency__name",
    "agency__acronym",
    "agency__slug",
)


def published_services() -> QuerySet[Service]:
    """Every published service; the one entry point for public lists."""
    return Service.objects.filter(is_published=True)


def _list_queryset() -> QuerySet[Service]:
    return published_services().select_related("agency").only(*LIST_FIELDS)


def service_list(*, filters: SearchFilters) -> QuerySet[Service]:
    """Published services matching the filters, A to Z. Filter values must already be validated."""
    qs = _list_queryset()
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
    return qs.order_by("name", "id")


def paginate(qs: QuerySet, *, page: int, per_page: int = 20) -> Page:
    """A page of `qs`; raises django.core.paginator.InvalidPage for a page that does not exist."""
    return Paginator(qs, per_page).page(page)


# --- Options for filters and navigation ---------------------------------------------------------


def filter_options() -> dict[str, list[tuple[str, str]]]:
    """Choices of the public filter form: audiences, agencies and categories (2 queries)."""
    agencies = Agency.objects.filter(is_active=True).only("slug", "acronym", "name").order_by("acronym")
    categories = Category.objects.only("slug", "name").order_by("name")
    return {
        "audiences": list(Audience.Code.choices),
        "agencies": [(a.slug, f"{a.acronym} — {a.name}") for a in agencies],
        "categories": [(c.slug, c.name) for c in categories],
    }


def categories_with_counts() -> list[Category]:
    """Áreas de interesse with the number of published services in each (1 query)."""
    return list(
        Category.objects.annotate(
            service_count=Count("services", filter=Q(services__is_published=True), distinct=True)
        ).order_by("name")
    )


def audiences_with_counts() -> list[dict[str, Any]]:
    """The three audiences with the number of published services for each (1 query)."""
    counts = dict(
        Audience.objects.annotate(
            n=Count("services", filter=Q(services__is_published=True), distinct=True)
        ).values_list("code", "n")
    )
    return [
        {"code": code, "label": label, "count": counts.get(code, 0)} for code, label in Audience.Code.choices
    ]


def agencies_with_counts(*, slug: str | None = None) -> list[Agency]:
    """Active agencies (or the one with `slug`) with their number of published services (1 query)."""
    qs = Agency.objects.filter(is_active=True)
    if slug is not None:
        qs = qs.filter(slug=slug)
    return list(
        qs.annotate(service_count=Count("services", filter=Q(services__is_published=True))).order_by(
            "acronym"
        )
    )


def category_get(*, slug: str) -> Category:
    try:
        return Category.objects.get(slug=slug)
    except Category.DoesNotExist:
        raise Http404 from None


def agency_get(*, slug: str) -> Agency:
    """An active agency with its service units prefetched (2 queries)."""
    try:
        return (
            Agency.objects.filter(is_active=True)
            .prefetch_related(Prefetch("units", queryset=ServiceUnit.objects.order_by("city", "name")))
            .get(slug=slug)
        )
    except Agency.DoesNotExist:
        raise Http404 from None


def home_highlights(*, limit: int = 8) -> dict[str, list[Service]]:
    """Digital services and the most recently updated ones for the home page (2 queries)."""
    qs = _list_queryset()
    return {
        "digital": list(qs.filter(is_digital=True).order_by("name")[:limit]),
        "recent": list(qs.order_by("-published_at", "name")[:limit]),
    }


# --- Service page and the Carta -----------------------------------------------------------------


@dataclass
class ServiceView:
    """A published service ready for display: the row and its parsed Carta content."""

    service: Service
    content: ServiceContent
    version: ServiceVersion
    units: list[ServiceUnit] = field(default_factory=list)

    @property
    def has_documents(self) -> bool:
        return any(s.documents for s in self.content.steps)


def _detail_queryset() -> QuerySet[Service]:
    return (
        published_services()
        .select_related("agency", "published_version")
        .prefetch_related(
            Prefetch("units", queryset=ServiceUnit.objects.order_by("city", "name")),
            Prefetch("categories", queryset=Category.objects.only("slug", "name").order_by("name")),
            "audiences",
        )
    )


def _as_view(service: Service) -> ServiceView:
    version = service.published_version
    return ServiceView(
        service=service,
        content=ServiceContent.model_validate(version.content),
        version=version,
        units=list(service.units.all()),
    )


def service_detail(*, slug: str) -> ServiceView:
    """The published service `slug` (4 queries); Http404 for unknown, draft-only or unpublished ones."""
    try:
        service = _detail_queryset().get(slug=slug)
    except Service.DoesNotExist:
        raise Http404 from None
    return _as_view(service)


def service_for_feedback(*, slug: str) -> Service:
    try:
        return published_services().only("id", "slug", "is_published").get(slug=slug)
    except Service.DoesNotExist:
        raise Http404 from None


def agency_carta(*, agency: Agency) -> list[ServiceView]:
    """Every published service of `agency` with its full content: the agency's whole Carta de
    Serviços (Lei 13.460 art. 7) in 4 queries."""
    return [_as_view(s) for s in _detail_queryset().filter(agency=agency).order_by("name", "id")]


def agency_carta_stamp(*, agency: Agency) -> str:
    """A token that changes whenever the agency's published Carta may have changed (its data, its
    published services, its units), used to cache its PDF."""
    services = published_services().filter(agency=agency).aggregate(n=Count("id"), last=Max("updated_at"))
    units = ServiceUnit.objects.filter(agency=agency).aggregate(last=Max("updated_at"))
    return ":".join(
        str(v) for v in (agency.pk, agency.updated_at, services["n"], services["last"], units["last"])
    )


def agency_services(*, agency: Agency) -> list[Service]:
    """Published services of one agency for its page (1 query)."""
    return list(_list_queryset().filter(agency=agency).order_by("name", "id"))


# --- Quadro geral (Lei 13.460 art. 3) -----------------------------------------------------------


@dataclass
class QuadroRow:
    agency: Agency
    services: list[Service] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.services)

    @property
    def digital(self) -> int:
        return sum(1 for s in self.services if s.is_digital)

    @property
    def free(self) -> int:
        return sum(1 for s in self.services if s.is_free)


@dataclass
class Quadro:
    year: int
    rows: list[QuadroRow]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def digital(self) -> int:
        return sum(r.digital for r in self.rows)

    @property
    def free(self) -> int:
        return sum(r.free for r in self.rows)


def quadro_geral(*, year: int) -> Quadro:
    """The yearly quadro geral of services and responsible bodies (Lei 13.460 art. 3): services
    in the public Carta today whose first publication happened by the end of `year`, grouped by
    agency (2 queries)."""
    tz = timezone.get_current_timezone()
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    services = (
        _list_queryset()
        .annotate(
            first_published_at=Min(
                "versions__published_at",
                filter=Q(
                    versions__state__in=[ServiceVersion.State.PUBLISHED, ServiceVersion.State.SUPERSEDED]
                ),
            )
        )
        .filter(first_published_at__lt=end)
        .order_by("agency__acronym", "name", "id")
    )
    by_agency: dict[Any, QuadroRow] = {}
    for s in services:
        by_agency.setdefault(s.agency_id, QuadroRow(agency=s.agency)).services.append(s)
    rows = sorted(by_agency.values(), key=lambda r: r.agency.acronym)
    return Quadro(year=year, rows=rows)
