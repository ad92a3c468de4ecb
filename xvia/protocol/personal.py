"""X-VIA extension headers about the person a query concerns (Lei 14.129 art. 40 §1).

``X-VIA-Data-Subject`` carries the CPF of the citizen whose data is read and ``X-VIA-Purpose``
why; both travel signed end to end and are logged, so the citizen's area can show who read what.
"""

from __future__ import annotations

import re

DATA_SUBJECT_HEADER = "x-via-data-subject"
PURPOSE_HEADER = "x-via-purpose"
MAX_PURPOSE_LENGTH = 200
_CPF_RE = re.compile(r"^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$")


def _check_digit(digits: str, weight_start: int) -> int:
    total = sum(int(d) * w for d, w in zip(digits, range(weight_start, 1, -1), strict=False))
    rest = (total * 10) % 11
    return 0 if rest == 10 else rest


def normalize_cpf(value: str) -> str | None:
    """Return the 11 digits of a valid CPF (check digits verified), else None."""
    if not isinstance(value, str) or not _CPF_RE.match(value.strip()):
        return None
    digits = re.sub(r"\D", "", value)
    if digits == digits[0] * 11:
        return None
    if _check_digit(digits[:9], 10) != int(digits[9]) or _check_digit(digits[:10], 11) != int(digits[10]):
        return None
    return digits


def validate_purpose(value: str) -> str | None:
    """Return the purpose text if it is acceptable (printable, 1..200 characters), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_PURPOSE_LENGTH or not text.isprintable():
        return None
    return text
