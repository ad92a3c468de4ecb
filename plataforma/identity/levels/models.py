"""Evidence of each raise of an account's level (nível de confiabilidade): who validated the
person, where, with which document, or which external validation or certificate did."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LevelValidation(models.Model):
    class Method(models.TextChoices):
        DESK = "balcao", _("Validação presencial em unidade de atendimento")
        EXTERNAL = "externa", _("Validação externa")
        CERTIFICATE = "certificado", _("Certificado digital ICP-Brasil")

    class Document(models.TextChoices):
        RG = "rg", _("Carteira de identidade (RG ou CIN)")
        CNH = "cnh", _("Carteira Nacional de Habilitação")
        CTPS = "ctps", _("Carteira de Trabalho")
        PASSPORT = "passaporte", _("Passaporte")
        RNM = "rnm", _("Registro Nacional Migratório")
        PROFESSIONAL = "conselho", _("Carteira de conselho profissional")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_validations"
    )
    level = models.CharField(max_length=10)
    method = models.CharField(max_length=12, choices=Method.choices)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        "catalog.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "catalog.ServiceUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_type = models.CharField(max_length=12, choices=Document.choices, blank=True)
    # Only the last digits of the document, enough to find the paper record at the desk.
    document_reference = models.CharField(max_length=20, blank=True)
    provider = models.CharField(max_length=100, blank=True)
    # What the external validator answered as its own record of the check (never a document).
    external_reference = models.CharField(max_length=100, blank=True)
    certificate_fingerprint = models.CharField(max_length=64, blank=True)
    certificate_issuer = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("validação de nível")
        verbose_name_plural = _("validações de nível")
        indexes = [models.Index(fields=["user", "-created_at"], name="levels_user_created_idx")]

    def __str__(self) -> str:
        return f"{self.level} — {self.get_method_display()}"
