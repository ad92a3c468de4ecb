"""Input of the Área Empresarial and of the service desk's tie decisions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.fields import CNPJFormField, CPFFormField

from .models import CompanyTie

ROLE_CHOICES = CompanyTie.Role.choices


def _select() -> forms.Select:
    return forms.Select(attrs={"class": "portal-select"})


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _AgencyChoiceField(forms.ModelChoiceField):
    """A malformed id is just another choice not on the list (not UUIDField's raw message)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from exc


class ExpiryMixin:
    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("A data de validade não pode estar no passado."))
        return value


class TieRequestForm(forms.Form):
    cnpj = CNPJFormField(label=_("CNPJ da empresa"), error_messages={"required": _("Informe o CNPJ.")})
    legal_name = forms.CharField(
        label=_("Razão social"),
        max_length=200,
        required=False,
        help_text=_("Obrigatória quando a empresa ainda não está cadastrada no MT Login."),
    )
    role = forms.ChoiceField(
        label=_("Seu vínculo com a empresa"),
        choices=ROLE_CHOICES,
        widget=_select(),
        error_messages={
            "required": _("Escolha o tipo de vínculo."),
            "invalid_choice": _("Escolha um tipo de vínculo da lista."),
        },
    )


class TieGrantForm(ExpiryMixin, forms.Form):
    cpf = CPFFormField(label=_("CPF da pessoa"), error_messages={"required": _("Informe o CPF.")})
    role = forms.ChoiceField(
        label=_("Vínculo"),
        choices=ROLE_CHOICES,
        widget=_select(),
        error_messages={
            "required": _("Escolha o tipo de vínculo."),
            "invalid_choice": _("Escolha um tipo de vínculo da lista."),
        },
    )
    expires_at = forms.DateField(
        label=_("Válido até (opcional)"),
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": _("Informe uma data válida.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpf"].widget.attrs["autocomplete"] = "off"


class ExpiryForm(ExpiryMixin, forms.Form):
    """Approving a pending request: only the optional expiry."""

    expires_at = forms.DateField(
        label=_("Válido até (opcional)"),
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": _("Informe uma data válida.")},
    )


class TieDecisionForm(ExpiryMixin, forms.Form):
    """A servant's decision on a pending request, at a service desk of one of their agencies."""

    VALIDATE, REJECT = "validar", "recusar"

    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[(VALIDATE, _("Validar o vínculo")), (REJECT, _("Recusar o pedido"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha validar ou recusar."),
            "invalid_choice": _("Escolha validar ou recusar."),
        },
    )
    agency = _AgencyChoiceField(
        label=_("Órgão do atendimento"),
        queryset=None,
        empty_label=None,
        widget=_select(),
        error_messages={"invalid_choice": _("Escolha um órgão em que você é atendente ou gestor.")},
    )
    note = forms.CharField(
        label=_("Documento conferido ou motivo da recusa"),
        max_length=200,
        help_text=_("Por exemplo: contrato social registrado na JUCEMAT, procuração pública."),
        error_messages={"required": _("Descreva o documento conferido ou o motivo da recusa.")},
    )
    expires_at = forms.DateField(
        label=_("Válido até (opcional, só para validar)"),
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": _("Informe uma data válida.")},
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
