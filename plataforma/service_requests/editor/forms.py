"""Input forms of the request-form and workflow editors. They only collect and shape input; the
rules live in formspec/workflow (pydantic) and are applied by services.forms_admin."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plataforma.common.text import fold

from ..dynamic_forms.fields import BrazilianDecimalField
from ..formspec import FIELD_TYPE_LABELS, FILE_KIND_LABELS, MAX_FILE_MB, FieldSpec
from ..prefill import prefill_choices, prefill_source_types
from ..workflow import ROLE_LABELS, Status


class ServiceErrorsMixin:
    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for name, messages in exc.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


# --- request form settings -----------------------------------------------------------------------


class SettingsForm(ServiceErrorsMixin, forms.Form):
    accepts_requests = forms.BooleanField(
        label=_("Receber pedidos pela plataforma"),
        required=False,
        help_text=_("Abra só depois de publicar o formulário. Fechar não afeta os pedidos já feitos."),
    )
    fee_amount = BrazilianDecimalField(
        label=_("Taxa (R$)"),
        required=False,
        decimal_places=2,
        max_digits=10,
        min_value=0,
        help_text=_("Deixe em branco se o serviço é gratuito. Por exemplo: 182,45."),
    )
    fee_description = forms.CharField(
        label=_("Descrição da taxa"),
        required=False,
        max_length=140,
        help_text=_("Aparece na cobrança PIX, por exemplo “Taxa de transferência de propriedade”."),
    )
    payment_days = forms.IntegerField(
        label=_("Prazo para pagar (dias)"), min_value=1, max_value=30, initial=3
    )
    rate_each_step = forms.BooleanField(
        label=_("Pedir avaliação a cada etapa (além da avaliação ao concluir)"), required=False
    )
    workflow = forms.ChoiceField(label=_("Fluxo de trabalho"), required=False)

    def __init__(self, *args, workflows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workflows = {str(w.pk): w for w in workflows}
        self.fields["workflow"].choices = [
            ("", _("Fluxo padrão da plataforma")),
            *((str(w.pk), f"{w.name} (v{w.version})") for w in workflows),
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "accepts_requests": data["accepts_requests"],
            "fee_amount": data["fee_amount"],
            "fee_description": data["fee_description"],
            "payment_days": data["payment_days"],
            "rate_each_step": data["rate_each_step"],
            "workflow": self.workflows.get(data["workflow"] or ""),
        }


# --- fields of a request form --------------------------------------------------------------------


class FieldTypeForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Que tipo de informação o campo pede?"),
        choices=list(FIELD_TYPE_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha o tipo do campo.")},
    )


def parse_choices(text: str) -> list[dict[str, str]]:
    """One option per line: "código | rótulo", or just the label (the code is derived)."""
    options = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        value, bar, label = line.partition("|")
        if not bar:
            value, label = "", line
        value, label = value.strip(), label.strip()
        if not value:
            value = re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")[:60] or "opcao"
        options.append({"value": value, "label": label})
    return options


def choices_text(choices: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['value']} | {c['label']}" for c in choices)


DATE_RULES = [
    ("", _("Qualquer data")),
    ("no_future", _("Sem datas futuras (por exemplo, data de nascimento)")),
    ("no_past", _("Sem datas passadas (por exemplo, data desejada)")),
]


class FieldEditForm(ServiceErrorsMixin, forms.Form):
    """The options of one field; which inputs appear depends on the field's type (no JS)."""

    label = forms.CharField(label=_("Pergunta (rótulo do campo)"), max_length=200)
    help_text = forms.CharField(
        label=_("Texto de ajuda"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Explique em linguagem simples o que a pessoa deve informar."),
    )
    required = forms.BooleanField(label=_("Resposta obrigatória"), required=False, initial=True)

    def __init__(self, *args, field_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_type = field_type
        sources = [
            (key, label)
            for key, label in prefill_choices()
            if field_type in prefill_source_types().get(key, ())
        ]
        if sources:
            self.fields["prefill"] = forms.ChoiceField(
                label=_("Preencher com dados que a plataforma já tem"),
                required=False,
                choices=[("", _("Não: perguntar à pessoa")), *sources],
                help_text=_(
                    "Quando a plataforma conhece o dado, ele não é perguntado de novo "
                    "(Lei 13.460, art. 5º, XV)."
                ),
            )
        add = getattr(self, f"_add_{field_type}", None)
        if field_type == "textarea":
            add = self._add_text
        if field_type == "multichoice":
            add = self._add_choice
        if add:
            add()

    def _int(self, name, label, **kwargs):
        self.fields[name] = forms.IntegerField(label=label, required=False, **kwargs)

    def _add_text(self):
        self._int("min_length", _("Mínimo de caracteres"), min_value=0, max_value=10000)
        self._int("max_length", _("Máximo de caracteres"), min_value=1, max_value=10000)

    def _add_number(self):
        for name, label in (("min_value", _("Valor mínimo")), ("max_value", _("Valor máximo"))):
            self.fields[name] = BrazilianDecimalField(
                label=label, required=False, decimal_places=4, max_digits=17
            )
        self._int("decimal_places", _("Casas decimais"), min_value=0, max_value=4, initial=0)

    def _add_date(self):
        for name, label in (("min_date", _("Data mínima")), ("max_date", _("Data máxima"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            )
        self.fields["date_rule"] = forms.ChoiceField(
            label=_("Regra de data"), required=False, choices=DATE_RULES, widget=forms.RadioSelect
        )

    def _add_choice(self):
        self.fields["choices"] = forms.CharField(
            label=_("Opções"),
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_("Uma opção por linha: “código | rótulo” ou só o rótulo. Pelo menos duas."),
        )
        if self.field_type == "multichoice":
            self._int("max_selected", _("Máximo de opções escolhidas"), min_value=1, max_value=100)

    def _add_file(self):
        self.fields["file_kinds"] = forms.MultipleChoiceField(
            label=_("Tipos de arquivo aceitos"),
            choices=list(FILE_KIND_LABELS.items()),
            widget=forms.CheckboxSelectMultiple,
            help_text=_("O tipo é conferido pelo conteúdo do arquivo, não pelo nome."),
        )
        self._int(
            "max_file_mb",
            _("Tamanho máximo por arquivo (MB)"),
            min_value=1,
            max_value=MAX_FILE_MB,
            initial=10,
        )
        self._int("max_files", _("Quantidade máxima de arquivos"), min_value=1, max_value=10, initial=1)

    @classmethod
    def initial_from(cls, spec: FieldSpec) -> dict[str, Any]:
        initial = spec.model_dump(mode="python")
        for name in ("min_value", "max_value"):
            if initial.get(name) is not None:
                # Brazilian notation, so that "1.500" is never read back as one thousand five hundred.
                initial[name] = f"{initial[name].normalize():f}".replace(".", ",")
        initial["choices"] = choices_text([c.model_dump() for c in spec.choices])
        initial["date_rule"] = (
            "no_future" if spec.no_future_dates else "no_past" if spec.no_past_dates else ""
        )
        return initial

    def field_dict(self, key: str | None = None) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        result: dict[str, Any] = {"type": self.field_type}
        if key:
            result["key"] = key
        rule = data.pop("date_rule", None)
        if self.field_type == "date":
            result["no_future_dates"] = rule == "no_future"
            result["no_past_dates"] = rule == "no_past"
        if "choices" in data:
            result["choices"] = parse_choices(data.pop("choices"))
        for name, value in data.items():
            if value not in (None, ""):
                result[name] = str(value) if name in ("min_value", "max_value") else value
        result["required"] = bool(data.get("required"))
        return result


# --- workflows -----------------------------------------------------------------------------------

KEY_FIELD = {
    "max_length": 40,
    "validators": [],
    "help_text": _("Nome interno: letras minúsculas sem acento, números e “_”. Não muda depois."),
}


class _KeyMixin:
    def _add_key(self, is_new: bool) -> None:
        if is_new:
            self.fields = {"key": forms.CharField(label=_("Código"), **KEY_FIELD), **self.fields}


class StateForm(ServiceErrorsMixin, _KeyMixin, forms.Form):
    label = forms.CharField(label=_("Nome da etapa"), max_length=80)
    status = forms.ChoiceField(
        label=_("Categoria"),
        choices=Status.choices,
        help_text=_("O que a etapa significa para a plataforma: listas, prazos e painel."),
    )
    description = forms.CharField(
        label=_("O que o solicitante lê nesta etapa"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rate = forms.BooleanField(label=_("O solicitante pode avaliar ao chegar nesta etapa"), required=False)

    def __init__(self, *args, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_key(is_new)


class ActionForm(ServiceErrorsMixin, _KeyMixin, forms.Form):
    label = forms.CharField(label=_("Nome da ação"), max_length=80)
    from_states = forms.MultipleChoiceField(
        label=_("A partir das etapas"), widget=forms.CheckboxSelectMultiple
    )
    to_state = forms.ChoiceField(label=_("Leva para a etapa"))
    roles = forms.MultipleChoiceField(
        label=_("Quem pode fazer"), choices=list(ROLE_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    requires_note = forms.BooleanField(label=_("Exige observação"), required=False)
    note_label = forms.CharField(label=_("Nome do campo de observação"), max_length=120, initial="Observação")
    asks_question = forms.BooleanField(
        label=_("A observação é uma pergunta ao solicitante, com prazo para resposta"), required=False
    )
    answer_days = forms.IntegerField(
        label=_("Prazo de resposta (dias úteis)"), min_value=1, max_value=90, initial=10
    )
    allows_attachments = forms.BooleanField(label=_("Permite anexar documentos"), required=False)
    notify_requester = forms.BooleanField(label=_("Avisar o solicitante"), required=False, initial=True)

    def __init__(self, *args, is_new: bool, states: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_states"].choices = states
        self.fields["to_state"].choices = [("", _("— escolha a etapa —")), *states]
        self._add_key(is_new)


class WorkflowSettingsForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Nome do fluxo"), max_length=120)
    initial_state = forms.ChoiceField(label=_("Etapa inicial (depois do envio ou do pagamento)"))
    payment_state = forms.ChoiceField(label=_("Etapa enquanto se espera o pagamento"), required=False)
    paid_action = forms.ChoiceField(
        label=_("Ação do sistema quando o pagamento é confirmado"), required=False
    )
    expired_action = forms.ChoiceField(label=_("Ação do sistema quando a cobrança vence"), required=False)

    def __init__(self, *args, states, actions, **kwargs):
        super().__init__(*args, **kwargs)
        none = [("", _("— nenhuma —"))]
        self.fields["initial_state"].choices = states
        self.fields["payment_state"].choices = [*none, *states]
        self.fields["paid_action"].choices = [*none, *actions]
        self.fields["expired_action"].choices = [*none, *actions]
