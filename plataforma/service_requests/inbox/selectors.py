"""Reads of the agency's inbox (Área do Servidor): which agencies a servant works for, the
requests of one agency filtered and ordered for work, the colleagues a request may be given to,
and the attachments a servant may download (each download audited, Lei 14.129 art. 40 §1).

Built for a million requests: the list orders by the deadline (nulls last, as the index stores
them) and reads it in index order — `requests_inbox_open_idx` (agency, due_at, submitted_at; open
requests only) for the default "em aberto" list, `requests_inbox_all_idx` for "todas",
`requests_inbox_idx` (agency, status, due_at) for one status — and counts at most
`COUNT_LIMIT` + 1 rows — never the whole agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from uuid import UUID

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from plataforma.common.audit import audit_record
from plataforma.common.calendar import add_business_days
from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_normalise
from plataforma.identity.models import AgencyRole, User

from ..models import Attachment, ServiceRequest, Workflow
from ..services.access import servant_roles
from ..workflow import DEFAULT_WORKFLOW, OPEN_STATUSES, SERVANT_ROLES, Status, WorkflowDefinition

PER_PAGE = 25
COUNT_LIMIT = 1000
SOON_BUSINESS_DAYS = 3
MAX_COLLEAGUES = 500


@dataclass
class Desk:
    """One agency where the person works requests, with their servant roles there."""

    agency: object
    roles: set[str] = field(default_factory=set)

    @property
    def is_manager(self) -> bool:
        return "gestor" in self.roles


def inbox_desks(user) -> list[Desk]:
    """The agencies in which the person holds atendente, analista or gestor (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    desks: dict = {}
    grants = (
        AgencyRole.objects.filter(user=user, revoked_at__isnull=True, role__in=SERVANT_ROLES)
        .select_related("agency")
        .order_by("agency__acronym", "role")
    )
    for grant in grants:
        desks.setdefault(grant.agency_id, Desk(agency=grant.agency)).roles.add(grant.role)
    return list(desks.values())


def work_roles(*, user, request: ServiceRequest) -> set[str]:
    """The servant roles with which the person may work this request: none on their own request
    (conflict of interest — `roles_in_request` drops them)."""
    from ..services.access import roles_in_request

    return roles_in_request(user=user, request=request) & set(SERVANT_ROLES)


def colleagues(*, agency_id) -> QuerySet[User]:
    """Active people holding atendente, analista or gestor in the agency: who may be named
    responsible for its requests."""
    return (
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__revoked_at__isnull=True,
            agency_roles__role__in=SERVANT_ROLES,
        )
        .distinct()
        .order_by("full_name", "id")
        .only("id", "full_name", "social_name")[:MAX_COLLEAGUES]
    )


def services_with_requests(*, agency_id) -> QuerySet:
    """The agency's services that have at least one request (index requests_service_idx)."""
    Service = apps.get_model("catalog", "Service")
    return (
        Service.objects.filter(agency_id=agency_id)
        .filter(Exists(ServiceRequest.objects.filter(service_id=OuterRef("pk"))))
        .order_by("name")
        .only("id", "name")
    )


def workflow_states(*, agency_id) -> list[tuple[str, str, str]]:
    """(state key, label, status) of every state a request of the agency may be in: the
    platform's default workflow and the agency's own (all versions), without repeats."""
    seen: dict[str, tuple[str, str, str]] = {}
    definitions: list[WorkflowDefinition] = [DEFAULT_WORKFLOW]
    rows = Workflow.objects.filter(Q(agency_id=agency_id) | Q(agency__isnull=True)).only("definition")[:100]
    for row in rows:
        try:
            definitions.append(row.spec)
        except ValueError:  # a stored definition that no longer validates: skip it
            continue
    for definition in definitions:
        for state in definition.states:
            seen.setdefault(state.key, (state.key, state.label, str(state.status)))
    return list(seen.values())


@dataclass(frozen=True)
class InboxFilters:
    """What the servant asked for; empty values mean "any"."""

    status: str = ""  # a Status value, "abertas" (default), or "todas"
    state: str = ""  # a workflow state key (with `status` set to its status)
    service_id: UUID | None = None
    assignee: str = ""  # "", "eu", "ninguem" or a user id
    deadline: str = ""  # "", "vencidos", "em_breve", "no_prazo"
    protocol: str = ""


