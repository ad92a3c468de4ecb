"""Who is acting, on behalf of whom, and from where, for the current request or task.

Set by RequestContextMiddleware for web requests; tasks and commands set it explicitly with
`acting_context(...)`. Services read it when they write audit rows, so views never have to
pass the request down.
"""

from __future__ import annotations

import contextlib
import contextvars
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OnBehalfOf:
    kind: str  # "agency" or "company"
    id: str
    label: str


@dataclass(frozen=True)
class ActingContext:
    ip_address: str | None = None
    user_agent: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    on_behalf_of: OnBehalfOf | None = None
    channel: str = "web"


_current: contextvars.ContextVar[ActingContext | None] = contextvars.ContextVar(
    "acting_context", default=None
)


def current_context() -> ActingContext:
    return _current.get() or ActingContext(channel="system")


@contextlib.contextmanager
def acting_context(ctx: ActingContext) -> Iterator[ActingContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
