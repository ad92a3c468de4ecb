"""Área Empresarial: companies (CNPJ) and the ties that let a person act for them, as gov.br's
Login Único binds CPFs to CNPJs (sócio, representante legal, contador, colaborador)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import format_cnpj
from plataforma.common.fields import CNPJField


class Company(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cnpj = CNPJField(_("CNPJ"), unique=True)
    legal_name = models.CharField(_("razão social"), max_length=200)
    trade_name = models.CharField(_("nome fantasia"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("empresa")
        verbose_name_plural = _("empresas")

    def __str__(self) -> str:
        return f"{self.legal_name} ({format_cnpj(self.cnpj)})"

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)


class CompanyTie(models.Model):
    """A person's tie to a company. `pending` until a representative grants it or a servant
    validates it; only active, unexpired ties let the person act for the company."""

    class Role(models.TextChoices):
        PARTNER = "socio", _("Sócio")
        LEGAL_REPRESENTATIVE = "representante_legal", _("Representante legal")
        ACCOUNTANT = "contador", _("Contador")
        COLLABORATOR = "colaborador", _("Colaborador")

    class Status(models.TextChoices):
        PENDING = "pendente", _("Aguardando validação")
        ACTIVE = "ativo", _("Ativo")
        REJECTED = "recusado", _("Recusado")
        REVOKED = "revogado", _("Revogado")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="ties")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_ties")
    role = models.CharField(_("vínculo"), max_length=20, choices=Role.choices)
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateField(_("válido até"), null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validation_agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validation_note = models.CharField(_("documento apresentado"), max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["company", "role"]
        verbose_name = _("vínculo com empresa")
        verbose_name_plural = _("vínculos com empresas")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                condition=Q(status__in=["pendente", "ativo"]),
                name="companies_one_open_tie_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.company}"

    def is_effective(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.ACTIVE and (self.expires_at is None or self.expires_at >= today)
