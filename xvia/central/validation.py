"""Field checks shared by forms and services, with Portuguese messages."""

from __future__ import annotations

import ipaddress
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models.registry import HTTP_METHODS
from .openapi import valid_path

_PARAMETER_RE = re.compile(r"\{[^{}/]+\}")
_HOST_RE = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


def validate_address(value: str) -> str:
    """`host:port` with a DNS name or an IP address ([v6] in brackets) and a port 1-65535."""
    message = _("Informe o endereço como host:porta, por exemplo 10.0.0.5:5500 ou ss.detran.mt.gov.br:5500.")
    host, sep, port = (value or "").strip().rpartition(":")
    if not sep or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValidationError(message, code="invalid_address")
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise ValidationError(message, code="invalid_address") from None
    elif not _HOST_RE.match(host):
        raise ValidationError(message, code="invalid_address")
    return f"{host}:{int(port)}"


def validate_endpoint_path(value: str) -> str:
    """A path template: starts with /, balanced {parameter} braces, no "." or ".." segments."""
    if not value or len(value) > 300 or not valid_path(value) or "**" in value:
        raise ValidationError(
            _(
                "Informe um caminho que comece com /, por exemplo /veiculos/{placa}: chaves só em "
                "volta do nome de um parâmetro e nenhum segmento . ou .."
            ),
            code="invalid_path",
        )
    return value


def _whole_segment_templates(path: str) -> bool:
    """Access rights match {x} only as a whole segment (xvia.protocol.access)."""
    return all("{" not in segment or _PARAMETER_RE.fullmatch(segment) for segment in path.split("/"))


def validate_right_path(value: str) -> str:
    """`**` (any path), a template, or a template ending in `/**` (anything below it)."""
    value = (value or "").strip() or "**"
    if value == "**":
        return value
    base = value[:-3] if value.endswith("/**") else value
    if (
        not base
        or "**" in base
        or not valid_path(base)
        or not _whole_segment_templates(base)
        or len(value) > 300
    ):
        raise ValidationError(
            _(
                "Informe ** (qualquer caminho), um caminho como /veiculos/{placa} "
                "ou um prefixo como /veiculos/**. Um parâmetro entre chaves ocupa um segmento "
                "inteiro e não se usam segmentos . ou .."
            ),
            code="invalid_path",
        )
    return value


def validate_method(value: str, *, allow_any: bool) -> str:
    value = (value or "").strip().upper()
    if value in HTTP_METHODS or (allow_any and value == "*"):
        return value
    raise ValidationError(_("Método HTTP desconhecido."), code="invalid_method")
