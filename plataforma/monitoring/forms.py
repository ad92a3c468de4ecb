"""Forms of the monitoring pages: the rating form and the panel's filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dimensions import DIMENSIONS, SCORE_LABELS, SCORES
from .models import MAX_COMMENT, MonthlyIndicator

MIN_YEAR = 2017  # Lei 13.460/2017: nothing to show before it.

SCORE_CHOICES = [(str(n), f"{n} — {SCORE_LABELS[n]}") for n in SCORES]


class EvaluationForm(forms.Form):
    """Lei 13.460 art. 23: a score 1-5, the seven gov.br dimensions (optional), a comment."""

    score = forms.TypedChoiceField(
        label=_("Qual a sua satisfação geral com este pedido?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha uma nota de 1 a 5."),
            "invalid_choice": _("Escolha uma nota de 1 a 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comentário (opcional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_COMMENT}),
        help_text=_(
            "Conte o que funcionou e o que pode melhorar. Não escreva dados pessoais. Até 1.000 caracteres."
        ),
        error_messages={"max_length": _("Use no máximo %(limit_value)d caracteres no comentário.")},
    )
    anonymous = forms.BooleanField(
        label=_("Avaliar sem me identificar"),
        required=False,
        help_text=_("A avaliação não fica ligada ao seu nome nem ao seu pedido."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, question in DIMENSIONS:
            self.fields[f"dim_{key}"] = forms.TypedChoiceField(
                label=label,
                help_text=question,
                choices=[("", _("Prefiro não responder")), *[(str(n), str(n)) for n in SCORES]],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Escolha uma nota de 1 a 5.")},
            )
        # The comment and the checkbox after the dimensions.
        self.order_fields(["score", *[f"dim_{key}" for key, _l, _q in DIMENSIONS], "comment", "anonymous"])

    def dimension_fields(self):
        return [self[f"dim_{key}"] for key, _l, _q in DIMENSIONS]

    def dimensions(self) -> dict[str, int | None]:
        return {key: self.cleaned_data.get(f"dim_{key}") for key, _l, _q in DIMENSIONS}


def parse_year(raw: str | None) -> tuple[int | None, str | None]:
    """The `ano` parameter: empty = the current year; else 4 digits between 2017 and now."""
    current = timezone.localdate().year
    raw = (raw or "").strip()
    if raw == "":
        return current, None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        return None, str(_("O ano precisa ter 4 algarismos, por exemplo %(ano)d.") % {"ano": current})
    year = int(raw)
    if not MIN_YEAR <= year <= current:
        return None, str(_("Escolha um ano entre %(de)d e %(ate)d.") % {"de": MIN_YEAR, "ate": current})
    return year, None


SCOPE_PARAM = {
    "plataforma": MonthlyIndicator.Scope.PLATFORM,
    "orgao": MonthlyIndicator.Scope.AGENCY,
    "servico": MonthlyIndicator.Scope.SERVICE,
}
