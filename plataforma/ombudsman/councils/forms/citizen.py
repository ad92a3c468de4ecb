"""Forms of the applicant's and member's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Vote
from ..places import municipality_choices
from . import text_field


class ApplicationForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Em que categoria você quer representar os usuários?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha uma categoria."),
            "invalid_choice": _("Escolha uma das categorias."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Município onde você mora"),
        error_messages={
            "required": _("Escolha o município onde você mora."),
            "invalid_choice": _("Escolha um município da lista."),
        },
    )
    motivation = text_field(
        _("Por que você quer participar? (opcional)"),
        max_length=1000,
        required=False,
        rows=4,
        help_text=_("Até 1.000 caracteres. Não escreva dados pessoais, como documentos ou endereço."),
    )
    declares_no_conflict = forms.BooleanField(
        label=_(
            "Declaro que não tenho conflito de interesses: não sou servidor(a) nem presto serviço ao órgão, "
            "e não represento empresa contratada por ele."
        ),
        error_messages={"required": _("Para se inscrever, confirme que não tem conflito de interesses.")},
    )
    declares_unpaid = forms.BooleanField(
        label=_("Sei que a participação no conselho é serviço público relevante e não é remunerada."),
        error_messages={
            "required": _("Para se inscrever, confirme que sabe que a participação não é remunerada.")
        },
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.code, f"{c.name} — {c.description}" if c.description else c.name) for c in categories
        ]
        self.fields["municipality"].choices = [("", _("Escolha o município")), *municipality_choices()]


class OpinionForm(forms.Form):
    text = text_field(_("Seu parecer"), max_length=4000, rows=8, message=_("Escreva o seu parecer."))

    def __init__(self, *args, asks_vote: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if asks_vote:
            self.fields["vote"] = forms.ChoiceField(
                label=_("Seu voto"),
                choices=Vote.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Escolha o seu voto: a favor, contra ou abstenção."),
                    "invalid_choice": _("Escolha o seu voto: a favor, contra ou abstenção."),
                },
            )
