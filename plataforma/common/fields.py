"""Model and form fields for Brazilian identifiers, stored as digits only."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .documents import format_cnpj, format_cpf, is_valid_cnpj, is_valid_cpf, only_digits


def validate_cpf(value: str) -> None:
    if not is_valid_cpf(value):
        raise ValidationError(_("Informe um CPF válido (11 dígitos)."), code="invalid_cpf")


def validate_cnpj(value: str) -> None:
    if not is_valid_cnpj(value):
        raise ValidationError(_("Informe um CNPJ válido (14 dígitos)."), code="invalid_cnpj")


class _DigitsModelField(models.CharField):
    length = 0
    validator = staticmethod(validate_cpf)

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = self.length
        super().__init__(*args, **kwargs)
        self.validators.append(self.validator)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return only_digits(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return only_digits(value) if value else value


class CPFField(_DigitsModelField):
    description = _("CPF (somente dígitos)")
    length = 11
    validator = staticmethod(validate_cpf)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CPFFormField, **kwargs})


class CNPJField(_DigitsModelField):
    description = _("CNPJ (somente dígitos)")
    length = 14
    validator = staticmethod(validate_cnpj)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CNPJFormField, **kwargs})


class CPFFormField(forms.CharField):
    default_error_messages = {"invalid_cpf": _("Informe um CPF válido (11 dígitos).")}

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 14
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return only_digits(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value:
            validate_cpf(value)

    def prepare_value(self, value):
        return format_cpf(value) if value else value


class CNPJFormField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 18
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return only_digits(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value:
            validate_cnpj(value)

    def prepare_value(self, value):
        return format_cnpj(value) if value else value
