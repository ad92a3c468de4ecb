"""Reads of requests. Every selector takes who asks: nobody sees a request that is not theirs
(requester, or a person acting for the requesting company) or their agency's (servants), and a
servant's read of a citizen's request is audited (Lei 14.129 art. 40 §1)."""

from __future__ import annotations

from django.db.models import QuerySet

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_normalise

from .models import RequestEvent, ServiceRequest
from .services.access import is_requester, servant_roles


def requests_of_requester(*, user, acting_company=None) -> QuerySet[ServiceRequest]:
    """The person's own requests — or, while acting for a company, that company's requests."""
    base = ServiceRequest.objects.select_related("service", "agency").order_by("-submitted_at")
    if user is None or not user.is_authenticated:
        return base.none()
    if acting_company is not None:
        return base.filter(company=acting_company)
    return base.filter(requester=user, company__isnull=True)


def request_for_requester(*, user, protocol: str, acting_company=None) -> ServiceRequest | None:
    normalised = protocol_normalise(protocol)
    if normalised is None:
        return None
    request = (
        ServiceRequest.objects.select_related("service", "agency", "form_version", "workflow", "company")
        .filter(protocol=normalised)
        .first()
    )
    if request is None or not is_requester(user=user, request=request, acting_company=acting_company):
        return None
    return request


def request_for_servant(*, user, protocol: str) -> tuple[ServiceRequest, set[str]] | tuple[None, set[str]]:
    """The request and the servant's roles in its agency; (None, ∅) for anyone without a servant
    role in the request's agency. Audits the read of the requester's personal data."""
    normalised = protocol_normalise(protocol)
    if normalised is None:
        return None, set()
    request = (
        ServiceRequest.objects.select_related(
            "service", "agency", "form_version", "workflow", "company", "requester", "assignee"
        )
        .filter(protocol=normalised)
        .first()
    )
    if request is None:
        return None, set()
    roles = servant_roles(user=user, agency_id=request.agency_id)
    if not roles:
        return None, set()
    audit_record(
        actor=user,
        action="service_requests.read",
        target=request,
        kind=AuditEvent.Kind.ACCESS,
        subject_user_id=request.requester_id,
    )
    return request, roles


def timeline(*, request: ServiceRequest, for_requester: bool) -> list[RequestEvent]:
    events = request.events.select_related("actor").prefetch_related("attachments__document")
    if for_requester:
        events = events.filter(visible_to_requester=True)
    return list(events.order_by("created_at"))
