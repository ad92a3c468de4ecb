"""MTI's duties (Resolução 002/2021/NGD art. 3).

- Catálogo de Serviços Padronizados: MTI's IT services with a unit and a price that must be
  compatible with the market. Each price is a `PriceVersion` that MTI proposes with at least three
  `MarketReference`s (quotes, public price lists or public contracts, each with source and date);
  the Núcleo approves it or not, with reasons. Approved versions form the price history; the
  current price is the latest approved version already in force.
- Technical justifications (art. 3 §1 I) for adopting new technologies: submitted by MTI, decided
  by the Núcleo, published with the decision.
- Integration guidance for agencies (art. 3 §2): pages MTI writes and publishes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

TEXT_MAX = 6000
MIN_MARKET_REFERENCES = 3


class StandardService(BaseModel):
    class Category(models.TextChoices):
        HOSTING = "hospedagem", _("Hospedagem")
        PROCESSING = "processamento", _("Processamento")
        STORAGE = "armazenamento", _("Armazenamento e cópia de segurança")
        INTEROPERABILITY = "interoperabilidade", _("Interoperabilidade (X-VIA)")
        APPS = "aplicativos", _("Personalização de aplicativos")
        NETWORK = "rede", _("Rede e conectividade")
        SUPPORT = "suporte", _("Suporte e desenvolvimento")

    code = models.CharField(_("código"), max_length=20, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    category = models.CharField(_("categoria"), max_length=20, choices=Category.choices)
    description = models.TextField(_("descrição"), max_length=TEXT_MAX)
    unit = models.CharField(_("unidade de medida"), max_length=60)
    service_level = models.TextField(_("nível de serviço"), max_length=TEXT_MAX, blank=True)
    is_active = models.BooleanField(_("ofertado"), default=True)

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("serviço padronizado da MTI")
        verbose_name_plural = _("serviços padronizados da MTI")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class PriceVersion(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "rascunho", _("Rascunho")
        SUBMITTED = "em_analise", _("Em análise pelo Núcleo")
        APPROVED = "aprovado", _("Aprovado")
        DECLINED = "recusado", _("Não aprovado")

    service = models.ForeignKey(StandardService, on_delete=models.PROTECT, related_name="prices")
    number = models.PositiveIntegerField(_("versão"))
    price = models.DecimalField(_("preço unitário (R$)"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("vigente a partir de"))
    justification = models.TextField(_("composição e justificativa do preço"), max_length=TEXT_MAX)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("enviado em"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decidido em"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reasons = models.TextField(_("fundamentos da decisão"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("versão de preço")
        verbose_name_plural = _("versões de preço")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="governance_price_version_number"),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status__in=["rascunho", "em_analise"]),
                name="governance_one_open_price_proposal",
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="governance_price_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["rascunho", "em_analise"]) | Q(decided_at__isnull=False),
                name="governance_decided_price_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number}"


class MarketReference(BaseModel):
    """A market price the proposal was compared with."""

    class Kind(models.TextChoices):
        QUOTE = "cotacao", _("Cotação de fornecedor")
        PRICE_LIST = "tabela_publica", _("Tabela pública de preços")
        PUBLIC_CONTRACT = "contratacao_publica", _("Contratação pública (painel de preços)")

    version = models.ForeignKey(PriceVersion, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("fonte"), max_length=200)
    price = models.DecimalField(_("preço unitário (R$)"), max_digits=12, decimal_places=2)
    reference_date = models.DateField(_("data da referência"))
    url = models.URLField(_("endereço da fonte"), blank=True)
    note = models.CharField(_("observação (equivalência, condições)"), max_length=500, blank=True)

    class Meta:
        ordering = ["version", "price"]
        verbose_name = _("referência de mercado")
        verbose_name_plural = _("referências de mercado")
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="governance_reference_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.reference_date})"


class TechJustification(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "rascunho", _("Rascunho")
        SUBMITTED = "em_analise", _("Em análise pelo Núcleo")
        APPROVED = "aprovada", _("Aprovada")
        DECLINED = "recusada", _("Não aprovada")

    number = models.CharField(_("número"), max_length=20, unique=True)
    title = models.CharField(_("título"), max_length=200)
    technology = models.CharField(_("tecnologia"), max_length=200)
    context = models.TextField(_("necessidade"), max_length=TEXT_MAX)
    justification = models.TextField(_("justificativa técnica"), max_length=TEXT_MAX)
    alternatives = models.TextField(_("alternativas consideradas"), max_length=TEXT_MAX)
    costs = models.TextField(_("custos e impacto"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("enviada em"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decidida em"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reasons = models.TextField(_("fundamentos da decisão"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("justificativa técnica")
        verbose_name_plural = _("justificativas técnicas")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["rascunho", "em_analise"]) | Q(decided_at__isnull=False),
                name="governance_decided_justification_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class GuidancePage(BaseModel):
    """An integration guide for agencies (how to publish on the portal, use MT Login, join X-VIA…)."""

    slug = models.SlugField(_("endereço"), max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=200)
    summary = models.CharField(_("resumo"), max_length=300)
    body = models.TextField(_("texto"), max_length=40000)
    order = models.PositiveSmallIntegerField(_("ordem"), default=100)
    is_published = models.BooleanField(_("publicada"), default=False)
    published_at = models.DateTimeField(_("publicada em"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("orientação de integração")
        verbose_name_plural = _("orientações de integração")

    def __str__(self) -> str:
        return self.title
