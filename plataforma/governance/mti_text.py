"""The minimal formatting of MTI's integration guidance pages (Resolução 002/2021/NGD art. 3 §2).

The body is plain text; this module turns it into a list of blocks that the template renders with
Django's autoescaping, so nothing typed in the body ever reaches the page as markup (there is no
`mark_safe` anywhere on this path). What the text may use:

- a blank line separates paragraphs; a single line break inside a paragraph is kept;
- a line starting with ``## `` is a section heading, ``### `` a sub-heading (``# `` counts as
  ``## ``: the page title is the only h1);
- lines starting with ``- `` or ``* `` form a bulleted list, ``1. `` (any number) a numbered list;
- ``[texto](https://endereço)`` is a link; only http, https and paths of this site (``/…``) are
  turned into links, anything else stays as it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,3})\s+(.+)$")
_BULLET = re.compile(r"^[-*]\s+(.+)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(.+)$")
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{1,1000})\)")
_SAFE_URL = re.compile(r"^(https?://[^\s/?#]+[^\s]*|/(?!/)[^\s]*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """A run of text, a link when `url` is set."""

    text: str
    url: str = ""


@dataclass
class Block:
    """kind: "p" (lines of one paragraph), "h2", "h3", "ul" or "ol" (one line per item)."""

    kind: str
    lines: list[list[Segment]] = field(default_factory=list)


def safe_url(url: str) -> bool:
    return bool(_SAFE_URL.match(url))


def inline(text: str) -> list[Segment]:
    """Split a line into text and links; a link with an address that is not allowed stays text."""
    segments: list[Segment] = []
    position = 0
    for match in _LINK.finditer(text):
        label, url = match.group(1).strip(), match.group(2)
        if not label or not safe_url(url):
            continue
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        segments.append(Segment(label, url))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _kind_of(line: str) -> tuple[str, str]:
    heading = _HEADING.match(line)
    if heading:
        return ("h3" if len(heading.group(1)) == 3 else "h2"), heading.group(2).strip()
    bullet = _BULLET.match(line)
    if bullet:
        return "ul", bullet.group(1).strip()
    numbered = _NUMBERED.match(line)
    if numbered:
        return "ol", numbered.group(1).strip()
    return "p", line


def parse(body: str) -> list[Block]:
    """The blocks of a guidance page's body (see the module docstring for the syntax)."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        kind, text = _kind_of(line)
        if kind in ("h2", "h3"):
            blocks.append(Block(kind, [inline(text)]))
            current = None
            continue
        if current is None or current.kind != kind:
            current = Block(kind)
            blocks.append(current)
        current.lines.append(inline(text))
    return blocks
