"""Validation of a Carta content document, with pydantic's errors translated into Portuguese
and keyed by the field they concern (used by every write that takes content, and by the
editor's forms to put each message next to its field)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from pydantic import ValidationError as PydanticValidationError

from ..content import ServiceContent
from ..models import Agency, Category, ServiceUnit

# Pydantic's own messages are English; these are what a person sees instead (by error type).
_PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": N_("Preencha este campo."),
    "string_type": N_("Informe um texto."),
    "string_too_long": N_("Use no máximo %(max_length)s caracteres."),
    "too_short": N_("Informe pelo menos %(min_length)s item."),
    "too_long": N_("Informe no máximo %(max_length)s itens."),
    "list_type": N_("Informe uma lista de itens."),
    "literal_error": N_("Escolha uma das opções oferecidas."),
    "enum": N_("Escolha uma das opções oferecidas."),
    "url_parsing": N_("Informe um endereço válido, começando por https://."),
    "url_scheme": N_("O endereço deve começar por http:// ou https://."),
    "url_type": N_("Informe um endereço válido, começando por https://."),
    "url_too_long": N_("O endereço é longo demais."),
    "int_parsing": N_("Informe um número inteiro."),
    "int_type": N_("Informe um número inteiro."),
    "int_from_float": N_("Informe um número inteiro."),
    "greater_than_equal": N_("Informe um número maior ou igual a %(ge)s."),
    "greater_than": N_("Informe um número maior que %(gt)s."),
    "less_than_equal": N_("Informe um número menor ou igual a %(le)s."),
    "less_than": N_("Informe um número menor que %(lt)s."),
    "decimal_parsing": N_("Informe um valor em reais, por exemplo 25,50."),
    "decimal_type": N_("Informe um valor em reais, por exemplo 25,50."),
    "decimal_max_digits": N_("O valor pode ter no máximo %(max_digits)s dígitos."),
    "decimal_max_places": N_("Use no máximo %(decimal_places)s casas decimais."),
    "decimal_whole_digits": N_("O valor é grande demais."),
    "bool_parsing": N_("Marque ou desmarque a opção."),
    "bool_type": N_("Marque ou desmarque a opção."),
    "extra_forbidden": N_("Este campo não faz parte do conteúdo de um serviço."),
    "model_type": N_("Formato inválido."),
    "dict_type": N_("Formato inválido."),
}

# Errors that the content model raises about the whole document but that belong to one field.
_ROOT_ERROR_FIELDS: dict[str, str] = {
    "serviço digital precisa do endereço onde é solicitado": "digital_url",
    "serviço gratuito não pode ter custos com valor; desmarque 'gratuito'": "is_free",
}


def _pydantic_message(err: dict[str, Any]) -> str:
    """One pydantic error as a Portuguese sentence."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        text = str(ctx.get("error", err["msg"])).removeprefix("Value error, ").strip()
        text = text[:1].upper() + text[1:]
        return text if text.endswith(".") else text + "."
    if kind == "string_too_short":
        if ctx.get("min_length", 1) <= 1 or err.get("input") == "":
            return _("Preencha este campo.")
        return _("Use pelo menos %(min_length)s caracteres.") % ctx
    if kind == "too_short" and ctx.get("min_length", 1) > 1:
        return _("Informe pelo menos %(min_length)s itens.") % ctx
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return _("Valor inválido.")
    try:
        return _(template) % ctx
    except (KeyError, TypeError, ValueError):
        return _("Valor inválido.")


def validate_content(data: dict[str, Any]) -> ServiceContent:
    """Validate a content document; raise Django's ValidationError with messages in Portuguese.

    Error keys are dotted paths into the document ("name", "steps.0.title",
    "steps.1.costs.0.value"); errors about the whole document use "__all__".
    """
    try:
        content = ServiceContent.model_validate(data)
    except PydanticValidationError as exc:
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            message = _pydantic_message(err)
            field = ".".join(str(p) for p in err["loc"]) or "__all__"
            if field == "__all__":
                raw = str((err.get("ctx") or {}).get("error", "")).strip()
                field = _ROOT_ERROR_FIELDS.get(raw, "__all__")
            bucket = errors.setdefault(field, [])
            if message not in bucket:
                bucket.append(message)
        raise ValidationError(errors) from exc
    known = set(Category.objects.filter(slug__in=content.categories).values_list("slug", flat=True))
    unknown = [c for c in content.categories if c not in known]
    if unknown:
        raise ValidationError({"categories": [_("Área de interesse desconhecida: %s") % ", ".join(unknown)]})
    return content


def _check_units(agency: Agency, content: ServiceContent) -> None:
    if not content.unit_ids:
        return
    found = {
        str(pk)
        for pk in ServiceUnit.objects.filter(agency=agency, pk__in=content.unit_ids).values_list(
            "pk", flat=True
        )
    }
    if found != set(content.unit_ids):
        raise ValidationError({"unit_ids": [_("Unidade de atendimento desconhecida ou de outro órgão.")]})
