"""The manifestação itself, the protected identity of who lodged it, and the subjects."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFField
from plataforma.common.models import BaseModel

# A manifestação's text is kept whole up to this many characters (about eight pages); longer
# texts are refused with a clear message before anything is stored, never cut (ADR 0029).
TEXT_MAX_LENGTH = 20_000


class Kind(models.TextChoices):
    """Types of manifestação (Lei 13.460 art. 2 V and Decreto 9.492/2018 art. 3, plus the
    "Simplifique!" proposal of Decreto 9.094/2017 art. 25 / Decreto 10.228/2020)."""

    COMPLAINT = "reclamacao", _("Reclamação")
    DENUNCIATION = "denuncia", _("Denúncia")
    SUGGESTION = "sugestao", _("Sugestão")
    PRAISE = "elogio", _("Elogio")
    REQUEST = "solicitacao", _("Solicitação de providências")
    SIMPLIFY = "simplifique", _("Simplifique")


class Channel(models.TextChoices):
    """How the manifestação reached the ouvidoria (arts. 10 and 14: counted in the yearly report)."""

    INTERNET = "internet", _("Internet (portal)")
    APP = "aplicativo", _("Aplicativo")
    IN_PERSON = "presencial", _("Presencial")
    PHONE = "telefone", _("Telefone")
    EMAIL = "email", _("E-mail")
    LETTER = "carta", _("Carta")


class Status(models.TextChoices):
    """Steps of art. 12: recebimento → análise → (área responsável) → decisão → ciência do usuário."""

    RECEIVED = "recebida", _("Recebida")
    IN_ANALYSIS = "em_analise", _("Em análise")
    FORWARDED = "encaminhada", _("Encaminhada à área responsável")
    AWAITING_USER = "aguardando_usuario", _("Aguardando informações do usuário")
    DECISION = "em_decisao", _("Em decisão")
    CONCLUDED = "concluida", _("Concluída (respondida)")
    ARCHIVED = "arquivada", _("Arquivada")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.IN_ANALYSIS,
    Status.FORWARDED,
    Status.AWAITING_USER,
    Status.DECISION,
)
CLOSED_STATUSES = (Status.CONCLUDED, Status.ARCHIVED)


class ArchiveReason(models.TextChoices):
    """Why a manifestação was closed without a conclusive answer on its merits."""

    DUPLICATE = "duplicada", _("Manifestação repetida (já registrada)")
    INSUFFICIENT = "informacoes_insuficientes", _("Informações insuficientes para análise")
    NO_REPLY = "sem_resposta_usuario", _("O usuário não enviou as informações pedidas")
    OUT_OF_SCOPE = "fora_de_competencia", _("Fora da competência do Poder Executivo estadual")
    WITHDRAWN = "desistencia", _("Desistência do usuário")


class Subject(BaseModel):
    """A subject ("assunto") the ouvidoria classifies manifestações by, so that the yearly report
    shows the recurring points (Lei 13.460 art. 15 I-II)."""

    name = models.CharField(_("nome"), max_length=120, unique=True)
    slug = models.SlugField(_("código"), max_length=60, unique=True)
    is_active = models.BooleanField(_("em uso"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("assunto")
        verbose_name_plural = _("assuntos")

    def __str__(self) -> str:
        return self.name


_OPEN_Q = Q(status__in=[s.value for s in OPEN_STATUSES])


class Manifestation(BaseModel):
    """One manifestação (Lei 13.460 arts. 9-17).

    Identity: `is_anonymous` manifestações have no requester and no identity row; identified ones
    have a `ManifestationIdentity` (and `requester` when the person has an MT Login account).
    Whoever has no account follows it with the protocol and an access code whose hash is kept
    in `access_code_hash` (ADR 0029).

    Clocks (ADR 0030): `answer_due_at` is the answer deadline of the current cycle (30 calendar
    days, once +30 with `answer_extension_reason`, art. 16); the clock stops while the ouvidoria
    waits for the user (`clock_paused_at`) and the deadline moves by the whole days waited.
    `cycle` starts at 1 and grows on every reopening (`reopen_count` = cycle - 1).
    """

    Kind = Kind
    Channel = Channel
    Status = Status
    ArchiveReason = ArchiveReason

    protocol = models.CharField(_("protocolo"), max_length=40, unique=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("canal"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("situação"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    # The agency whose ouvidoria handles it; empty while the Ouvidoria-Geral do Estado triages a
    # manifestação whose author did not know the agency (art. 11: never refused for that).
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manifestations",
        verbose_name=_("órgão"),
    )
    service = models.ForeignKey(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manifestations",
        verbose_name=_("serviço"),
    )
    subject = models.ForeignKey(
        Subject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manifestations",
        verbose_name=_("assunto"),
    )
    title = models.CharField(_("resumo"), max_length=200)
    description = models.TextField(_("relato"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    facts_location = models.CharField(_("local dos fatos"), max_length=300, blank=True)
    facts_date = models.DateField(_("data dos fatos"), null=True, blank=True)

    is_anonymous = models.BooleanField(_("anônima"), default=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manifestations",
        verbose_name=_("autor (conta MT Login)"),
    )
    # The person's recorded consent to let the responsible area know who they are (art. 10 §7).
    identity_consent_at = models.DateTimeField(
        _("consentimento para compartilhar a identidade"), null=True, blank=True
    )
    access_code_hash = models.CharField(max_length=64, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registrada por (servidor)"),
    )
    idempotency_key = models.CharField(max_length=80, blank=True)
    receipt_code = models.CharField(_("código de autenticação"), max_length=32, blank=True)

    received_at = models.DateTimeField(_("recebida em"))
    answer_due_at = models.DateTimeField(_("prazo de resposta"))
    answer_extended_at = models.DateTimeField(_("prazo prorrogado em"), null=True, blank=True)
    answer_extension_reason = models.TextField(_("justificativa da prorrogação"), blank=True, max_length=2000)
    clock_paused_at = models.DateTimeField(_("prazo suspenso desde"), null=True, blank=True)
    clock_suspension_used = models.BooleanField(_("suspensão do prazo já usada"), default=False)
    user_reply_due_at = models.DateTimeField(_("prazo para o usuário complementar"), null=True, blank=True)
    pending_question = models.TextField(_("pedido de complementação"), blank=True, max_length=5000)
    cycle = models.PositiveSmallIntegerField(_("ciclo"), default=1)
    reopen_count = models.PositiveSmallIntegerField(_("reaberturas"), default=0)
    reopened_at = models.DateTimeField(_("reaberta em"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluída em"), null=True, blank=True)
    concluded_on_time = models.BooleanField(_("respondida no prazo"), null=True, blank=True)
    archive_reason = models.CharField(
        _("motivo do arquivamento"), max_length=32, choices=ArchiveReason.choices, blank=True
    )
    due_soon_notified_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("manifestação")
        verbose_name_plural = _("manifestações")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(requester__isnull=True),
                name="ombudsman_anonymous_has_no_requester",
            ),
            # Whoever has no MT Login account behind it (anonymous, or registered at a desk for a
            # person without an account) follows it with the access code.
            models.CheckConstraint(
                condition=Q(requester__isnull=False) | ~Q(access_code_hash=""), name="ombudsman_followable"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in Kind]), name="ombudsman_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=[c.value for c in Channel]), name="ombudsman_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="ombudsman_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(concluded_at__isnull=True) | Q(status__in=[s.value for s in CLOSED_STATUSES]),
                name="ombudsman_concluded_only_when_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in CLOSED_STATUSES]) | Q(concluded_at__isnull=False),
                name="ombudsman_closed_has_concluded_at",
            ),
            models.CheckConstraint(
                condition=Q(archive_reason="") | Q(status="arquivada"),
                name="ombudsman_archive_reason_only_archived",
            ),
            models.CheckConstraint(
                condition=Q(answer_extended_at__isnull=True) | ~Q(answer_extension_reason=""),
                name="ombudsman_extension_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(clock_paused_at__isnull=True) | Q(status="aguardando_usuario"),
                name="ombudsman_paused_only_awaiting_user",
            ),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="ombudsman_cycle_positive"),
            models.CheckConstraint(
                condition=Q(reopen_count=models.F("cycle") - 1), name="ombudsman_reopen_count_matches_cycle"
            ),
            models.UniqueConstraint(
                fields=["requester", "idempotency_key"],
                condition=Q(requester__isnull=False) & ~Q(idempotency_key=""),
                name="ombudsman_unique_idempotency_key",
            ),
        ]
        indexes = [
            # The person's list (/conta/manifestacoes/).
            models.Index(fields=["requester", "-received_at"], name="ombudsman_mine_idx"),
            # An ouvidoria's inbox: open ones by deadline (default view), read in index order.
            models.Index(
                fields=["agency", "answer_due_at", "received_at"],
                condition=_OPEN_Q,
                name="ombudsman_inbox_open_idx",
            ),
            models.Index(fields=["agency", "-received_at"], name="ombudsman_inbox_all_idx"),
            models.Index(fields=["agency", "status", "answer_due_at"], name="ombudsman_inbox_status_idx"),
            models.Index(fields=["agency", "kind", "-received_at"], name="ombudsman_inbox_kind_idx"),
            # The Ouvidoria-Geral's inbox across every agency, and the reminder job.
            models.Index(
                fields=["answer_due_at", "received_at"], condition=_OPEN_Q, name="ombudsman_open_due_idx"
            ),
            models.Index(fields=["status", "-received_at"], name="ombudsman_status_idx"),
            # Filters by type and by channel, alone or together: PostgreSQL combines these (a
            # BitmapAnd) so that a rare combination counts and lists without reading every row
            # (benchmarks/ombudsman_bench.py: "simplifique por carta" 160 ms → 30 ms).
            models.Index(fields=["kind", "-received_at"], name="ombudsman_kind_idx"),
            models.Index(fields=["channel", "-received_at"], name="ombudsman_channel_idx"),
            models.Index(fields=["agency", "channel", "-received_at"], name="ombudsman_inbox_channel_idx"),
            models.Index(
                fields=["kind", "answer_due_at", "received_at"],
                condition=_OPEN_Q,
                name="ombudsman_open_kind_idx",
            ),
            models.Index(
                fields=["channel", "answer_due_at", "received_at"],
                condition=_OPEN_Q,
                name="ombudsman_open_channel_idx",
            ),
            # The yearly report: counts by month of receipt and of conclusion.
            models.Index(fields=["received_at", "agency"], name="ombudsman_report_received_idx"),
            models.Index(fields=["concluded_at"], name="ombudsman_report_concluded_idx"),
            models.Index(fields=["service", "received_at"], name="ombudsman_service_idx"),
        ]

    def __str__(self) -> str:
        return self.protocol

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ManifestationIdentity(models.Model):
    """Who lodged an identified manifestação: restricted information (Lei 13.460 art. 10 §7; Lei
    12.527 art. 31). Read by servants only through `selectors.identity.identity_reveal`, which
    checks the role and writes an access row the person sees in their history. CPF suffices
    (art. 10-A); name and contact are optional for manifestações registered at a desk."""

    manifestation = models.OneToOneField(
        Manifestation, primary_key=True, on_delete=models.CASCADE, related_name="identity"
    )
    full_name = models.CharField(_("nome"), max_length=200, blank=True)
    cpf = CPFField(_("CPF"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefone"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("identificação do autor")
        verbose_name_plural = _("identificações dos autores")
        constraints = [
            models.CheckConstraint(
                condition=~Q(cpf="") | ~Q(full_name=""), name="ombudsman_identity_has_cpf_or_name"
            ),
        ]

    def __str__(self) -> str:
        return f"identidade de {self.manifestation_id}"
