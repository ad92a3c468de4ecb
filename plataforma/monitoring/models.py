"""Evaluations of requests and the pre-aggregated indicators of the public panel.

Lei 13.460 art. 23 (continuous evaluation of satisfaction and deadline compliance, results
published); Lei 14.129 art. 21 V (continuous satisfaction evaluation) and art. 22 (the panel).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from .dimensions import DIMENSION_KEYS

MAX_COMMENT = 1000
PLATFORM_SCOPE_ID = uuid.UUID(int=0)


def _score_field(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


def _score_check(column: str, *, nullable: bool) -> models.CheckConstraint:
    in_range = Q(**{f"{column}__gte": 1}) & Q(**{f"{column}__lte": 5})
    condition = (Q(**{f"{column}__isnull": True}) | in_range) if nullable else in_range
    return models.CheckConstraint(condition=condition, name=f"monitoring_eval_{column}_1_5")


class Evaluation(BaseModel):
    """One rating of one request at one step ("conclusao", or a workflow state key).

    Deliberately holds NO link to the request: `request_digest` is an HMAC of the request id
    under a server key (see digest.py), so "one rating per request and step" is a database
    UNIQUE constraint while an anonymous rating names neither the request nor the person
    (`user` is null). A signed rating keeps `user` only.

    The timestamps are not automatic: `evaluation_submit` writes them, and an anonymous rating
    gets only the first instant of its month (ADR 0023) so its time cannot be matched against
    the time a request was concluded or its requester notified.
    """

    created_at = models.DateTimeField(_("criada em"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("atualizada em"), default=timezone.now)

    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("serviço")
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("órgão")
    )
    step = models.CharField(_("etapa"), max_length=40)
    score = models.PositiveSmallIntegerField(_("nota"))
    dim_clareza = _score_field(_("clareza das informações"))
    dim_facilidade = _score_field(_("facilidade de uso"))
    dim_canais = _score_field(_("canais de atendimento"))
    dim_custo = _score_field(_("custo ou esforço"))
    dim_disponibilidade = _score_field(_("disponibilidade"))
    dim_tempo = _score_field(_("tempo"))
    dim_eficacia = _score_field(_("eficácia"))
    comment = models.TextField(_("comentário"), blank=True, max_length=MAX_COMMENT)
    anonymous = models.BooleanField(_("anônima"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
        verbose_name=_("quem avaliou"),
    )
    request_digest = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("avaliação")
        verbose_name_plural = _("avaliações")
        constraints = [
            models.UniqueConstraint(fields=["request_digest", "step"], name="monitoring_one_rating_per_step"),
            _score_check("score", nullable=False),
            *[_score_check(f"dim_{key}", nullable=True) for key in DIMENSION_KEYS],
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(user__isnull=True), name="monitoring_anonymous_has_no_user"
            ),
        ]
        indexes = [
            models.Index(fields=["created_at", "service"], name="monitoring_eval_period_idx"),
        ]

    def __str__(self) -> str:
        # No score here: this label is copied into the audit trail, which staff can read.
        return f"{_('avaliação')} {self.step}"


class RatingsWithheld(models.TextChoices):
    """Why the rating figures of an indicator row are not published (ADR 0023)."""

    NONE = "", _("publicadas")
    FEW = "poucas", _("menos avaliações que o mínimo publicado")
    COMPLEMENTARY = "complementar", _("supressão complementar")
    OPEN = "em_curso", _("período ainda em curso")
    PENDING = "pendente", _("em revisão")


RATING_COUNT_FIELDS = ("evaluations", "score_sum", "score_1", "score_2", "score_3", "score_4", "score_5")


def _ratings_withheld_check() -> models.CheckConstraint:
    published = Q(ratings_withheld="")
    for name in RATING_COUNT_FIELDS:
        published &= Q(**{f"{name}__isnull": False})
    withheld = ~Q(ratings_withheld="")
    for name in RATING_COUNT_FIELDS:
        withheld &= Q(**{f"{name}__isnull": True})
    return models.CheckConstraint(
        condition=published | withheld, name="monitoring_indicator_withheld_is_empty"
    )


class MonthlyIndicator(models.Model):
    """Pre-aggregated figures of one scope (a service, an agency, or the whole platform) in one
    period: a calendar month (1-12) or the whole year (month = 0), in the platform's time zone.

    Written only by services.indicators.indicators_refresh (delete + insert of the refreshed
    periods, in one transaction); the panel and the open data read nothing else.

    This is the PUBLISHABLE table: the rating figures (evaluations, score_*, dimensions) of a
    row are stored only when they may be published (disclosure.py, ADR 0023). Otherwise they
    are NULL (the dimensions: absent) and `ratings_withheld` / `dimensions_withheld` say why.
    In the current year the rating figures of the year row (month 0) cover the months already
    closed; the request figures cover the year so far.
    """

    class Scope(models.TextChoices):
        SERVICE = "servico", _("Serviço")
        AGENCY = "orgao", _("Órgão")
        PLATFORM = "plataforma", _("Plataforma")

    id = models.BigAutoField(primary_key=True)
    scope = models.CharField(_("escopo"), max_length=12, choices=Scope.choices)
    # The service's or agency's id; PLATFORM_SCOPE_ID for the platform. The FKs below give the
    # names and addresses in the same query (select_related).
    scope_id = models.UUIDField()
    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "catalog.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("ano"))
    month = models.PositiveSmallIntegerField(_("mês"), help_text=_("0 = o ano inteiro"))
    submitted = models.PositiveIntegerField(default=0)
    concluded = models.PositiveIntegerField(default=0)  # deferida + indeferida
    approved = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    in_progress_end = models.PositiveIntegerField(default=0)
    concluded_on_time = models.PositiveIntegerField(default=0)
    concluded_with_deadline = models.PositiveIntegerField(default=0)
    days_sum = models.FloatField(default=0)
    days_median = models.FloatField(null=True, blank=True)
    # Rating figures: NULL when withheld (see ratings_withheld).
    evaluations = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_sum = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_1 = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_2 = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_3 = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_4 = models.PositiveIntegerField(null=True, blank=True, default=0)
    score_5 = models.PositiveIntegerField(null=True, blank=True, default=0)
    # {dimension key: {"sum": int, "count": int, "dist": [n1..n5]}} — published dimensions only.
    dimensions = models.JSONField(default=dict)
    # Rows are written withheld unless the disclosure control has cleared them.
    ratings_withheld = models.CharField(
        _("notas suprimidas"),
        max_length=12,
        choices=RatingsWithheld.choices,
        blank=True,
        default=RatingsWithheld.PENDING,
    )
    # {dimension key: reason} for every dimension withheld (all seven when the row's are).
    dimensions_withheld = models.JSONField(default=dict, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["scope", "scope_id", "year", "month"]
        verbose_name = _("indicador mensal")
        verbose_name_plural = _("indicadores mensais")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "year", "month"], name="monitoring_indicator_unique_period"
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="monitoring_indicator_month_0_12"),
            models.CheckConstraint(
                condition=Q(concluded_on_time__lte=models.F("concluded_with_deadline"))
                & Q(concluded_with_deadline__lte=models.F("concluded")),
                name="monitoring_indicator_on_time_within_concluded",
            ),
            models.CheckConstraint(
                condition=(Q(scope="plataforma") & Q(agency__isnull=True) & Q(service__isnull=True))
                | (Q(scope="orgao") & Q(agency__isnull=False) & Q(service__isnull=True))
                | (Q(scope="servico") & Q(service__isnull=False)),
                name="monitoring_indicator_scope_links",
            ),
            _ratings_withheld_check(),
        ]
        indexes = [
            models.Index(fields=["scope", "year", "month"], name="monitoring_ind_period_idx"),
            models.Index(fields=["agency", "scope", "year"], name="monitoring_ind_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_id} {self.year}-{self.month:02d}"


class CatalogueIndicator(models.Model):
    """Snapshot of the Carta at the last refresh: published services, digital services and
    services requested on this platform — per agency, and for the platform (agency null)."""

    id = models.BigAutoField(primary_key=True)
    agency = models.OneToOneField(
        "catalog.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    services_published = models.PositiveIntegerField(default=0)
    services_digital = models.PositiveIntegerField(default=0)
    services_on_platform = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["agency"]
        verbose_name = _("indicador do catálogo")
        verbose_name_plural = _("indicadores do catálogo")
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=Q(agency__isnull=True), name="monitoring_catalogue_one_platform"
            ),
            models.CheckConstraint(
                condition=Q(services_digital__lte=models.F("services_published")),
                name="monitoring_catalogue_digital_within_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id or 'plataforma'}: {self.services_digital}/{self.services_published}"

    @property
    def digital_share(self) -> float | None:
        return self.services_digital / self.services_published if self.services_published else None


class IndicatorRefresh(models.Model):
    """One row: refreshes take its lock (select_for_update) so two never interleave, and the
    panel shows when the figures were last computed."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    periods = models.PositiveIntegerField(default=0)
    # The minimum number of ratings (MONITORING_MIN_RATINGS) of the last complete rebuild: when
    # the setting differs, the hourly job rebuilds every period under the new rule.
    min_ratings = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("atualização dos indicadores")
        verbose_name_plural = _("atualizações dos indicadores")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="monitoring_refresh_single_row")]

    def __str__(self) -> str:
        return f"{self.refreshed_at}"


