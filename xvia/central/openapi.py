"""OpenAPI 3 descriptions of services: parsed from JSON (or YAML when PyYAML is installed),
checked for the parts X-VIA relies on (version 3.x, info, paths with their operations), stored
as canonical JSON with its SHA-256 (published in global configuration)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_OPENAPI_BYTES = 1024 * 1024
OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch")
PATH_RE = re.compile(r"^/[A-Za-z0-9\-._~%!$&'()*+,;=:@/{}]*$")


@dataclass
class ParsedOpenAPI:
    text: str  # canonical JSON
    sha256: str
    endpoints: list[tuple[str, str, str]]  # (METHOD, path, summary)


def _load(raw: str):
    try:
        return json.loads(raw)
    except ValueError:
        pass
    try:
        import yaml  # optional: YAML is accepted where PyYAML is installed
    except ImportError:
        raise ValidationError(_("A descrição OpenAPI deve estar em JSON."), code="openapi_syntax") from None
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        raise ValidationError(
            _("A descrição OpenAPI não é um JSON ou YAML válido."), code="openapi_syntax"
        ) from None


def valid_path(path: str) -> bool:
    return bool(PATH_RE.match(path)) and "//" not in path and "/../" not in f"{path}/"


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
        raise ValidationError(_("A descrição OpenAPI passa de 1 MiB."), code="openapi_size")
    doc = _load(raw)
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
                _("Caminho inválido na descrição OpenAPI: %(path)s") % {"path": str(path)[:80]}
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
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    return ParsedOpenAPI(
        text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), endpoints=endpoints
    )
