"""Forms of the relatório de gestão: the ouvidoria's draft, and the year/agency chooser."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ADDRESSEE_MAX_LENGTH, MIN_YEAR, TEXT_MAX_LENGTH
from .selectors.reports import current_year

SLUG = re.compile(r"[-a-z0-9_]{1,40}")


class ReportDraftForm(forms.Form):
    """Lei 13.460 art. 14 II: point out failures and suggest improvements; art. 15 §único I: to
    whom it is sent. Plain text; blank lines separate paragraphs."""

    analise = forms.CharField(
        label=gettext_lazy("Análise dos pontos recorrentes e das falhas encontradas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": TEXT_MAX_LENGTH}),
        help_text=gettext_lazy(
            "O que os números mostram: os assuntos que mais se repetem, onde os prazos não foram cumpridos e "
            "que falhas dos serviços as manifestações revelaram. Não escreva nomes, CPFs nem o texto de "
            "manifestações: o relatório é público. Até 20.000 caracteres."
        ),
    )
    recomendacoes = forms.CharField(
        label=gettext_lazy("Melhorias sugeridas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": TEXT_MAX_LENGTH}),
        help_text=gettext_lazy(
            "O que a ouvidoria recomenda aos órgãos para melhorar os serviços. Até 20.000 caracteres."
        ),
    )
    encaminhado_a = forms.CharField(
        label=gettext_lazy("A quem o relatório é encaminhado"),
        required=False,
        max_length=ADDRESSEE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": ADDRESSEE_MAX_LENGTH, "autocomplete": "off"}),
        help_text=gettext_lazy(
            "A autoridade máxima do órgão (Lei 13.460, art. 15, parágrafo único, I), por exemplo "
            "“Governador do Estado de Mato Grosso” ou “Presidente do DETRAN-MT”."
        ),
        error_messages={"max_length": gettext_lazy("Use no máximo %(limit_value)d caracteres.")},
    )


# The form field each service field appears as.
FIELD_MAP = {"analysis": "analise", "recommendations": "recomendacoes", "addressed_to": "encaminhado_a"}


def parse_choice(*, year: str | None, agency: str | None) -> tuple[int | None, str, list[str]]:
    """The chooser of the reports' index (`?ano=2025&orgao=detran-mt`): (year, slug, errors)."""
    errors: list[str] = []
    raw = (year or "").strip()
    parsed = None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        errors.append(_("O ano precisa ter 4 algarismos, por exemplo %(ano)d.") % {"ano": current_year() - 1})
    else:
        parsed = int(raw)
        if not MIN_YEAR <= parsed <= current_year():
            errors.append(
                _("Escolha um ano entre %(de)d e %(ate)d.") % {"de": MIN_YEAR, "ate": current_year()}
            )
            parsed = None
    slug = (agency or "").strip()
    if slug and not SLUG.fullmatch(slug):
        errors.append(_("Escolha um órgão da lista."))
        slug = ""
    return parsed, slug, errors
