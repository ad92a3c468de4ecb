"""Building blocks shared by every section of the content form: field builders, the list-of-lines
field, choices for durations, and the formset of optional rows (blank rows are ignored, rows can be
removed with a checkbox)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TIME_KIND_CHOICES = [
    ("nao-estimado", _("Não estimado")),
    ("imediato", _("Atendimento imediato")),
    ("ate", _("Até (prazo máximo)")),
    ("em-media", _("Em média")),
    ("entre", _("Entre um mínimo e um máximo")),
]
TIME_UNIT_CHOICES = [
    ("", _("— escolha a unidade —")),
    ("minutos", _("minutos")),
    ("horas", _("horas")),
    ("dias", _("dias corridos")),
    ("dias-uteis", _("dias úteis")),
    ("meses", _("meses")),
]


class LinesField(forms.CharField):
    """A textarea where each non-empty line is one item of a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20000)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def run_validators(self, value):
        # max_length applies to the text typed, checked by the CharField before splitting.
        return None

    def clean(self, value):
        text = value or ""
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(_("Texto longo demais."), code="max_length")
        return super().clean(value)


def _text(max_length: int, label, *, textarea: bool = False, help_text="", rows: int = 4) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, required=False, help_text=help_text, widget=widget
    )


def _int(label, *, max_value: int = 100000, min_value: int = 0) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=min_value, max_value=max_value)


class _RowFormSet(forms.BaseFormSet):
    """Rows may be left blank (they are ignored) or removed with the “Remover” box."""

    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remover")


def _rows(form_class, *, max_num: int, formset=_RowFormSet):
    return forms.formset_factory(
        form_class,
        formset=formset,
        extra=1,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
        absolute_max=max_num + 10,
    )


def _blank(form: forms.Form, *, ignore: tuple[str, ...] = ()) -> bool:
    """A row with nothing typed (checkbox defaults and DELETE aside)."""
    if form.is_bound:
        values = [form[name].value() for name in form.fields if name not in ("DELETE", *ignore)]
    else:
        return True
    for value in values:
        if isinstance(value, bool):
            if value:
                return False
        elif value not in (None, "", [], ()):
            return False
    return True


def _deleted(form: forms.Form) -> bool:
    return bool(form.is_bound and form["DELETE"].value()) if "DELETE" in form.fields else False
