"""Reading the multipart bodies of the requests API into what the request form expects.

A submission is `multipart/form-data` with:
- `dados`: a JSON object, the answers keyed by field key — text as strings, numbers as JSON
  numbers (or strings written the Brazilian way, "1.234,56"), dates as "AAAA-MM-DD", yes/no as
  true/false, multiple choice as a list of option values, an address as an object with `cep`,
  `logradouro`, `numero`, `complemento`, `bairro`, `municipio`, `uf`;
- `arquivo_<key>`: the file(s) of a file field (repeat the part for several files);
- `documentos_<key>`: the id of a document already kept in "Meus documentos" to attach again
  (repeat the part for several).
Fields the platform already knows (prefilled) are never read from `dados`.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from ..dynamic_forms.builder import ADDRESS_KEYS, NO, YES, normalise_address
from ..formspec import FormSpec

DATA_PART = "dados"
UPLOAD_PREFIX = "arquivo_"
REUSE_PREFIX = "documentos_"
MAX_DATA_BYTES = 200_000
# NUL (PostgreSQL refuses it in text and JSON) and lone surrogates (no UTF-8 form: a JSON
# "\ud800" escape decodes to one) can never be stored: refused as input, never a 500.
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def bad_text_message() -> str:
    return _("O texto tem um caractere inválido.")


def has_bad_text(value: Any) -> bool:
    """True when a string (or any key or value inside lists and dicts) cannot be stored."""
    if isinstance(value, str):
        return _BAD_TEXT.search(value) is not None
    if isinstance(value, dict):
        return any(has_bad_text(k) or has_bad_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_bad_text(v) for v in value)
    return False


def bad_text_errors(data: dict[str, Any]) -> list[dict[str, str]]:
    """[{"field", "message"}] for each top-level entry of `data` holding text that cannot be
    stored (the key itself shown without the bad characters)."""
    return [
        {"field": _BAD_TEXT.sub("", str(key)), "message": bad_text_message()}
        for key, value in data.items()
        if has_bad_text(key) or has_bad_text(value)
    ]


try:  # Django ≥ 5.1 counts files separately
    from django.core.exceptions import TooManyFilesSent
except ImportError:  # pragma: no cover
    TooManyFilesSent = TooManyFieldsSent


class BadBody(HttpError):
    """The body cannot be read as the API expects (400), with per-field messages. An HttpError,
    so where a route does not catch it the API still answers {"detail": "…"} with its status."""

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None, status: int = 400):
        super().__init__(status, detail)
        self.detail = detail
        self.errors = errors or []
        self.status = status


def read_multipart(request: HttpRequest) -> tuple[Any, MultiValueDict]:
    """(request.POST, request.FILES), or BadBody for a body Django refuses to parse."""
    content_type = request.content_type or ""
    if content_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise BadBody(_("Envie o corpo como multipart/form-data."))
    try:
        post, files = request.POST, request.FILES
    except RequestDataTooBig as exc:
        raise BadBody(_("O envio é grande demais."), status=413) from exc
    except (TooManyFieldsSent, TooManyFilesSent) as exc:
        raise BadBody(_("O envio tem partes demais.")) from exc
    except MultiPartParserError as exc:
        raise BadBody(_("Não foi possível ler o corpo multipart.")) from exc
    errors = bad_text_errors({name: post.getlist(name) for name in post})
    errors += bad_text_errors({name: [upload.name for upload in files.getlist(name)] for name in files})
    if errors:
        raise BadBody(_("Confira os campos destacados."), errors, status=422)
    return post, files


def json_request_body(schema: type[BaseModel], *, required: bool) -> dict:
    """The OpenAPI requestBody of an endpoint that reads its JSON body with `json_body`."""
    return {
        "requestBody": {
            "required": required,
            "content": {
                "application/json": {
                    "schema": schema.model_json_schema(ref_template="#/components/schemas/{model}")
                }
            },
        }
    }


def json_body(request: HttpRequest, schema: type[BaseModel], *, required: bool):
    """Read and validate a small JSON body. Done here rather than by ninja so that an unreadable
    body gets a Portuguese message (400) and bad values the API's per-field 422 (ValidationError
    is answered by the API's handler). Without `required`, an empty body, or a form with the
    same fields, is accepted."""
    content_type = request.content_type or ""
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded") and not required:
        post, _files = read_multipart(request)
        data: Any = {name: post.get(name) for name in schema.model_fields if name in post}
    else:
        raw = request.body
        if not raw.strip():
            if required:
                raise BadBody(_("Envie um objeto JSON no corpo (Content-Type: application/json)."))
            data = {}
        else:
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                raise BadBody(_("O corpo não é um JSON válido.")) from exc
            if not isinstance(data, dict):
                raise BadBody(_("Envie um objeto JSON no corpo."))
    errors = bad_text_errors(data)
    if errors:
        raise BadBody(_("Confira os campos."), errors, status=422)
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        errors = [{**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)]
        raise NinjaValidationError(errors) from exc


def read_answers(post) -> dict[str, Any]:
    raw = post.get(DATA_PART)
    if raw is None or raw.strip() == "":
        return {}
    if len(raw) > MAX_DATA_BYTES:
        raise BadBody(
            _("A parte “dados” é grande demais."), [{"field": DATA_PART, "message": _("Grande demais.")}]
        )
    try:
        answers = json.loads(raw, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise BadBody(
            _("A parte “dados” não é um JSON válido."),
            [{"field": DATA_PART, "message": _("Envie um objeto JSON com as respostas.")}],
        ) from exc
    if not isinstance(answers, dict):
        raise BadBody(
            _("A parte “dados” precisa ser um objeto JSON."),
            [{"field": DATA_PART, "message": _("Envie um objeto JSON com as respostas.")}],
        )
    errors = bad_text_errors(answers)
    if errors:
        raise BadBody(_("Confira os campos destacados."), errors, status=422)
    return answers


def _scalar(value: Any) -> Any:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):  # pragma: no cover - json.loads parses floats as Decimal
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def form_data(
    *, spec: FormSpec, prefilled: dict[str, Any], answers: dict[str, Any], post, files: MultiValueDict
) -> tuple[dict[str, Any], MultiValueDict, list[dict[str, str]]]:
    """(data, files, errors) for the built form. `errors` lists keys of `dados` or parts that
    belong to no field of this form, and values of the wrong JSON shape."""
    data: dict[str, Any] = {}
    uploads = MultiValueDict()
    errors: list[dict[str, str]] = []
    known_keys = {f.key for f in spec.fields}
    for key in answers:
        if key not in known_keys:
            errors.append({"field": key, "message": _("Este formulário não tem este campo.")})
    for name in list(files.keys()) + [n for n in post if n.startswith(REUSE_PREFIX)]:
        prefix = UPLOAD_PREFIX if name.startswith(UPLOAD_PREFIX) else REUSE_PREFIX
        key = name[len(prefix) :] if name.startswith(prefix) else name
        field = spec.field(key)
        if field is None or field.type != "file":
            errors.append(
                {"field": name, "message": _("Este formulário não tem um campo de arquivo com este nome.")}
            )
    for field in spec.fields:
        if field.key in prefilled:
            continue
        value = answers.get(field.key)
        if field.type == "file":
            uploads.setlist(field.key, files.getlist(UPLOAD_PREFIX + field.key))
            reuse = post.getlist(REUSE_PREFIX + field.key)
            if reuse:
                data[f"{field.key}-reuse"] = reuse
            continue
        if field.type == "cep":
            if value in (None, ""):
                continue
            address = normalise_address(value)
            if address is None:
                errors.append(
                    {"field": field.key, "message": _("Envie o endereço como um objeto (cep, logradouro…).")}
                )
                continue
            data.update({f"{field.key}-{part}": address[part] for part in ADDRESS_KEYS})
        elif field.type == "multichoice":
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors.append(
                    {"field": field.key, "message": _("Envie uma lista com os códigos das opções.")}
                )
                continue
            data[field.key] = value
        elif isinstance(value, list | dict):
            errors.append({"field": field.key, "message": _("Envie um único valor, não uma lista.")})
        elif value is not None:
            data[field.key] = _scalar(value)
    return data, uploads, errors


def form_errors(form) -> list[dict[str, str]]:
    """The form's errors as [{"field", "message"}]: address parts as "<key>.<part>", the reuse
    choice of a file field under the field's key."""
    result = []
    for name, messages in form.errors.items():
        field = name
        if name.endswith("-reuse"):
            field = name[: -len("-reuse")]
        elif "-" in name:
            key, _dash, part = name.partition("-")
            field = f"{key}.{part}"
        for message in messages:
            result.append({"field": field, "message": str(message)})
    return result


def validation_errors(
    exc: ValidationError, *, field_map: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """A core service's ValidationError as [{"field", "message"}] ("__all__" for plain ones)."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        return [
            {"field": field_map.get(name, name), "message": str(message)}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "__all__", "message": str(message)} for message in exc.messages]
