"""The steps of a service, each with its documents and nested rows of costs and channels."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from plataforma.catalog.content import CHANNEL_LABELS

from .fields import TIME_KIND_CHOICES, TIME_UNIT_CHOICES, LinesField, _int, _rows, _text

CHANNEL_CHOICES = [("", _("— escolha o tipo de canal —")), *CHANNEL_LABELS.items()]
WAIT_KIND_CHOICES = [("", _("Não informar")), *TIME_KIND_CHOICES[1:]]


class CostForm(forms.Form):
    description = _text(300, _("Descrição do custo"))
    value = forms.DecimalField(
        label=_("Valor (R$)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    variable = forms.BooleanField(label=_("O valor varia"), required=False)


class ChannelForm(forms.Form):
    type = forms.ChoiceField(label=_("Tipo de canal"), choices=CHANNEL_CHOICES, required=False)
    description = _text(1000, _("Descrição do canal"))
    address = _text(500, _("Endereço, telefone, e-mail ou site"))
    wait_kind = forms.ChoiceField(label=_("Tempo de espera"), choices=WAIT_KIND_CHOICES, required=False)
    wait_min = _int(_("Espera mínima"))
    wait_max = _int(_("Espera máxima (ou média)"))
    wait_unit = forms.ChoiceField(label=_("Unidade da espera"), choices=TIME_UNIT_CHOICES, required=False)


CostFormSet = _rows(CostForm, max_num=20)
ChannelFormSet = _rows(ChannelForm, max_num=20)


class StepForm(forms.Form):
    title = _text(300, _("Título da etapa"))
    description = _text(5000, _("Descrição da etapa"), textarea=True, rows=3)
    documents = LinesField(
        label=_("Documentos necessários nesta etapa"),
        help_text=_("Um por linha, como a pessoa deve apresentá-lo."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        self.costs = CostFormSet(
            data, initial=None if data else self.initial.get("costs"), prefix=f"{self.prefix}-costs"
        )
        self.channels = ChannelFormSet(
            data, initial=None if data else self.initial.get("channels"), prefix=f"{self.prefix}-channels"
        )


StepFormSet = _rows(StepForm, max_num=30)
