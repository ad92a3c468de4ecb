"""The JSON shapes of the scheduling API, from the models (no query per item: callers load the
relations listed in APPOINTMENT_RELATED)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ..carta import documents_to_bring
from ..ics import code_display
from ..models import Appointment, AppointmentStatus
from ..services.booking import cancel_deadline

APPOINTMENT_RELATED = (
    "slot",
    "offering__calendar__unit",
    "offering__service__agency",
    "rescheduled_from",
    "rescheduled_to",
)


def api_base(request: HttpRequest) -> str:
    """The API's root path as the caller reached it ("/api/v1")."""
    path = request.path
    index = path.find("/agendamento/")
    return path[:index] if index >= 0 else "/api/v1"


def unit(calendar) -> dict:
    unit = calendar.unit
    return {
        "name": unit.name,
        "address": unit.address,
        "city": unit.city,
        "phone": unit.phone,
        "email": unit.email,
        "opening_hours": unit.opening_hours,
        "accessibility": unit.accessibility,
        "latitude": float(calendar.latitude) if calendar.latitude is not None else None,
        "longitude": float(calendar.longitude) if calendar.longitude is not None else None,
    }


def service(service) -> dict:
    return {
        "slug": service.slug,
        "name": service.name,
        "agency": service.agency.acronym,
        "min_login_level": service.min_login_level,
    }


def rules(offering) -> dict:
    return {
        "duration_minutes": offering.duration_minutes,
        "min_notice_hours": offering.min_notice_hours,
        "horizon_days": offering.horizon_days,
        "per_person_limit": offering.per_person_limit,
    }


def _related_code(appointment: Appointment, name: str) -> str | None:
    try:
        other = getattr(appointment, name)
    except Appointment.DoesNotExist:
        return None
    return other.code if other is not None else None


def appointment(
    request: HttpRequest, item: Appointment, *, documents: dict | None = None, fresh: bool = False
) -> dict:
    """One appointment. `documents` caches the documents to bring per service id (lists).
    `fresh`: the appointment was just booked, so it moved from and to nothing (no query)."""
    documents = {} if documents is None else documents
    offering = item.offering
    svc = offering.service
    if svc.pk not in documents:
        documents[svc.pk] = documents_to_bring(service=svc)
    now = timezone.now()
    deadline = cancel_deadline(item)
    url = f"{api_base(request)}/agendamento/agendamentos/{item.code}"
    return {
        "code": item.code,
        "code_display": code_display(item.code),
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "priority": item.priority,
        "starts_at": item.starts_at,
        "ends_at": item.slot.ends_at,
        "mode": offering.mode,
        "mode_label": str(offering.get_mode_display()),
        "service": service(svc),
        "agency_name": svc.agency.name,
        "unit": unit(offering.calendar),
        "meeting_url": item.meeting_url,
        "documents": documents[svc.pk],
        "can_change": item.status == AppointmentStatus.BOOKED and now <= deadline,
        "change_deadline": deadline,
        "rescheduled_from": None if fresh else _related_code(item, "rescheduled_from"),
        "rescheduled_to": None if fresh else _related_code(item, "rescheduled_to"),
        "created_at": item.created_at,
        "url": url,
        "ics_url": f"{url}/agendamento.ics",
        "web_url": settings.SITE_URL.rstrip("/") + reverse("scheduling_citizen:detail", args=[item.code]),
    }