def soon_limit(now: datetime) -> datetime:
    """End (23:59:59 local) of the third business day from today: "vence em até 3 dias úteis"."""
    day = add_business_days(timezone.localdate(now), SOON_BUSINESS_DAYS)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def overdue_q(now: datetime) -> Q:
    """Open requests past their deadline. While the clock is stopped (waiting for the
    requester or for payment) a request is late only if it already was when the clock stopped."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(paused_at__isnull=True, due_at__lt=now) | Q(paused_at__isnull=False, due_at__lt=F("paused_at"))
    )


def inbox_requests(*, agency_id, user, filters: InboxFilters, now: datetime | None = None) -> QuerySet:
    """The agency's requests for the inbox list, ordered by deadline (soonest first, requests
    without deadline last), then by submission. Only the columns the list shows are loaded."""
    now = now or timezone.now()
    qs = ServiceRequest.objects.filter(agency_id=agency_id)
    if filters.protocol:
        normalised = protocol_normalise(filters.protocol)
        qs = qs.filter(protocol=normalised) if normalised else qs.none()
    if filters.state:
        qs = qs.filter(state=filters.state, status=filters.status)
    elif filters.status in ("", "abertas"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status != "todas":
        qs = qs.filter(status=filters.status)
    if filters.service_id:
        qs = qs.filter(service_id=filters.service_id)
    if filters.assignee == "eu":
        qs = qs.filter(assignee=user)
    elif filters.assignee == "ninguem":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee:
        qs = qs.filter(assignee_id=filters.assignee)
    if filters.deadline == "vencidos":
        qs = qs.filter(overdue_q(now))
    elif filters.deadline == "em_breve":
        qs = qs.filter(status=Status.IN_PROGRESS, due_at__gte=now, due_at__lte=soon_limit(now))
    elif filters.deadline == "no_prazo":
        qs = qs.filter(status__in=OPEN_STATUSES).exclude(overdue_q(now))
    return (
        qs.select_related("service", "assignee", "requester", "workflow")
        .only(
            "id",
            "protocol",
            "agency_id",
            "company_id",
            "state",
            "status",
            "submitted_at",
            "due_at",
            "paused_at",
            "concluded_at",
            "service__id",
            "service__name",
            "workflow__id",
            "workflow__definition",
            "assignee__id",
            "assignee__full_name",
            "assignee__social_name",
            "requester__id",
            "requester__full_name",
            "requester__social_name",
        )
        .order_by(F("due_at").asc(nulls_last=True), "submitted_at", "id")
    )


class BoundedPaginator(Paginator):
    """A paginator that counts at most `limit` + 1 rows (SELECT COUNT(*) over a LIMITed
    subquery): "mais de 1.000" instead of a slow count of the whole agency, and never an OFFSET
    deeper than `limit`. Past the limit, the servant narrows the filters."""

    def __init__(self, object_list, per_page, *, limit: int = COUNT_LIMIT, ordered_count: bool = False):
        super().__init__(object_list, per_page)
        self.limit = limit
        self.ordered_count = ordered_count

    @cached_property
    def found(self) -> int:
        # Unordered, PostgreSQL counts from whichever index covers the filters (usually an
        # index-only scan). `ordered_count` keeps the list's order in the LIMITed subquery so it
        # walks the deadline index like the page does and stops after `limit` + 1 rows: for
        # filters on columns outside the indexes whose rows come first in deadline order
        # ("vencidos"), where the planner would otherwise scan the table.
        rows = self.object_list if self.ordered_count else self.object_list.order_by()
        return rows[: self.limit + 1].count()

    @property
    def count(self) -> int:
        return min(self.found, self.limit)

    @property
    def truncated(self) -> bool:
        return self.found > self.limit


def deadline_state(request: ServiceRequest, now: datetime, soon: datetime) -> str:
    """ "atrasado", "em_breve", "no_prazo", "suspenso", "sem_prazo" or "encerrado"."""
    if request.status not in OPEN_STATUSES:
        return "encerrado"
    if request.due_at is None:
        return "sem_prazo"
    reference = request.paused_at or now
    if request.due_at < reference:
        return "atrasado"
    if request.paused_at is not None:
        return "suspenso"
    if request.due_at <= soon:
        return "em_breve"
    return "no_prazo"


def attachment_for_servant(*, user, protocol: str, attachment_id: UUID) -> Attachment | None:
    """An attachment of a request of an agency where the person holds a servant role; None
    (→ 404) for anyone else. Audits the download as an access to the requester's data."""
    normalised = protocol_normalise(protocol)
    if normalised is None:
        return None
    attachment = (
        Attachment.objects.select_related("document", "request")
        .filter(pk=attachment_id, request__protocol=normalised)
        .first()
    )
    if attachment is None or not servant_roles(user=user, agency_id=attachment.request.agency_id):
        return None
    audit_record(
        actor=user,
        action="service_requests.attachment_download",
        target=attachment.request,
        kind=AuditEvent.Kind.ACCESS,
        changes={"attachment": str(attachment.pk), "document": str(attachment.document_id)},
        subject_user_id=attachment.request.requester_id,
    )
    return attachment


def request_for_work(*, user, protocol: str) -> ServiceRequest | None:
    """The request, for the pages where a servant works it (actions, assignment, notes) and that
    show no personal data — so not audited as a read; None (→ 404) for anyone without a
    servant role in the request's agency."""
    normalised = protocol_normalise(protocol)
    if normalised is None:
        return None
    request = (
        ServiceRequest.objects.select_related("service", "agency", "workflow", "assignee")
        .defer("data", "requester_data")
        .filter(protocol=normalised)
        .first()
    )
    if request is None or not servant_roles(user=user, agency_id=request.agency_id):
        return None
    return request
