"""The API's view of a manifestação, for its author (the same things the author's pages show)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ..models import Manifestation, Status
from ..selectors import author as selectors
from ..services.author import can_reopen, reopen_deadline
from ..transitions import EVENT_LABELS


def _agency(agency) -> dict | None:
    return None if agency is None else {"slug": agency.slug, "acronym": agency.acronym, "name": agency.name}


def _service(service) -> dict | None:
    return None if service is None else {"slug": service.slug, "name": service.name}


def brief(item: Manifestation) -> dict:
    return {
        "protocol": item.protocol,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "status": item.status,
        "status_label": item.get_status_display(),
        "title": item.title,
        "agency": _agency(item.agency),
        "service": _service(item.service),
        "received_at": item.received_at,
        "answer_due_at": item.answer_due_at,
        "concluded_at": item.concluded_at,
    }


def manifestation(request: HttpRequest, item: Manifestation, *, by_code: bool) -> dict:
    answers = selectors.answers(item)
    rating = selectors.current_rating(item)
    events = selectors.public_timeline(item)
    answered_now = any(a.cycle == item.cycle for a in answers)
    web = (
        reverse("ombudsman:follow")
        if by_code
        else reverse("ombudsman:mine_detail", kwargs={"protocol": item.protocol})
    )
    return {
        **brief(item),
        "channel": item.channel,
        "description": item.description,
        "anonymous": item.is_anonymous,
        "identity_consent": item.identity_consent_at is not None,
        "answer_extended": item.answer_extended_at is not None,
        "extension_reason": item.answer_extension_reason,
        "clock_suspended": item.clock_paused_at is not None,
        "pending_question": item.pending_question if item.status == Status.AWAITING_USER else "",
        "user_reply_due_at": item.user_reply_due_at,
        "archive_reason": item.archive_reason,
        "reopen_count": item.reopen_count,
        "reopen_until": reopen_deadline(item),
        "can_reply": item.status == Status.AWAITING_USER,
        "can_rate": item.is_closed and answered_now and rating is None,
        "can_reopen": can_reopen(item, timezone.now()),
        "answers": [
            {
                "cycle": a.cycle,
                "kind": a.kind,
                "text": a.text,
                "answered_at": a.answered_at,
                "authentication_code": a.authentication_code,
            }
            for a in answers
        ],
        "rating": None
        if rating is None
        else {"resolved": rating.resolved, "satisfaction": rating.satisfaction, "comment": rating.comment},
        "timeline": [
            {
                "at": e.created_at,
                "action": e.action,
                "label": str(EVENT_LABELS.get(e.action, e.action)),
                "actor_role": e.actor_role,
                "note": "" if e.action in ("answered", "archived") else e.note,
            }
            for e in events
        ],
        "receipt_code": item.receipt_code,
        "web_url": request.build_absolute_uri(web),
    }
