"""Forms of the plan's pages: they parse what was typed and give field-level Portuguese errors; the
rules live in services.plan and services.plan_tracks, whose ValidationErrors go back on the same
fields (apply_service_errors)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.service_requests.dynamic_forms.fields import BrazilianDecimalField

from ..models import Risk, Track
from ..models.plan import TEXT_MAX, TITLE_MAX

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
SELECT = {"class": "portal-select"}


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _text(label, *, max_length: int = TEXT_MAX, required=True, rows=4, message="", help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages={
            "required": message or _("Preencha este campo."),
            "max_length": _("Use no máximo %(limit_value)d caracteres (você usou %(show_value)d)."),
        },
    )


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"required": _("Informe a data."), "invalid": _("Informe a data assim: 31/12/2026.")},
    )


def _money(label, *, required=False, help_text=""):
    return BrazilianDecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=help_text,
        error_messages={
            "required": _("Informe o valor em reais."),
            "invalid": _("Informe um valor em reais, por exemplo: 150.000,00."),
            "min_value": _("O valor não pode ser negativo."),
            "max_digits": _("Informe um valor de até 999.999.999.999,99."),
            "max_whole_digits": _("Informe um valor de até 999.999.999.999,99."),
            "max_decimal_places": _("Use no máximo dois algarismos depois da vírgula."),
        },
    )


def _int(label, *, min_value: int, max_value: int, help_text=""):
    message = _("Informe um número de %(a)d a %(b)d.") % {"a": min_value, "b": max_value}
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        help_text=help_text,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


# --- cycles (the Núcleo) ---------------------------------------------------------------------------


class CycleEditForm(forms.Form):
    nomination_deadline = forms.DateTimeField(
        label=_("Prazo para as indicações"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Data e hora de Cuiabá. Até lá os órgãos indicam e alteram seus serviços."),
        error_messages={
            "required": _("Informe a data e a hora do prazo."),
            "invalid": _("Informe a data e a hora assim: 31/12/2026 18:00."),
        },
    )
    max_per_agency = _int(
        _("Máximo de serviços por órgão"), min_value=1, max_value=20, help_text=_("A resolução prevê até 5.")
    )
    guidance = _text(
        _("Orientações aos órgãos (opcional)"),
        required=False,
        help_text=_("O que o Núcleo espera das indicações: critérios, prioridades do governo, contatos."),
    )


class CycleForm(CycleEditForm):
    field_order = ["year", "nomination_deadline", "max_per_agency", "guidance"]

    year = _int(_("Ano do plano"), min_value=2021, max_value=2100)

    def __init__(self, *args, default_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination_deadline"].required = False
        self.fields["nomination_deadline"].help_text = _(
            "Data e hora de Cuiabá. Deixe em branco para %(n)d dias a partir de agora."
        ) % {"n": default_days}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[("aprovar", _("Aprovar: o serviço entra no plano")), ("recusar", _("Não aprovar"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha aprovar ou não aprovar."),
            "invalid_choice": _("Escolha aprovar ou não aprovar."),
        },
    )
    note = _text(
        _("Motivo"),
        required=False,
        help_text=_("Obrigatório quando o serviço não é aprovado: o órgão lê este texto."),
    )


class ApproveForm(forms.Form):
    note = _text(
        _("Deliberação do Núcleo"),
        message=_("Registre a deliberação do Núcleo que aprovou o plano."),
        help_text=_("Por exemplo: a reunião e a data em que o plano foi aprovado, e as condições."),
    )


# --- nominations (the agency's gestor) -------------------------------------------------------------


class NominationEditForm(forms.Form):
    rank = _int(_("Prioridade"), min_value=1, max_value=20)
    justification = _text(
        _("Justificativa"),
        rows=6,
        message=_("Explique por que este serviço deve ser prioridade (quem usa, quanto, o que melhora)."),
        help_text=_("Quem usa o serviço, quantos pedidos por ano, o que melhora quando ele for digital."),
    )

    def __init__(self, *args, max_rank: int, free_ranks: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rank"] = _int(
            _("Prioridade"),
            min_value=1,
            max_value=max_rank,
            help_text=(
                _("1 é a mais importante. Livres: %(ranks)s.") % {"ranks": ", ".join(map(str, free_ranks))}
                if free_ranks
                else _("1 é a mais importante.")
            ),
        )
        self.order_fields(["service", "rank", "justification"])


class NominationForm(NominationEditForm):
    service = forms.ModelChoiceField(
        label=_("Serviço da Carta"),
        queryset=None,
        empty_label=_("Escolha o serviço"),
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Escolha o serviço."),
            "invalid_choice": _("Escolha um serviço da lista: os publicados na Carta do seu órgão."),
        },
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


# --- tracks (the agency's gestor; the budget granted by the Núcleo) ---------------------------------


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name if hasattr(obj, "display_name") else str(obj)


class TrackForm(forms.Form):
    owner = OwnerChoiceField(
        label=_("Responsável"),
        queryset=None,
        required=False,
        empty_label=_("Ninguém por enquanto"),
        widget=forms.Select(attrs=SELECT),
        help_text=_("Um servidor do órgão (com um papel ativo no órgão)."),
        error_messages={"invalid_choice": _("Escolha uma pessoa da lista.")},
    )
    budget_requested = _money(
        _("Orçamento solicitado (R$)"),
        help_text=_("Deixe em branco se não precisa de recursos do Núcleo. Por exemplo: 150.000,00."),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class BudgetForm(forms.Form):
    budget_granted = _money(
        _("Orçamento concedido (R$)"), required=True, help_text=_("Por exemplo: 120.000,00.")
    )
    budget_note = _text(
        _("Observação sobre o financiamento (opcional)"),
        required=False,
        help_text=_("A fonte dos recursos, as condições, as parcelas."),
    )


def _stage_choices(stages=None):
    labels = dict(Track.Stage.choices)
    return [(value, labels[value]) for value in (stages or Track.STAGE_ORDER)]


class MilestoneForm(forms.Form):
    title = _text(_("Marco"), max_length=TITLE_MAX, rows=0, message=_("Diga qual é o marco."))
    stage = forms.ChoiceField(
        label=_("Etapa (opcional)"),
        required=False,
        choices=[("", _("Nenhuma em especial")), *_stage_choices()],
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": _("Escolha uma etapa da lista.")},
    )
    due_on = _date(_("Data prevista"))
    done_on = _date(
        _("Concluído em (opcional)"),
        required=False,
        help_text=_("Preencha quando o marco for cumprido. Não pode ser uma data futura."),
    )

    def clean_done_on(self):
        value = self.cleaned_data.get("done_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("A data de conclusão não pode estar no futuro."))
        return value


class RiskForm(forms.Form):
    description = _text(
        _("Risco"), max_length=500, rows=2, message=_("Descreva o risco: o que pode dar errado.")
    )
    probability = forms.ChoiceField(
        label=_("Probabilidade"),
        choices=Risk.Level.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha baixo, médio ou alto."),
            "invalid_choice": _("Escolha baixo, médio ou alto."),
        },
    )
    impact = forms.ChoiceField(
        label=_("Impacto"),
        choices=Risk.Level.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha baixo, médio ou alto."),
            "invalid_choice": _("Escolha baixo, médio ou alto."),
        },
    )
    mitigation = _text(_("Como reduzir o risco (opcional)"), required=False)
    status = forms.ChoiceField(
        label=_("Situação"),
        choices=Risk.Status.choices,
        initial=Risk.Status.OPEN,
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Escolha a situação."),
            "invalid_choice": _("Escolha uma situação da lista."),
        },
    )


class StatusUpdateForm(forms.Form):
    text = _text(
        _("Relato"),
        rows=6,
        message=_("Conte o que foi feito desde a última atualização e o que vem a seguir."),
        help_text=_("O que foi feito, o que vem a seguir, o que está atrasando."),
    )
    stage = forms.ChoiceField(
        label=_("Etapa da trilha depois desta atualização"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha a etapa."),
            "invalid_choice": _("Escolha uma das etapas da lista."),
        },
    )

    def __init__(self, *args, stages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = _stage_choices(stages)
