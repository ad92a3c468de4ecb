"""Forms of MTI's pages: they parse what was typed and give field-level Portuguese errors; the rules
live in services.mti / services.mti_docs, whose ValidationErrors go back on the same fields."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models.mti import TEXT_MAX, MarketReference, StandardService
from ..services.mti import CODE_RE
from ..services.mti_docs import BODY_MAX, ORDER_MAX

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
SLUG_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_MONEY_RE = re.compile(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?|\d+\.\d{1,2}")


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _text(label, *, max_length: int, required: bool = True, rows: int = 0, help_text="", message=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        help_text=help_text,
        error_messages={
            "required": message or _("Preencha este campo."),
            "max_length": _("Use no máximo %(limit_value)d caracteres."),
        },
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label, help_text=""):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"required": _("Informe a data."), "invalid": _("Informe a data assim: 31/12/2026.")},
    )


class MoneyField(forms.Field):
    """A value in reais typed the Brazilian way ("1.234,56", "1234,56"; "1234.56" is accepted too)."""

    widget = forms.TextInput

    def __init__(self, label, **kwargs):
        kwargs.setdefault("help_text", _("Em reais, por exemplo 1.234,56."))
        kwargs.setdefault("error_messages", {"required": _("Informe o valor.")})
        super().__init__(label=label, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "maxlength": "20"}

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        text = text.replace("R$", "").replace(" ", "").replace("\u00a0", "")
        if len(text) > 20 or not _MONEY_RE.fullmatch(text):
            raise ValidationError(_("Informe o valor em reais, por exemplo 1.234,56."), code="invalid")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") == 1 and len(text.split(".")[1]) <= 2:
            pass  # "1234.56": a decimal point
        else:
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(
                _("Informe o valor em reais, por exemplo 1.234,56."), code="invalid"
            ) from exc
        if amount <= 0:
            raise ValidationError(_("O valor deve ser maior que zero."), code="min_value")
        if amount >= Decimal("10000000000"):
            raise ValidationError(_("O valor é alto demais."), code="max_value")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value


class ServiceForm(forms.Form):
    code = _text(
        _("Código"),
        max_length=20,
        help_text=_(
            "Letras sem acento, algarismos, ponto ou hífen, por exemplo HOSP-01. "
            "Aparece no endereço da página."
        ),
    )
    name = _text(_("Nome do serviço"), max_length=200)
    category = forms.ChoiceField(
        label=_("Categoria"),
        choices=[("", _("Escolha…")), *StandardService.Category.choices],
        error_messages={
            "required": _("Escolha a categoria."),
            "invalid_choice": _("Escolha uma das categorias."),
        },
    )
    description = _text(_("Descrição"), max_length=TEXT_MAX, rows=5, help_text=_("O que o serviço inclui."))
    unit = _text(
        _("Unidade de medida"),
        max_length=60,
        help_text=_("Como o serviço é cobrado, por exemplo vCPU/mês, GB/mês, hora técnica."),
    )
    service_level = _text(
        _("Nível de serviço"),
        max_length=TEXT_MAX,
        required=False,
        rows=4,
        help_text=_("Disponibilidade, prazos de atendimento e de solução, horários."),
    )
    is_active = forms.BooleanField(label=_("Serviço ofertado aos órgãos"), required=False, initial=True)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if not CODE_RE.fullmatch(code):
            raise ValidationError(
                _("Use letras sem acento, algarismos, ponto ou hífen, começando por letra ou algarismo.")
            )
        return code


class PriceForm(forms.Form):
    price = MoneyField(_("Preço unitário proposto (R$)"))
    valid_from = _date(_("Vigente a partir de"), help_text=_("Não pode ser uma data que já passou."))
    justification = _text(
        _("Composição e justificativa do preço"),
        max_length=TEXT_MAX,
        rows=6,
        help_text=_("Custos considerados, premissas e por que o preço é compatível com o mercado."),
    )


class ReferenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo da referência"),
        choices=MarketReference.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha o tipo da referência."),
            "invalid_choice": _("Escolha um dos tipos."),
        },
    )
    source = _text(
        _("Fonte"),
        max_length=200,
        help_text=_("O fornecedor, a tabela pública ou o órgão e o contrato de onde vem o preço."),
        message=_("Diga de onde vem o preço."),
    )
    price = MoneyField(_("Preço unitário de mercado (R$)"))
    reference_date = _date(
        _("Data da referência"),
        help_text=_(
            "A data da cotação, da tabela ou do contrato: no máximo 12 meses atrás e nunca no futuro."
        ),
    )
    url = forms.CharField(
        label=_("Endereço da fonte (opcional)"),
        required=False,
        max_length=200,
        help_text=_("Começando com https:// ou http://."),
        error_messages={"max_length": _("Use no máximo %(limit_value)d caracteres.")},
    )
    note = _text(
        _("Observação (opcional)"),
        max_length=500,
        required=False,
        help_text=_("Equivalência com o serviço da MTI, condições da oferta."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[("aprovar", _("Aprovar")), ("recusar", _("Não aprovar"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha a decisão."), "invalid_choice": _("Escolha a decisão.")},
    )
    reasons = _text(
        _("Fundamentos da decisão"),
        max_length=TEXT_MAX,
        rows=5,
        help_text=_("São publicados com a decisão."),
        message=_("Escreva os fundamentos da decisão: eles são publicados com ela."),
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data.get("decision") == "aprovar"


class JustificationForm(forms.Form):
    title = _text(_("Título"), max_length=200)
    technology = _text(
        _("Tecnologia ou padrão proposto"), max_length=200, message=_("Diga qual é a tecnologia.")
    )
    context = _text(
        _("Necessidade"), max_length=TEXT_MAX, rows=5, help_text=_("O problema que a tecnologia resolve.")
    )
    justification = _text(_("Justificativa técnica"), max_length=TEXT_MAX, rows=8)
    alternatives = _text(
        _("Alternativas consideradas"),
        max_length=TEXT_MAX,
        rows=5,
        help_text=_("Quais foram avaliadas e por que não foram escolhidas."),
    )
    costs = _text(_("Custos e impacto (opcional)"), max_length=TEXT_MAX, required=False, rows=4)


class GuideForm(forms.Form):
    slug = _text(
        _("Endereço da página"),
        max_length=80,
        help_text=_("Letras minúsculas sem acento, algarismos e hífens, por exemplo como-aderir-ao-x-via."),
    )
    title = _text(_("Título"), max_length=200)
    summary = _text(_("Resumo"), max_length=300, help_text=_("Uma frase: aparece na lista de orientações."))
    body = _text(
        _("Texto"),
        max_length=BODY_MAX,
        rows=16,
        help_text=_(
            "Texto simples. Deixe uma linha em branco entre parágrafos. Comece a linha com ## para um "
            "título de seção, ### para um subtítulo, - para um item de lista ou 1. para uma lista "
            "numerada. Para um link escreva [texto do link](https://endereço)."
        ),
    )
    order = forms.IntegerField(
        label=_("Ordem na lista"),
        min_value=0,
        max_value=ORDER_MAX,
        initial=100,
        help_text=_("As de número menor aparecem primeiro."),
        error_messages={
            "required": _("Informe a ordem."),
            "invalid": _("Informe um número inteiro."),
            "min_value": _("Informe um número de 0 a 32767."),
            "max_value": _("Informe um número de 0 a 32767."),
        },
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip().lower()
        if not SLUG_RE.fullmatch(slug):
            raise ValidationError(_("Use só letras minúsculas sem acento, algarismos e hífens."))
        return slug
