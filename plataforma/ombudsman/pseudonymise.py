"""The extract the responsible area reads (ADR 0029): the author's obvious identifiers masked.

Masks CPFs, CNPJs written next to a CPF-like pattern are left alone (companies are not personal
data), e-mail addresses, Brazilian phone numbers and the author's own names. It is a safety net
under the ouvidor's judgement, not a promise: the ouvidor reads the extract before sending it.
"""

from __future__ import annotations

import re
import unicodedata

MASK_CPF = "[CPF omitido]"
MASK_EMAIL = "[e-mail omitido]"
MASK_PHONE = "[telefone omitido]"
MASK_NAME = "[nome omitido]"

_CPF = re.compile(r"(?<![\d./-])\d{3}[.\s]?\d{3}[.\s]?\d{3}[-.\s]?\d{2}(?![\d/-]|\.\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# +55 (65) 99999-8888, (65) 3613-0000, 65 99999 8888, 65999998888, 99999-8888
_PHONE = re.compile(r"(?<![\d])(?:\+?55[\s.-]?)?(?:\(?\d{2}\)?[\s.-]?)?(?:9[\s.]?)?\d{4}[\s.-]?\d{4}(?![\d])")
_PARTICLES = frozenset({"da", "das", "de", "do", "dos", "e"})


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _name_words(names: list[str]) -> set[str]:
    words: set[str] = set()
    for name in names:
        for word in (name or "").split():
            folded = _fold(word.strip(".,;"))
            if len(folded) >= 3 and folded not in _PARTICLES:
                words.add(folded)
    return words


def _mask_names(text: str, words: set[str]) -> str:
    if not words:
        return text

    def replace(match: re.Match) -> str:
        return MASK_NAME if _fold(match.group(0)) in words else match.group(0)

    masked = re.sub(r"\w+", replace, text)
    # "[nome omitido] [nome omitido]" → one mask
    return re.sub(rf"(?:{re.escape(MASK_NAME)})(?:\s+(?:{re.escape(MASK_NAME)}))+", MASK_NAME, masked)


def pseudonymise(text: str, *, names: list[str] | None = None) -> str:
    """`text` with CPFs, e-mails, phone numbers and the words of `names` (the author's names)
    replaced by plain-language markers."""
    text = text or ""
    text = _EMAIL.sub(MASK_EMAIL, text)
    text = _CPF.sub(MASK_CPF, text)
    text = _PHONE.sub(MASK_PHONE, text)
    return _mask_names(text, _name_words(names or []))
