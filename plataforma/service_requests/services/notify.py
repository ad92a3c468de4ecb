"""Telling the requester (Lei 14.129 arts. 21 VII and 27): the notification centre always, and the
channel they prefer (notifications app). Sent on commit by background tasks."""

from __future__ import annotations

from django.urls import reverse

from plataforma.notifications.services import notification_send

from ..models import ServiceRequest


def request_url(request: ServiceRequest) -> str:
    return reverse("service_requests:detail", kwargs={"protocol": request.protocol})


def notify_requester(
    *, request: ServiceRequest, title: str, body: str, category: str = "solicitacao"
) -> None:
    notification_send(
        user=request.requester,
        title=title,
        body=body,
        url=request_url(request),
        category=category,
        company=request.company,
    )
