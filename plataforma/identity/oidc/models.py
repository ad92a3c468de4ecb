"""MT Login as an OpenID Connect provider, on django-oauth-toolkit (ADR 0012).

`OIDCClient` is DOT's swappable application model: the registry of relying parties managed by
platform administrators (exact redirect URIs, allowed scopes and grants, confidential or public,
sector for pairwise subjects).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import AbstractApplication


class OIDCClient(AbstractApplication):
    RS256 = "RS256"
    ES256 = "ES256"
    SIGNING_ALGORITHMS = [
        (AbstractApplication.NO_ALGORITHM, _("Sem id_token (somente OAuth 2.0)")),
        (RS256, _("RSA com SHA-256 (RS256)")),
        (ES256, _("ECDSA P-256 com SHA-256 (ES256)")),
    ]

    class SubjectType(models.TextChoices):
        PUBLIC = "public", _("Público (o mesmo identificador para todos os aplicativos)")
        PAIRWISE = "pairwise", _("Por setor (identificador diferente para cada setor)")

    algorithm = models.CharField(
        _("algoritmo de assinatura do id_token"),
        max_length=5,
        choices=SIGNING_ALGORITHMS,
        default=RS256,
        blank=True,
    )
    allowed_scopes = models.CharField(
        _("escopos permitidos"),
        max_length=300,
        default="openid profile email",
        help_text=_("Separados por espaço: openid profile email phone cpf empresas servidor nivel."),
    )
    subject_type = models.CharField(
        _("tipo de identificador (sub)"),
        max_length=10,
        choices=SubjectType.choices,
        default=SubjectType.PUBLIC,
    )
    sector_identifier = models.CharField(
        _("setor"),
        max_length=200,
        blank=True,
        help_text=_("Aplicativos do mesmo setor recebem o mesmo identificador pareado da pessoa."),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oidc_clients",
        verbose_name=_("órgão responsável"),
    )
    description = models.TextField(_("descrição para o cidadão"), blank=True)
    contact_email = models.EmailField(_("e-mail técnico de contato"), blank=True)
    enabled = models.BooleanField(_("ativo"), default=True)

    class Meta(AbstractApplication.Meta):
        swappable = "OAUTH2_PROVIDER_APPLICATION_MODEL"
        verbose_name = _("aplicativo cliente")
        verbose_name_plural = _("aplicativos clientes")

    def scope_list(self) -> list[str]:
        return self.allowed_scopes.split()
