"""Exceptions (Resolução 002/2021/NGD art. 1 §3): an agency asks to deliver a digital service on a
platform other than the official ones. It justifies the request and commits to an action plan
with dates for migrating; the Núcleo decides with reasons. Approved exceptions are public and hold
until their plan ends (`valid_until`, the last action's date); then they come back for review,
where the Núcleo closes them (the service migrated), extends them (a new plan) or revokes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

TEXT_MAX = 4000


class ExceptionRequest(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "rascunho", _("Rascunho")
        SUBMITTED = "em_analise", _("Em análise pelo Núcleo")
        APPROVED = "aprovada", _("Aprovada")
        DECLINED = "recusada", _("Recusada")
        REVIEW = "em_revisao", _("Em revisão: plano vencido")
        CLOSED = "encerrada", _("Encerrada: serviço migrado")
        REVOKED = "revogada", _("Revogada")

    PUBLIC_STATUSES = ("aprovada", "em_revisao", "encerrada", "revogada")

    number = models.CharField(_("número"), max_length=20, unique=True)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="platform_exceptions",
        verbose_name=_("órgão"),
    )
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        related_name="platform_exceptions",
        verbose_name=_("serviço"),
    )
    platform_name = models.CharField(_("plataforma em que o serviço é prestado"), max_length=200)
    platform_url = models.URLField(_("endereço da plataforma"), blank=True)
    justification = models.TextField(_("justificativa"), max_length=TEXT_MAX)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    valid_until = models.DateField(_("vale até"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("enviada em"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decidida em"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reasons = models.TextField(_("fundamentos da decisão"), max_length=TEXT_MAX, blank=True)
    review_due_since = models.DateField(_("em revisão desde"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pedido de exceção")
        verbose_name_plural = _("pedidos de exceção")
        constraints = [
            # one live request per service: drafts, those under analysis and those in force
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status__in=["rascunho", "em_analise", "aprovada", "em_revisao"]),
                name="governance_one_live_exception_per_service",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["rascunho", "em_analise"]) | Q(decided_at__isnull=False),
                name="governance_decided_exception_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="aprovada") | Q(valid_until__isnull=False),
                name="governance_approved_exception_has_term",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ExceptionAction(BaseModel):
    """A step of the plan for migrating the service to the official platforms."""

    request = models.ForeignKey(ExceptionRequest, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("ação"), max_length=300)
    due_on = models.DateField(_("data prevista"))
    done_on = models.DateField(_("concluída em"), null=True, blank=True)

    class Meta:
        ordering = ["request", "due_on", "description"]
        verbose_name = _("ação do plano de migração")
        verbose_name_plural = _("ações do plano de migração")

    def __str__(self) -> str:
        return self.description


class ExceptionDecision(BaseModel):
    """One decision of the Núcleo on a request, with its reasons: decisions are public acts, so
    every one is kept (the request itself holds only the latest reasons). The daily move of an
    expired exception to review is not a decision and has no row."""

    class Kind(models.TextChoices):
        APPROVED = "aprovada", _("Aprovada")
        DECLINED = "recusada", _("Recusada")
        EXTENDED = "prorrogada", _("Prorrogada")
        CLOSED = "encerrada", _("Encerrada: serviço migrado")
        REVOKED = "revogada", _("Revogada")

    request = models.ForeignKey(ExceptionRequest, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decisão"), max_length=12, choices=Kind.choices)
    reasons = models.TextField(_("fundamentos da decisão"), max_length=TEXT_MAX)
    valid_until = models.DateField(_("vale até"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decidida em"))

    class Meta:
        ordering = ["decided_at", "created_at"]
        verbose_name = _("decisão sobre pedido de exceção")
        verbose_name_plural = _("decisões sobre pedidos de exceção")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.kind}"
