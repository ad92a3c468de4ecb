"""Forms of the gestor's and ouvidor's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import MANDATE_MONTHS_MAX, MANDATE_MONTHS_MIN, SEATS_MAX, CategoryKind
from ..places import names_of, parse_municipalities
from . import date_field, datetime_field, text_field

INT_ERRORS = {
    "required": _("Informe um número."),
    "invalid": _("Informe um número inteiro."),
    "min_value": _("O menor valor aceito é %(limit_value)s."),
    "max_value": _("O maior valor aceito é %(limit_value)s."),
}


class ServicesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CouncilForm(forms.Form):
    name = text_field(_("Nome do conselho"), max_length=200, message=_("Dê um nome ao conselho."))
    description = text_field(
        _("Finalidade"),
        max_length=4000,
        required=False,
        rows=4,
        help_text=_("O que o conselho acompanha e como o órgão vai consultá-lo."),
    )
    mandate_months = forms.IntegerField(
        label=_("Duração do mandato (meses)"),
        min_value=MANDATE_MONTHS_MIN,
        max_value=MANDATE_MONTHS_MAX,
        initial=24,
        error_messages=INT_ERRORS,
    )
    requirements = text_field(
        _("Requisitos para participar"),
        max_length=4000,
        required=False,
        rows=4,
        help_text=_("Por exemplo: ser usuário dos serviços do órgão e ter 18 anos ou mais."),
    )
    services = ServicesField(
        label=_("Serviços acompanhados"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deixe todos desmarcados para um conselho de todos os serviços do órgão."),
        error_messages={
            "invalid_choice": _("Escolha apenas serviços da lista."),
            "invalid_pk_value": _("Escolha apenas serviços da lista."),
        },
    )

    def __init__(self, *args, services_queryset, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = services_queryset
        if editing:
            self.fields["is_active"] = forms.BooleanField(label=_("Conselho ativo"), required=False)
        else:
            self.fields["with_suggested"] = forms.BooleanField(
                label=_(
                    "Criar as categorias sugeridas: cidadãos, empresas e entidades, "
                    "pessoas com deficiência e pessoas idosas"
                ),
                required=False,
                initial=True,
            )


class CategoryForm(forms.Form):
    name = text_field(_("Nome da categoria"), max_length=120, message=_("Dê um nome à categoria."))
    kind = forms.ChoiceField(
        label=_("Tipo"),
        choices=CategoryKind.choices,
        widget=forms.RadioSelect,
        initial=CategoryKind.AUDIENCE,
        error_messages={
            "required": _("Escolha o tipo da categoria."),
            "invalid_choice": _("Escolha o tipo da categoria."),
        },
    )
    description = text_field(_("Quem pode se inscrever"), max_length=500, required=False)
    seats = forms.IntegerField(
        label=_("Vagas de titular"), min_value=1, max_value=SEATS_MAX, initial=1, error_messages=INT_ERRORS
    )
    substitutes = forms.IntegerField(
        label=_("Vagas de suplente"), min_value=0, max_value=SEATS_MAX, initial=1, error_messages=INT_ERRORS
    )
    municipalities = text_field(
        _("Municípios da região"),
        max_length=6000,
        required=False,
        rows=4,
        help_text=_("Só para categoria por região: um município por linha ou separados por vírgula."),
    )
    position = forms.IntegerField(
        label=_("Ordem na lista"), min_value=0, max_value=999, initial=0, error_messages=INT_ERRORS
    )

    def clean_municipalities(self):
        codes, unknown = parse_municipalities(self.cleaned_data.get("municipalities", ""))
        if unknown:
            raise ValidationError(
                _("Não encontramos em Mato Grosso: %(names)s. Confira a grafia.")
                % {"names": ", ".join(unknown[:5])}
            )
        return codes

    @staticmethod
    def initial_for(category) -> dict:
        return {
            "name": category.name,
            "kind": category.kind,
            "description": category.description,
            "seats": category.seats,
            "substitutes": category.substitutes,
            "municipalities": "\n".join(names_of(category.municipalities)),
            "position": category.position,
        }


class CallForm(forms.Form):
    notice = text_field(
        _("Texto do edital"),
        max_length=8000,
        rows=8,
        help_text=_(
            "Quem pode participar, as etapas, as datas, como será o sorteio "
            "e como será divulgado o resultado."
        ),
        message=_("Escreva o texto do edital."),
    )
    opens_at = datetime_field(_("Inscrições a partir de"))
    closes_at = datetime_field(_("Inscrições até"))
    mandate_starts_on = date_field(_("Início dos mandatos"))
    draw_value_source = text_field(
        _("De onde virá o valor público do sorteio"),
        max_length=300,
        help_text=_(
            "Anunciado antes das inscrições. Por exemplo: 1º prêmio da Loteria Federal de 15/03/2026."
        ),
        message=_("Diga de onde virá o valor público do sorteio."),
    )


class ResultForm(forms.Form):
    public_value = text_field(
        _("Valor público do sorteio"),
        max_length=100,
        required=False,
        help_text=_("Exatamente como foi divulgado pela fonte anunciada no edital."),
    )


class ConsultationForm(forms.Form):
    subject = text_field(_("Assunto"), max_length=200, message=_("Informe o assunto da consulta."))
    question = text_field(
        _("Pergunta ao conselho"), max_length=4000, rows=6, message=_("Escreva a pergunta ao conselho.")
    )
    service = forms.ModelChoiceField(
        label=_("Serviço relacionado (opcional)"),
        queryset=None,
        required=False,
        empty_label=_("Nenhum serviço específico"),
        error_messages={"invalid_choice": _("Escolha um dos serviços da lista.")},
    )
    asks_vote = forms.BooleanField(
        label=_("Pedir também o voto dos membros (a favor, contra ou abstenção)"), required=False
    )
    deadline = datetime_field(_("Prazo para os pareceres"))

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        from plataforma.catalog.models import Service

        self.fields["service"].queryset = Service.objects.filter(pk__in=[s.pk for s in services]).order_by(
            "name"
        )
        self.fields["service"].label_from_instance = lambda obj: obj.name


class ResponseForm(forms.Form):
    response = text_field(
        _("Resposta do órgão e medidas adotadas"),
        max_length=4000,
        rows=6,
        message=_("Escreva a resposta do órgão e as medidas adotadas."),
    )
