"""OpenAPI 3 descriptions of services: parsed from JSON (or YAML when PyYAML is installed),
checked for the parts X-VIA relies on (version 3.x, info, paths with their operations), stored
as canonical JSON with its SHA-256 (published in global configuration).

An upload is untrusted input of at most 1 MiB, and nothing it holds may make the central use
much more than that:

- YAML anchors and aliases are refused (not expanded): a few hundred bytes of nested aliases
  ("billion laughs") expand into gigabytes, and a recursive alias cannot be written as JSON.
  OpenAPI documents never need them; repeated parts are written with ``$ref``.
- Nesting is limited to ``MAX_DEPTH`` levels (JSON and YAML parsers and the JSON writer recurse).
- The canonical text is written incrementally and refused as soon as it passes
  ``MAX_OPENAPI_BYTES``.

Every refusal is a ValidationError with a Portuguese message (the services put it on the
``openapi`` field)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_OPENAPI_BYTES = 1024 * 1024
MAX_DEPTH = 64
OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch")
PATH_RE = re.compile(r"^/[A-Za-z0-9\-._~%!$&'()*+,;=:@/{}]*$")
# A path parameter: {name}, not empty, no nested braces, within one segment.
_TEMPLATE_RE = re.compile(r"\{[^{}/]+\}")
_DOT_SEGMENTS = frozenset({".", ".."})


@dataclass
class ParsedOpenAPI:
    text: str  # canonical JSON
    sha256: str
    endpoints: list[tuple[str, str, str]]  # (METHOD, path, summary)


class _Refused(Exception):
    """Raised inside the YAML composer; becomes a ValidationError with `message`."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def _too_deep() -> ValidationError:
    return ValidationError(
        _("A descrição OpenAPI tem níveis aninhados demais (máximo %(max)s).") % {"max": MAX_DEPTH},
        code="openapi_depth",
    )


def _too_large() -> ValidationError:
    return ValidationError(_("A descrição OpenAPI passa de 1 MiB."), code="openapi_size")


def _yaml_load(raw: str, yaml):
    """yaml.SafeLoader without anchors or aliases and with bounded nesting."""

    class StrictLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _Refused(
                    _(
                        "A descrição OpenAPI em YAML não pode usar âncoras nem referências "
                        "(& e *); repita o conteúdo ou use $ref."
                    ),
                    "openapi_yaml_alias",
                )
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _Refused(str(_too_deep().message), "openapi_depth")
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    loader = StrictLoader(raw)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _load(raw: str):
    try:
        return json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    except ValueError:
        pass
    try:
        import yaml  # optional: YAML is accepted where PyYAML is installed
    except ImportError:
        raise ValidationError(_("A descrição OpenAPI deve estar em JSON."), code="openapi_syntax") from None
    try:
        return _yaml_load(raw, yaml)
    except _Refused as refused:
        raise ValidationError(refused.message, code=refused.code) from None
    except RecursionError:
        raise _too_deep() from None
    except (yaml.YAMLError, ValueError, TypeError):
        raise ValidationError(
            _("A descrição OpenAPI não é um JSON ou YAML válido."), code="openapi_syntax"
        ) from None


def _check_depth(doc) -> None:
    """Iteratively (no recursion), refuse documents nested deeper than MAX_DEPTH."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            raise _too_deep()
        stack.extend((child, depth + 1) for child in children)


def _canonical(doc) -> str:
    """The stored JSON text, written in pieces and abandoned once past MAX_OPENAPI_BYTES."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=False, default=str)
    parts: list[str] = []
    size = 0
    try:
        for chunk in encoder.iterencode(doc):
            size += len(chunk.encode("utf-8"))
            if size > MAX_OPENAPI_BYTES:
                raise _too_large()
            parts.append(chunk)
    except (TypeError, ValueError, RecursionError):
        # e.g. YAML keys that JSON cannot hold (dates), or a circular structure
        raise ValidationError(
            _("A descrição OpenAPI tem valores que não podem ser escritos em JSON."), code="openapi_syntax"
        ) from None
    return "".join(parts)


def valid_path(path: str) -> bool:
    """A path as OpenAPI writes it: starts with "/", no empty, "." or ".." segments (also
    percent-encoded), and braces only around a non-empty parameter name within one segment."""
    if not PATH_RE.match(path) or "//" in path:
        return False
    for segment in path.split("/")[1:]:
        if re.sub("%2e", ".", segment, flags=re.IGNORECASE) in _DOT_SEGMENTS:
            return False
        rest = _TEMPLATE_RE.sub("", segment)
        if "{" in rest or "}" in rest:
            return False
    return True


def parse_openapi(raw: str | bytes) -> ParsedOpenAPI:
    """Raise ValidationError (Portuguese message) unless `raw` is a usable OpenAPI 3 document."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_OPENAPI_BYTES:
            raise ValidationError(_("A descrição OpenAPI passa de 1 MiB."), code="openapi_size")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("A descrição OpenAPI deve estar em UTF-8."), code="openapi_encoding"
            ) from None
    if len(raw.encode("utf-8")) > MAX_OPENAPI_BYTES:
        raise _too_large()
    doc = _load(raw)
    _check_depth(doc)
    if not isinstance(doc, dict):
        raise ValidationError(_("A descrição OpenAPI deve ser um objeto."), code="openapi_shape")
    version = doc.get("openapi")
    if not isinstance(version, str) or not re.match(r"^3\.\d+(\.\d+)?$", version):
        raise ValidationError(
            _('Informe uma descrição OpenAPI 3 (campo "openapi" com 3.0 ou 3.1).'), code="openapi_version"
        )
    info = doc.get("info")
    if not isinstance(info, dict) or not isinstance(info.get("title"), str) or "version" not in info:
        raise ValidationError(
            _('A descrição OpenAPI precisa de "info" com título e versão.'), code="openapi_info"
        )
    paths = doc.get("paths")
    if not isinstance(paths, dict) or not paths:
        raise ValidationError(
            _('A descrição OpenAPI precisa de ao menos um caminho em "paths".'), code="openapi_paths"
        )
    endpoints: list[tuple[str, str, str]] = []
    for path, item in paths.items():
        if not isinstance(path, str) or not valid_path(path) or len(path) > 300:
            raise ValidationError(
                _(
                    "Caminho inválido na descrição OpenAPI: %(path)s. Use chaves só em volta do nome "
                    "de um parâmetro, como {placa}, e nenhum segmento . ou .."
                )
                % {"path": str(path)[:80]},
                code="openapi_path",
            )
        if not isinstance(item, dict):
            raise ValidationError(_("O caminho %(path)s não descreve operações.") % {"path": path})
        for method in OPERATIONS:
            operation = item.get(method)
            if isinstance(operation, dict):
                summary = operation.get("summary") if isinstance(operation.get("summary"), str) else ""
                endpoints.append((method.upper(), path, summary[:300]))
    if not endpoints:
        raise ValidationError(_("A descrição OpenAPI não tem nenhuma operação."), code="openapi_operations")
    text = _canonical(doc)
    return ParsedOpenAPI(
        text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), endpoints=endpoints
    )
