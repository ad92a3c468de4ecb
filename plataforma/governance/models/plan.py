"""Plano de Implementação de Serviços Públicos (Resolução 002/2021/NGD art. 2 §§1-3).

Each year the Núcleo opens a cycle; each agency nominates up to `max_per_agency` priority
services of its own Carta, with a justification, before the nomination deadline (10 days after
the opening by default); the Núcleo decides each nomination and approves the plan. Every approved
nomination gets a digitisation track: stage, owner, budget requested and granted (art. 2 §1: the
Núcleo finances it when needed), milestones with dates, risks, and the agency's status updates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

TEXT_MAX = 3000
TITLE_MAX = 200
DEFAULT_NOMINATION_DAYS = 10
DEFAULT_MAX_PER_AGENCY = 5


class PlanCycle(BaseModel):
    """One year's plan. Nominations are accepted while the cycle is open and the deadline has not
    passed; the Núcleo then decides each nomination and approves the plan (after which it is
    frozen: tracks carry the work)."""

    class Status(models.TextChoices):
        OPEN = "aberto", _("Indicações abertas")
        REVIEW = "em_analise", _("Em análise pelo Núcleo")
        APPROVED = "aprovado", _("Plano aprovado")

    year = models.PositiveSmallIntegerField(_("ano"), unique=True)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("aberto em"), default=timezone.now)
    nomination_deadline = models.DateTimeField(_("prazo para indicações"))
    max_per_agency = models.PositiveSmallIntegerField(
        _("máximo de serviços por órgão"), default=DEFAULT_MAX_PER_AGENCY
    )
    guidance = models.TextField(_("orientações do Núcleo"), max_length=TEXT_MAX, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("aprovado em"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approval_note = models.TextField(_("deliberação do Núcleo"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ciclo do plano")
        verbose_name_plural = _("ciclos do plano")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2021) & Q(year__lte=2100), name="governance_cycle_year_range"
            ),
            models.CheckConstraint(
                condition=Q(max_per_agency__gte=1) & Q(max_per_agency__lte=20),
                name="governance_cycle_max_per_agency_range",
            ),
            models.CheckConstraint(
                condition=Q(nomination_deadline__gt=models.F("opened_at")),
                name="governance_cycle_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=~Q(status="aprovado") | Q(approved_at__isnull=False),
                name="governance_cycle_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Plano {self.year}"

    def nominations_open(self, now=None) -> bool:
        return self.status == self.Status.OPEN and (now or timezone.now()) <= self.nomination_deadline


class Nomination(BaseModel):
    """An agency's priority service for a cycle, ranked 1..max_per_agency, with a justification."""

    class Status(models.TextChoices):
        NOMINATED = "indicado", _("Indicado")
        APPROVED = "aprovado", _("Aprovado")
        DECLINED = "recusado", _("Não aprovado")
        WITHDRAWN = "retirado", _("Retirado pelo órgão")

    cycle = models.ForeignKey(PlanCycle, on_delete=models.PROTECT, related_name="nominations")
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="priority_nominations",
        verbose_name=_("órgão"),
    )
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        related_name="priority_nominations",
        verbose_name=_("serviço"),
    )
    rank = models.PositiveSmallIntegerField(_("prioridade"))
    justification = models.TextField(_("justificativa"), max_length=TEXT_MAX)
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.NOMINATED)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decidido em"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("motivo da decisão"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["cycle", "agency", "rank"]
        verbose_name = _("serviço prioritário indicado")
        verbose_name_plural = _("serviços prioritários indicados")
        constraints = [
            # a withdrawn nomination frees its service and its rank
            models.UniqueConstraint(
                fields=["cycle", "service"],
                condition=~Q(status="retirado"),
                name="governance_one_nomination_per_service",
            ),
            models.UniqueConstraint(
                fields=["cycle", "agency", "rank"],
                condition=~Q(status="retirado"),
                name="governance_one_nomination_per_rank",
            ),
            models.CheckConstraint(condition=Q(rank__gte=1) & Q(rank__lte=20), name="governance_rank_range"),
            models.CheckConstraint(
                condition=Q(status__in=["indicado", "retirado"]) | Q(decided_at__isnull=False),
                name="governance_decided_nomination_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.agency_id} — {self.rank}"


class Track(BaseModel):
    """The digitisation track of an approved priority service."""

    class Stage(models.TextChoices):
        DIAGNOSIS = "diagnostico", _("Diagnóstico")
        REDESIGN = "redesenho", _("Redesenho")
        DEVELOPMENT = "desenvolvimento", _("Desenvolvimento")
        ACCEPTANCE = "homologacao", _("Homologação")
        DIGITAL = "publicado_digital", _("Publicado digital")

    STAGE_ORDER = [s.value for s in Stage]

    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="track")
    stage = models.CharField(_("etapa"), max_length=20, choices=Stage.choices, default=Stage.DIAGNOSIS)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_tracks",
        verbose_name=_("responsável"),
    )
    budget_requested = models.DecimalField(
        _("orçamento solicitado (R$)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_granted = models.DecimalField(
        _("orçamento concedido (R$)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_note = models.TextField(_("observação sobre o financiamento"), max_length=TEXT_MAX, blank=True)
    digital_since = models.DateTimeField(_("digital desde"), null=True, blank=True)

    class Meta:
        ordering = ["nomination__cycle", "nomination__agency", "nomination__rank"]
        verbose_name = _("trilha de digitalização")
        verbose_name_plural = _("trilhas de digitalização")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_requested__isnull=True) | Q(budget_requested__gte=0),
                name="governance_budget_requested_positive",
            ),
            models.CheckConstraint(
                condition=Q(budget_granted__isnull=True) | Q(budget_granted__gte=0),
                name="governance_budget_granted_positive",
            ),
            models.CheckConstraint(
                condition=~Q(stage="publicado_digital") | Q(digital_since__isnull=False),
                name="governance_digital_track_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} — {self.get_stage_display()}"

    @property
    def stage_index(self) -> int:
        return self.STAGE_ORDER.index(self.stage)


class Milestone(BaseModel):
    """A dated milestone of a track. Late: not done and its date has passed, or done after it."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("marco"), max_length=TITLE_MAX)
    stage = models.CharField(_("etapa"), max_length=20, choices=Track.Stage.choices, blank=True)
    due_on = models.DateField(_("data prevista"))
    done_on = models.DateField(_("concluído em"), null=True, blank=True)

    class Meta:
        ordering = ["track", "due_on", "title"]
        verbose_name = _("marco")
        verbose_name_plural = _("marcos")

    def __str__(self) -> str:
        return self.title

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.done_on is None:
            return self.due_on < today
        return self.done_on > self.due_on


class Risk(BaseModel):
    class Level(models.TextChoices):
        LOW = "baixo", _("Baixo")
        MEDIUM = "medio", _("Médio")
        HIGH = "alto", _("Alto")

    class Status(models.TextChoices):
        OPEN = "aberto", _("Aberto")
        MITIGATED = "mitigado", _("Mitigado")
        HAPPENED = "ocorreu", _("Ocorreu")
        CLOSED = "encerrado", _("Encerrado")

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(_("risco"), max_length=500)
    probability = models.CharField(_("probabilidade"), max_length=6, choices=Level.choices)
    impact = models.CharField(_("impacto"), max_length=6, choices=Level.choices)
    mitigation = models.TextField(_("como reduzir"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["track", "-created_at"]
        verbose_name = _("risco")
        verbose_name_plural = _("riscos")

    def __str__(self) -> str:
        return self.description[:80]


class StatusUpdate(BaseModel):
    """The agency's report on a track (what was done, what comes next); may move the stage."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("relato"), max_length=TEXT_MAX)
    stage_before = models.CharField(_("etapa anterior"), max_length=20, choices=Track.Stage.choices)
    stage_after = models.CharField(_("etapa"), max_length=20, choices=Track.Stage.choices)

    class Meta:
        ordering = ["track", "-created_at"]
        verbose_name = _("atualização da trilha")
        verbose_name_plural = _("atualizações das trilhas")

    def __str__(self) -> str:
        return f"{self.track_id} — {self.created_at:%Y-%m-%d}"
