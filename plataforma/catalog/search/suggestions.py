"""Suggestions ("Você quis dizer …") from a vocabulary of the published services' words."""

from __future__ import annotations

import difflib

from django.core.cache import cache
from django.db.models import Count, Max

from plataforma.common.text import fold

from ..models import Service
from .engines import search_queryset
from .query import _WORD, STOP_WORDS, SearchFilters, parse_query

VOCABULARY_TTL = 24 * 3600  # seconds; the key changes with every publication anyway

_VOCABULARY_MEMO: dict[str, dict[int, dict[str, str]]] = {}


def _vocabulary() -> dict[int, dict[str, str]]:
    """{word length: {folded word: word as written}} of published names, siglas, popular names
    and keywords. Cached and keyed by the number of published services and their latest
    publication: any publication (new or revised) or unpublication changes the key."""
    state = Service.objects.filter(is_published=True).aggregate(n=Count("pk"), last=Max("published_at"))
    last = state["last"].timestamp() if state["last"] else 0
    key = f"catalog:search:vocabulary:{state['n']}:{last}"
    vocabulary = _VOCABULARY_MEMO.get(key)
    if vocabulary is None:
        vocabulary = cache.get(key)
    if vocabulary is None:
        written: dict[str, str] = {}
        rows = Service.objects.filter(is_published=True).values_list("name", "search_title", "search_terms")
        for name, title, terms in rows.iterator(chunk_size=2000):
            for word in _WORD.findall(name.lower()):
                written.setdefault(fold(word), word)
            for word in _WORD.findall(f"{title} {terms}"):
                written.setdefault(word, word)
        vocabulary = {}
        for folded, word in written.items():
            if len(folded) >= 3 and folded not in STOP_WORDS and not folded.isdigit():
                vocabulary.setdefault(len(folded), {})[folded] = word
        cache.set(key, vocabulary, VOCABULARY_TTL)
    _VOCABULARY_MEMO.clear()
    _VOCABULARY_MEMO[key] = vocabulary
    return vocabulary


def _closest(word: str, vocabulary: dict[int, dict[str, str]]) -> str | None:
    size = len(word)
    spread = max(1, size // 4)
    candidates: list[str] = []
    for length in range(size - spread, size + spread + 1):
        candidates.extend(vocabulary.get(length, {}))
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def suggest(*, query: str, filters: SearchFilters) -> list[str]:
    """'Você quis dizer …': the query with each unknown word replaced by its closest known word,
    offered only if it finds something with the same filters. At most one suggestion."""
    if not parse_query(query):
        return []
    vocabulary = _vocabulary()
    known = {w for bucket in vocabulary.values() for w in bucket}
    changed = False
    pieces: list[str] = []
    position = 0
    original = query.replace("\x00", " ")
    for match in _WORD.finditer(original):
        pieces.append(original[position : match.start()])
        position = match.end()
        word = match.group()
        folded = fold(word)
        if len(folded) < 3 or folded in STOP_WORDS or folded in known or folded.isdigit():
            pieces.append(word)
            continue
        best = _closest(folded, vocabulary)
        if best is None:
            pieces.append(word)
            continue
        pieces.append(vocabulary[len(best)][best])
        changed = True
    pieces.append(original[position:])
    if not changed:
        return []
    suggestion = " ".join("".join(pieces).split())
    if not search_queryset(query=suggestion, filters=filters).exists():
        return []
    return [suggestion]
