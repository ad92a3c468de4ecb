"""Protocol numbers: every request gets one (Lei 14.129/2021 art. 27).

Format ``YYYY.PREFIX.NNNNNN-D`` — for example ``2026.SEFAZ.000123-1``:

- ``YYYY``: the year the protocol was issued (America/Cuiaba);
- ``PREFIX``: 1 to 12 upper-case ASCII letters and digits, usually the agency's acronym folded by
  `protocol_prefix_for` ("DETRAN-MT" → "DETRANMT");
- ``NNNNNN``: the sequence within (prefix, year), zero-padded to 6 digits, longer only when it
  passes 999999 (the canonical text never has more leading zeros than that);
- ``D``: a Damm check digit (ADR 0018).

The check digit is computed over the digits of the year, then the prefix mapped to digits
(each character becomes two digits, its base-36 value: "0"→00 … "9"→09, "A"→10 … "Z"→35), then
the sequence digits — the order in which they are written, so a swap of the last sequence digit
with the check digit is an adjacent transposition too. Damm detects every single-digit error and
every adjacent transposition of digits. A single wrong character in the prefix changes one or
both of its two digits; 92.4% of those are detected, which is the most one decimal digit can do
for 36 possible characters (an unknown prefix is caught anyway when the protocol is looked up).
"""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.transaction import TransactionManagementError

from .models import ProtocolSequence

CUIABA = ZoneInfo("America/Cuiaba")
PREFIX_MAX_LENGTH = 12
SEQUENCE_MIN_DIGITS = 6

_ALPHABET = string.digits + string.ascii_uppercase
_PREFIX_RE = re.compile(r"[A-Z0-9]{1,12}")
_PROTOCOL_RE = re.compile(r"(?P<year>\d{4})\.(?P<prefix>[A-Z0-9]{1,12})\.(?P<number>\d{6,})-(?P<check>\d)")

# Damm's weakly totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a string of decimal digits (appending it makes the result 0)."""
    interim = 0
    for char in digits:
        interim = _DAMM[interim][int(char)]
    return interim


def _prefix_digits(prefix: str) -> str:
    return "".join(f"{_ALPHABET.index(char):02d}" for char in prefix)


def protocol_check_digit(*, year: int, prefix: str, number: int) -> int:
    """The check digit of one protocol (see the module docstring for what it covers)."""
    return damm_check_digit(f"{year:04d}{_prefix_digits(prefix)}{number:0{SEQUENCE_MIN_DIGITS}d}")


def protocol_prefix_for(acronym: str) -> str:
    """Fold an agency acronym into a protocol prefix: strip accents, drop everything but ASCII
    letters and digits, upper-case, keep at most 12 characters. "DETRAN-MT" → "DETRANMT",
    "Seduc" → "SEDUC". Raises ValueError when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", acronym or "")
    kept = "".join(c for c in decomposed if c.isascii() and c.isalnum()).upper()[:PREFIX_MAX_LENGTH]
    if not kept:
        raise ValueError("The acronym has no letter or digit to make a protocol prefix from.")
    return kept


def protocol_format(*, year: int, prefix: str, number: int) -> str:
    """The canonical text of a protocol, with its check digit."""
    _check_parts(year=year, prefix=prefix, number=number)
    check = protocol_check_digit(year=year, prefix=prefix, number=number)
    return f"{year:04d}.{prefix}.{number:0{SEQUENCE_MIN_DIGITS}d}-{check}"


def _check_parts(*, year: int, prefix: str, number: int) -> None:
    if not 2000 <= year <= 9999:
        raise ValueError("The protocol year must have four digits, from 2000.")
    if not _PREFIX_RE.fullmatch(prefix or ""):
        raise ValueError("A protocol prefix is 1 to 12 upper-case ASCII letters or digits.")
    if number < 1:
        raise ValueError("Protocol numbers start at 1.")


def protocol_normalise(text: str) -> str | None:
    """The canonical form of a protocol typed by a person (surrounding spaces trimmed,
    upper-cased), or None when it is not a valid protocol: wrong shape, non-canonical zero
    padding, sequence 0 or a check digit that does not match."""
    parsed = protocol_parse(text)
    if parsed is None:
        return None
    year, prefix, number = parsed
    return protocol_format(year=year, prefix=prefix, number=number)


def protocol_parse(text: str) -> tuple[int, str, int] | None:
    """(year, prefix, number) of a valid protocol, or None. Strict apart from case and the
    spaces around it: dots, hyphen and zero padding must be as printed."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    match = _PROTOCOL_RE.fullmatch(text.strip().upper())
    if match is None:
        return None
    year, prefix, digits = int(match["year"]), match["prefix"], match["number"]
    number = int(digits)
    if year < 2000 or number < 1 or len(digits) != max(SEQUENCE_MIN_DIGITS, len(str(number))):
        return None
    if protocol_check_digit(year=year, prefix=prefix, number=number) != int(match["check"]):
        return None
    return year, prefix, number


def protocol_is_valid(text: str) -> bool:
    """True when `text` (trimmed, any case) is a well-formed protocol with the right check digit."""
    return protocol_parse(text) is not None


def _next_number(*, prefix: str, year: int) -> int:
    """Increment the (prefix, year) counter in one statement and return the new value.

    The hot path is a single `UPDATE … SET last_number = last_number + 1 … RETURNING`: the row
    lock it takes is held until the caller's transaction ends, so concurrent issuers of the same
    prefix wait for each other and a rollback gives the number back (no gaps). The first number of
    a (prefix, year) creates the row with `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which is
    safe when several transactions race to create it. Both work on PostgreSQL and on SQLite ≥ 3.35.
    """
    table = connection.ops.quote_name(ProtocolSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 "  # noqa: S608 - table name is ours
            "WHERE prefix = %s AND year = %s RETURNING last_number",
            [prefix, year],
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"INSERT INTO {table} (prefix, year, last_number) VALUES (%s, %s, 1) "  # noqa: S608
                f"ON CONFLICT (prefix, year) DO UPDATE SET last_number = {table}.last_number + 1 "
                "RETURNING last_number",
                [prefix, year],
            )
            row = cursor.fetchone()
    return int(row[0])


def protocol_issue(*, prefix: str, year: int | None = None) -> str:
    """Issue the next protocol for `prefix` in `year` (default: the current year in Cuiabá).

    Must run inside the caller's transaction (the one that creates the request), so that the
    number exists exactly when the request does: a rollback returns the number and leaves no gap.
    The counter row stays locked until that transaction ends — issue the protocol late in it.
    Raises TransactionManagementError outside a transaction and ValueError for a bad prefix/year.
    """
    if not connection.in_atomic_block:
        raise TransactionManagementError("protocol_issue must be called inside transaction.atomic().")
    if year is None:
        year = datetime.now(CUIABA).year
    _check_parts(year=year, prefix=prefix, number=1)
    number = _next_number(prefix=prefix, year=year)
    return protocol_format(year=year, prefix=prefix, number=number)
