"""Input of the level pages: the step-up page's query, the desk's search and validation, the
external validation and the certificate button."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.catalog.models import Agency, ServiceUnit
from plataforma.common.fields import CPFFormField
from plataforma.identity.models import Level, User

from .models import LevelValidation
from .selectors import desk_agencies, desk_units

PERSON_TOKEN_SALT = "plataforma.identity.levels.desk-person"  # noqa: S105 — a namespace, not a secret
PERSON_TOKEN_MAX_AGE = 30 * 60  # the servant has half an hour to finish the check


class StepUpQueryForm(forms.Form):
    """?necessario=<level>&next=<url> of the step-up page."""

    necessario = forms.ChoiceField(
        label=_("Nível exigido"),
        required=False,
        choices=[("", ""), *Level.choices],
        error_messages={"invalid_choice": _("O nível pedido não existe: use bronze, prata ou ouro.")},
    )
    next = forms.CharField(label=_("Voltar para"), required=False, max_length=2000)


class NextForm(forms.Form):
    """The certificate button: only where to go afterwards (the certificate comes from TLS)."""

    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class PersonLookupForm(forms.Form):
    cpf = CPFFormField(
        label=_("CPF da pessoa atendida"),
        help_text=_("Somente números ou no formato 000.000.000-00."),
        error_messages={"required": _("Informe o CPF da pessoa.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def person_token(*, servant: User, person: User) -> str:
    """Signed reference to the person found, bound to the servant who searched for them, so that
    the validation form cannot be pointed at somebody who was not looked up (and audited)."""
    return signing.dumps({"p": str(person.pk), "s": str(servant.pk)}, salt=PERSON_TOKEN_SALT)


def person_from_token(*, token: str, servant: User) -> User | None:
    try:
        data = signing.loads(token, salt=PERSON_TOKEN_SALT, max_age=PERSON_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != str(servant.pk):
        return None
    return User.objects.filter(pk=data.get("p"), is_active=True).first()


class _UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceUnit) -> str:
        return f"{obj.agency.acronym} — {obj.name} ({obj.city})"


class DeskValidationForm(forms.Form):
    """What the servant records after checking the person's original document with a photo."""

    pessoa = forms.CharField(widget=forms.HiddenInput, max_length=500)
    orgao = forms.ModelChoiceField(
        label=_("Órgão em que você atende"),
        queryset=Agency.objects.none(),
        empty_label=_("Escolha o órgão"),
        error_messages={
            "required": _("Escolha o órgão."),
            "invalid_choice": _("Escolha um órgão em que você é atendente ou gestor."),
        },
    )
    unidade = _UnitChoice(
        label=_("Unidade de atendimento"),
        queryset=ServiceUnit.objects.none(),
        empty_label=_("Escolha a unidade"),
        error_messages={
            "required": _("Escolha a unidade de atendimento."),
            "invalid_choice": _("Escolha uma unidade de um órgão em que você atende."),
        },
    )
    tipo_documento = forms.ChoiceField(
        label=_("Documento conferido"),
        choices=[("", _("Escolha o documento")), *LevelValidation.Document.choices],
        error_messages={"required": _("Escolha o documento conferido.")},
    )
    final_documento = forms.RegexField(
        label=_("4 últimos caracteres do número do documento"),
        regex=r"^[0-9A-Za-z]{4}$",
        min_length=4,
        max_length=4,
        help_text=_("Só os 4 últimos, para localizar o registro do atendimento. Nunca o número inteiro."),
        error_messages={
            "required": _("Informe os 4 últimos caracteres do número do documento."),
            "invalid": _("Use exatamente 4 letras ou números."),
            "min_length": _("Use exatamente 4 letras ou números."),
            "max_length": _("Use exatamente 4 letras ou números."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    conferido = forms.BooleanField(
        label=_("Conferi o documento original com foto e ele corresponde à pessoa"),
        error_messages={"required": _("Confirme que conferiu o documento original com foto.")},
    )

    def __init__(self, *args, servant: User, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = desk_agencies(user=servant)
        self.fields["orgao"].queryset = agencies
        self.fields["unidade"].queryset = desk_units(agency_ids=set(agencies.values_list("pk", flat=True)))

    def clean(self):
        data = super().clean()
        agency, unit = data.get("orgao"), data.get("unidade")
        if agency and unit and unit.agency_id != agency.pk:
            self.add_error("unidade", _("Esta unidade não pertence ao órgão escolhido."))
        return data


class ExternalValidationForm(forms.Form):
    data_nascimento = forms.DateField(
        label=_("Data de nascimento"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Informe a sua data de nascimento."),
            "invalid": _("Informe uma data válida, por exemplo 31/12/1980."),
        },
    )
    confirmo = forms.BooleanField(
        label=_("Autorizo o envio do meu CPF, nome e data de nascimento para esta validação"),
        error_messages={"required": _("Para validar, autorize o envio dos seus dados.")},
    )

    def clean_data_nascimento(self):
        value = self.cleaned_data.get("data_nascimento")
        if value and not (dt.date(1900, 1, 1) <= value <= timezone.localdate()):
            raise forms.ValidationError(_("Informe uma data de nascimento válida."))
        return value

    def __init__(self, *args, needs_birth_date: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_nascimento"].required = needs_birth_date
        if not needs_birth_date:
            del self.fields["data_nascimento"]
            self.fields["confirmo"].label = _("Autorizo o envio do meu CPF e nome para esta validação")
