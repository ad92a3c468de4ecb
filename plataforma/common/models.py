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
