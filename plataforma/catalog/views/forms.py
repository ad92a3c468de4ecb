"""Input forms of the public pages: they only validate; reads and writes happen elsewhere."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..search import MAX_QUERY_LENGTH, SearchFilters

MAX_PAGE = 10_000
MAX_COMMENT_LENGTH = 1000


class ServiceFilterForm(forms.Form):
    """Filters shared by the search and the list pages (GET). Unknown values are errors, not
    silently ignored: the view answers 400 with the message."""

    publico = forms.ChoiceField(label=_("Público"), required=False)
    orgao = forms.ChoiceField(label=_("Órgão"), required=False)
    area = forms.ChoiceField(label=_("Área de interesse"), required=False)
    digital = forms.BooleanField(label=_("Somente serviços digitais"), required=False)
    gratuito = forms.BooleanField(label=_("Somente serviços gratuitos"), required=False)
    pagina = forms.IntegerField(
        label=_("Página"),
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": _("O número da página precisa ser um número inteiro."),
            "min_value": _("O número da página precisa ser 1 ou maior."),
            "max_value": _("O número da página é grande demais."),
        },
    )

    # Fields fixed by the page (e.g. the audience on /publico/empresa/) are removed.
    def __init__(self, data, *, options: dict[str, list[tuple[str, str]]], fixed: tuple[str, ...] = ()):
        super().__init__(data)
        invalid = _("O valor “%(value)s” não existe. Escolha uma das opções da lista.")
        for name, key, empty in (
            ("publico", "audiences", _("Todos os públicos")),
            ("orgao", "agencies", _("Todos os órgãos")),
            ("area", "categories", _("Todas as áreas")),
        ):
            self.fields[name].choices = [("", empty), *options[key]]
            self.fields[name].error_messages["invalid_choice"] = invalid
        for name in fixed:
            del self.fields[name]

    def search_filters(self, **fixed: str) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            audience=fixed.get("audience") or data.get("publico") or None,
            agency=fixed.get("agency") or data.get("orgao") or None,
            category=fixed.get("category") or data.get("area") or None,
            digital_only=bool(data.get("digital")),
            free_only=bool(data.get("gratuito")),
        )

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("pagina") or 1

    @property
    def has_active_filters(self) -> bool:
        return any(self.cleaned_data.get(n) for n in ("publico", "orgao", "area", "digital", "gratuito"))


class SearchForm(ServiceFilterForm):
    q = forms.CharField(
        label=_("O que você procura?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "A busca pode ter no máximo %(limit_value)d caracteres (você digitou %(show_value)d)."
            )
        },
    )

    field_order = ["q"]


class FeedbackForm(forms.Form):
    """'Esta informação foi útil?' (POST)."""

    util = forms.TypedChoiceField(
        label=_("Esta informação foi útil?"),
        choices=[("sim", _("Sim")), ("nao", _("Não"))],
        coerce=lambda v: v == "sim",
        widget=forms.RadioSelect,
        error_messages={"required": _("Responda sim ou não."), "invalid_choice": _("Responda sim ou não.")},
    )
    comentario = forms.CharField(
        label=_("Comentário (opcional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Não escreva dados pessoais. Até 1000 caracteres."),
        error_messages={
            "max_length": _(
                "O comentário pode ter no máximo %(limit_value)d caracteres (você escreveu %(show_value)d)."
            )
        },
    )
