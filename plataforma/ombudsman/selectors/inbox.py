"""The ouvidoria's inbox (Área do Servidor): the manifestações of the agencies where the person is
ouvidor — every agency for the Ouvidoria-Geral — filtered and ordered for work.

Built for 500,000+ manifestações: keyset pagination (no OFFSET, no COUNT(*) of everything).
Open lists are read in deadline order from `ombudsman_inbox_open_idx` (agency, answer_due_at,
received_at; open only) or, across agencies, `ombudsman_open_due_idx`; "todas" and closed
statuses newest first from `ombudsman_inbox_all_idx` / `ombudsman_status_idx`. The list never
shows who lodged a manifestação (only whether it is identified)."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from plataforma.common.db import custom_plans
from plataforma.common.protocols import protocol_normalise

from ..access import is_general_ombudsman, ombudsman_agency_ids
from ..deadlines import deadline_state, late_clock_q, soon_limit
from ..models import CLOSED_STATUSES, OPEN_STATUSES, Manifestation

PER_PAGE = 25
COUNT_LIMIT = 1000
NO_AGENCY = "sem-orgao"

INBOX_COLUMNS = (
    "id",
    "protocol",
    "kind",
    "channel",
    "status",
    "title",
    "is_anonymous",
    "received_at",
    "answer_due_at",
    "clock_paused_at",
    "concluded_at",
    "agency__id",
    "agency__acronym",
    "service__id",
    "service__name",
)


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""  # "" or "abertas" (default), "todas", or a Status value
    kind: str = ""
    channel: str = ""
    agency_id: uuid.UUID | str | None = None  # an agency id, NO_AGENCY, or None (all in scope)
    deadline: str = ""  # "", "vencidas", "em_breve", "no_prazo", "suspenso"
    protocol: str = ""


def inbox_scope(user) -> tuple[bool, set]:
    """(is the Ouvidoria-Geral, agencies where the person is ouvidor)."""
    return is_general_ombudsman(user), ombudsman_agency_ids(user)


def deadline_ordered(filters: InboxFilters) -> bool:
    """Open lists read in deadline order; "todas" and closed statuses newest first."""
    return filters.status in ("", "abertas") or filters.status not in ("todas", *CLOSED_STATUSES)


def inbox_queryset(*, user, filters: InboxFilters, now: datetime | None = None) -> QuerySet[Manifestation]:
    now = now or timezone.now()
    general, agencies = inbox_scope(user)
    # nobody handles a manifestação they lodged (access.py): it is not listed to them either
    qs = Manifestation.objects.exclude(requester_id=user.pk)
    if filters.agency_id == NO_AGENCY:
        qs = qs.filter(agency__isnull=True) if general else qs.none()
    elif filters.agency_id:
        allowed = general or filters.agency_id in agencies
        qs = qs.filter(agency_id=filters.agency_id) if allowed else qs.none()
    elif not general:
        qs = qs.filter(agency_id__in=agencies) if agencies else qs.none()
    if filters.protocol:
        normalised = protocol_normalise(filters.protocol)
        qs = qs.filter(protocol=normalised) if normalised else qs.none()
    if filters.status in ("", "abertas"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status != "todas":
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    # The deadline filters concern open manifestações. The open-status condition is written once:
    # repeated, it makes PostgreSQL underestimate the rows and sort the whole status index instead
    # of walking the open-deadline index (benchmarks/ombudsman_bench.py: 179-265 ms → 65 ms).
    if filters.deadline and filters.status not in ("", "abertas"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.deadline == "vencidas":
        qs = qs.filter(late_clock_q(now))
    elif filters.deadline == "em_breve":
        qs = qs.filter(
            clock_paused_at__isnull=True, answer_due_at__gte=now, answer_due_at__lte=soon_limit(now)
        )
    elif filters.deadline == "no_prazo":
        qs = qs.filter(clock_paused_at__isnull=True, answer_due_at__gte=now)
    elif filters.deadline == "suspenso":
        qs = qs.filter(clock_paused_at__isnull=False)
    qs = qs.select_related("agency", "service").only(*INBOX_COLUMNS)
    if deadline_ordered(filters):
        return qs.order_by("answer_due_at", "received_at", "id")
    return qs.order_by("-received_at", "-id")


def cursor_encode(row: Manifestation, *, open_order: bool) -> str:
    values = (
        [row.answer_due_at.isoformat(), row.received_at.isoformat(), str(row.pk)]
        if open_order
        else [
            row.received_at.isoformat(),
            str(row.pk),
        ]
    )
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def cursor_decode(text: str, *, open_order: bool) -> list | None:
    """The cursor's values, or None when it is not one of ours (→ the page answers 400)."""
    if not text or len(text) > 300:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != (3 if open_order else 2):
        return None
    try:
        moments = [parse_datetime(v) for v in values[:-1]]
        ident = uuid.UUID(values[-1])
    except (TypeError, ValueError, AttributeError):
        return None
    if any(m is None or m.tzinfo is None for m in moments):
        return None
    return [*moments, ident]


def _after(qs: QuerySet, values: list, *, open_order: bool) -> QuerySet:
    if open_order:
        due, received, ident = values
        return qs.filter(answer_due_at__gte=due).filter(
            Q(answer_due_at__gt=due)
            | Q(answer_due_at=due, received_at__gt=received)
            | Q(answer_due_at=due, received_at=received, id__gt=ident)
        )
    received, ident = values
    return qs.filter(received_at__lte=received).filter(
        Q(received_at__lt=received) | Q(received_at=received, id__lt=ident)
    )


@dataclass
class InboxPage:
    rows: list
    next_cursor: str
    found: int  # at most COUNT_LIMIT + 1
    truncated: bool


def inbox_page(
    *, user, filters: InboxFilters, cursor: list | None = None, now: datetime | None = None
) -> InboxPage:
    now = now or timezone.now()
    open_order = deadline_ordered(filters)
    matching = inbox_queryset(user=user, filters=filters, now=now)
    page_qs = _after(matching, cursor, open_order=open_order) if cursor is not None else matching
    # the filters are skewed (a rare type by a rare channel): plan for the values asked
    with custom_plans():
        found = matching.order_by()[: COUNT_LIMIT + 1].count()
        rows = list(page_qs[: PER_PAGE + 1])
    more = len(rows) > PER_PAGE
    rows = rows[:PER_PAGE]
    soon = soon_limit(now)
    for row in rows:
        row.deadline_state = deadline_state(row, now, soon)
    return InboxPage(
        rows=rows,
        next_cursor=cursor_encode(rows[-1], open_order=open_order) if more and rows else "",
        found=min(found, COUNT_LIMIT),
        truncated=found > COUNT_LIMIT,
    )
