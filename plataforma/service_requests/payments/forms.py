"""The reconciliation filter (GET form): agency, period, status, reconciliation flag."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Charge

MAX_PERIOD_DAYS = 366
RECONCILIATION_CHOICES = [
    ("", _("Todas")),
    ("qualquer", _("Só as que pedem conciliação")),
    (Charge.Reconciliation.REFUND, Charge.Reconciliation.REFUND.label),
    (Charge.Reconciliation.MISMATCH, Charge.Reconciliation.MISMATCH.label),
]


def month_start(today: date) -> date:
    return today.replace(day=1)


class ReconciliationFilterForm(forms.Form):
    orgao = forms.ChoiceField(label=_("Órgão"), required=False)
    de = forms.DateField(
        label=_("De"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Data em que a cobrança foi emitida."),
    )
    ate = forms.DateField(label=_("Até"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    situacao = forms.ChoiceField(
        label=_("Situação"), required=False, choices=[("", _("Todas")), *Charge.Status.choices]
    )
    conciliacao = forms.ChoiceField(label=_("Conciliação"), required=False, choices=RECONCILIATION_CHOICES)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        self.fields["orgao"].choices = [(a.slug, f"{a.acronym} — {a.name}") for a in self.agencies]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = data.get("de") or month_start(today)
        end = data.get("ate") or today
        if "de" not in self.errors and "ate" not in self.errors:
            if start > end:
                self.add_error("ate", _("A data final deve ser igual ou posterior à inicial."))
            elif end - start > timedelta(days=MAX_PERIOD_DAYS):
                self.add_error("ate", _("Escolha um período de até um ano."))
        data["de"], data["ate"] = start, end
        return data

    def agency(self):
        slug = self.cleaned_data.get("orgao") or (self.agencies[0].slug if self.agencies else "")
        return next((a for a in self.agencies if a.slug == slug), None)
