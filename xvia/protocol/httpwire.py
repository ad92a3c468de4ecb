"""What an HTTP request carried inside a signed descriptor may look like (RFC 3986, RFC 9110).

Both security servers check the same rules: the client's server when it reads the IS's request,
the provider's server again when it reads the descriptor — a signature only proves who sent a
descriptor, not that it is harmless, and the provider's server builds the request to its backend
from it. A path is one or more RFC 3986 segments, never empty, ``.`` or ``..`` (also when
percent-encoded or followed by ``;params``) and never with an encoded ``/``, ``\\`` or ``;``
that a backend could decode into a different path; a query holds RFC 3986 query characters only;
a method and a header name are RFC 9110 tokens; a header value has no control characters
(CR, LF, NUL...). Anything else is refused, not repaired.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

MAX_PATH = 4096
MAX_QUERY = 8192

_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_SEGMENT_RE = re.compile(rf"{_PCHAR}*")
_QUERY_RE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*")
_ENCODED_SEPARATOR_RE = re.compile(r"%(?:2[Ff]|5[Cc]|3[Bb])")
_TOKEN_RE = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 9110 5.5: field-value = VCHAR / obs-text, with SP and HTAB inside
_FIELD_VALUE_RE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


class WireError(ValueError):
    """A method, path, query or header that must not be sent on."""


def is_dot_segment(segment: str) -> bool:
    """True for ``.``/``..`` also when percent-encoded or followed by ``;params``."""
    return unquote(segment.split(";", 1)[0]) in (".", "..")


def is_ambiguous_segment(segment: str) -> bool:
    """True when servers may read the segment differently: a dot segment or an encoded separator."""
    return bool(_ENCODED_SEPARATOR_RE.search(segment)) or is_dot_segment(segment)


def check_segment(segment: str) -> None:
    if not _SEGMENT_RE.fullmatch(segment):
        raise WireError("path segment with characters outside RFC 3986")
    if _ENCODED_SEPARATOR_RE.search(segment):
        raise WireError("encoded '/', '\\' or ';' in a path segment")
    if is_dot_segment(segment):
        raise WireError("dot segments are not allowed in the path")


def check_path(path: str) -> str:
    """A service path as sent on (still percent-encoded): ``""`` or ``/seg[/seg...][/]``."""
    if not isinstance(path, str) or len(path) > MAX_PATH:
        raise WireError("path too long")
    if path == "":
        return path
    if not path.startswith("/"):
        raise WireError("the path must start with '/'")
    segments = path[1:].split("/")
    for i, seg in enumerate(segments):
        if seg == "":
            if i == len(segments) - 1:  # a trailing slash is part of the path as sent
                continue
            raise WireError("empty path segment")
        check_segment(seg)
    return path


def check_query(query: str) -> str:
    if not isinstance(query, str) or len(query) > MAX_QUERY or not _QUERY_RE.fullmatch(query):
        raise WireError("query with characters outside RFC 3986")
    return query


def check_method(method: str) -> str:
    if not isinstance(method, str) or len(method) > 32 or not _TOKEN_RE.fullmatch(method):
        raise WireError("the method is not an RFC 9110 token")
    return method


def check_header(name: str, value: str) -> tuple[str, str]:
    """Return the lower-cased name and the value, or raise when either could break the message."""
    if not _TOKEN_RE.fullmatch(name):
        raise WireError("header name is not an RFC 9110 token")
    if not _FIELD_VALUE_RE.fullmatch(value):
        raise WireError("header value with control characters")
    return name.lower(), value
