"""What happens to a manifestação: forwardings to the responsible area, answers, the timeline,
the user's rating and the measures adopted (what the yearly report counts, arts. 14-15 and 23)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

from .manifestations import TEXT_MAX_LENGTH, Manifestation


class Forwarding(BaseModel):
    """The ouvidoria asks the agency's responsible area for the facts or a measure (Lei 13.460
    art. 16 §único: 20 days, extendable once by 20). The area reads only `extract`, written
    without the author's identity (ADR 0029); `share_identity` is allowed only with the author's
    recorded consent."""

    class Status(models.TextChoices):
        OPEN = "aberto", _("Aguardando a área")
        ANSWERED = "respondido", _("Respondido pela área")
        CANCELLED = "cancelado", _("Cancelado")

    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="forwardings")
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="ombudsman_forwardings",
        verbose_name=_("órgão"),
    )
    area = models.CharField(_("área responsável"), max_length=200)
    extract = models.TextField(_("extrato para a área"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    question = models.TextField(_("o que a ouvidoria pede à área"), max_length=5000)
    share_identity = models.BooleanField(_("identidade compartilhada com a área"), default=False)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.OPEN)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enviado por"),
    )
    sent_at = models.DateTimeField(_("enviado em"))
    due_at = models.DateTimeField(_("prazo da área"))
    extended_at = models.DateTimeField(_("prazo prorrogado em"), null=True, blank=True)
    extension_reason = models.TextField(_("justificativa da prorrogação"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("respondido em"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(
        _("resposta da área"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    answered_on_time = models.BooleanField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("encaminhamento à área")
        verbose_name_plural = _("encaminhamentos às áreas")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["aberto", "respondido", "cancelado"]),
                name="ombudsman_fwd_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(extended_at__isnull=True) | ~Q(extension_reason=""),
                name="ombudsman_fwd_extension_reason",
            ),
            models.CheckConstraint(
                condition=(Q(status="respondido") & Q(answered_at__isnull=False) & ~Q(answer=""))
                | (~Q(status="respondido") & Q(answered_at__isnull=True)),
                name="ombudsman_fwd_answer_when_answered",
            ),
            # At most one open request to the areas per manifestação at a time.
            models.UniqueConstraint(
                fields=["manifestation"], condition=Q(status="aberto"), name="ombudsman_fwd_one_open"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="ombudsman_fwd_area_idx"),
            models.Index(fields=["manifestation", "sent_at"], name="ombudsman_fwd_manif_idx"),
            models.Index(fields=["due_at"], condition=Q(status="aberto"), name="ombudsman_fwd_open_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.area} ({self.manifestation_id})"


class ManifestationAnswer(BaseModel):
    """The conclusive answer of one cycle (art. 12 IV-V) or its closure without an answer on the
    merits (archive). `due_at` is the deadline that applied; `on_time` whether it was met —
    what the yearly report counts as deadlines met."""

    class Kind(models.TextChoices):
        ANSWER = "resposta", _("Resposta conclusiva")
        ARCHIVE = "arquivamento", _("Arquivamento")

    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="answers")
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("órgão"),
    )
    cycle = models.PositiveSmallIntegerField(_("ciclo"))
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("resposta"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("respondida em"))
    due_at = models.DateTimeField(_("prazo"))
    on_time = models.BooleanField(_("no prazo"))
    extended = models.BooleanField(_("prazo prorrogado"), default=False)
    authentication_code = models.CharField(_("código de autenticação"), max_length=32, blank=True)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("resposta da ouvidoria")
        verbose_name_plural = _("respostas da ouvidoria")
        constraints = [
            models.UniqueConstraint(fields=["manifestation", "cycle"], name="ombudsman_one_answer_per_cycle"),
            models.CheckConstraint(
                condition=Q(kind__in=["resposta", "arquivamento"]), name="ombudsman_answer_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["answered_at", "agency"], name="ombudsman_answer_report_idx")]

    def __str__(self) -> str:
        return f"{self.manifestation_id} #{self.cycle}"


class ManifestationEvent(BaseModel):
    """One step of the timeline. Append-only. `visible_to_requester` events form what the author
    follows; `data` holds only identifiers and keys (agencies, reasons), never personal data."""

    class ActorRole(models.TextChoices):
        USER = "usuario", _("Usuário")
        OMBUDSMAN = "ouvidoria", _("Ouvidoria")
        AREA = "area", _("Área responsável")
        SYSTEM = "sistema", _("Sistema")

    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(_("papel"), max_length=12, choices=ActorRole.choices)
    action = models.CharField(_("ação"), max_length=40)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    note = models.TextField(_("texto"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    visible_to_requester = models.BooleanField(default=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evento da manifestação")
        verbose_name_plural = _("eventos das manifestações")
        indexes = [
            models.Index(fields=["manifestation", "created_at"], name="ombudsman_event_idx"),
            models.Index(fields=["action", "created_at"], name="ombudsman_event_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.manifestation_id}: {self.action}"


class AnswerRating(BaseModel):
    """The author's rating of one answer (Lei 13.460 art. 23: satisfaction, continuous evaluation)."""

    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="ratings")
    cycle = models.PositiveSmallIntegerField(_("ciclo"))
    resolved = models.BooleanField(_("resolvida"))
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfação"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comentário"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("avaliação da resposta")
        verbose_name_plural = _("avaliações das respostas")
        constraints = [
            models.UniqueConstraint(fields=["manifestation", "cycle"], name="ombudsman_one_rating_per_cycle"),
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="ombudsman_rating_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manifestation_id} #{self.cycle}: {self.satisfaction}"


class AdoptedMeasure(BaseModel):
    """A measure the agency adopted because of a manifestação (Lei 13.460 art. 15 II: "providências
    adotadas"), recorded by the ouvidoria so the yearly report lists and counts them."""

    class Kind(models.TextChoices):
        SERVICE_FIX = "correcao", _("Correção de falha no serviço")
        PROCESS = "processo", _("Melhoria de processo ou de sistema")
        GUIDANCE = "orientacao", _("Orientação ou capacitação da equipe")
        INQUIRY = "apuracao", _("Abertura de apuração ou processo disciplinar")
        CARTA = "carta", _("Atualização da Carta de Serviços")
        SIMPLIFICATION = "simplificacao", _("Simplificação adotada")
        OTHER = "outra", _("Outra providência")

    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="measures")
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("órgão"),
    )
    kind = models.CharField(_("tipo de providência"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("descrição"), max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("providência adotada")
        verbose_name_plural = _("providências adotadas")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "correcao",
                        "processo",
                        "orientacao",
                        "apuracao",
                        "carta",
                        "simplificacao",
                        "outra",
                    ]
                ),
                name="ombudsman_measure_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["created_at", "agency"], name="ombudsman_measure_report_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.manifestation_id})"
