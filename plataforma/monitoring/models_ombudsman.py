"""The ouvidoria's figures on the public panel: the ranking of the agencies with most
reclamações (Lei 13.460 art. 23 §2), pre-aggregated like the other indicators (ADR 0032).
Imported by models.py so Django registers the model with this app."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OmbudsmanIndicator(models.Model):
    """One agency's (or, with `agency` empty, the whole state's) manifestações in one period — a
    calendar month (1-12) or the whole year (0) in the platform's time zone — from the ouvidoria's
    selectors (ombudsman.reports.selectors.ranking): manifestações and reclamações received, and
    the reclamações concluded in the period and how many of them on time. `requests` is the
    number of service requests made on the platform to the agency in the period (the panel's
    MonthlyIndicator.submitted), the denominator of "reclamações por 10 mil pedidos".

    Written only by services.ombudsman.ombudsman_refresh, in the indicators' transaction. Counts
    of manifestações, not what a person said: published like the request figures (ADR 0023)."""

    id = models.BigAutoField(primary_key=True)
    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("ano"))
    month = models.PositiveSmallIntegerField(_("mês"), help_text=_("0 = o ano inteiro"))
    received = models.PositiveIntegerField(_("manifestações recebidas"), default=0)
    complaints = models.PositiveIntegerField(_("reclamações recebidas"), default=0)
    complaints_concluded = models.PositiveIntegerField(_("reclamações concluídas"), default=0)
    complaints_on_time = models.PositiveIntegerField(_("reclamações concluídas no prazo"), default=0)
    requests = models.PositiveIntegerField(_("pedidos feitos na plataforma"), default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["year", "month", "-complaints"]
        verbose_name = _("indicador da ouvidoria")
        verbose_name_plural = _("indicadores da ouvidoria")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month"],
                condition=Q(agency__isnull=False),
                name="monitoring_ombudsman_unique_agency_period",
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=Q(agency__isnull=True),
                name="monitoring_ombudsman_unique_state_period",
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="monitoring_ombudsman_month_0_12"),
            models.CheckConstraint(
                condition=Q(complaints__lte=models.F("received"))
                & Q(complaints_on_time__lte=models.F("complaints_concluded")),
                name="monitoring_ombudsman_counts_consistent",
            ),
        ]
        indexes = [models.Index(fields=["year", "month", "complaints"], name="monitoring_ombudsman_rank_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id or 'estado'} {self.year}-{self.month:02d}"

    @property
    def on_time_share(self) -> float | None:
        return self.complaints_on_time / self.complaints_concluded if self.complaints_concluded else None
