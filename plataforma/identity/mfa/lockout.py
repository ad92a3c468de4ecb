"""Daily cap on wrong second-factor answers per account (security review L1).

The per-sign-in limit (MTLOGIN_MFA_MAX_WRONG_CODES) sends the person back to the password, and the
hourly rate limit (MTLOGIN_MFA_LIMIT_PER_ACCOUNT) slows guessing down; on top of both, an account
that gets `count` wrong second-factor answers (TOTP, recovery code or security key) within a
window of `seconds` that starts at the first of them (default 10 in 24 hours) has its second step
refused until that window passes. The lock is written once to the owner's security log and
e-mailed to the owner once. A guess at a 6-digit code is then a 10-in-a-million chance per day
(NIST SP 800-63B §5.2.2, throttling).

Counters live in the shared cache (Redis in production), keyed by a keyed hash of the account id;
timestamps are kept in the values and compared with `now()`, so tests can move the clock.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from plataforma.identity import auth_flow
from plataforma.identity.models import SecurityEvent, User


def now() -> float:
    return time.time()


def _params() -> tuple[int, int]:
    count, seconds = getattr(settings, "MTLOGIN_MFA_DAILY_WRONG_LIMIT", (10, 24 * 3600))
    return int(count), int(seconds)


def _keys(user: User) -> tuple[str, str, str]:
    raw = f"mfa-lock|{user.pk}".encode()
    h = hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()[:40]
    return f"mfa:wrong:{h}", f"mfa:lock:{h}", f"mfa:lock-notice:{h}"


@dataclass(frozen=True)
class Lock:
    until: float

    @property
    def until_datetime(self) -> datetime:
        return datetime.fromtimestamp(self.until, tz=UTC)

    @property
    def wait_seconds(self) -> int:
        return max(1, math.ceil(self.until - now()))


def locked(*, user: User) -> Lock | None:
    """The account's second step is refused until `Lock.until`, or None when it is open."""
    until = cache.get(_keys(user)[1])
    if until and until > now():
        return Lock(until)
    return None


def record_wrong_answer(*, user: User, request: HttpRequest | None) -> bool:
    """Count one wrong second-factor answer; True when it locks the account's second step."""
    cap, window = _params()
    count_key, lock_key, notice_key = _keys(user)
    t = now()
    data = cache.get(count_key)
    if not isinstance(data, dict) or t - data.get("start", 0) >= window:
        data = {"start": t, "n": 0}
    data["n"] += 1
    until = data["start"] + window
    if data["n"] < cap:
        cache.set(count_key, data, timeout=math.ceil(until - t) + 60)
        return False
    cache.set(lock_key, until, timeout=math.ceil(until - t) + 60)
    cache.delete(count_key)
    # Two answers arriving together could both reach the cap: only one writes and e-mails.
    if not cache.add(notice_key, 1, timeout=math.ceil(until - t) + 60):
        return True
    hours = max(1, round(window / 3600))
    with transaction.atomic():
        auth_flow.record_event(user, SecurityEvent.Kind.LOCKED, request, step="second_factor", hours=hours)
        if user.email:
            from .tasks import send_second_factor_locked_email

            user_id, until_iso = str(user.pk), Lock(until).until_datetime.isoformat()
            transaction.on_commit(
                lambda: send_second_factor_locked_email.delay(user_id=user_id, until=until_iso)
            )
    return True


def clear(*, user: User) -> None:
    """Lift the lock and forget the count (used by support after checking who the person is)."""
    cache.delete_many(list(_keys(user)))
