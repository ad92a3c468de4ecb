"""Reads of charges: the citizen's panel and the agency's reconciliation (gestor only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from plataforma.catalog.models import Agency
from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role

from ..workflow import Status as RequestStatus
from .models import Charge

RECONCILIATION_ROLE = AgencyRole.Role.MANAGER


def charge_for_request(request) -> Charge | None:
    """The request's latest charge (the open one while it waits for payment), or None."""
    return Charge.objects.filter(request=request).order_by("-created_at").first()


def charge_is_payable(charge: Charge, *, now: datetime | None = None) -> bool:
    """The QR code and copia e cola are shown only while paying still counts."""
    now = now or timezone.now()
    return (
        charge.status == Charge.Status.PENDING
        and charge.expires_at > now
        and charge.request.status == RequestStatus.AWAITING_PAYMENT
    )


def reconciliation_agencies(*, user) -> QuerySet[Agency]:
    """Agencies whose payments the person reconciles: those where they are gestor."""
    ids = agency_ids_with_role(user=user, role=RECONCILIATION_ROLE)
    return Agency.objects.filter(pk__in=ids).order_by("acronym")


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    first = timezone.make_aware(datetime.combine(start, time.min))
    after = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return first, after


def charges_of_agency(
    *, agency_id, start: date, end: date, status: str = "", reconciliation: str = ""
) -> QuerySet[Charge]:
    """The agency's charges issued between `start` and `end` (local dates, inclusive)."""
    first, after = _bounds(start, end)
    qs = Charge.objects.filter(agency_id=agency_id, created_at__gte=first, created_at__lt=after)
    if status:
        qs = qs.filter(status=status)
    if reconciliation == "qualquer":
        qs = qs.exclude(reconciliation="")
    elif reconciliation:
        qs = qs.filter(reconciliation=reconciliation)
    return qs.select_related("request", "request__service").order_by("-created_at", "pk")


@dataclass(frozen=True)
class Total:
    count: int
    amount: Decimal


def charges_totals(qs: QuerySet[Charge]) -> dict[str, Total]:
    """Counts and sums of `qs` by what the finance team reconciles: paid (amount received),
    pending and expired (amount charged), refunds due and amount mismatches (amount received
    that needs action). One query."""
    zero = Decimal("0.00")
    specs = {
        "paga": (Q(status=Charge.Status.PAID), "paid_amount"),
        "pendente": (Q(status=Charge.Status.PENDING), "amount"),
        "expirada": (Q(status=Charge.Status.EXPIRED), "amount"),
        "cancelada": (Q(status=Charge.Status.CANCELLED), "amount"),
        "estorno": (Q(reconciliation=Charge.Reconciliation.REFUND), "reconciliation_amount"),
        "valor_divergente": (Q(reconciliation=Charge.Reconciliation.MISMATCH), "reconciliation_amount"),
    }
    aggregates = {}
    for key, (condition, field) in specs.items():
        aggregates[f"{key}_n"] = Count("pk", filter=condition)
        aggregates[f"{key}_sum"] = Sum(field, filter=condition)
    row = qs.order_by().aggregate(**aggregates)
    return {key: Total(row[f"{key}_n"], row[f"{key}_sum"] or zero) for key in specs}
