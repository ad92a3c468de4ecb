"""Access rights: deny by default; a right names a service, a subject, a method and a path.

The subject is a subsystem (or member) id, or ``GROUP:INSTANCE/CODE`` for a global group; the
method is an HTTP method or ``*``; the path is ``**`` (anything) or a template where ``{x}``
matches exactly one segment and a trailing ``/**`` matches any rest (including nothing).
Matching is done on the path as sent (still percent-encoded). A path with a ``.`` or ``..``
segment (also encoded or with ``;params``) or an encoded ``/``, ``\\`` or ``;`` matches no
template, whatever it is: both security servers refuse such paths before asking (``httpwire``),
this is the second line. A trailing ``/`` is an empty last segment, which ``{x}`` never matches.
"""

from __future__ import annotations

from functools import lru_cache

from .globalconf import AccessRight, GlobalConf
from .httpwire import is_ambiguous_segment
from .identifiers import ClientId, GroupId, ServiceId


@lru_cache(maxsize=4096)
def _compile(template: str) -> tuple[tuple[str, ...], bool] | None:
    """Return (segments, open_ended) for a template; None means "any path"."""
    if template in ("**", "/**", "*"):
        return None
    open_ended = template.endswith("/**")
    body = template[:-3] if open_ended else template
    body = body.strip("/")
    return (tuple(body.split("/")) if body else (), open_ended)


def path_matches(template: str, path: str) -> bool:
    parts = path.split("?", 1)[0].removeprefix("/")
    actual = parts.split("/") if parts else []
    if any(is_ambiguous_segment(seg) for seg in actual):
        return False
    compiled = _compile(template)
    if compiled is None:
        return True
    segments, open_ended = compiled
    if len(actual) < len(segments) or (not open_ended and len(actual) != len(segments)):
        return False
    for want, got in zip(segments, actual, strict=False):
        if want.startswith("{") and want.endswith("}"):
            if not got:
                return False
        elif want != got:
            return False
    return True


def method_matches(allowed: str, method: str) -> bool:
    return allowed == "*" or allowed == method.upper()


def subject_matches(conf: GlobalConf, subject: ClientId | GroupId, client: ClientId) -> bool:
    if isinstance(subject, GroupId):
        group = conf.groups_by_id.get(subject)
        return group is not None and (client in group.members or client.member in group.members)
    return subject == client or (not subject.is_subsystem and subject == client.member)


def matching_rights(conf: GlobalConf, client: ClientId, service: ServiceId) -> list[AccessRight]:
    return [r for r in conf.rights_by_service.get(service, ()) if subject_matches(conf, r.subject, client)]


def is_allowed(conf: GlobalConf, client: ClientId, service: ServiceId, method: str, path: str) -> bool:
    """True when some access right lets ``client`` call ``method path`` on ``service``."""
    for right in conf.rights_by_service.get(service, ()):
        if (
            method_matches(right.method, method)
            and path_matches(right.path, path)
            and subject_matches(conf, right.subject, client)
        ):
            return True
    return False
