"""The main section of the content form: basic data, audiences, areas of interest, total time,
cost and validity, digital access, units and the commitments to service quality."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plataforma.catalog.content import LEVEL_LABELS
from plataforma.catalog.models import Audience

from .fields import TIME_KIND_CHOICES, TIME_UNIT_CHOICES, LinesField, _int, _text

VALIDITY_KIND_CHOICES = [
    ("nao-se-aplica", _("Não se aplica (o serviço não emite documento com validade)")),
    ("indeterminada", _("Indeterminada")),
    ("determinada", _("Determinada")),
]
VALIDITY_UNIT_CHOICES = [
    ("", _("— escolha a unidade —")),
    ("dias", _("dias")),
    ("meses", _("meses")),
    ("anos", _("anos")),
]
# Content keys shown in a ContentForm field of the same name, taken and given back as they are.
PLAIN_FIELDS = ("name", "acronym", "description", "popular_names", "keywords", "audiences", "categories")
QUALITY_FIELDS = [
    (
        "priority_treatment",
        _("Prioridades de atendimento"),
        _("Quem tem atendimento prioritário e como (Lei 10.048/2000; Lei 13.460, art. 7º, § 3º, I)."),
    ),
    ("expected_wait", _("Tempo de espera previsto para o atendimento"), _("Art. 7º, § 3º, II.")),
    (
        "communication_channels",
        _("Canais de comunicação com o usuário"),
        _("Telefones, e-mails e outros canais para tirar dúvidas (art. 7º, § 3º, III)."),
    ),
    (
        "manifestation_handling",
        _("Como reclamar, sugerir, denunciar ou elogiar"),
        _("Onde e como a manifestação é recebida e respondida (art. 7º, § 2º, VI e § 3º, IV)."),
    ),
    (
        "status_consultation",
        _("Como consultar o andamento"),
        _("Como acompanhar o pedido e a manifestação (art. 7º, § 3º, V)."),
    ),
    ("accessibility_conditions", _("Condições de acessibilidade"), ""),
]


class ContentForm(forms.Form):
    """The scalar part of the content: basic data, audiences, categories, time, quality commitments."""

    name = _text(200, _("Nome do serviço"), help_text=_("Comece por um verbo: “Emitir…”, “Solicitar…”."))
    acronym = _text(30, _("Sigla"))
    description = _text(
        5000,
        _("Descrição"),
        textarea=True,
        rows=6,
        help_text=_(
            "O que é o serviço e para que serve, em linguagem simples. A primeira linha vira o resumo."
        ),
    )
    popular_names = LinesField(
        label=_("Nomes populares"), help_text=_("Um por linha. Como as pessoas chamam o serviço.")
    )
    keywords = LinesField(
        label=_("Palavras-chave"), help_text=_("Uma por linha. Ajudam a encontrar o serviço.")
    )
    audiences = forms.MultipleChoiceField(
        label=_("Público"), choices=Audience.Code.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Áreas de interesse"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    total_time_kind = forms.ChoiceField(
        label=_("Tipo de prazo"), choices=TIME_KIND_CHOICES, initial="nao-estimado", widget=forms.RadioSelect
    )
    total_time_min = _int(_("Mínimo"))
    total_time_max = _int(_("Máximo (ou a média, em “Em média”)"))
    total_time_unit = forms.ChoiceField(label=_("Unidade"), choices=TIME_UNIT_CHOICES, required=False)
    is_free = forms.BooleanField(label=_("O serviço é gratuito"), required=False)
    validity_kind = forms.ChoiceField(
        label=_("Validade do documento emitido"),
        choices=VALIDITY_KIND_CHOICES,
        initial="nao-se-aplica",
        widget=forms.RadioSelect,
    )
    validity_quantity = _int(_("Quantidade"), max_value=1000, min_value=1)
    validity_unit = forms.ChoiceField(
        label=_("Unidade da validade"), choices=VALIDITY_UNIT_CHOICES, required=False
    )
    is_digital = forms.BooleanField(label=_("O serviço pode ser solicitado pela internet"), required=False)
    digital_url = _text(
        500, _("Endereço onde o serviço digital é solicitado"), help_text=_("Começando por https://")
    )
    min_login_level = forms.ChoiceField(
        label=_("Nível mínimo da conta MT Login"),
        choices=list(LEVEL_LABELS.items()),
        initial="bronze",
        widget=forms.RadioSelect,
        help_text=_(
            "Bronze: e-mail confirmado; Prata: identidade conferida em unidade de atendimento; "
            "Ouro: certificado digital ICP-Brasil."
        ),
    )
    units = forms.MultipleChoiceField(
        label=_("Unidades de atendimento"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    change_summary = _text(
        300, _("Resumo da alteração"), help_text=_("O que mudou nesta versão, para o histórico.")
    )

    def __init__(self, *args, agencies=None, unit_choices=(), category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in QUALITY_FIELDS:
            self.fields[name] = _text(5000, label, textarea=True, help_text=help_text, rows=3)
        self.fields["categories"].choices = list(category_choices)
        self.fields["units"].choices = list(unit_choices)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=_("Órgão responsável"),
                queryset=agencies,
                empty_label=_("— escolha o órgão —"),
                error_messages={"invalid_choice": _("Escolha um dos órgãos em que você é editor.")},
            )
            self.order_fields(["agency"])

    @property
    def quality_fields(self):
        return [self[name] for name, _label, _help in QUALITY_FIELDS]
