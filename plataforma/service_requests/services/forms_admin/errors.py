"""pydantic validation errors as Django ValidationErrors in Portuguese."""

from __future__ import annotations

from typing import Any

import pydantic
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

_MESSAGES = {
    "missing": "Preencha este campo.",
    "string_pattern_mismatch": "Use só letras minúsculas sem acento, números e “_”, começando por uma letra.",
    "literal_error": "Escolha uma das opções da lista.",
    "enum": "Escolha uma das opções da lista.",
    "extra_forbidden": "Este campo não é permitido aqui.",
    "decimal_parsing": "Informe um número válido.",
    "int_parsing": "Informe um número inteiro.",
    "date_from_datetime_parsing": "Informe uma data válida.",
    "date_parsing": "Informe uma data válida.",
    "bool_parsing": "Informe sim ou não.",
}


def _message(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ").capitalize()
    if kind == "string_too_short":
        return _("Preencha este campo.") if ctx.get("min_length") == 1 else _("Texto curto demais.")
    if kind == "string_too_long":
        return _("Use no máximo %(n)s caracteres.") % {"n": ctx.get("max_length")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Informe um valor a partir de %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Informe um valor até %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind == "too_short":
        return _("Escolha pelo menos %(n)s.") % {"n": ctx.get("min_length")}
    if kind == "too_long":
        return _("Use no máximo %(n)s itens.") % {"n": ctx.get("max_length")}
    return _(_MESSAGES.get(kind, "Valor inválido."))


def pydantic_errors(exc: pydantic.ValidationError, *, describe=None) -> ValidationError:
    """A Django ValidationError from pydantic's: {field: [message]} for errors on one top-level
    field, NON_FIELD_ERRORS for the rest. `describe(loc)` may turn a nested location (e.g.
    ("states", 2, "label")) into a prefix such as "Etapa 3, nome"."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = tuple(error.get("loc") or ())
        message = _message(error)
        if len(loc) == 1 and isinstance(loc[0], str) and describe is None:
            errors.setdefault(loc[0], []).append(message)
            continue
        prefix = describe(loc) if describe and loc else ""
        errors.setdefault(NON_FIELD_ERRORS, []).append(f"{prefix}: {message}" if prefix else message)
    return ValidationError(errors)
