"""Reads of the agency's gestor and ouvidor. A council of an agency the person does not manage is
looked up as if it did not exist (None → 404). Applicants' data shown to staff is audited by the
views (kind ACCESS, subject_user_id: the citizen sees who looked, Lei 14.129 art. 40 §1)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count

from plataforma.catalog.models import Agency, Service

from ..models import Application, ApplicationState, Call, Consultation, Council, Membership
from ..services.access import staff_agency_ids
from .public import parse_uuid

APPLICATIONS_PER_PAGE = 50
MAX_SERVICES = 400


def managed_agencies(user) -> list[Agency]:
    ids = staff_agency_ids(user)
    return list(Agency.objects.filter(pk__in=ids).order_by("acronym")) if ids else []


def councils_of(agency_ids) -> list[Council]:
    return list(
        Council.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .annotate(n_calls=Count("calls", distinct=True))
        .order_by("agency__acronym", "name")[:200]
    )


def council_for_staff(user, council_id) -> Council | None:
    pk = parse_uuid(council_id)
    if pk is None:
        return None
    return (
        Council.objects.select_related("agency").filter(pk=pk, agency_id__in=staff_agency_ids(user)).first()
    )


def call_for_staff(user, call_id) -> Call | None:
    pk = parse_uuid(call_id)
    if pk is None:
        return None
    return (
        Call.objects.select_related("council__agency")
        .filter(pk=pk, council__agency_id__in=staff_agency_ids(user))
        .first()
    )


def application_for_staff(user, application_id) -> Application | None:
    pk = parse_uuid(application_id)
    if pk is None:
        return None
    return (
        Application.objects.select_related("call__council__agency", "category", "person")
        .filter(pk=pk, call__council__agency_id__in=staff_agency_ids(user))
        .first()
    )


def membership_for_staff(user, membership_id) -> Membership | None:
    pk = parse_uuid(membership_id)
    if pk is None:
        return None
    return (
        Membership.objects.select_related("council__agency", "category", "person", "call")
        .filter(pk=pk, council__agency_id__in=staff_agency_ids(user))
        .first()
    )


def consultation_for_staff(user, consultation_id) -> Consultation | None:
    pk = parse_uuid(consultation_id)
    if pk is None:
        return None
    return (
        Consultation.objects.select_related("council__agency", "service")
        .filter(pk=pk, council__agency_id__in=staff_agency_ids(user))
        .first()
    )


def agency_services(agency: Agency) -> list[Service]:
    return list(Service.objects.filter(agency=agency, is_published=True).order_by("name")[:MAX_SERVICES])


def council_services(council: Council) -> list[Service]:
    listed = list(council.services.order_by("name")[:MAX_SERVICES])
    return listed or agency_services(council.agency)


def applications_page(call: Call, *, page: int, state: str = "") -> Page:
    qs = Application.objects.filter(call=call).select_related("person", "category").order_by("number")
    if state in ApplicationState.values:
        qs = qs.filter(state=state)
    return Paginator(qs, APPLICATIONS_PER_PAGE).get_page(page)


def application_totals(call: Call) -> dict[str, int]:
    return dict(Application.objects.filter(call=call).values_list("state").annotate(n=Count("pk")))


def council_memberships(council: Council) -> list[Membership]:
    return list(
        Membership.objects.filter(council=council)
        .select_related("person", "category", "call", "replaced_by")
        .order_by("-ends_on", "category__position", "starts_on")[:300]
    )


def council_consultations(council: Council) -> list[Consultation]:
    return list(council.consultations.annotate(n_opinions=Count("opinions")).order_by("-deadline")[:100])
