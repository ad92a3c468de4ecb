"""Reads of the exception requests: what each servant may see, the Núcleo's queues, and the public
list (only PUBLIC_STATUSES; drafts, requests under analysis and declined ones are never public)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from plataforma.catalog.models import Agency, Service
from plataforma.common.audit import audit_trail_for

from .. import permissions
from ..models import ExceptionRequest

Status = ExceptionRequest.Status


def _with_progress(qs: QuerySet[ExceptionRequest]) -> QuerySet[ExceptionRequest]:
    return qs.select_related("agency", "service").annotate(
        n_actions=Count("actions", distinct=True),
        n_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
    )


def can_see(user, request: ExceptionRequest) -> bool:
    """The agency's gestores see their requests in every state; the Núcleo sees every request
    once submitted (a draft is still the agency's own work)."""
    if request.agency_id in permissions.managed_agency_ids(user):
        return True
    return request.status != Status.DRAFT and permissions.is_nucleo(user)


def exception_for_staff(user, pk: UUID) -> ExceptionRequest | None:
    """The request with its agency and service, None when it does not exist; PermissionDenied
    when it exists but `user` may not see it."""
    request = ExceptionRequest.objects.select_related("agency", "service", "decided_by").filter(pk=pk).first()
    if request is None:
        return None
    if not can_see(user, request):
        raise PermissionDenied(_("Este pedido de exceção é de outro órgão."))
    return request


def exceptions_of_agencies(agency_ids) -> QuerySet[ExceptionRequest]:
    return _with_progress(ExceptionRequest.objects.filter(agency_id__in=agency_ids)).order_by(
        "agency__acronym", "-created_at"
    )


def nucleo_queue() -> QuerySet[ExceptionRequest]:
    """Requests waiting for the Núcleo: under analysis (oldest first)."""
    return _with_progress(ExceptionRequest.objects.filter(status=Status.SUBMITTED)).order_by("submitted_at")


def nucleo_review_queue() -> QuerySet[ExceptionRequest]:
    """Exceptions whose plan expired, waiting for the Núcleo's review (longest waiting first)."""
    return _with_progress(ExceptionRequest.objects.filter(status=Status.REVIEW)).order_by(
        "review_due_since", "number"
    )


def nucleo_all(*, status: str = "") -> QuerySet[ExceptionRequest]:
    qs = ExceptionRequest.objects.exclude(status=Status.DRAFT)
    if status:
        qs = qs.filter(status=status)
    return _with_progress(qs).order_by("-submitted_at")


def services_for_requests(user) -> QuerySet[Service]:
    """The published Carta services of the agencies `user` manages, for a new request."""
    return (
        Service.objects.filter(agency_id__in=permissions.managed_agency_ids(user), is_published=True)
        .select_related("agency")
        .order_by("agency__acronym", "name")
    )


def actions_of(request: ExceptionRequest):
    return list(request.actions.order_by("due_on", "description"))


# audit events shown in the history that are not decisions (decisions come from their own rows)
_STEP_EVENTS = {"governance.exception.submit": "submit", "governance.exception.expire": "expire"}


def history_of(request: ExceptionRequest) -> list[tuple]:
    """(when, event, valid_until or None, reasons) oldest first: the submission and the moves to
    review from the audit trail, and every decision of the Núcleo with its reasons (`event` is
    the decision's kind). No names: the pages that include it may be public."""
    history = [
        (row.occurred_at, _STEP_EVENTS[row.action], None, "")
        for row in audit_trail_for(request).filter(action__in=_STEP_EVENTS).order_by("occurred_at", "id")
    ]
    history += [
        (d.decided_at, d.kind, d.valid_until, d.reasons)
        for d in request.decisions.order_by("decided_at", "created_at")
    ]
    history.sort(key=lambda entry: entry[0])  # stable: same-instant entries keep their order
    return history


# --- Public -------------------------------------------------------------------------------------


def public_exceptions(*, agency: Agency | None = None, status: str = "") -> QuerySet[ExceptionRequest]:
    qs = ExceptionRequest.objects.filter(status__in=ExceptionRequest.PUBLIC_STATUSES)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if status:
        qs = qs.filter(status=status)
    return _with_progress(qs).order_by("agency__acronym", "service__name", "-decided_at")


def public_exception(number: str) -> ExceptionRequest | None:
    if not number or len(number) > 20:
        return None
    return (
        _with_progress(ExceptionRequest.objects.filter(status__in=ExceptionRequest.PUBLIC_STATUSES))
        .filter(number=number.strip().upper())
        .first()
    )


def public_agencies() -> QuerySet[Agency]:
    """Agencies that have a public exception, for the filter."""
    return (
        Agency.objects.filter(platform_exceptions__status__in=ExceptionRequest.PUBLIC_STATUSES)
        .distinct()
        .order_by("acronym")
    )


def agency_by_slug(slug: str) -> Agency | None:
    if not slug or len(slug) > 40:
        return None
    return Agency.objects.filter(slug=slug).first()
