"""Text helpers shared by search and slugs."""

import unicodedata


def fold(value: str) -> str:
    """Lower-case and strip accents: 'Licença' -> 'licenca'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
