"""X-Road style identifiers: INSTANCE/CLASS/MEMBER[/SUBSYSTEM[/SERVICE]] and SERVER:... .

Each part is restricted to the characters X-Road allows in identifiers (PR-MESS 2.7: letters,
digits and ``'()+,-.=?``) so that the same ids travel unchanged between X-Road-compatible
software; in URLs and headers every part is percent-encoded UTF-8 separately (PR-REST 4.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .httpwire import WireError, check_path

_PART_RE = re.compile(r"^[A-Za-z0-9'()+,\-.=?]{1,255}$")
SERVER_PREFIX = "SERVER:"
GROUP_PREFIX = "GROUP:"


class IdentifierError(ValueError):
    """The text is not a well-formed X-VIA identifier."""


def validate_part(part: str, what: str = "identifier part") -> str:
    if not isinstance(part, str) or not _PART_RE.match(part):
        raise IdentifierError(f"invalid {what}: {part!r}")
    return part


def encode_part(part: str) -> str:
    """Percent-encode one identifier part (slashes inside a part are encoded too)."""
    return quote(part, safe="")


def _split(text: str, *, encoded: bool) -> list[str]:
    if not isinstance(text, str) or not text or len(text) > 1024:
        raise IdentifierError("identifier is empty or too long")
    parts = text.split("/")
    if encoded:
        try:
            parts = [unquote(p, errors="strict") for p in parts]
        except UnicodeDecodeError as exc:
            raise IdentifierError("identifier is not valid percent-encoded UTF-8") from exc
    return parts


@dataclass(frozen=True, slots=True)
class ClientId:
    """A member (``INSTANCE/CLASS/MEMBER``) or one of its subsystems (``.../SUBSYSTEM``)."""

    instance: str
    member_class: str
    member_code: str
    subsystem: str | None = None

    def __post_init__(self) -> None:
        validate_part(self.instance, "instance")
        validate_part(self.member_class, "member class")
        validate_part(self.member_code, "member code")
        if self.subsystem is not None:
            validate_part(self.subsystem, "subsystem code")

    @property
    def is_subsystem(self) -> bool:
        return self.subsystem is not None

    @property
    def member(self) -> ClientId:
        return ClientId(self.instance, self.member_class, self.member_code)

    def parts(self) -> tuple[str, ...]:
        base = (self.instance, self.member_class, self.member_code)
        return (*base, self.subsystem) if self.subsystem is not None else base

    def __str__(self) -> str:
        return "/".join(self.parts())

    def encoded(self) -> str:
        return "/".join(encode_part(p) for p in self.parts())

    @classmethod
    def parse(cls, text: str, *, encoded: bool = False, require_subsystem: bool = False) -> ClientId:
        parts = _split(text, encoded=encoded)
        if len(parts) == 3 and not require_subsystem:
            return cls(*parts)
        if len(parts) == 4:
            return cls(*parts)
        raise IdentifierError(f"expected INSTANCE/CLASS/MEMBER[/SUBSYSTEM], got {text!r}")


@dataclass(frozen=True, slots=True)
class ServiceId:
    """A service of a subsystem: ``INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE``.

    X-VIA always registers services under a subsystem, which removes the ambiguity X-Road's
    optional subsystem would create in ``/r1/...`` paths.
    """

    provider: ClientId
    service_code: str

    def __post_init__(self) -> None:
        if not self.provider.is_subsystem:
            raise IdentifierError("a service belongs to a subsystem")
        validate_part(self.service_code, "service code")

    def __str__(self) -> str:
        return f"{self.provider}/{self.service_code}"

    def encoded(self) -> str:
        return f"{self.provider.encoded()}/{encode_part(self.service_code)}"

    @classmethod
    def parse(cls, text: str, *, encoded: bool = False) -> ServiceId:
        parts = _split(text, encoded=encoded)
        if len(parts) != 5:
            raise IdentifierError(f"expected INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE, got {text!r}")
        return cls(ClientId(*parts[:4]), parts[4])


@dataclass(frozen=True, slots=True)
class ServerId:
    """A security server: ``SERVER:INSTANCE/CLASS/MEMBER/SERVERCODE``."""

    owner: ClientId
    server_code: str

    def __post_init__(self) -> None:
        if self.owner.is_subsystem:
            raise IdentifierError("a security server is owned by a member, not a subsystem")
        validate_part(self.server_code, "server code")

    def __str__(self) -> str:
        return f"{SERVER_PREFIX}{self.owner}/{self.server_code}"

    @property
    def bare(self) -> str:
        """The id without the ``SERVER:`` prefix (the auth certificate's serialNumber)."""
        return f"{self.owner}/{self.server_code}"

    @classmethod
    def parse(cls, text: str) -> ServerId:
        if not isinstance(text, str):
            raise IdentifierError("server id must be text")
        body = text.removeprefix(SERVER_PREFIX)
        parts = _split(body, encoded=False)
        if len(parts) != 4:
            raise IdentifierError(f"expected SERVER:INSTANCE/CLASS/MEMBER/SERVERCODE, got {text!r}")
        return cls(ClientId(*parts[:3]), parts[3])


@dataclass(frozen=True, slots=True)
class GroupId:
    """A global group: ``INSTANCE/GROUPCODE`` (written ``GROUP:INSTANCE/CODE`` as an access subject)."""

    instance: str
    code: str

    def __post_init__(self) -> None:
        validate_part(self.instance, "instance")
        validate_part(self.code, "group code")

    def __str__(self) -> str:
        return f"{self.instance}/{self.code}"

    @classmethod
    def parse(cls, text: str) -> GroupId:
        parts = _split(text.removeprefix(GROUP_PREFIX), encoded=False)
        if len(parts) != 2:
            raise IdentifierError(f"expected INSTANCE/GROUPCODE, got {text!r}")
        return cls(*parts)


def parse_rest_path(raw_path: str) -> tuple[ServiceId, str]:
    """Split an ``/r1/...`` path (still percent-encoded) into the service id and the rest.

    The rest is returned still percent-encoded, exactly as the client sent it, so it reaches the
    provider unchanged (PR-REST 4.1). It must pass ``httpwire.check_path``: dot segments (also
    encoded or with ``;params``), empty segments and encoded ``/``, ``\\`` or ``;`` are refused —
    they are how path-traversal and SSRF tricks start (PR-REST 4.2) — and the provider's server
    checks the same again.
    """
    if not raw_path.startswith("/r1/"):
        raise IdentifierError("the path must start with /r1/")
    segments = raw_path[4:].split("/")
    if len(segments) < 5:
        raise IdentifierError("the path must name INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE")
    service = ServiceId.parse("/".join(segments[:5]), encoded=True)
    rest = "/" + "/".join(segments[5:]) if len(segments) > 5 else ""
    try:
        check_path(rest)
    except WireError as exc:
        raise IdentifierError(str(exc)) from None
    return service, rest
