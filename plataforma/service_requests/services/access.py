"""Who takes part in a request, and in which role (the workflow's roles)."""

from __future__ import annotations

from plataforma.identity.companies.selectors import effective_tie
from plataforma.identity.models import AgencyRole

from ..models import ServiceRequest
from ..workflow import SERVANT_ROLES


def is_requester(*, user, request: ServiceRequest, acting_company=None) -> bool:
    """The person who asked, or — for a company's request — anyone acting for that company with
    an effective tie. A person's own request is not visible while acting for a company, and a
    company's request is not visible to the person outside that company's context."""
    if user is None or not user.is_authenticated:
        return False
    if request.company_id is None:
        return acting_company is None and request.requester_id == user.pk
    if acting_company is None or acting_company.pk != request.company_id:
        return False
    return effective_tie(user=user, company_id=request.company_id) is not None


def servant_roles(*, user, agency_id) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        AgencyRole.objects.filter(
            user=user, agency_id=agency_id, revoked_at__isnull=True, role__in=SERVANT_ROLES
        ).values_list("role", flat=True)
    )


def has_conflict_of_interest(*, user, request: ServiceRequest) -> bool:
    """The servant asked for it, or is tied to the company that asked (partner, representative,
    accountant or collaborator with an effective tie): they may not work it."""
    if user is None or not user.is_authenticated:
        return False
    if request.requester_id == user.pk:
        return True
    return (
        request.company_id is not None and effective_tie(user=user, company_id=request.company_id) is not None
    )


def roles_in_request(*, user, request: ServiceRequest, acting_company=None) -> set[str]:
    """A servant never works their own request (or their company's): conflict of interest."""
    own = has_conflict_of_interest(user=user, request=request)
    roles = set() if own else servant_roles(user=user, agency_id=request.agency_id)
    if is_requester(user=user, request=request, acting_company=acting_company):
        roles.add("solicitante")
    return roles
