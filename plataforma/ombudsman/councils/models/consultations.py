"""Consultations of a council by its agency and the members' opinions (Lei 13.460 art. 18 sole
paragraph: the council follows and evaluates the services, proposes improvements, helps define
guidelines and follows the ouvidoria; it is consultative, so its opinions advise and the agency
answers with the measures it adopts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from .calls import Membership
from .councils import TEXT_MAX, Council


class ConsultationState(models.TextChoices):
    OPEN = "aberta", _("Aberta")
    CANCELLED = "cancelada", _("Cancelada")


class Vote(models.TextChoices):
    AGREE = "favor", _("A favor")
    DISAGREE = "contra", _("Contra")
    ABSTAIN = "abstencao", _("Abstenção")


class Consultation(BaseModel):
    """A question the agency puts to its council. Members with an active mandate give their opinion
    until `deadline`; once it has passed, the opinions are public (whatever the agency does), and
    the agency adds its answer: the measures it adopted (`response`)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="consultations")
    subject = models.CharField(_("assunto"), max_length=200)
    question = models.TextField(_("pergunta ao conselho"), max_length=TEXT_MAX)
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_consultations",
        verbose_name=_("serviço relacionado"),
    )
    asks_vote = models.BooleanField(_("pede voto"), default=False)
    deadline = models.DateTimeField(_("prazo para os pareceres"))
    state = models.CharField(
        _("situação"), max_length=10, choices=ConsultationState.choices, default=ConsultationState.OPEN
    )
    cancel_reason = models.CharField(_("motivo do cancelamento"), max_length=1000, blank=True)
    response = models.TextField(_("resposta do órgão e medidas adotadas"), max_length=TEXT_MAX, blank=True)
    responded_at = models.DateTimeField(_("respondida em"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("consulta ao conselho")
        verbose_name_plural = _("consultas ao conselho")
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | ~Q(response=""),
                name="councils_consultation_response_text",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ConsultationState.values), name="councils_consultation_state"
            ),
        ]
        indexes = [models.Index(fields=["council", "-deadline"], name="councils_consultation_idx")]

    def __str__(self) -> str:
        return self.subject


class Opinion(BaseModel):
    """One member's opinion (parecer) on a consultation, and their vote when it asks one. The
    member may change it until the deadline."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="opinions")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="opinions")
    text = models.TextField(_("parecer"), max_length=TEXT_MAX)
    vote = models.CharField(_("voto"), max_length=10, choices=Vote.choices, blank=True)

    class Meta:
        ordering = ["consultation", "created_at"]
        verbose_name = _("parecer")
        verbose_name_plural = _("pareceres")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "membership"], name="councils_opinion_one_per_member"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="councils_opinion_text"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} / {self.membership_id}"
