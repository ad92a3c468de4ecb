"""CPF and CNPJ: normalisation, check digits and masking (Lei 14.129 art. 28).

Pure functions, no Django, so every app (and X-VIA) can reuse them.
"""

import re

_NON_DIGITS = re.compile(r"[^0-9]")  # not \D: digits of other scripts, such as full-width ones, pass it


def only_digits(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def _cpf_digit(digits: str) -> int:
    weight = len(digits) + 1
    total = sum(int(d) * (weight - i) for i, d in enumerate(digits))
    rest = (total * 10) % 11
    return 0 if rest == 10 else rest


def is_valid_cpf(value: str) -> bool:
    digits = only_digits(value)
    if len(digits) != 11 or digits == digits[0] * 11:
        return False
    first = _cpf_digit(digits[:9])
    second = _cpf_digit(digits[:9] + str(first))
    return digits[9:] == f"{first}{second}"


def _cnpj_digit(digits: str) -> int:
    weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2][-len(digits) :]
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    rest = total % 11
    return 0 if rest < 2 else 11 - rest


def is_valid_cnpj(value: str) -> bool:
    digits = only_digits(value)
    if len(digits) != 14 or digits == digits[0] * 14:
        return False
    first = _cnpj_digit(digits[:12])
    second = _cnpj_digit(digits[:12] + str(first))
    return digits[12:] == f"{first}{second}"


def format_cpf(value: str) -> str:
    d = only_digits(value)
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}" if len(d) == 11 else value


def mask_cpf(value: str) -> str:
    """Mask as the federal government does for published CPFs: ***.456.789-**."""
    d = only_digits(value)
    return f"***.{d[3:6]}.{d[6:9]}-**" if len(d) == 11 else ""


def format_cnpj(value: str) -> str:
    d = only_digits(value)
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}" if len(d) == 14 else value


def make_cpf(base9: str) -> str:
    """Complete nine digits with their two check digits (demo data and tests)."""
    first = _cpf_digit(base9)
    return base9 + str(first) + str(_cpf_digit(base9 + str(first)))


def make_cnpj(base12: str) -> str:
    first = _cnpj_digit(base12)
    return base12 + str(first) + str(_cnpj_digit(base12 + str(first)))
