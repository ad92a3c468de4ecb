"""Reads for the editors' back office. Every query is scoped to the agencies the user edits."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from plataforma.catalog.models import Agency, Category, Service, ServiceFeedback, ServiceUnit, ServiceVersion
from plataforma.common.models import AuditEvent

State = ServiceVersion.State
WORKING_STATES = [State.DRAFT, State.IN_REVIEW]


def editor_agencies(*, agency_ids: set[UUID]) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=agency_ids).order_by("acronym")


def agency_services(*, agency: Agency, overdue_only: bool = False) -> QuerySet[Service]:
    """The agency's services for the dashboard, with their published and working version
    numbers and the 'Esta informação foi útil?' counts, in one query."""
    working = ServiceVersion.objects.filter(service=OuterRef("pk"), state__in=WORKING_STATES)
    qs = (
        Service.objects.filter(agency=agency)
        .annotate(
            published_number=F("published_version__number"),
            working_number=Subquery(working.values("number")[:1]),
            working_state=Subquery(working.values("state")[:1]),
            helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
            helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .only("id", "name", "slug", "is_published", "last_reviewed_at", "review_overdue_since", "agency_id")
        .order_by("name")
    )
    if overdue_only:
        qs = qs.filter(review_overdue_since__isnull=False)
    return qs


def overdue_counts(*, agency_ids: set[UUID]) -> dict[UUID, int]:
    rows = (
        Service.objects.filter(agency_id__in=agency_ids, review_overdue_since__isnull=False)
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return {row["agency_id"]: row["n"] for row in rows}


def latest_comments(*, agency: Agency, limit: int = 10) -> list[ServiceFeedback]:
    return list(
        ServiceFeedback.objects.filter(service__agency=agency)
        .exclude(comment="")
        .select_related("service")
        .only("comment", "helpful", "created_at", "service__name", "service__id")
        .order_by("-created_at")[:limit]
    )


def service_for_editor(*, service_id: UUID, agency_ids: set[UUID]) -> Service:
    """The service, if it belongs to an agency the user edits. Other agencies' services get the
    same 404 as unknown ids, so their existence (and their drafts) never leak."""
    try:
        return Service.objects.select_related("agency").get(pk=service_id, agency_id__in=agency_ids)
    except Service.DoesNotExist:
        raise Http404 from None


def version_of(*, service: Service, number: int) -> ServiceVersion:
    try:
        return ServiceVersion.objects.select_related("created_by", "submitted_by", "published_by").get(
            service=service, number=number
        )
    except ServiceVersion.DoesNotExist:
        raise Http404 from None


def working_version(*, service: Service) -> ServiceVersion | None:
    return (
        ServiceVersion.objects.filter(service=service, state__in=WORKING_STATES)
        .select_related("created_by", "submitted_by")
        .first()
    )


def versions_of(*, service: Service) -> QuerySet[ServiceVersion]:
    return (
        ServiceVersion.objects.filter(service=service)
        .select_related("created_by", "submitted_by", "published_by")
        .defer("content")
        .order_by("-number")
    )


def feedback_counts(*, service: Service) -> dict[str, int]:
    return service.feedback.aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )


def service_comments(*, service: Service, limit: int = 20) -> list[ServiceFeedback]:
    return list(service.feedback.exclude(comment="").order_by("-created_at")[:limit])


def service_audit_trail(*, service: Service) -> QuerySet[AuditEvent]:
    """Audit rows about the service and about each of its versions, newest first."""
    version_ids = [str(pk) for pk in service.versions.values_list("pk", flat=True)]
    return (
        AuditEvent.objects.filter(
            Q(target_type=Service._meta.label_lower, target_id=str(service.pk))
            | Q(target_type=ServiceVersion._meta.label_lower, target_id__in=version_ids)
        )
        .select_related("actor")
        .order_by("-occurred_at")
    )


def category_names(slugs: list[str]) -> dict[str, str]:
    return dict(Category.objects.filter(slug__in=slugs).values_list("slug", "name"))


def unit_names(ids: list[str]) -> dict[str, str]:
    valid = []
    for value in ids:
        try:
            valid.append(UUID(str(value)))
        except ValueError:
            continue
    return {str(u.pk): str(u) for u in ServiceUnit.objects.filter(pk__in=valid)}


def units_of(*, agency_ids: set[UUID]) -> QuerySet[ServiceUnit]:
    return (
        ServiceUnit.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("agency__acronym", "city", "name")
    )


def unit_for_editor(*, unit_id: UUID, agency_ids: set[UUID]) -> ServiceUnit:
    try:
        return ServiceUnit.objects.select_related("agency").get(pk=unit_id, agency_id__in=agency_ids)
    except ServiceUnit.DoesNotExist:
        raise Http404 from None
