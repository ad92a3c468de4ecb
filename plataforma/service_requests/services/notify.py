"""Telling the requester (Lei 14.129 arts. 21 VII and 27): the notification centre always, and the
channel they prefer (notifications app). Sent on commit by background tasks."""

from __future__ import annotations

from django.urls import reverse

from plataforma.identity.companies.selectors import company_managers, effective_tie
from plataforma.notifications.services import notification_send

from ..models import ServiceRequest


def request_url(request: ServiceRequest) -> str:
    return reverse("service_requests:detail", kwargs={"protocol": request.protocol})


def requester_side_recipients(request: ServiceRequest) -> list:
    """Who hears about a request. A person's request: that person. A company's request: the
    person who made it while their tie is still effective, and the company's partners and legal
    representatives (who answer for it) — never someone whose tie has ended."""
    if request.company_id is None:
        return [request.requester]
    people = {tie.user_id: tie.user for tie in company_managers(company_id=request.company_id)}
    if effective_tie(user=request.requester, company_id=request.company_id) is not None:
        people.setdefault(request.requester_id, request.requester)
    return list(people.values())


def notify_requester(
    *, request: ServiceRequest, title: str, body: str, category: str = "solicitacao"
) -> None:
    for person in requester_side_recipients(request):
        notification_send(
            user=person,
            title=title,
            body=body,
            url=request_url(request),
            category=category,
            company=request.company,
        )
