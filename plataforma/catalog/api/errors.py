"""Every error of the API as JSON with a message in Portuguese — never a 500 for bad input."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from plataforma.catalog.search import InvalidSearch

_MESSAGES = {
    "missing": "Campo obrigatório.",
    "int_parsing": "Informe um número inteiro.",
    "int_type": "Informe um número inteiro.",
    "int_from_float": "Informe um número inteiro.",
    "bool_parsing": "Informe true ou false.",
    "bool_type": "Informe true ou false.",
    "string_type": "Informe um texto.",
    "string_pattern_mismatch": "Formato inválido: use letras minúsculas, números e hífens.",
    "literal_error": "Valor inválido. Use um destes: {expected}.",
    "enum": "Valor inválido. Use um destes: {expected}.",
    "greater_than_equal": "O valor deve ser maior ou igual a {ge}.",
    "greater_than": "O valor deve ser maior que {gt}.",
    "less_than_equal": "O valor deve ser menor ou igual a {le}.",
    "less_than": "O valor deve ser menor que {lt}.",
    "string_too_long": "Pode ter no máximo {max_length} caracteres.",
    "string_too_short": "Deve ter no mínimo {min_length} caracteres.",
}


def _message(error: dict[str, Any]) -> str:
    template = _MESSAGES.get(error.get("type", ""), "Valor inválido.")
    context = {k: str(v).replace("'", "") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return "Valor inválido."


def _field(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error.get("loc", ())]
    # ("query", "params", "limit") -> "limit"; keep nested paths readable
    parts = [p for p in loc if p not in ("query", "path", "params", "body")]
    return ".".join(parts) or "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"field": _field(e), "message": _message(e)} for e in exc.errors]
        return api.create_response(request, {"detail": "Parâmetros inválidos.", "errors": errors}, status=422)

    @api.exception_handler(InvalidSearch)
    def invalid_search(request: HttpRequest, exc: InvalidSearch) -> HttpResponse:
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) if exc.args else "Endereço não encontrado."
        return api.create_response(request, {"detail": message}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
