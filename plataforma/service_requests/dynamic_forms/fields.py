"""Form fields for the typed fields of a request form: Brazilian numbers ("1.234,56"), dates with
rules, Brazilian phones (E.164), address parts and multiple file uploads checked by content."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import only_digits
from plataforma.identity.validators import VALID_DDD, normalise_mobile_phone

from ..documents import check_upload

UFS = [
    ("AC", "Acre"),
    ("AL", "Alagoas"),
    ("AP", "Amapá"),
    ("AM", "Amazonas"),
    ("BA", "Bahia"),
    ("CE", "Ceará"),
    ("DF", "Distrito Federal"),
    ("ES", "Espírito Santo"),
    ("GO", "Goiás"),
    ("MA", "Maranhão"),
    ("MT", "Mato Grosso"),
    ("MS", "Mato Grosso do Sul"),
    ("MG", "Minas Gerais"),
    ("PA", "Pará"),
    ("PB", "Paraíba"),
    ("PR", "Paraná"),
    ("PE", "Pernambuco"),
    ("PI", "Piauí"),
    ("RJ", "Rio de Janeiro"),
    ("RN", "Rio Grande do Norte"),
    ("RS", "Rio Grande do Sul"),
    ("RO", "Rondônia"),
    ("RR", "Roraima"),
    ("SC", "Santa Catarina"),
    ("SP", "São Paulo"),
    ("SE", "Sergipe"),
    ("TO", "Tocantins"),
]
UF_CODES = {code for code, _name in UFS}

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_brazilian_decimal(text: str) -> str:
    """ "1.234,56" → "1234.56"; "1234,5" → "1234.5"; "1.234" → "1234" (thousands); "12.5" →
    "12.5" (a point that does not group thousands is taken as the decimal point)."""
    value = re.sub(r"[\s\u00a0]", "", text or "").replace("R$", "")
    if "," in value:
        integer, _comma, decimals = value.rpartition(",")
        if integer and "." in integer and not _THOUSANDS.match(integer):
            return text  # "1.23,4": not a number; let the field complain
        return f"{integer.replace('.', '')}.{decimals}"
    if _THOUSANDS.match(value):
        return value.replace(".", "")
    return value


class BrazilianDecimalField(forms.DecimalField):
    """A number typed the Brazilian way. Trailing zeros beyond the allowed places are dropped
    ("10,00" is fine where whole numbers are asked)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.localize = False

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_brazilian_decimal(value)
        number = super().to_python(value)
        if number is not None and self.decimal_places is not None:
            try:
                quantised = number.quantize(Decimal(1).scaleb(-self.decimal_places))
            except InvalidOperation:
                return number
            if quantised == number:
                number = quantised
        return number

    def widget_attrs(self, widget):
        # No min/max/step attributes: this is a text input (commas are not valid in type=number).
        return forms.Field.widget_attrs(self, widget)


class RuleDateField(forms.DateField):
    """A date with bounds and "no future"/"no past" rules, typed in an `<input type="date">` (or
    as dd/mm/aaaa where the browser has no date picker)."""

    def __init__(self, *, min_date=None, max_date=None, no_future=False, no_past=False, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        kwargs.setdefault(
            "error_messages", {"invalid": _("Informe uma data válida, por exemplo 31/12/2025.")}
        )
        self.min_date, self.max_date = min_date, max_date
        self.no_future, self.no_past = no_future, no_past
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        today = timezone.localdate()
        low = max(filter(None, [self.min_date, today if self.no_past else None]), default=None)
        high = min(filter(None, [self.max_date, today if self.no_future else None]), default=None)
        if low:
            attrs["min"] = low.isoformat()
        if high:
            attrs["max"] = high.isoformat()
        return attrs

    def validate(self, value: date | None):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.no_future and value > today:
            raise ValidationError(_("A data não pode ser depois de hoje."), code="future")
        if self.no_past and value < today:
            raise ValidationError(_("A data não pode ser antes de hoje."), code="past")
        if self.min_date and value < self.min_date:
            raise ValidationError(
                _("Informe uma data a partir de %(date)s.") % {"date": self.min_date.strftime("%d/%m/%Y")},
                code="min_date",
            )
        if self.max_date and value > self.max_date:
            raise ValidationError(
                _("Informe uma data até %(date)s.") % {"date": self.max_date.strftime("%d/%m/%Y")},
                code="max_date",
            )


PHONE_ERROR = _("Informe um telefone brasileiro com DDD, por exemplo (65) 99999-8888 ou (65) 3613-0000.")


def normalise_phone(value: str) -> str:
    """A Brazilian phone (mobile, through identity's rule, or landline) in E.164 (+55…)."""
    digits = only_digits(value)
    if len(digits) in (12, 13) and digits.startswith("55") and not value.strip().startswith("0"):
        digits = digits[2:]
    elif len(digits) in (11, 12) and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) == 11:
        try:
            return normalise_mobile_phone(digits)
        except ValidationError:
            raise ValidationError(PHONE_ERROR, code="invalid_phone") from None
    if len(digits) == 10 and int(digits[:2]) in VALID_DDD and digits[2] in "2345":
        return f"+55{digits}"
    raise ValidationError(PHONE_ERROR, code="invalid_phone")


def format_phone(e164: str) -> str:
    digits = only_digits(e164 or "")
    if digits.startswith("55") and len(digits) in (12, 13):
        digits = digits[2:]
    if len(digits) == 11:
        return f"({digits[:2]}) {digits[2:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"({digits[:2]}) {digits[2:6]}-{digits[6:]}"
    return e164


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel-national"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""

    def prepare_value(self, value):
        return format_phone(value) if value and str(value).startswith("+55") else value


class CEPField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        digits = only_digits(value)
        if len(digits) != 8 or re.sub(r"[\d\s.-]", "", value):
            raise ValidationError(
                _("Informe um CEP com 8 dígitos, por exemplo 78049-903."), code="invalid_cep"
            )
        return digits

    def prepare_value(self, value):
        digits = only_digits(value or "")
        return f"{digits[:5]}-{digits[5:]}" if len(digits) == 8 else value


def format_cep(value: str) -> str:
    digits = only_digits(value or "")
    return f"{digits[:5]}-{digits[5:]}" if len(digits) == 8 else (value or "")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to `max_files` uploads, each checked by content (documents.check_upload) and size."""

    widget = MultipleFileInput

    def __init__(self, *, allowed_kinds, max_mb, max_files, **kwargs):
        kwargs.setdefault("required", False)
        self.allowed_kinds, self.max_mb, self.max_files = list(allowed_kinds), max_mb, max_files
        super().__init__(**kwargs)
        # Django renders `multiple` from the widget's flag, not its attrs: one file, one picker.
        self.widget.allow_multiple_selected = max_files > 1

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        from ..documents import KIND_CONTENT_TYPES

        # A hint for the browser's file picker only; the server checks the content.
        attrs["accept"] = ",".join(KIND_CONTENT_TYPES[k] for k in self.allowed_kinds)
        if self.max_files > 1:
            attrs["multiple"] = True
        else:
            attrs.pop("multiple", None)
        return attrs

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("Envie no máximo %(n)s arquivo(s) neste campo.") % {"n": self.max_files}, code="max_files"
            )
        cleaned, errors = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            try:
                check_upload(upload, allowed_kinds=self.allowed_kinds, max_mb=self.max_mb)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        from django.template.defaultfilters import filesizeformat

        return _("%(name)s (%(size)s, guardado em %(date)s)") % {
            "name": obj.name,
            "size": filesizeformat(obj.size),
            "date": timezone.localtime(obj.created_at).strftime("%d/%m/%Y"),
        }
