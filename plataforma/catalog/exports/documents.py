"""Reading the published catalogue in a fixed number of queries, and the JSON documents shared
by the API and the JSON export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..content import CHANNEL_LABELS, DocumentValidity, TimeEstimate
from ..models import Audience, Service, ServiceUnit

SERVICE_PAGE_PATH = "/servicos/{slug}/"
API_SERVICE_PATH = "/api/v1/servicos/{slug}"
API_AGENCY_PATH = "/api/v1/orgaos/{slug}"
CACHE_CONTROL = "public, max-age=300"
CHUNK = 500


# --- Reading the catalogue ------------------------------------------------------------------------


def published_services() -> Any:
    """Published services with agency and published version, in name order (one query)."""
    return (
        Service.objects.filter(is_published=True)
        .select_related("agency", "published_version")
        .order_by("name", "pk")
    )


def categories_by_service(service_ids: Iterable[Any] | None = None) -> dict[Any, list[dict[str, str]]]:
    """{service id: [{slug, name}]} of published services (one query)."""
    through = Service.categories.through.objects.filter(service__is_published=True)
    if service_ids is not None:
        through = through.filter(service_id__in=list(service_ids))
    result: dict[Any, list[dict[str, str]]] = defaultdict(list)
    for service_id, slug, name in through.order_by("category__name").values_list(
        "service_id", "category__slug", "category__name"
    ):
        result[service_id].append({"slug": slug, "name": name})
    return result


def units_by_service(service_ids: Iterable[Any] | None = None) -> dict[Any, list[ServiceUnit]]:
    """{service id: [ServiceUnit]} of published services (one query)."""
    through = Service.units.through.objects.filter(service__is_published=True).select_related(
        "serviceunit__agency"
    )
    if service_ids is not None:
        through = through.filter(service_id__in=list(service_ids))
    result: dict[Any, list[ServiceUnit]] = defaultdict(list)
    for row in through.order_by("serviceunit__city", "serviceunit__name"):
        result[row.service_id].append(row.serviceunit)
    return result


# --- Documents (shared with the JSON API) ---------------------------------------------------------


def agency_ref(agency) -> dict[str, Any]:
    return {"slug": agency.slug, "name": agency.name, "acronym": agency.acronym}


def unit_document(unit: ServiceUnit) -> dict[str, Any]:
    return {
        "id": str(unit.pk),
        "agency": unit.agency.slug,
        "name": unit.name,
        "address": unit.address,
        "street": unit.street,
        "number": unit.number,
        "complement": unit.complement,
        "district": unit.district,
        "city": unit.city,
        "state": unit.state,
        "postal_code": unit.postal_code,
        "opening_hours": unit.opening_hours,
        "phone": unit.phone,
        "email": unit.email,
        "accessibility": unit.accessibility,
    }


def _time(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    estimate = TimeEstimate.model_validate(data)
    return {**estimate.model_dump(), "text": str(estimate)}


def content_document(content: dict[str, Any]) -> dict[str, Any]:
    """The Carta content of a published version, with readable texts for structured values."""
    validity = DocumentValidity.model_validate(content.get("document_validity") or {})
    steps = []
    for step in content.get("steps", []):
        steps.append(
            {
                "title": step["title"],
                "description": step.get("description", ""),
                "documents": list(step.get("documents", [])),
                "costs": [
                    {
                        "description": c["description"],
                        "value": None if c.get("value") is None else str(c["value"]),
                        "variable": bool(c.get("variable")),
                    }
                    for c in step.get("costs", [])
                ],
                "channels": [
                    {
                        "type": ch["type"],
                        "type_label": CHANNEL_LABELS.get(ch["type"], ch["type"]),
                        "description": ch.get("description", ""),
                        "address": ch.get("address", ""),
                        "estimated_wait": _time(ch.get("estimated_wait")),
                    }
                    for ch in step.get("channels", [])
                ],
            }
        )
    return {
        "name": content["name"],
        "acronym": content.get("acronym", ""),
        "popular_names": list(content.get("popular_names", [])),
        "description": content["description"],
        "audiences": list(content.get("audiences", [])),
        "categories": list(content.get("categories", [])),
        "requesters": [
            {"type": r["type"], "requirements": r.get("requirements", "")}
            for r in content.get("requesters", [])
        ],
        "steps": steps,
        "total_time": _time(content.get("total_time") or {}),
        "is_free": bool(content.get("is_free", True)),
        "document_validity": {**validity.model_dump(), "text": str(validity)},
        "is_digital": bool(content.get("is_digital")),
        "digital_url": content.get("digital_url"),
        "min_login_level": content.get("min_login_level", "bronze"),
        "priority_treatment": content.get("priority_treatment", ""),
        "expected_wait": content.get("expected_wait", ""),
        "communication_channels": content.get("communication_channels", ""),
        "manifestation_handling": content.get("manifestation_handling", ""),
        "status_consultation": content.get("status_consultation", ""),
        "accessibility_conditions": content.get("accessibility_conditions", ""),
        "legislation": [{"title": x["title"], "url": x.get("url")} for x in content.get("legislation", [])],
        "keywords": list(content.get("keywords", [])),
    }


def service_document(
    service: Service, *, categories: list[dict[str, str]], units: list[ServiceUnit], base_url: str
) -> dict[str, Any]:
    """Everything the public knows about a published service (API detail and JSON export)."""
    agency = service.agency
    content = service.published_version.content
    return {
        "slug": service.slug,
        "name": service.name,
        "acronym": service.acronym,
        "summary": service.summary,
        "agency": {
            **agency_ref(agency),
            "website": agency.website,
            "ombudsman_email": agency.ombudsman_email,
            "ombudsman_phone": agency.ombudsman_phone,
            "ombudsman_url": agency.ombudsman_url,
        },
        "audiences": [
            {"code": code, "label": str(Audience.Code(code).label)}
            for code in content.get("audiences", [])
            if code in Audience.Code.values
        ],
        "categories": categories,
        "units": [unit_document(u) for u in units],
        "is_digital": service.is_digital,
        "is_free": service.is_free,
        "min_login_level": service.min_login_level,
        "version": service.published_version.number,
        "published_at": service.published_at,
        "last_reviewed_at": service.last_reviewed_at,
        "review_overdue": service.review_overdue_since is not None,
        "page_url": base_url + SERVICE_PAGE_PATH.format(slug=service.slug),
        "api_url": base_url + API_SERVICE_PATH.format(slug=service.slug),
        "content": content_document(content),
    }
