"""Forms of the exception requests: they parse what was typed and give field-level Portuguese
errors; the rules live in the services, whose ValidationErrors go back on the same fields
(`apply_service_errors`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.exceptions import TEXT_MAX
from ..services.exceptions_decisions import Decision

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label, *, required=True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"required": _("Informe a data."), "invalid": _("Informe a data assim: 31/12/2026.")},
    )


def _text(label, *, max_length, required=True, rows=0, help_text="", message="") -> forms.CharField:
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


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.agency.acronym} — {obj.name}"


class RequestForm(forms.Form):
    service = ServiceChoiceField(
        label=_("Serviço da Carta"),
        queryset=None,
        empty_label=_("Escolha o serviço"),
        error_messages={
            "required": _("Escolha o serviço."),
            "invalid_choice": _("Escolha um serviço publicado na Carta de Serviços do seu órgão."),
        },
    )
    platform_name = _text(
        _("Plataforma em que o serviço é prestado"),
        max_length=200,
        message=_("Diga em que plataforma o serviço é prestado."),
        help_text=_("Por exemplo: o sistema próprio do órgão, um aplicativo de um fornecedor."),
    )
    platform_url = _text(
        _("Endereço da plataforma (opcional)"),
        max_length=200,
        required=False,
        help_text=_("Comece com http:// ou https://."),
    )
    justification = _text(
        _("Justificativa"),
        max_length=TEXT_MAX,
        rows=6,
        message=_("Explique por que o serviço precisa ficar fora das plataformas oficiais."),
        help_text=_(
            "Por que o serviço não pode estar agora nas plataformas oficiais do Estado. "
            "Texto público se a exceção for aprovada."
        ),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services

    def clean_platform_url(self):
        url = self.cleaned_data["platform_url"].strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError(
                    _("Informe um endereço completo que comece com http:// ou https://.")
                ) from None
        return url


class ActionForm(forms.Form):
    description = _text(
        _("Ação"),
        max_length=300,
        message=_("Descreva a ação."),
        help_text=_("Um passo da migração para as plataformas oficiais."),
    )
    due_on = _date(_("Data prevista"), help_text=_("Depois de hoje."))

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise ValidationError(_("A data prevista precisa ser depois de hoje."))
        return due_on


class DoneForm(forms.Form):
    done_on = _date(_("Concluída em"), help_text=_("Hoje ou uma data anterior."))

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise ValidationError(_("A data de conclusão não pode estar no futuro."))
        return done_on


_REASONS_HELP = _("Publicados com a exceção (exceto na recusa) e enviados ao órgão.")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[(Decision.APPROVE, _("Aprovar a exceção")), (Decision.DECLINE, _("Recusar o pedido"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha aprovar ou recusar."),
            "invalid_choice": _("Escolha aprovar ou recusar."),
        },
    )
    valid_until = _date(
        _("Vale até (na aprovação)"),
        required=False,
        help_text=_("Em branco: a data da última ação do plano. Nunca antes de hoje."),
    )
    reasons = _text(
        _("Fundamentos da decisão"),
        max_length=TEXT_MAX,
        rows=5,
        message=_("Escreva os fundamentos da decisão: o órgão e o público vão lê-los."),
        help_text=_REASONS_HELP,
    )

    def clean(self):
        data = super().clean()
        until = data.get("valid_until")
        if data.get("decision") == Decision.APPROVE and until and until < timezone.localdate():
            self.add_error("valid_until", _("A exceção vale até hoje ou uma data posterior."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[
            (Decision.CLOSE, _("Encerrar: o serviço já está nas plataformas oficiais")),
            (Decision.EXTEND, _("Prorrogar com nova data")),
            (Decision.REVOKE, _("Revogar a exceção")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha encerrar, prorrogar ou revogar."),
            "invalid_choice": _("Escolha encerrar, prorrogar ou revogar."),
        },
    )
    valid_until = _date(
        _("Nova data de validade (na prorrogação)"), required=False, help_text=_("Depois de hoje.")
    )
    new_description = _text(
        _("Nova ação do plano (opcional, na prorrogação)"), max_length=300, required=False
    )
    new_due_on = _date(_("Data prevista da nova ação"), required=False)
    reasons = _text(
        _("Fundamentos da decisão"),
        max_length=TEXT_MAX,
        rows=5,
        message=_("Escreva os fundamentos da decisão: o órgão e o público vão lê-los."),
        help_text=_REASONS_HELP,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") != Decision.EXTEND:
            return data
        today = timezone.localdate()
        until = data.get("valid_until")
        if "valid_until" not in self.errors:
            if until is None:
                self.add_error("valid_until", _("Informe até quando a exceção prorrogada vale."))
            elif until <= today:
                self.add_error("valid_until", _("A nova data precisa ser depois de hoje."))
        description, due_on = data.get("new_description"), data.get("new_due_on")
        if description and due_on is None and "new_due_on" not in self.errors:
            self.add_error("new_due_on", _("Informe a data prevista da nova ação."))
        elif due_on and not description:
            self.add_error("new_description", _("Descreva a nova ação."))
        elif due_on and due_on <= today:
            self.add_error("new_due_on", _("A data prevista precisa ser depois de hoje."))
        return data
