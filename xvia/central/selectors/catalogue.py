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


def service_id_for_agency(*, agency_acronym: str, subsystem_code: str, service_code: str) -> str | None:
    """The full identifier of the service with these codes of the member tied to this catalogue
    agency, for information systems that name a service that way (the portal's prefill). The tie
    between a member and an agency is the operator's (MTI's) to make: another agency cannot pose
    as DETRAN-MT by creating a subsystem of the same code."""
    found = (
        Service.objects.select_related("subsystem__member__member_class")
        .filter(
            subsystem__member__agency__acronym=agency_acronym,
            subsystem__code=subsystem_code,
            code=service_code,
        )
        .first()
    )
    return found.xroad_id if found else None


def subsystem_id_for_agency(*, agency_acronym: str, subsystem_code: str) -> str | None:
    """The full identifier of this subsystem of the member tied to this catalogue agency."""
    found = (
        Subsystem.objects.select_related("member__member_class")
        .filter(member__agency__acronym=agency_acronym, code=subsystem_code)
        .first()
    )
    return found.xroad_id if found else None
