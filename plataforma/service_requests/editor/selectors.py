"""Reads for the editors' pages, always limited to the agencies the user may edit."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from plataforma.catalog.models import Agency, Service

from ..models import RequestForm, RequestFormVersion, Workflow


def editor_agencies(*, agency_ids: set[UUID]) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=agency_ids).order_by("acronym")


def agency_services(*, agency: Agency) -> QuerySet[Service]:
    """The agency's services with their request form (if any) and whether a draft exists."""
    drafts = RequestFormVersion.objects.filter(
        form__service=OuterRef("pk"), state=RequestFormVersion.State.DRAFT
    )
    return (
        Service.objects.filter(agency=agency)
        .select_related("request_form__current_version")
        .annotate(has_draft=Exists(drafts))
        .order_by("name", "pk")
    )


def service_for_editor(*, service_id: UUID, agency_ids: set[UUID]) -> Service:
    """The service, only if it belongs to an agency the user edits: 404 otherwise (another
    agency's service looks exactly like one that does not exist)."""
    service = Service.objects.select_related("agency").filter(pk=service_id, agency_id__in=agency_ids).first()
    if service is None:
        raise Http404
    return service


def form_of(service: Service) -> RequestForm | None:
    return (
        RequestForm.objects.select_related("current_version", "workflow", "service__agency")
        .filter(service=service)
        .first()
    )


def draft_of(form: RequestForm | None) -> RequestFormVersion | None:
    if form is None:
        return None
    return form.versions.filter(state=RequestFormVersion.State.DRAFT).first()


def versions_of(form: RequestForm) -> QuerySet[RequestFormVersion]:
    return form.versions.select_related("created_by", "published_by").order_by("-number")


def agency_workflows(*, agency_id: UUID) -> list[Workflow]:
    """The latest version of each of the agency's workflows."""
    latest: dict[str, Workflow] = {}
    for workflow in Workflow.objects.filter(agency_id=agency_id).order_by("key", "-version"):
        latest.setdefault(workflow.key, workflow)
    return list(latest.values())


def workflow_for_editor(*, workflow_id: UUID, agency_ids: set[UUID]) -> Workflow:
    workflow = (
        Workflow.objects.select_related("agency", "created_by")
        .filter(pk=workflow_id, agency_id__in=agency_ids)
        .first()
    )
    if workflow is None:
        raise Http404
    return workflow


def latest_version(workflow: Workflow) -> Workflow:
    return (
        Workflow.objects.filter(agency_id=workflow.agency_id, key=workflow.key).order_by("-version").first()
    )


def workflow_versions(workflow: Workflow) -> QuerySet[Workflow]:
    return Workflow.objects.filter(agency_id=workflow.agency_id, key=workflow.key).select_related(
        "created_by"
    )
