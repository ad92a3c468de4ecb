"""Global configuration publishing: the signing keys, the registry revision counter that every
registry write bumps, and each published (signed) document with its version."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class ConfigurationSigningKey(BaseModel):
    """The key that signs global configuration (ES256), separate from the CA. Its certificate is
    what anchors list; the private key is a file under `conf.key_dir()`."""

    certificate_pem = models.TextField(_("certificado (PEM)"))
    certificate_sha256 = models.CharField(_("SHA-256 do certificado (kid)"), max_length=64, unique=True)
    key_file = models.CharField(_("arquivo da chave privada"), max_length=100)
    is_active = models.BooleanField(_("em uso"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("chave de assinatura da configuração")
        verbose_name_plural = _("chaves de assinatura da configuração")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="xvia_one_active_confkey"
            )
        ]

    def __str__(self) -> str:
        return self.certificate_sha256[:16]


class RegistryRevision(models.Model):
    """A single row counting registry changes. Each registry service increments it in its own
    transaction; a published document records the revision it was built from, so a change is
    published on the next request or beat run."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("revisão do registro")
        verbose_name_plural = _("revisões do registro")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="xvia_registry_revision_singleton")]

    def __str__(self) -> str:
        return str(self.revision)


class PublishedConfiguration(models.Model):
    """One signed global-configuration document. Versions strictly increase (ADR 0033)."""

    version = models.PositiveBigIntegerField(_("versão"), primary_key=True)
    registry_revision = models.PositiveBigIntegerField(_("revisão do registro"))
    generated_at = models.DateTimeField(_("gerada em"))
    expires_at = models.DateTimeField(_("expira em"), db_index=True)
    payload = models.JSONField(_("conteúdo"))
    signed = models.TextField(_("documento assinado (JWS)"))
    signing_key = models.ForeignKey(ConfigurationSigningKey, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-version"]
        verbose_name = _("configuração global publicada")
        verbose_name_plural = _("configurações globais publicadas")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("generated_at")), name="xvia_conf_expiry"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="xvia_conf_version_positive"),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"
