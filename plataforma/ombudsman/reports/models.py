"""The yearly relatório de gestão of an ouvidoria (Lei 13.460/2017 art. 14 II and art. 15; ADR 0032).

One `ManagementReport` per year and scope: the whole state (agency empty — written by the
Ouvidoria-Geral do Estado) or one agency (written by that agency's ouvidoria or by the
Ouvidoria-Geral). The figures come from the manifestações (selectors/figures.py); what a person
writes is the "análise e recomendações": the analysis of the recurring points and the failures
found (arts. 14 II and 15 III) and the improvements suggested (art. 14 II), and to whom the report
is sent (art. 15 §único I).

The ouvidoria edits a draft; publishing copies the draft into the published fields (the public
page shows only those) and, the first time, freezes the year's figures in `figures`, so the
published report never changes under its readers and costs one row to show. A correction is a
new publication of the texts (`revision` + 1); the figures stay those of the first publication.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

MIN_YEAR = 2017  # Lei 13.460/2017: no report before it.
TEXT_MAX_LENGTH = 20_000
ADDRESSEE_MAX_LENGTH = 200


class ReportStatus(models.TextChoices):
    DRAFT = "rascunho", _("Rascunho (não publicado)")
    PUBLISHED = "publicado", _("Publicado")


class ManagementReport(BaseModel):
    """The relatório de gestão of one ouvidoria for one year."""

    Status = ReportStatus

    year = models.PositiveSmallIntegerField(_("ano"))
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("órgão"),
        help_text=_("Vazio: o relatório do Estado, da Ouvidoria-Geral."),
    )
    status = models.CharField(_("situação"), max_length=12, choices=ReportStatus.choices, default="rascunho")

    # What the ouvidoria is writing (never shown to the public).
    draft_analysis = models.TextField(
        _("análise dos pontos recorrentes e das falhas (rascunho)"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    draft_recommendations = models.TextField(
        _("melhorias sugeridas (rascunho)"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    draft_addressed_to = models.CharField(
        _("autoridade a quem o relatório é encaminhado (rascunho)"),
        max_length=ADDRESSEE_MAX_LENGTH,
        blank=True,
    )
    draft_updated_at = models.DateTimeField(_("rascunho salvo em"), null=True, blank=True)
    draft_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # What is published (art. 15 §único II: in full on the internet).
    analysis = models.TextField(
        _("análise dos pontos recorrentes e das falhas"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    recommendations = models.TextField(
        _("melhorias sugeridas"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    addressed_to = models.CharField(_("encaminhado a"), max_length=ADDRESSEE_MAX_LENGTH, blank=True)
    revision = models.PositiveSmallIntegerField(_("versão publicada"), default=0)
    first_published_at = models.DateTimeField(_("publicado pela primeira vez em"), null=True, blank=True)
    published_at = models.DateTimeField(_("versão atual publicada em"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The year's figures as computed at the first publication (selectors.figures.FIGURES_VERSION).
    figures = models.JSONField(_("números do ano"), default=dict, blank=True)
    figures_at = models.DateTimeField(_("números calculados em"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "created_at"]
        verbose_name = _("relatório de gestão da ouvidoria")
        verbose_name_plural = _("relatórios de gestão da ouvidoria")
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(agency__isnull=True), name="ombudsman_report_one_state_per_year"
            ),
            models.UniqueConstraint(
                fields=["year", "agency"],
                condition=Q(agency__isnull=False),
                name="ombudsman_report_one_per_agency_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=9999), name="ombudsman_report_year_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["rascunho", "publicado"]), name="ombudsman_report_status_valid"
            ),
            # Published ⇔ it has a publication, its texts and its frozen figures.
            models.CheckConstraint(
                condition=(
                    Q(status="publicado")
                    & Q(revision__gte=1)
                    & Q(published_at__isnull=False)
                    & Q(first_published_at__isnull=False)
                    & Q(figures_at__isnull=False)
                    & ~Q(analysis="")
                    & ~Q(recommendations="")
                    & ~Q(addressed_to="")
                )
                | (
                    Q(status="rascunho")
                    & Q(revision=0)
                    & Q(published_at__isnull=True)
                    & Q(first_published_at__isnull=True)
                    & Q(figures_at__isnull=True)
                ),
                name="ombudsman_report_published_complete",
            ),
        ]
        indexes = [models.Index(fields=["status", "year"], name="ombudsman_report_status_idx")]

    def __str__(self) -> str:
        scope = self.agency.acronym if self.agency_id and self.agency else _("Estado")
        return f"{_('Relatório de gestão')} {self.year} — {scope}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED
