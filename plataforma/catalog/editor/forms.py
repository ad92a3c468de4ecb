"""Small forms of the editors' back office: the note when returning a version to draft, and
service units. The content form lives in content_forms.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plataforma.catalog import services
from plataforma.catalog.models import ServiceUnit


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("O que precisa ser corrigido"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explique o que precisa ser corrigido.")},
    )


class UnitForm(forms.Form):
    """Input of a service unit; services.unit_create / unit_update validate and save it."""

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=_("Órgão"),
                queryset=agencies,
                empty_label=_("— escolha o órgão —"),
                error_messages={"invalid_choice": _("Escolha um dos órgãos em que você é editor.")},
            )
        self.fields.update(
            forms.fields_for_model(
                ServiceUnit,
                fields=services.UNIT_FIELDS,
                widgets={"accessibility": forms.Textarea(attrs={"rows": 3})},
            )
        )
        self.fields["postal_code"] = forms.CharField(
            label=_("CEP"), max_length=9, required=False, help_text=_("Por exemplo: 78049-903.")
        )

    def unit_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in services.UNIT_FIELDS}

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for field, messages in exc.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)
