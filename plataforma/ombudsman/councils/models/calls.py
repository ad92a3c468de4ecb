"""The public call (chamamento público) that chooses a council's members, the applications to it,
and the mandates of the members chosen (Lei 13.460 art. 19 sole paragraph: an open process,
differentiated by type of user; art. 21: unpaid, relevant public service)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from .councils import TEXT_MAX, Council, CouncilCategory


class CallState(models.TextChoices):
    DRAFT = "rascunho", _("Rascunho")
    OPEN = "aberto", _("Inscrições abertas")
    SELECTION = "em_selecao", _("Em seleção")
    RESULT = "resultado", _("Resultado publicado")
    CANCELLED = "cancelado", _("Cancelado")


PUBLIC_CALL_STATES = (CallState.OPEN, CallState.SELECTION, CallState.RESULT, CallState.CANCELLED)


class Call(BaseModel):
    """One chamamento público. State machine (services.calls): rascunho → aberto → em seleção →
    resultado publicado; rascunho, aberto and em seleção may be cancelled. Only `rascunho` is
    editable; from `aberto` on, it is public."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="calls")
    year = models.PositiveSmallIntegerField(_("ano"))
    number = models.PositiveSmallIntegerField(_("número"))
    state = models.CharField(_("situação"), max_length=12, choices=CallState.choices, default=CallState.DRAFT)
    notice = models.TextField(_("texto do edital"), max_length=TEXT_MAX * 2)
    opens_at = models.DateTimeField(_("inscrições a partir de"))
    closes_at = models.DateTimeField(_("inscrições até"))
    mandate_starts_on = models.DateField(_("início dos mandatos"))
    # Announced in the call before anyone applies: where the public value of the draw comes from
    # (for instance a Loteria Federal result of a given day). Typed when the draw is run.
    draw_value_source = models.CharField(_("fonte do valor público do sorteio"), max_length=300)
    draw_value = models.CharField(_("valor público do sorteio"), max_length=100, blank=True)
    draw_seed = models.CharField(_("semente do sorteio"), max_length=64, blank=True)
    last_application_number = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("publicado em"), null=True, blank=True)
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)
    result_at = models.DateTimeField(_("resultado publicado em"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelado em"), null=True, blank=True)
    cancel_reason = models.CharField(_("motivo do cancelamento"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("chamamento público")
        verbose_name_plural = _("chamamentos públicos")
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="councils_call_unique_number"),
            models.CheckConstraint(condition=Q(opens_at__lt=F("closes_at")), name="councils_call_window"),
            # One call at a time in preparation, open or in selection per council.
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(state__in=["rascunho", "aberto", "em_selecao"]),
                name="councils_call_one_running",
            ),
            models.CheckConstraint(condition=Q(state__in=CallState.values), name="councils_call_state"),
            models.CheckConstraint(
                condition=~Q(state=CallState.CANCELLED) | Q(cancelled_at__isnull=False),
                name="councils_call_cancelled_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=CallState.RESULT) | (Q(result_at__isnull=False) & ~Q(draw_seed="")),
                name="councils_call_result_has_seed",
            ),
        ]
        indexes = [models.Index(fields=["state", "closes_at"], name="councils_call_state_idx")]

    def __str__(self) -> str:
        return f"{self.council} — {self.title}"

    @property
    def title(self) -> str:
        return _("Chamamento público nº %(n)s/%(y)s") % {"n": self.number, "y": self.year}

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_CALL_STATES


class ApplicationState(models.TextChoices):
    SUBMITTED = "inscrita", _("Inscrição recebida")
    WITHDRAWN = "desistente", _("Desistência")
    REJECTED = "inabilitada", _("Não habilitada")
    MEMBER = "titular", _("Escolhida como titular")
    SUBSTITUTE = "suplente", _("Suplente")
    NOT_CHOSEN = "nao_escolhida", _("Não escolhida no sorteio")
    CALL_CANCELLED = "cancelada", _("Chamamento cancelado")


ACTIVE_APPLICATION = (
    ApplicationState.SUBMITTED,
    ApplicationState.REJECTED,
    ApplicationState.MEMBER,
    ApplicationState.SUBSTITUTE,
    ApplicationState.NOT_CHOSEN,
)


class Application(BaseModel):
    """A person's application (inscrição) to a call. Holds only what the selection needs (LGPD):
    the category, the municipality, an optional short motivation and the two declarations; name
    and CPF stay in MT Login. `number` is public (the draw lists numbers, never names)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_applications"
    )
    category = models.ForeignKey(CouncilCategory, on_delete=models.PROTECT, related_name="applications")
    number = models.PositiveIntegerField(_("número de inscrição"))
    state = models.CharField(
        _("situação"), max_length=14, choices=ApplicationState.choices, default=ApplicationState.SUBMITTED
    )
    municipality_code = models.CharField(_("código IBGE do município"), max_length=7, blank=True)
    municipality_name = models.CharField(_("município"), max_length=100)
    motivation = models.TextField(_("motivação"), max_length=1000, blank=True)
    declares_no_conflict = models.BooleanField(_("declara não ter conflito de interesses"))
    declares_unpaid = models.BooleanField(_("ciente de que a participação não é remunerada"))
    withdrawn_at = models.DateTimeField(_("desistiu em"), null=True, blank=True)
    rejection_reason = models.CharField(_("motivo da não habilitação"), max_length=500, blank=True)
    draw_key = models.CharField(_("chave do sorteio"), max_length=64, blank=True)
    rank = models.PositiveSmallIntegerField(_("classificação na categoria"), null=True, blank=True)

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("inscrição")
        verbose_name_plural = _("inscrições")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="councils_application_unique_number"),
            # A person applies once per call; after withdrawing, they may apply again while it is open.
            models.UniqueConstraint(
                fields=["call", "person"],
                condition=~Q(state="desistente"),
                name="councils_application_once_per_call",
            ),
            models.CheckConstraint(
                condition=Q(declares_no_conflict=True) & Q(declares_unpaid=True),
                name="councils_application_declarations",
            ),
            models.CheckConstraint(
                condition=~Q(state="desistente") | Q(withdrawn_at__isnull=False),
                name="councils_application_withdrawn_has_date",
            ),
        ]
        indexes = [models.Index(fields=["person", "-created_at"], name="councils_appl_person_idx")]

    def __str__(self) -> str:
        return f"{self.call_id} #{self.number:04d}"

    @property
    def number_display(self) -> str:
        return f"{self.number:04d}"


class EndReason(models.TextChoices):
    RESIGNED = "renuncia", _("Renúncia")
    REMOVED = "desligamento", _("Desligamento pelo órgão")


class Membership(BaseModel):
    """A member's mandate (titular seat) in a council. Active while today is within
    [starts_on, ends_on] and it was not ended early (resignation or removal). A replacement
    completes the mandate of the member it replaces (`replaces`)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    category = models.ForeignKey(CouncilCategory, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_memberships"
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="memberships")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="membership", null=True, blank=True
    )
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    starts_on = models.DateField(_("início do mandato"))
    ends_on = models.DateField(_("fim do mandato"))
    ended_on = models.DateField(_("encerrado antes do fim em"), null=True, blank=True)
    end_reason = models.CharField(_("motivo"), max_length=14, choices=EndReason.choices, blank=True)
    end_note = models.CharField(_("observação"), max_length=500, blank=True)

    class Meta:
        ordering = ["council", "category__position", "starts_on"]
        verbose_name = _("mandato")
        verbose_name_plural = _("mandatos")
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lt=F("ends_on")), name="councils_membership_dates"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="councils_membership_end_reason",
            ),
            # One seat per person and call (a replacement is another person of the same call).
            models.UniqueConstraint(fields=["call", "person"], name="councils_membership_one_seat_per_call"),
        ]
        indexes = [models.Index(fields=["council", "ends_on"], name="councils_member_term_idx")]

    def __str__(self) -> str:
        return f"{self.council_id} {self.starts_on}/{self.ends_on}"

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on and (self.ended_on is None or day < self.ended_on)
