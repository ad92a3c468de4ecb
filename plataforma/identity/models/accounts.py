import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import mask_cpf, only_digits
from plataforma.common.fields import CPFField


class Level(models.TextChoices):
    """Níveis de confiabilidade, as gov.br's Login Único defines them (ADR 0011)."""

    BRONZE = "bronze", _("Bronze")
    PRATA = "prata", _("Prata")
    OURO = "ouro", _("Ouro")

    @classmethod
    def rank(cls, value: str) -> int:
        return {"bronze": 1, "prata": 2, "ouro": 3}.get(value, 0)

    @classmethod
    def acr(cls, value: str) -> str:
        return f"urn:mt:login:nivel:{value}"

    @classmethod
    def from_acr(cls, acr: str) -> str | None:
        prefix = "urn:mt:login:nivel:"
        if acr.startswith(prefix) and acr[len(prefix) :] in cls.values:
            return acr[len(prefix) :]
        return None


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, cpf: str, password: str | None, **extra):
        user = self.model(cpf=only_digits(cpf), **extra)
        user.full_clean(exclude=["password"])
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, cpf: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(cpf, password, **extra)

    def create_superuser(self, cpf: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        # An administrator created from the command line is known to whoever runs the server.
        extra.setdefault("email_verified_at", timezone.now())
        return self._create(cpf, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: only_digits(username)})


class User(AbstractBaseUser, PermissionsMixin):
    """An MT Login account, identified by CPF (Lei 14.129 art. 28)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cpf = CPFField(_("CPF"), unique=True)
    full_name = models.CharField(_("nome completo"), max_length=200)
    social_name = models.CharField(_("nome social"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_verified_at = models.DateTimeField(_("e-mail confirmado em"), null=True, blank=True)
    # A new address the person asked for; it replaces `email` only once its link is followed.
    pending_email = models.EmailField(_("novo e-mail a confirmar"), blank=True)
    phone_number = models.CharField(
        _("celular"),
        max_length=20,
        blank=True,
        help_text=_("Formato internacional, por exemplo +5565999998888."),
    )
    level = models.CharField(_("nível da conta"), max_length=10, choices=Level.choices, default=Level.BRONZE)
    level_changed_at = models.DateTimeField(_("nível alterado em"), null=True, blank=True)
    is_active = models.BooleanField(_("ativo"), default=True)
    is_staff = models.BooleanField(
        _("administrador da plataforma"),
        default=False,
        help_text=_("Pode entrar na administração técnica da plataforma."),
    )
    date_joined = models.DateTimeField(_("cadastrado em"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "cpf"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("conta MT Login")
        verbose_name_plural = _("contas MT Login")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.masked_cpf})"

    @property
    def display_name(self) -> str:
        """The social name, when the person has one, is the name shown (Decreto 8.727/2016)."""
        return self.social_name or self.full_name

    @property
    def masked_cpf(self) -> str:
        return mask_cpf(self.cpf)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name.split(" ")[0]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def has_level(self, required: str) -> bool:
        return Level.rank(self.level) >= Level.rank(required)

    def audit_label(self) -> str:
        return f"{self.display_name} ({self.masked_cpf})"


class AgencyRole(models.Model):
    """A servant's role in one agency (Área do Servidor): granted by the agency's gestor or a
    platform administrator, revoked by either, always audited. The catalogue's editors are
    `carta_editor` here.
    """

    class Role(models.TextChoices):
        CARTA_EDITOR = "carta_editor", _("Editor da Carta de Serviços")
        ATTENDANT = "atendente", _("Atendente")
        ANALYST = "analista", _("Analista")
        OMBUDSMAN = "ouvidor", _("Ouvidor")
        MANAGER = "gestor", _("Gestor")
        # Resolução 002/2021/NGD: members of the Núcleo de Governança Digital (granted only in
        # the Núcleo's agencies, settings.GOVERNANCE_NUCLEO_AGENCIES) and MTI's staff for its
        # service catalogue, technical justifications and guidance (settings.GOVERNANCE_MTI_AGENCY)
        NUCLEO = "nucleo", _("Membro do Núcleo de Governança Digital")
        MTI = "mti", _("Equipe da MTI (catálogo e orientações)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="agency_roles", verbose_name=_("servidor")
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="servant_roles", verbose_name=_("órgão")
    )
    role = models.CharField(_("papel"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("concedido em"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revogado em"), null=True, blank=True)

    class Meta:
        ordering = ["agency", "role"]
        verbose_name = _("papel no órgão")
        verbose_name_plural = _("papéis nos órgãos")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(revoked_at__isnull=True),
                name="identity_one_active_role_per_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency_id}"
