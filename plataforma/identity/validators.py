"""Validators of MT Login accounts: common Brazilian passwords and Brazilian mobile numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import only_digits

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "senhas-comuns-pt-br.txt"
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def normalise_password(password: str) -> str:
    """Lower case, without accents or spaces: "São Paulo" and "saopaulo" are the same password."""
    decomposed = unicodedata.normalize("NFKD", password)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


@lru_cache(maxsize=4)
def _load(path: str) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(normalise_password(line) for line in lines if line.strip() and not line.startswith("#"))


class CommonBrazilianPasswordValidator:
    """Refuses passwords that are common in Brazil (issue #3: "a check against common passwords"),
    also when only numbers or symbols were added around them ("Flamengo@2024", "mudar123!").

    Meant for AUTH_PASSWORD_VALIDATORS; the account forms also call it directly.
    """

    def __init__(self, password_list_path: str | Path = COMMON_PASSWORDS_FILE):
        self.path = str(password_list_path)

    @property
    def passwords(self) -> frozenset[str]:
        return _load(self.path)

    def is_common(self, password: str) -> bool:
        normalised = normalise_password(password)
        if normalised in self.passwords:
            return True
        core = _EDGES.sub("", normalised)
        return bool(core) and core != normalised and core in self.passwords

    def validate(self, password: str, user=None) -> None:
        if self.is_common(password or ""):
            raise ValidationError(
                _(
                    "Esta senha é muito comum e fácil de adivinhar. Evite nomes de times, palavras "
                    "como “senha” ou “mudar” e datas; prefira uma frase que só você conheça."
                ),
                code="password_too_common_pt_br",
            )

    def get_help_text(self) -> str:
        return str(_("A senha não pode ser uma senha comum, como “mudar123” ou o nome de um time."))


# Area codes (DDD) in use in Brazil (Anatel).
VALID_DDD = frozenset(
    {
        *(11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38),
        *(41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69),
        *(71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99),
    }
)


def normalise_mobile_phone(value: str) -> str:
    """A Brazilian mobile number in E.164 (+55 DDD 9XXXX-XXXX), from what a person types:
    "(65) 99999-8888", "065 99999 8888", "+55 65 99999-8888". Raises ValidationError otherwise."""
    digits = only_digits(value)
    if len(digits) == 13 and digits.startswith("55"):
        digits = digits[2:]
    elif len(digits) == 12 and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) != 11 or int(digits[:2]) not in VALID_DDD or digits[2] != "9":
        raise ValidationError(
            _("Informe um celular brasileiro com DDD, por exemplo (65) 99999-8888."), code="invalid_mobile"
        )
    return f"+55{digits}"


def format_mobile_phone(e164: str) -> str:
    """+5565999998888 → (65) 99999-8888, for display."""
    digits = only_digits(e164)
    if len(digits) == 13 and digits.startswith("55"):
        return f"({digits[2:4]}) {digits[4:9]}-{digits[9:]}"
    return e164


def validate_new_password(password: str, user=None) -> None:
    """Django's AUTH_PASSWORD_VALIDATORS plus the common Brazilian passwords check (once, even
    when it is also listed in AUTH_PASSWORD_VALIDATORS). Raises one ValidationError with all
    the messages."""
    from django.contrib.auth import password_validation

    validators = password_validation.get_default_password_validators()
    if not any(isinstance(v, CommonBrazilianPasswordValidator) for v in validators):
        validators = [*validators, CommonBrazilianPasswordValidator()]
    password_validation.validate_password(password, user=user, password_validators=validators)
