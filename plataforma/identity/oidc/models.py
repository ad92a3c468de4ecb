"""MT Login as an OpenID Connect provider, on django-oauth-toolkit (ADR 0012).

`OIDCClient` is DOT's swappable application model: the registry of relying parties managed by
platform administrators (exact redirect URIs, allowed scopes and grants, confidential or public,
sector for pairwise subjects).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
        help_text=_(
            "Separados por espaço: openid profile email phone cpf empresas servidor nivel solicitacoes."
        ),
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

    # --- DOT hooks ---------------------------------------------------------------------------
    def is_usable(self, request) -> bool:
        """A disabled client is treated as unknown by every endpoint."""
        return self.enabled

    def get_allowed_schemes(self) -> list[str]:
        from .registry import allowed_redirect_schemes

        return allowed_redirect_schemes()

    @property
    def jwk_key(self):
        """The active private key of this client's algorithm (DOT only knows RS256/HS256)."""
        from .keys import active_key

        return active_key(self.algorithm or self.RS256).private_jwk

    def clean(self) -> None:
        """The registry's rules (exact redirect URIs, known scopes, PKCE for public clients…),
        see registry.validate_client. DOT's own clean() is not used: it wants a static RSA key."""
        from .registry import validate_client

        errors = validate_client(self)
        if errors:
            raise ValidationError(errors)


class SigningKey(models.Model):
    """A key that signs id_tokens. Lifecycle: next (published, not used) → active (signs) →
    retired (published for the overlap period so tokens it signed still verify), RFC 7517."""

    class State(models.TextChoices):
        NEXT = "next", _("Próxima")
        ACTIVE = "active", _("Ativa")
        RETIRED = "retired", _("Aposentada")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kid = models.CharField(max_length=100, unique=True)
    algorithm = models.CharField(max_length=5, choices=[("RS256", "RS256"), ("ES256", "ES256")])
    state = models.CharField(max_length=10, choices=State.choices, default=State.NEXT)
    private_pem_encrypted = models.TextField()
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["algorithm", "-created_at"]
        verbose_name = _("chave de assinatura")
        verbose_name_plural = _("chaves de assinatura")
        constraints = [
            models.UniqueConstraint(
                fields=["algorithm"], condition=models.Q(state="active"), name="oidc_one_active_key_per_alg"
            ),
            models.UniqueConstraint(
                fields=["algorithm"], condition=models.Q(state="next"), name="oidc_one_next_key_per_alg"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.kid[:12]} ({self.get_state_display()})"


class Consent(models.Model):
    """What a person allowed one application to receive (OIDC Core §3.1.2.4), remembered so the
    consent screen is shown again only for new scopes or when the application asks for it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_consents")
    client = models.ForeignKey(OIDCClient, on_delete=models.CASCADE, related_name="consents")
    scopes = models.JSONField(default=list)
    granted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("consentimento")
        verbose_name_plural = _("consentimentos")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client"],
                condition=models.Q(revoked_at__isnull=True),
                name="oidc_one_live_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} — {' '.join(self.scopes)}"

    def covers(self, scopes) -> bool:
        return self.revoked_at is None and set(scopes) <= set(self.scopes)


class AuthorizationContext(models.Model):
    """How the person signed in when an authorization code was issued. Kept after the code is
    redeemed so that a replayed code can revoke everything issued with it (RFC 6749 §4.1.2)."""

    id = models.BigAutoField(primary_key=True)
    code_hash = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey(OIDCClient, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sign_in_session = models.ForeignKey(
        "identity.SignInSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acr = models.CharField(max_length=10)
    amr = models.JSONField(default=list)
    auth_time = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    token_family = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contexto de autorização")
        verbose_name_plural = _("contextos de autorização")

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at:%d/%m/%Y %H:%M}"


class TokenContext(models.Model):
    """The sign-in behind one refresh-token family: refreshed id_tokens keep the original acr,
    amr and auth_time, and ending the sign-in session revokes the family."""

    id = models.BigAutoField(primary_key=True)
    token_family = models.UUIDField(unique=True)
    client = models.ForeignKey(OIDCClient, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sign_in_session = models.ForeignKey(
        "identity.SignInSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acr = models.CharField(max_length=10)
    amr = models.JSONField(default=list)
    auth_time = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contexto de tokens")
        verbose_name_plural = _("contextos de tokens")
        indexes = [models.Index(fields=["user", "client"])]

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at:%d/%m/%Y %H:%M}"
