"""A council of users of an agency's services and its representativeness categories (Lei 13.460
art. 18: users take part in following and evaluating public services through councils; art. 19:
its composition observes representativeness and plurality, and the choice of its members is an
open process differentiated by type of user)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel

MANDATE_MONTHS_MIN = 6
MANDATE_MONTHS_MAX = 48
SEATS_MAX = 50
NAME_MAX = 200
TEXT_MAX = 4000


class Council(BaseModel):
    """A conselho de usuários of one agency (catalog.Agency), for all its services or for a group
    of services of its Carta (`services`, empty = every service of the agency)."""

    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="user_councils", verbose_name=_("órgão")
    )
    name = models.CharField(_("nome"), max_length=NAME_MAX)
    slug = models.SlugField(_("endereço"), max_length=80, unique=True)
    description = models.TextField(_("finalidade"), max_length=TEXT_MAX, blank=True)
    services = models.ManyToManyField(
        "catalog.Service", related_name="user_councils", blank=True, verbose_name=_("serviços acompanhados")
    )
    mandate_months = models.PositiveSmallIntegerField(_("duração do mandato (meses)"), default=24)
    requirements = models.TextField(_("requisitos para participar"), max_length=TEXT_MAX, blank=True)
    is_active = models.BooleanField(_("ativo"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agency__acronym", "name"]
        verbose_name = _("conselho de usuários")
        verbose_name_plural = _("conselhos de usuários")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="councils_council_unique_name"),
            models.CheckConstraint(
                condition=Q(mandate_months__gte=MANDATE_MONTHS_MIN, mandate_months__lte=MANDATE_MONTHS_MAX),
                name="councils_council_mandate_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CategoryKind(models.TextChoices):
    AUDIENCE = "publico", _("Tipo de usuário")
    REGION = "regiao", _("Região de Mato Grosso")


class CouncilCategory(BaseModel):
    """A representativeness category with its quota: `seats` members (titulares) and `substitutes`
    suplentes. A regional category lists the municipalities whose residents may apply to it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("código"), max_length=40)
    name = models.CharField(_("nome"), max_length=120)
    kind = models.CharField(
        _("tipo"), max_length=10, choices=CategoryKind.choices, default=CategoryKind.AUDIENCE
    )
    description = models.CharField(_("quem pode se inscrever"), max_length=500, blank=True)
    seats = models.PositiveSmallIntegerField(_("vagas de titular"), default=1)
    substitutes = models.PositiveSmallIntegerField(_("vagas de suplente"), default=1)
    # IBGE codes of the municipalities of a regional category (empty for the other kinds).
    municipalities = models.JSONField(_("municípios"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("ordem"), default=0)

    class Meta:
        ordering = ["council", "position", "name"]
        verbose_name = _("categoria de representação")
        verbose_name_plural = _("categorias de representação")
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="councils_category_unique_code"),
            models.UniqueConstraint(fields=["council", "name"], name="councils_category_unique_name"),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=SEATS_MAX, substitutes__lte=SEATS_MAX),
                name="councils_category_seats_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name
