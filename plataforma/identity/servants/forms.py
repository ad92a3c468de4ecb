"""Input of the Área do Servidor's members page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CPFFormField
from plataforma.identity.models import AgencyRole


class MemberGrantForm(forms.Form):
    cpf = CPFFormField(label=_("CPF da pessoa"), error_messages={"required": _("Informe o CPF.")})
    role = forms.ChoiceField(
        label=_("Papel"),
        choices=AgencyRole.Role.choices,
        widget=forms.Select(attrs={"class": "portal-select"}),
        error_messages={"required": _("Escolha o papel."), "invalid_choice": _("Escolha um papel da lista.")},
    )

    def __init__(self, *args, roles: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpf"].widget.attrs["autocomplete"] = "off"
        if roles is not None:  # only the roles this agency may grant
            self.fields["role"].choices = [(v, label) for v, label in AgencyRole.Role.choices if v in roles]
