from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CNPJField
from plataforma.common.models import BaseModel


class Agency(BaseModel):
    """An órgão or entidade of the Executive of Mato Grosso."""

    class Administration(models.TextChoices):
        DIRECT = "direta", _("Administração direta")
        INDIRECT = "indireta", _("Administração indireta")

    name = models.CharField(_("nome"), max_length=200, unique=True)
    acronym = models.CharField(_("sigla"), max_length=30, unique=True)
    slug = models.SlugField(_("endereço"), max_length=40, unique=True)
    cnpj = CNPJField(_("CNPJ"), unique=True)
    administration = models.CharField(_("administração"), max_length=10, choices=Administration.choices)
    legal_nature = models.CharField(_("natureza jurídica"), max_length=80, blank=True)
    description = models.TextField(_("competências"), blank=True, max_length=3000)
    website = models.URLField(_("site"), blank=True)
    ombudsman_email = models.EmailField(_("e-mail da ouvidoria"), blank=True)
    ombudsman_phone = models.CharField(_("telefone da ouvidoria"), max_length=40, blank=True)
    ombudsman_url = models.URLField(_("página da ouvidoria"), blank=True)
    is_active = models.BooleanField(_("ativo"), default=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("órgão ou entidade")
        verbose_name_plural = _("órgãos e entidades")

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}"


class Category(BaseModel):
    """An área de interesse (gov.br areasDeInteresse)."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("endereço"), max_length=100, unique=True)
    description = models.CharField(_("descrição"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("área de interesse")
        verbose_name_plural = _("áreas de interesse")

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """Who a service is for (gov.br segmentosDaSociedade): cidadão, empresa, servidor público."""

    class Code(models.TextChoices):
        CITIZEN = "cidadao", _("Cidadão")
        COMPANY = "empresa", _("Empresa")
        SERVANT = "servidor", _("Servidor público")

    code = models.CharField(_("código"), max_length=10, choices=Code.choices, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("público")
        verbose_name_plural = _("públicos")

    def __str__(self) -> str:
        return self.get_code_display()


class ServiceUnit(BaseModel):
    """A place where an agency attends people in person."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("órgão")
    )
    name = models.CharField(_("nome"), max_length=200)
    street = models.CharField(_("logradouro"), max_length=200)
    number = models.CharField(_("número"), max_length=20, blank=True)
    complement = models.CharField(_("complemento"), max_length=100, blank=True)
    district = models.CharField(_("bairro"), max_length=100, blank=True)
    city = models.CharField(_("município"), max_length=100)
    state = models.CharField(_("UF"), max_length=2, default="MT")
    postal_code = models.CharField(_("CEP"), max_length=8, blank=True)
    opening_hours = models.CharField(_("horário de atendimento"), max_length=300)
    phone = models.CharField(_("telefone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility = models.CharField(_("acessibilidade"), max_length=500, blank=True)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("unidade de atendimento")
        verbose_name_plural = _("unidades de atendimento")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="catalog_unit_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}/{self.state})"

    @property
    def address(self) -> str:
        parts = [self.street, self.number, self.complement, self.district, f"{self.city}/{self.state}"]
        text = ", ".join(p for p in parts if p)
        if self.postal_code:
            text += f", CEP {self.postal_code[:5]}-{self.postal_code[5:]}"
        return text


class Service(BaseModel):
    """A service of the Carta. Its content lives in versions; the columns below mirror the
    published version for listing, filters and search, and are written only by
    `services.workflow._apply_published`.
    """

    class LoginLevel(models.TextChoices):
        BRONZE = "bronze", _("Bronze")
        SILVER = "prata", _("Prata")
        GOLD = "ouro", _("Ouro")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="services", verbose_name=_("órgão")
    )
    slug = models.SlugField(_("endereço"), max_length=220, unique=True)
    published_version = models.OneToOneField(
        "ServiceVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_published = models.BooleanField(_("publicado"), default=False, db_index=True)
    published_at = models.DateTimeField(_("publicado em"), null=True, blank=True)
    name = models.CharField(_("nome"), max_length=200)
    acronym = models.CharField(_("sigla"), max_length=30, blank=True)
    summary = models.CharField(_("resumo"), max_length=300, blank=True)
    is_digital = models.BooleanField(_("digital"), default=False)
    is_free = models.BooleanField(_("gratuito"), default=True)
    min_login_level = models.CharField(
        _("nível mínimo da conta MT Login"),
        max_length=10,
        choices=LoginLevel.choices,
        default=LoginLevel.BRONZE,
    )
    audiences = models.ManyToManyField(Audience, related_name="services", blank=True)
    categories = models.ManyToManyField(Category, related_name="services", blank=True)
    units = models.ManyToManyField(ServiceUnit, related_name="services", blank=True)
    # Folded (lower-case, unaccented) text for search: title (name, sigla), terms (nomes
    # populares, palavras-chave), body (descrição, requisitos, etapas).
    search_title = models.TextField(blank=True, editable=False)
    search_terms = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    # Lei 13.460 art. 7 §4: periodic review.
    last_reviewed_at = models.DateTimeField(_("revisado em"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_overdue_since = models.DateTimeField(_("revisão atrasada desde"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("serviço")
        verbose_name_plural = _("serviços")
        indexes = [
            models.Index(fields=["is_published", "name"]),
            models.Index(fields=["agency", "is_published"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_version__isnull=False),
                name="catalog_published_service_has_version",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceVersion(BaseModel):
    """One version of a service's Carta content. Editorial workflow (a state machine):

    draft --submit--> in_review --publish--> published --(next publish)--> superseded
    in_review --return--> draft;  draft --discard--> discarded
    Published and superseded versions are immutable: they are the public record.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        IN_REVIEW = "in_review", _("Em revisão")
        PUBLISHED = "published", _("Publicada")
        SUPERSEDED = "superseded", _("Substituída")
        DISCARDED = "discarded", _("Descartada")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versão"))
    state = models.CharField(_("situação"), max_length=12, choices=State.choices, default=State.DRAFT)
    content = models.JSONField(_("conteúdo"))
    change_summary = models.CharField(_("resumo da alteração"), max_length=300, blank=True)
    review_note = models.CharField(_("observação da revisão"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("criada por"),
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("versão do serviço")
        verbose_name_plural = _("versões dos serviços")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="catalog_version_unique_number"),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(state__in=["draft", "in_review"]),
                name="catalog_one_working_version",
            ),
            models.UniqueConstraint(
                fields=["service"], condition=Q(state="published"), name="catalog_one_published_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.number} ({self.get_state_display()})"


class ServiceFeedback(BaseModel):
    """'Esta informação foi útil?' on a service page. Anonymous; no personal data kept."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField(_("foi útil"))
    comment = models.CharField(_("comentário"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("avaliação da informação")
        verbose_name_plural = _("avaliações da informação")
        indexes = [models.Index(fields=["service", "helpful"])]

    def __str__(self) -> str:
        return f"{self.service_id}: {'sim' if self.helpful else 'não'}"
