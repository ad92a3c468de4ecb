"""Who may request the service, and the legislation it rests on: one formset of rows each."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import _rows, _text


class RequesterForm(forms.Form):
    type = _text(300, _("Quem pode solicitar"), help_text=_("Por exemplo: “Cidadão maior de 18 anos”."))
    requirements = _text(5000, _("Requisitos"), textarea=True, rows=3)


class LegislationForm(forms.Form):
    title = _text(300, _("Norma"), help_text=_("Por exemplo: “Lei nº 13.460, de 26 de junho de 2017”."))
    url = _text(500, _("Endereço da norma na internet"))


RequesterFormSet = _rows(RequesterForm, max_num=20)
LegislationFormSet = _rows(LegislationForm, max_num=30)
