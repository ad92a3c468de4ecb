"""Forms of the unit's attendance pages (Área do Servidor). They check shape and choices; the
services check the rules again under the rows' locks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import is_valid_cpf, only_digits
from plataforma.common.fields import CPFFormField

from ..models import Priority
from ..selectors import queue as selectors
from ..services.booking import appointment_code_normalise
from ..services.queue import NOTE_MAX

BAD_SEARCH = _("Digite o código do agendamento (8 letras e números, como ABCD-2345) ou o CPF (11 números).")
BAD_CPF = _("CPF inválido: confira os 11 números.")


class CheckInSearchForm(forms.Form):
    busca = forms.CharField(
        label=_("Código do agendamento ou CPF"),
        max_length=20,
        help_text=_(
            "O código está na confirmação do agendamento (8 letras e números). O CPF tem 11 números."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_busca(self) -> tuple[str, str]:
        """("code", code) or ("cpf", digits). An all-digit entry is a CPF unless it has the
        shape of a code (codes may be made of the digits 2-9 only)."""
        text = self.cleaned_data["busca"]
        compact = "".join(ch for ch in text if ch.isalnum())
        code = appointment_code_normalise(text)
        if code is not None:
            return ("code", code)
        digits = only_digits(text)
        if digits and compact == digits:
            if len(digits) == 11 and is_valid_cpf(digits):
                return ("cpf", digits)
            raise forms.ValidationError(BAD_CPF)
        raise forms.ValidationError(BAD_SEARCH)


class CheckInChoiceForm(forms.Form):
    agendamento = forms.UUIDField(widget=forms.HiddenInput)
    atrasado = forms.BooleanField(required=False, widget=forms.HiddenInput)


class WalkInForm(forms.Form):
    servico = forms.ModelChoiceField(
        label=_("Serviço"),
        queryset=None,
        empty_label=_("Escolha o serviço"),
        error_messages={
            "required": _("Escolha o serviço."),
            "invalid_choice": _("Escolha um serviço atendido nesta unidade."),
        },
    )
    prioridade = forms.ChoiceField(
        label=_("Prioridade legal"),
        choices=Priority.choices,
        required=False,
        help_text=_("Peça o documento que comprova a prioridade, quando for o caso."),
    )
    cpf = CPFFormField(
        label=_("CPF da pessoa (opcional)"),
        required=False,
        help_text=_("Com o CPF de uma conta MT Login, o atendimento fica no histórico da pessoa."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, calendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["servico"].queryset = selectors.unit_services(calendar)


class DeskForm(forms.Form):
    guiche = forms.ModelChoiceField(
        label=_("Seu guichê"),
        queryset=None,
        empty_label=_("Escolha o guichê"),
        error_messages={
            "required": _("Escolha o guichê em que você está."),
            "invalid_choice": _("Escolha um guichê em uso desta unidade."),
        },
    )
    servicos = forms.ModelMultipleChoiceField(
        label=_("Serviços que você atende"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deixe todos desmarcados para chamar senhas de qualquer serviço."),
        error_messages={"invalid_choice": _("Escolha serviços atendidos nesta unidade.")},
    )

    def __init__(self, *args, calendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guiche"].queryset = selectors.unit_desks(calendar)
        self.fields["servicos"].queryset = selectors.unit_services(calendar)


class FinishForm(forms.Form):
    registro = forms.CharField(
        label=_("Registro do atendimento"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Texto simples, até 1.000 caracteres: o que foi feito e o que a pessoa precisa fazer depois. "
            "Não escreva dados pessoais que o atendimento não exige."
        ),
    )


class ProtocolForm(forms.Form):
    protocolo = forms.CharField(
        label=_("Protocolo do pedido aberto pela pessoa"),
        max_length=64,
        help_text=_("Como aparece no comprovante, por exemplo 2026.DETRANMT.000123-4."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