class SchedulingIndicator(models.Model):
    """Attendance by appointment and at the desks of one scope (a service, an agency, or the
    platform) in one period — a calendar month (1-12) or the whole year (0) — from the scheduling
    app's figures (scheduling.selectors.figures, ADR 0027): appointments held for the period,
    attended, no-shows, and the median wait from arrival to the call (all tickets, appointments
    and walk-ins). An agency's rows count the units of that agency; a service's row is linked to
    the service's current agency, like MonthlyIndicator.

    Written only by services.indicators.indicators_refresh, in the same transaction as the
    MonthlyIndicator rows of the same periods; the panel reads nothing else about scheduling.
    These are counts and times of attendance, not what a person said: published like the request
    figures (ADR 0023 protects ratings)."""

    id = models.BigAutoField(primary_key=True)
    scope = models.CharField(_("escopo"), max_length=12, choices=MonthlyIndicator.Scope.choices)
    scope_id = models.UUIDField()
    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "catalog.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("ano"))
    month = models.PositiveSmallIntegerField(_("mês"), help_text=_("0 = o ano inteiro"))
    booked = models.PositiveIntegerField(_("agendamentos"), default=0)
    attended = models.PositiveIntegerField(_("atendidos"), default=0)
    no_show = models.PositiveIntegerField(_("faltas"), default=0)
    waits = models.PositiveIntegerField(_("senhas chamadas"), default=0)
    wait_median_minutes = models.FloatField(_("espera mediana (minutos)"), null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["scope", "scope_id", "year", "month"]
        verbose_name = _("indicador de agendamento")
        verbose_name_plural = _("indicadores de agendamento")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "year", "month"], name="monitoring_sched_unique_period"
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="monitoring_sched_month_0_12"),
            models.CheckConstraint(
                condition=Q(attended__lte=models.F("booked") - models.F("no_show")),
                name="monitoring_sched_outcomes_within_booked",
            ),
            models.CheckConstraint(
                condition=(Q(scope="plataforma") & Q(agency__isnull=True) & Q(service__isnull=True))
                | (Q(scope="orgao") & Q(agency__isnull=False) & Q(service__isnull=True))
                | (Q(scope="servico") & Q(service__isnull=False)),
                name="monitoring_sched_scope_links",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "scope", "year"], name="monitoring_sched_agency_idx"),
            models.Index(fields=["scope", "year", "month"], name="monitoring_sched_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_id} {self.year}-{self.month:02d}"

    @property
    def no_show_rate(self) -> float | None:
        concluded = self.attended + self.no_show
        return self.no_show / concluded if concluded else None


from .models_ombudsman import OmbudsmanIndicator  # noqa: E402, F401 - registered with this app (ADR 0032)
