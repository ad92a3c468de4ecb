"""Forms of the councils' pages: they parse what was typed and give field-level Portuguese errors;
the rules live in the services, whose ValidationErrors go back on the same fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
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


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def datetime_field(label, help_text="") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=help_text,
        error_messages={
            "required": _("Informe a data e a hora."),
            "invalid": _("Informe a data e a hora assim: 31/12/2026 18:00."),
        },
    )


def date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"required": _("Informe a data."), "invalid": _("Informe a data assim: 31/12/2026.")},
    )


def text_field(label, *, max_length: int, required: bool = True, rows: int = 0, help_text="", message=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages={
            "required": message or _("Preencha este campo."),
            "max_length": _("Use no máximo %(limit_value)d caracteres."),
        },
    )


class ReasonForm(forms.Form):
    reason = text_field(
        _("Motivo"),
        max_length=1000,
        rows=3,
        message=_("Explique o motivo: ele é publicado ou enviado à pessoa."),
    )


class NoteForm(forms.Form):
    note = text_field(_("Observação (opcional)"), max_length=500, required=False, rows=3)


class RequiredNoteForm(forms.Form):
    note = text_field(_("Motivo do desligamento"), max_length=500, rows=3, message=_("Explique o motivo."))
