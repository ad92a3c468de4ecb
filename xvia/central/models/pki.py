"""Trust: certificate authorities (the development CA, or external ones such as ICP-Brasil's
with only their certificate), the certificates issued or registered for members and security
servers, and time-stamping authorities. Private keys are never stored in the database: the
development CA's and TSA's keys are files under `conf.key_dir()` named by `key_file`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class CertificateAuthority(BaseModel):
    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("AC de desenvolvimento (chave na central)")
        EXTERNAL = "external", _("AC externa (somente o certificado)")

    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    certificate_pem = models.TextField(_("certificado (PEM)"))
    certificate_sha256 = models.CharField(_("SHA-256 do certificado"), max_length=64, unique=True)
    key_file = models.CharField(_("arquivo da chave privada"), max_length=100, blank=True)
    is_active = models.BooleanField(_("confiável"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("autoridade certificadora")
        verbose_name_plural = _("autoridades certificadoras")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="development") & ~Q(key_file="")) | (Q(kind="external") & Q(key_file="")),
                name="xvia_ca_key_only_for_development",
            ),
            models.CheckConstraint(
                condition=Exact(Length("certificate_sha256"), 64), name="xvia_ca_sha256_length"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IssuedCertificate(BaseModel):
    """A member's signing certificate or a security server's TLS authentication certificate,
    issued by the development CA from a CSR or registered from an external CA."""

    class Kind(models.TextChoices):
        AUTH = "auth", _("Autenticação (TLS) do servidor de segurança")
        SIGN = "sign", _("Assinatura do membro")

    class RevocationReason(models.TextChoices):
        UNSPECIFIED = "unspecified", _("Não especificado")
        KEY_COMPROMISE = "key_compromise", _("Chave comprometida")
        SUPERSEDED = "superseded", _("Substituído por outro certificado")
        CESSATION = "cessation_of_operation", _("Fim da operação")
        AFFILIATION = "affiliation_changed", _("Mudança de vínculo")

    ca = models.ForeignKey(CertificateAuthority, on_delete=models.PROTECT, related_name="issued")
    kind = models.CharField(_("tipo"), max_length=4, choices=Kind.choices)
    member = models.ForeignKey("xvia_central.Member", on_delete=models.PROTECT, related_name="certificates")
    security_server = models.ForeignKey(
        "xvia_central.SecurityServer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    serial_hex = models.CharField(_("número de série (hex)"), max_length=64)
    subject = models.CharField(_("titular"), max_length=500)
    certificate_pem = models.TextField(_("certificado (PEM)"))
    certificate_sha256 = models.CharField(_("SHA-256 do certificado"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("válido a partir de"))
    not_after = models.DateTimeField(_("válido até"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revogado em"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("motivo da revogação"), max_length=24, choices=RevocationReason.choices, blank=True
    )

    class Meta:
        ordering = ["-not_before"]
        verbose_name = _("certificado emitido")
        verbose_name_plural = _("certificados emitidos")
        constraints = [
            models.UniqueConstraint(fields=["ca", "serial_hex"], name="xvia_cert_ca_serial_uniq"),
            models.CheckConstraint(
                condition=(Q(kind="auth") & Q(security_server__isnull=False))
                | (Q(kind="sign") & Q(security_server__isnull=True)),
                name="xvia_cert_server_only_for_auth",
            ),
            models.CheckConstraint(
                condition=(Q(revoked_at__isnull=True) & Q(revocation_reason=""))
                | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="xvia_cert_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(not_after__gt=models.F("not_before")), name="xvia_cert_validity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial_hex[:16]} — {self.subject}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class TimeStampingAuthority(BaseModel):
    """A TSA listed in global configuration. The development one signs here with `key_file`;
    external ones are listed with their address and certificate only."""

    name = models.CharField(_("nome"), max_length=200)
    url = models.URLField(_("endereço"), max_length=300)
    certificate_pem = models.TextField(_("certificado (PEM)"))
    certificate_sha256 = models.CharField(_("SHA-256 do certificado"), max_length=64, unique=True)
    key_file = models.CharField(_("arquivo da chave privada"), max_length=100, blank=True)
    policy_oid = models.CharField(_("política (OID)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("confiável"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("autoridade de carimbo do tempo")
        verbose_name_plural = _("autoridades de carimbo do tempo")

    def __str__(self) -> str:
        return self.name
