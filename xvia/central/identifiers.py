"""X-Road identifiers (ADR 0033): INSTANCE/CLASS/MEMBER[/SUBSYSTEM[/SERVICE]], security servers
as SERVER:INSTANCE/CLASS/MEMBER/SERVERCODE, global groups as INSTANCE/GROUP (subjects of access
rights as GROUP:INSTANCE/GROUP). Codes never hold "/" so ids split unambiguously."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# A subset of what X-Road allows in identifier parts (xvia.protocol.identifiers): letters,
# digits, "." and "-", starting with a letter or digit.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$"
CODE_RE = re.compile(CODE_PATTERN)
CLASS_PATTERN = r"^[A-Z]{2,16}$"

code_validator = RegexValidator(
    CODE_PATTERN,
    _("Use de 1 a 64 letras sem acento, números, ponto ou hífen, começando por letra ou número."),
    code="invalid_code",
)
class_code_validator = RegexValidator(
    CLASS_PATTERN, _("Use de 2 a 16 letras maiúsculas sem acento, por exemplo GOV."), code="invalid_class"
)


def member_id(instance: str, member_class: str, member_code: str) -> str:
    return f"{instance}/{member_class}/{member_code}"


def subsystem_id(instance: str, member_class: str, member_code: str, subsystem: str) -> str:
    return f"{member_id(instance, member_class, member_code)}/{subsystem}"


def server_id(instance: str, member_class: str, member_code: str, server_code: str) -> str:
    """Without the SERVER: prefix: what the authentication certificate's serialNumber holds."""
    return f"{member_id(instance, member_class, member_code)}/{server_code}"


def group_id(instance: str, code: str) -> str:
    return f"{instance}/{code}"
