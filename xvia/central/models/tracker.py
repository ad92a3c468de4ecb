"""Data tracker (ADR 0037): one row per query about a person that a provider's security server
reported, after the central verified the client's signature over the request. The person is
held only as a keyed digest of their CPF (`services.tracker.subject_digest`), never in clear;
the request descriptor itself (which names the CPF) is not kept either, only its SHA-256, which
ties the row to the provider's message log (`log_seq`) for anyone proving it later. That digest
is unique: one signed request is one query, whichever security server reports it. The client
system's user (X-Road-UserId) is not kept; X-Road-Issue only masked (services.tracker)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class DataSubjectRecord(BaseModel):
    """Who (client subsystem and member) asked which service about whom (digest), when, why."""

    reporting_server = models.ForeignKey(
        "xvia_central.SecurityServer",
        on_delete=models.PROTECT,
        related_name="data_subject_records",
        verbose_name=_("servidor de segurança que informou"),
    )
    subject_digest = models.CharField(_("titular (HMAC-SHA256 do CPF)"), max_length=64)
    occurred_at = models.DateTimeField(_("quando (pedido assinado pelo cliente)"))
    logged_at = models.DateTimeField(_("registrado pelo provedor em"))
    message_id = models.CharField(_("X-Road-Id"), max_length=255)
    request_id = models.CharField(_("identificador do pedido"), max_length=255)
    client_id = models.CharField(_("subsistema cliente"), max_length=300)
    client_name = models.CharField(_("nome do sistema cliente"), max_length=200, blank=True)
    client_member_name = models.CharField(_("membro cliente"), max_length=200)
    service_id = models.CharField(_("serviço"), max_length=400)
    service_title = models.CharField(_("título do serviço"), max_length=200)
    provider_member_name = models.CharField(_("membro provedor"), max_length=200)
    purpose = models.CharField(_("finalidade"), max_length=200, blank=True)
    issue = models.CharField(_("X-Road-Issue (números longos mascarados)"), max_length=100, blank=True)
    log_seq = models.BigIntegerField(_("número no registro de mensagens do provedor"))
    descriptor_sha256 = models.CharField(_("SHA-256 do pedido assinado"), max_length=64)
    client_certificate_sha256 = models.CharField(_("SHA-256 do certificado do cliente"), max_length=64)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("acesso a dados pessoais pela X-VIA")
        verbose_name_plural = _("acessos a dados pessoais pela X-VIA")
        constraints = [
            models.UniqueConstraint(fields=["descriptor_sha256"], name="xvia_dsr_descriptor_uniq"),
            models.CheckConstraint(
                condition=Exact(Length("subject_digest"), 64), name="xvia_dsr_digest_length"
            ),
            models.CheckConstraint(condition=Q(log_seq__gt=0), name="xvia_dsr_log_seq_positive"),
        ]
        indexes = [models.Index(fields=["subject_digest", "-occurred_at"], name="xvia_dsr_subject_idx")]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.service_id} ({self.occurred_at:%Y-%m-%d %H:%M})"
