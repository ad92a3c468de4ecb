"""The developers' catalogue of X-VIA services (signed-in servants)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..models import Service, Subsystem

PAGE = 50


def catalogue_services(query: str = "") -> QuerySet[Service]:
    services = Service.objects.select_related("subsystem__member__member_class", "subsystem__member__agency")
    query = query.strip()[:100]
    if query:
        services = services.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(code__icontains=query)
            | Q(subsystem__member__name__icontains=query)
        )
    return services.order_by("subsystem__member__name", "title")


def catalogue_service(pk) -> Service | None:
    return (
        Service.objects.select_related("subsystem__member__member_class", "subsystem__member__agency")
        .prefetch_related("endpoints")
        .filter(pk=pk)
        .first()
    )


def service_id_by_codes(*, subsystem_code: str, service_code: str) -> str | None:
    """The full identifier of the one service with these codes, for information systems that
    name a service by its subsystem and code (the portal's prefill); None when there is none, or
    when more than one member has such a subsystem (then configure the full identifier)."""
    found = list(
        Service.objects.select_related("subsystem__member__member_class").filter(
            subsystem__code=subsystem_code, code=service_code
        )[:2]
    )
    return found[0].xroad_id if len(found) == 1 else None


def subsystem_id_by_code(code: str) -> str | None:
    """The full identifier of the one subsystem with this code (None: none, or several)."""
    found = list(Subsystem.objects.select_related("member__member_class").filter(code=code)[:2])
    return found[0].xroad_id if len(found) == 1 else None
