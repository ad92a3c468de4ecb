import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """UUID key and timestamps for every citizen-facing record (Saleor/HackSoft habit)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class AuditEvent(models.Model):
    """One row per change a person makes, and per read of personal data by a servant or
    another agency (Lei 14.129 art. 40 §1). Append-only: nothing updates or deletes rows.

    Holds identifiers and labels, never personal data values or secrets (LGPD).
    """

    class Kind(models.TextChoices):
        CHANGE = "change", _("Alteração")
        ACCESS = "access", _("Acesso a dados pessoais")
        SECURITY = "security", _("Segurança")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices, default=Kind.CHANGE)
    action = models.CharField(_("ação"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("quem (rótulo)"), max_length=200, blank=True)
    on_behalf_of_type = models.CharField(_("em nome de (tipo)"), max_length=20, blank=True)
    on_behalf_of_id = models.CharField(_("em nome de (identificador)"), max_length=64, blank=True)
    on_behalf_of_label = models.CharField(_("em nome de"), max_length=200, blank=True)
    target_type = models.CharField(_("objeto (tipo)"), max_length=100, db_index=True)
    target_id = models.CharField(_("objeto (identificador)"), max_length=64, db_index=True)
    target_label = models.CharField(_("objeto"), max_length=300, blank=True)
    subject_user_id = models.UUIDField(_("titular dos dados"), null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("endereço IP"), null=True, blank=True)
    user_agent = models.CharField(_("navegador"), max_length=300, blank=True)
    request_id = models.CharField(_("requisição"), max_length=64, blank=True)
    changes = models.JSONField(_("alterações"), default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("evento de auditoria")
        verbose_name_plural = _("trilha de auditoria")
        indexes = [models.Index(fields=["target_type", "target_id", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class ProtocolSequence(models.Model):
    """The last protocol number issued for one prefix in one year (Lei 14.129 art. 27).

    One row per (prefix, year); `protocols.protocol_issue` increments it with a single UPDATE
    inside the caller's transaction, so numbers are unique and have no gaps (ADR 0018).
    """

    prefix = models.CharField(_("prefixo"), max_length=12)
    year = models.PositiveSmallIntegerField(_("ano"))
    last_number = models.PositiveBigIntegerField(_("último número emitido"), default=0)

    class Meta:
        ordering = ["prefix", "year"]
        verbose_name = _("sequência de protocolos")
        verbose_name_plural = _("sequências de protocolos")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="common_protocolseq_prefix_year_uniq"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=9999), name="common_protocolseq_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}.{self.prefix}: {self.last_number}"


class AuthenticatedDocument(BaseModel):
    """A document the platform issued (comprovante, answer, booking) that anyone can check on
    the public page /autenticidade/ with its code, as the state's official gazette does.

    Holds only what the public page shows: labels and an already-masked holder name, never the
    holder's CPF or full name (LGPD). `content_digest` is the SHA-256 of the canonical JSON of the
    document's content (`authcodes.content_digest`).
    """

    code = models.CharField(_("código de autenticação"), max_length=16, unique=True)
    kind = models.CharField(_("tipo (chave)"), max_length=64, db_index=True)
    kind_label = models.CharField(_("tipo de documento"), max_length=120)
    reference = models.CharField(_("referência"), max_length=64, db_index=True)
    title = models.CharField(_("título"), max_length=300)
    issuer_label = models.CharField(_("emitido por"), max_length=200)
    subject_label = models.CharField(_("titular (mascarado)"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("emitido em"))
    content_digest = models.CharField(_("resumo SHA-256 do conteúdo"), max_length=64)
    target_type = models.CharField(_("objeto (tipo)"), max_length=100)
    target_id = models.CharField(_("objeto (identificador)"), max_length=64)
    revoked_at = models.DateTimeField(_("cancelado em"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("documento autenticável")
        verbose_name_plural = _("documentos autenticáveis")
        indexes = [models.Index(fields=["target_type", "target_id"], name="common_authdoc_target_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gte=models.F("issued_at")),
                name="common_authdoc_revoked_after_issued",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.reference}"

    @property
    def display_code(self) -> str:
        """The code as printed on documents: XXXX-XXXX-XXXX-XXXX."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Holiday(BaseModel):
    """A day off for state bodies: national, Mato Grosso, municipal holidays and the state's
    pontos facultativos. Holidays are data (ADR 0018): `load_holidays` fills them from the
    `holidays` library, staff add decrees through the admin. Read through `common.calendar`.
    """

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Feriado nacional")
        STATE = "state", _("Feriado estadual (MT)")
        MUNICIPAL = "municipal", _("Feriado municipal")
        PONTO_FACULTATIVO = "ponto_facultativo", _("Ponto facultativo estadual")

    date = models.DateField(_("data"))
    name = models.CharField(_("nome"), max_length=120)
    scope = models.CharField(_("abrangência"), max_length=20, choices=Scope.choices)
    municipality = models.CharField(
        _("município"),
        max_length=100,
        blank=True,
        help_text=_("Só para feriados municipais, por exemplo: Cuiabá. Deixe em branco nos demais."),
    )

    class Meta:
        ordering = ["date", "scope", "municipality"]
        verbose_name = _("feriado ou ponto facultativo")
        verbose_name_plural = _("feriados e pontos facultativos")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "scope", "municipality"], name="common_holiday_date_scope_municipality_uniq"
            ),
            models.CheckConstraint(
                condition=(models.Q(scope="municipal") & ~models.Q(municipality=""))
                | (~models.Q(scope="municipal") & models.Q(municipality="")),
                name="common_holiday_municipality_only_for_municipal",
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=["national", "state", "municipal", "ponto_facultativo"]),
                name="common_holiday_scope_valid",
            ),
        ]

    def __str__(self) -> str:
        where = f" ({self.municipality})" if self.municipality else ""
        return f"{self.date:%d/%m/%Y} {self.name}{where}"
