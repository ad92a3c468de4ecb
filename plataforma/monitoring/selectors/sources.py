"""Set-based reads of other apps' tables for the indicators (GROUP BY queries; never a Python
loop over requests, except the median on SQLite — the embedded setup — which has no
percentile function). Read-only: this app never writes another app's rows.

Every function returns one row per (agency_id, service_id) group: the request's agency as
recorded on the request, so an agency's figures stay its own if a service later moves.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from plataforma.catalog.models import Service
from plataforma.service_requests.models import RequestForm, ServiceRequest
from plataforma.service_requests.workflow import CONCLUDED_STATUSES, Status

from ..dimensions import DIMENSION_KEYS, SCORES, dimension_column
from ..models import Evaluation

GROUP = ("agency_id", "service_id")
_CONCLUDED = [str(s) for s in CONCLUDED_STATUSES]
SECONDS_PER_DAY = 86400.0


def submitted_by_group(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    return list(
        ServiceRequest.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .order_by()
        .values(*GROUP)
        .annotate(submitted=Count("id"))
    )


def conclusions_by_group(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Requests that ended in the period (concluded_at): concluded = deferida + indeferida;
    cancelled apart; on-time among those concluded with a promised deadline; and the sum of
    the calendar time from submission to conclusion."""
    concluded = Q(status__in=_CONCLUDED)
    duration = ExpressionWrapper(F("concluded_at") - F("submitted_at"), output_field=DurationField())
    # Annotation names must not shadow the model's fields (concluded_on_time is one).
    rows = (
        ServiceRequest.objects.filter(concluded_at__gte=start, concluded_at__lt=end)
        .order_by()
        .values(*GROUP)
        .annotate(
            n_concluded=Count("id", filter=concluded),
            n_approved=Count("id", filter=Q(status=Status.APPROVED.value)),
            n_rejected=Count("id", filter=Q(status=Status.REJECTED.value)),
            n_cancelled=Count("id", filter=Q(status=Status.CANCELLED.value)),
            n_on_time=Count("id", filter=concluded & Q(concluded_on_time=True)),
            n_with_deadline=Count("id", filter=concluded & Q(concluded_on_time__isnull=False)),
            duration_sum=Sum(duration, filter=concluded),
        )
    )
    names = {
        "n_concluded": "concluded",
        "n_approved": "approved",
        "n_rejected": "rejected",
        "n_cancelled": "cancelled",
        "n_on_time": "concluded_on_time",
        "n_with_deadline": "concluded_with_deadline",
    }
    return [{names.get(key, key): value for key, value in row.items()} for row in rows]


def in_progress_by_group(*, end: datetime) -> list[dict[str, Any]]:
    """Requests submitted before `end` and not ended by then (for the current period: now)."""
    rows = (
        ServiceRequest.objects.filter(submitted_at__lt=end)
        .filter(Q(concluded_at__isnull=True) | Q(concluded_at__gte=end))
        .order_by()
        .values(*GROUP)
        .annotate(n=Count("id"))
    )
    return [
        {"agency_id": r["agency_id"], "service_id": r["service_id"], "in_progress_end": r["n"]} for r in rows
    ]


def evaluations_by_group(*, start: datetime, end: datetime) -> list[dict[str, Any]]:
    aggregates: dict[str, Any] = {
        "evaluations": Count("id"),
        "score_sum": Sum("score"),
        **{f"score_{n}": Count("id", filter=Q(score=n)) for n in SCORES},
    }
    for key in DIMENSION_KEYS:
        aggregates[f"{key}_sum"] = Sum(dimension_column(key))
        aggregates[f"{key}_count"] = Count(dimension_column(key))
        for n in SCORES:
            aggregates[f"{key}_{n}"] = Count("id", filter=Q(**{dimension_column(key): n}))
    return list(
        Evaluation.objects.filter(created_at__gte=start, created_at__lt=end)
        .order_by()
        .values(*GROUP)
        .annotate(**aggregates)
    )


MedianKey = tuple[str, UUID | None]


def median_days(*, start: datetime, end: datetime) -> dict[MedianKey, float]:
    """Median days to conclude of the requests concluded in the period, per service
    ("servico", id), per agency ("orgao", id) and for the platform ("plataforma", None)."""
    if connection.vendor == "postgresql":
        return _median_days_postgresql(start=start, end=end)
    return _median_days_python(start=start, end=end)


def _median_days_postgresql(*, start: datetime, end: datetime) -> dict[MedianKey, float]:
    table = connection.ops.quote_name(ServiceRequest._meta.db_table)
    sql = f"""
        SELECT service_id, agency_id, GROUPING(service_id), GROUPING(agency_id),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (concluded_at - submitted_at)))
        FROM {table}
        WHERE concluded_at >= %s AND concluded_at < %s AND status = ANY(%s)
        GROUP BY GROUPING SETS ((service_id), (agency_id), ())
    """  # noqa: S608 - the table name comes from the model, values are parameters
    result: dict[MedianKey, float] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, list(_CONCLUDED)])
        for service_id, agency_id, no_service, no_agency, seconds in cursor.fetchall():
            if seconds is None:
                continue
            if not no_service:
                key: MedianKey = ("servico", _uuid(service_id))
            elif not no_agency:
                key = ("orgao", _uuid(agency_id))
            else:
                key = ("plataforma", None)
            result[key] = float(seconds) / SECONDS_PER_DAY
    return result


def _uuid(value) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def _median_days_python(*, start: datetime, end: datetime) -> dict[MedianKey, float]:
    groups: dict[MedianKey, list[float]] = defaultdict(list)
    rows = ServiceRequest.objects.filter(
        concluded_at__gte=start, concluded_at__lt=end, status__in=_CONCLUDED
    ).values_list("agency_id", "service_id", "submitted_at", "concluded_at")
    for agency_id, service_id, submitted_at, concluded_at in rows.iterator(chunk_size=2000):
        days = (concluded_at - submitted_at).total_seconds() / SECONDS_PER_DAY
        groups[("servico", service_id)].append(days)
        groups[("orgao", agency_id)].append(days)
        groups[("plataforma", None)].append(days)
    return {key: float(statistics.median(values)) for key, values in groups.items()}


def service_agencies(service_ids) -> dict[UUID, UUID]:
    """The current agency of each service (the link of a service's indicator row)."""
    return dict(Service.objects.filter(pk__in=list(service_ids)).values_list("pk", "agency_id"))


def first_activity() -> datetime | None:
    """When the first request was submitted or the first appointment was due (the start of the
    whole history)."""
    from plataforma.scheduling.selectors.figures import first_appointment

    moments = [
        ServiceRequest.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first(),
        first_appointment(),
    ]
    return min((m for m in moments if m is not None), default=None)


def catalogue_counts() -> tuple[list[dict[str, Any]], dict[UUID, int]]:
    """Published and digital services per agency; services requested on this platform."""
    published = list(
        Service.objects.filter(is_published=True)
        .order_by()
        .values("agency_id")
        .annotate(published=Count("id"), digital=Count("id", filter=Q(is_digital=True)))
    )
    on_platform = dict(
        RequestForm.objects.filter(accepts_requests=True, service__is_published=True)
        .order_by()
        .values("service__agency_id")
        .annotate(n=Count("id"))
        .values_list("service__agency_id", "n")
    )
    return published, on_platform
