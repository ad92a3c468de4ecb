"""A request for a service (Lei 14.129 arts. 20-21, 27) and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from ..workflow import CONCLUDED_STATUSES, OPEN_STATUSES, Status


class ServiceRequest(BaseModel):
    """One request: who asked (a person, possibly acting for a company), for which service, with
    which form version and answers, where it is in its workflow, and its deadline.

    `status` is the platform-wide category of `state` (the workflow's own state key), kept in
    the same row so lists, inboxes and the panel filter on one indexed column.
    """

    Status = Status

    protocol = models.CharField(_("protocolo"), max_length=40, unique=True)
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="requests", verbose_name=_("serviço")
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="requests", verbose_name=_("órgão")
    )
    form_version = models.ForeignKey("RequestFormVersion", on_delete=models.PROTECT, related_name="requests")
    workflow = models.ForeignKey(
        "Workflow", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_requests"
    )
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("empresa"),
    )
    # What the platform knew of the requester when the request was made (once-only), and the
    # answers to the form. Personal data: read by servants only through audited selectors.
    requester_data = models.JSONField(_("dados do solicitante"), default=dict)
    data = models.JSONField(_("respostas"), default=dict)
    state = models.CharField(_("etapa"), max_length=40)
    status = models.CharField(_("situação"), max_length=24, choices=Status.choices)
    submitted_at = models.DateTimeField(_("enviado em"))
    concluded_at = models.DateTimeField(_("concluído em"), null=True, blank=True)
    # The promised deadline from the Carta's tempo total estimado; the clock stops while the
    # request waits for the requester or for payment (see services/deadlines.py).
    due_at = models.DateTimeField(_("prazo"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    concluded_on_time = models.BooleanField(null=True, blank=True)
    pending_question = models.TextField(_("pergunta ao solicitante"), blank=True)
    answer_due_at = models.DateTimeField(_("prazo para responder"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        verbose_name=_("responsável"),
    )
    escalated_at = models.DateTimeField(_("escalado em"), null=True, blank=True)
    # A client-chosen key: the same key from the same person never creates a second request.
    idempotency_key = models.CharField(max_length=80)
    receipt_code = models.CharField(_("código de autenticação"), max_length=32, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("solicitação")
        verbose_name_plural = _("solicitações")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "idempotency_key"], name="requests_unique_idempotency_key"
            ),
            models.CheckConstraint(
                condition=Q(concluded_at__isnull=True)
                | Q(status__in=["deferida", "indeferida", "cancelada"]),
                name="requests_concluded_only_when_final",
            ),
        ]
        indexes = [
            models.Index(fields=["requester", "-submitted_at"], name="requests_mine_idx"),
            models.Index(fields=["company", "-submitted_at"], name="requests_company_idx"),
            models.Index(fields=["agency", "status", "due_at"], name="requests_inbox_idx"),
            models.Index(fields=["agency", "assignee", "status"], name="requests_assignee_idx"),
            # The inbox's default list (open requests, soonest deadline first) and its "todas"
            # list read the first rows in index order instead of sorting the whole agency.
            models.Index(
                fields=["agency", "due_at", "submitted_at"],
                condition=Q(status__in=["aguardando_pagamento", "em_andamento", "pendente"]),
                name="requests_inbox_open_idx",
            ),
            models.Index(fields=["agency", "due_at", "submitted_at"], name="requests_inbox_all_idx"),
            models.Index(fields=["service", "submitted_at"], name="requests_service_idx"),
            models.Index(fields=["status", "due_at"], name="requests_overdue_idx"),
            # The panel's refresh aggregates by month of submission and of conclusion.
            models.Index(fields=["submitted_at"], name="requests_submitted_idx"),
            models.Index(fields=["concluded_at"], name="requests_concluded_idx"),
            # The escalation job reads only what it has not escalated yet.
            models.Index(
                fields=["due_at"],
                condition=Q(status="em_andamento", escalated_at__isnull=True),
                name="requests_escalation_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.protocol

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_concluded(self) -> bool:
        return self.status in CONCLUDED_STATUSES


class RequestEvent(BaseModel):
    """One step of a request's timeline: who did what, when, with which note and attachments.
    Append-only; events visible to the requester form the timeline they follow (art. 21 IV)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(_("papel"), max_length=20)
    action = models.CharField(_("ação"), max_length=40)
    action_label = models.CharField(_("descrição"), max_length=120)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    note = models.TextField(_("observação"), blank=True, max_length=5000)
    visible_to_requester = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evento da solicitação")
        verbose_name_plural = _("eventos das solicitações")
        indexes = [models.Index(fields=["request", "created_at"], name="requests_event_idx")]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.action}"
