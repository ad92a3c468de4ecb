"""A service's request form (versioned, built by the agency's editors) and its workflow."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from ..formspec import FormSpec
from ..workflow import DEFAULT_WORKFLOW, WorkflowDefinition


class Workflow(BaseModel):
    """One immutable version of a workflow. Editing a workflow writes a new row (same agency and
    key, next version); requests keep the row they started with, so a change never strands a
    request in a state that no longer exists. `agency` null = the platform's default."""

    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="workflows"
    )
    key = models.SlugField(_("código"), max_length=40)
    version = models.PositiveIntegerField(_("versão"), default=1)
    name = models.CharField(_("nome"), max_length=120)
    definition = models.JSONField(_("definição"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agency", "key", "-version"]
        verbose_name = _("fluxo de trabalho")
        verbose_name_plural = _("fluxos de trabalho")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "key", "version"], name="requests_workflow_unique_version"
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(agency__isnull=True),
                name="requests_platform_workflow_unique_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def spec(self) -> WorkflowDefinition:
        cached = getattr(self, "_spec", None)
        if cached is None:
            cached = self._spec = WorkflowDefinition.model_validate(self.definition)
        return cached


class RequestForm(BaseModel):
    """How a digital service of the Carta is requested on the platform: its current form
    version, workflow, fee and evaluation settings. One per service."""

    service = models.OneToOneField(
        "catalog.Service", on_delete=models.PROTECT, related_name="request_form", verbose_name=_("serviço")
    )
    accepts_requests = models.BooleanField(_("recebe pedidos pela plataforma"), default=False)
    current_version = models.OneToOneField(
        "RequestFormVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    workflow = models.ForeignKey(
        Workflow, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("fluxo")
    )
    # Lei 14.129 art. 21 VIII: digital payment of the service's fee.
    fee_amount = models.DecimalField(
        _("taxa (R$)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    fee_description = models.CharField(_("descrição da taxa"), max_length=140, blank=True)
    payment_days = models.PositiveSmallIntegerField(_("prazo para pagar (dias)"), default=3)
    # Lei 13.460 art. 23: evaluation at conclusion always; at each step when asked.
    rate_each_step = models.BooleanField(_("pedir avaliação a cada etapa"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service"]
        verbose_name = _("formulário de pedido")
        verbose_name_plural = _("formulários de pedido")
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gt=0), name="requests_fee_positive"
            ),
            models.CheckConstraint(
                condition=Q(accepts_requests=False) | Q(current_version__isnull=False),
                name="requests_open_form_has_version",
            ),
        ]

    def __str__(self) -> str:
        return f"Formulário de {self.service_id}"

    @property
    def charges_fee(self) -> bool:
        return self.fee_amount is not None and self.fee_amount > 0

    def workflow_spec(self) -> WorkflowDefinition:
        return self.workflow.spec if self.workflow_id else DEFAULT_WORKFLOW


class RequestFormVersion(BaseModel):
    """One version of a form. Drafts are edited; publishing freezes it and supersedes the
    previous one (a request keeps the version it was made with)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        PUBLISHED = "published", _("Publicada")
        SUPERSEDED = "superseded", _("Substituída")

    form = models.ForeignKey(RequestForm, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versão"))
    state = models.CharField(_("situação"), max_length=12, choices=State.choices, default=State.DRAFT)
    spec = models.JSONField(_("campos"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["form", "-number"]
        verbose_name = _("versão do formulário")
        verbose_name_plural = _("versões dos formulários")
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="requests_form_version_unique_number"),
            models.UniqueConstraint(
                fields=["form"], condition=Q(state="draft"), name="requests_form_one_draft"
            ),
            models.UniqueConstraint(
                fields=["form"], condition=Q(state="published"), name="requests_form_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} v{self.number} ({self.get_state_display()})"

    @property
    def form_spec(self) -> FormSpec:
        cached = getattr(self, "_form_spec", None)
        if cached is None:
            cached = self._form_spec = FormSpec.model_validate(self.spec or {})
        return cached
