"""The person's postal address, kept once in MT Login and offered to every request form that asks
for an address (once-only, Lei 13.460 art. 5 XV; see service_requests/prefill.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class State(models.TextChoices):
    """Unidades da Federação (IBGE abbreviations)."""

    AC = "AC", "Acre"
    AL = "AL", "Alagoas"
    AP = "AP", "Amapá"
    AM = "AM", "Amazonas"
    BA = "BA", "Bahia"
    CE = "CE", "Ceará"
    DF = "DF", "Distrito Federal"
    ES = "ES", "Espírito Santo"
    GO = "GO", "Goiás"
    MA = "MA", "Maranhão"
    MT = "MT", "Mato Grosso"
    MS = "MS", "Mato Grosso do Sul"
    MG = "MG", "Minas Gerais"
    PA = "PA", "Pará"
    PB = "PB", "Paraíba"
    PR = "PR", "Paraná"
    PE = "PE", "Pernambuco"
    PI = "PI", "Piauí"
    RJ = "RJ", "Rio de Janeiro"
    RN = "RN", "Rio Grande do Norte"
    RS = "RS", "Rio Grande do Sul"
    RO = "RO", "Rondônia"
    RR = "RR", "Roraima"
    SC = "SC", "Santa Catarina"
    SP = "SP", "São Paulo"
    SE = "SE", "Sergipe"
    TO = "TO", "Tocantins"


cep_validator = RegexValidator(r"^[0-9]{8}$", _("O CEP tem 8 algarismos."))


class PostalAddress(BaseModel):
    """One address per person. The CEP is stored as its 8 digits."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="postal_address"
    )
    cep = models.CharField(_("CEP"), max_length=8, validators=[cep_validator])
    street = models.CharField(_("logradouro"), max_length=200)
    number = models.CharField(_("número"), max_length=20)
    complement = models.CharField(_("complemento"), max_length=100, blank=True)
    district = models.CharField(_("bairro"), max_length=100)
    city = models.CharField(_("município"), max_length=100)
    state = models.CharField(_("UF"), max_length=2, choices=State.choices)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("endereço")
        verbose_name_plural = _("endereços")
        constraints = [
            models.CheckConstraint(condition=Q(cep__regex=r"^[0-9]{8}$"), name="identity_address_cep_digits"),
            models.CheckConstraint(
                condition=Q(state__in=[value for value, _label in State.choices]),
                name="identity_address_state_uf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city}/{self.state}"

    @property
    def formatted_cep(self) -> str:
        return f"{self.cep[:5]}-{self.cep[5:]}" if len(self.cep) == 8 else self.cep

    def as_dict(self) -> dict[str, str]:
        return {
            "cep": self.cep,
            "street": self.street,
            "number": self.number,
            "complement": self.complement,
            "district": self.district,
            "city": self.city,
            "state": self.state,
        }
