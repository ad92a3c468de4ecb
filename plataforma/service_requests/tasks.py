"""Periodic jobs of service requests (Celery beat; schedule in settings.CELERY_BEAT_SCHEDULE).

- `escalate_overdue_requests` (every 15 minutes): issue #4, "overdue requests highlighted and
  escalated to the agency's gestor by a periodic job".
- `remind_pending_answers` (daily): the requester is reminded once, two days before the answer
  to the agency's question is due (Lei 14.129 art. 27: notifications at every step that
  concerns them).

Both work in bounded batches on indexed columns and are idempotent: what they did is written in
the request's timeline (events only the agency sees), so a second run does nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from celery import shared_task
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.identity.models import AgencyRole, User
from plataforma.notifications.services import notification_send

from .models import RequestEvent, ServiceRequest
from .services.notify import notify_requester
from .workflow import Status

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 25
REMIND_BEFORE = timedelta(days=2)
DIGEST_PROTOCOLS = 10


def _gestores(agency_id) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__role=AgencyRole.Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("id")
    )


def _overdue_url(agency) -> str:
    query = urlencode({"orgao": agency.slug, "situacao": "situacao:em_andamento", "prazo": "vencidos"})
    return f"{reverse('request_inbox:list')}?{query}"


def _escalate_batch(now) -> list[ServiceRequest]:
    """Escalate up to BATCH_SIZE overdue requests in one transaction; rows another worker holds
    are skipped (PostgreSQL), so two runs never escalate the same request."""
    with transaction.atomic():
        batch = list(
            ServiceRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Status.IN_PROGRESS, due_at__lt=now, escalated_at__isnull=True)
            .select_related("agency")
            .only("id", "protocol", "state", "requester_id", "agency__id", "agency__slug", "agency__acronym")
            .order_by("due_at", "id")[:BATCH_SIZE]
        )
        if not batch:
            return []
        ServiceRequest.objects.filter(pk__in=[r.pk for r in batch]).update(escalated_at=now, updated_at=now)
        RequestEvent.objects.bulk_create(
            RequestEvent(
                request_id=r.pk,
                actor=None,
                actor_role="sistema",
                action="escalada",
                action_label=_("Prazo vencido: pedido escalado ao gestor do órgão"),
                visible_to_requester=False,
            )
            for r in batch
        )
        for request in batch:
            audit_record(
                actor=None,
                action="service_requests.escalate",
                target=request,
                changes={"escalated": True},
                subject_user_id=request.requester_id,
            )
    return batch


@shared_task
def escalate_overdue_requests() -> int:
    """Find open requests (em andamento) past their deadline that were never escalated
    (index requests_overdue_idx: status, due_at), mark them escalated with an event the
    requester does not see, and send each gestor of each agency concerned one digest with a
    link to the inbox filtered on overdue requests. Returns how many were escalated."""
    now = timezone.now()
    by_agency: dict = defaultdict(list)
    agencies: dict = {}
    for _batch_number in range(MAX_BATCHES):
        batch = _escalate_batch(now)
        for request in batch:
            by_agency[request.agency_id].append(request.protocol)
            agencies[request.agency_id] = request.agency
        if len(batch) < BATCH_SIZE:
            break
    with transaction.atomic():
        for agency_id, protocols in by_agency.items():
            agency = agencies[agency_id]
            shown = ", ".join(protocols[:DIGEST_PROTOCOLS])
            more = len(protocols) - DIGEST_PROTOCOLS
            body = _(
                "%(n)d pedido(s) de %(agency)s passaram do prazo prometido e foram escalados a você: "
                "%(protocols)s"
            ) % {"n": len(protocols), "agency": agency.acronym, "protocols": shown}
            if more > 0:
                body += _(" e mais %(n)d.") % {"n": more}
            for gestor in _gestores(agency_id):
                notification_send(
                    user=gestor,
                    title=_("%(agency)s: %(n)d pedido(s) com prazo vencido")
                    % {"agency": agency.acronym, "n": len(protocols)},
                    body=body,
                    url=_overdue_url(agency),
                    category="solicitacao",
                )
    total = sum(len(p) for p in by_agency.values())
    if total:
        logger.info("escalated %d overdue requests in %d agencies", total, len(by_agency))
    return total


@shared_task
def remind_pending_answers() -> int:
    """Requests waiting for the requester's answer due within two days, not yet reminded since
    the question was asked: one notification to the requester, remembered as a "lembrete"
    event (invisible to the requester; their notification is the reminder). Returns how many."""
    now = timezone.now()
    reminded = RequestEvent.objects.filter(
        request_id=OuterRef("pk"),
        action="lembrete",
        created_at__gte=Coalesce(OuterRef("paused_at"), OuterRef("submitted_at")),
    )
    total = 0
    for _batch_number in range(MAX_BATCHES):
        with transaction.atomic():
            batch = list(
                ServiceRequest.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Status.PENDING_REQUESTER,
                    answer_due_at__gte=now,
                    answer_due_at__lte=now + REMIND_BEFORE,
                )
                .exclude(Exists(reminded))
                .select_related("requester", "company")
                .order_by("answer_due_at", "id")[:BATCH_SIZE]
            )
            for request in batch:
                RequestEvent.objects.create(
                    request=request,
                    actor=None,
                    actor_role="sistema",
                    action="lembrete",
                    action_label=_("Lembrete enviado ao solicitante"),
                    visible_to_requester=False,
                )
                day = timezone.localtime(request.answer_due_at).strftime("%d/%m/%Y")
                notify_requester(
                    request=request,
                    title=_("Pedido %(protocol)s: responda até %(day)s")
                    % {"protocol": request.protocol, "day": day},
                    body=_(
                        "O órgão está esperando a sua resposta para continuar o pedido %(protocol)s. "
                        "Responda até %(day)s."
                    )
                    % {"protocol": request.protocol, "day": day},
                )
        total += len(batch)
        if len(batch) < BATCH_SIZE:
            break
    return total
