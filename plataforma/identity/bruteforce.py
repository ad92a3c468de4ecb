"""Brute-force protection of the password sign-in (ADR 0013).

Failures are counted in the shared cache (Redis in production) per account (the CPF typed, hashed,
whether or not an account has it, so the answer never tells) and per client address:

- after `DELAY_AFTER` (3) consecutive failures on an account, each further attempt is refused for
  2^(n-3) seconds after the last failure (capped at `DELAY_CAP`), without checking the password;
- after `ACCOUNT_LOCK_AFTER` (10) failures the account is locked for `ACCOUNT_LOCK_SECONDS` (15 min);
- an address with `ADDRESS_LOCK_AFTER` (50) failures within `ADDRESS_WINDOW` (15 min), across any
  accounts (password spraying), is locked for `ADDRESS_LOCK_SECONDS`;
- a successful sign-in clears the account's counters;
- the owner is e-mailed about a lock at most once per `LOCK_NOTICE_INTERVAL` (1 hour), so that
  anyone who knows a CPF cannot flood its owner's mailbox by locking it again and again.

Timestamps are kept in the values and compared with `now()`, so the rules do not depend on the
cache's expiry precision and tests can move the clock.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

WINDOW_BUCKET = 60  # seconds: the address window slides minute by minute


def now() -> float:
    return time.time()


def _param(name: str) -> int:
    return int(settings.MTLOGIN_BRUTEFORCE[name])


def _digest(kind: str, subject: str) -> str:
    """Keyed hash: the cache never holds a CPF or an address, and they cannot be guessed back."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"bf|{kind}|{subject}".encode(), hashlib.sha256
    ).hexdigest()[:40]


def _keys(cpf: str) -> tuple[str, str, str]:
    h = _digest("account", cpf)
    return f"bf:acct:n:{h}", f"bf:acct:t:{h}", f"bf:acct:lock:{h}"


def _address_lock_key(ip: str) -> str:
    return f"bf:addr:lock:{_digest('address', ip)}"


def _address_bucket_key(ip: str, bucket: int) -> str:
    return f"bf:addr:n:{_digest('address', ip)}:{bucket}"


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may check the password; if not, for how long (seconds) and why."""

    allowed: bool
    wait_seconds: int = 0
    reason: str = ""  # "delay", "account_locked", "address_locked"


ALLOWED = Verdict(True)


@dataclass(frozen=True)
class FailureOutcome:
    failures: int
    account_locked_now: bool
    address_locked_now: bool


def delay_for(failures: int) -> int:
    """Seconds the next attempt must wait after `failures` consecutive failures."""
    after = _param("DELAY_AFTER")
    if failures < after:
        return 0
    return min(2 ** (failures - after), _param("DELAY_CAP"))


def check(*, cpf: str, ip: str | None) -> Verdict:
    """Before checking a password: may this attempt go on?"""
    t = now()
    if ip:
        until = cache.get(_address_lock_key(ip))
        if until and until > t:
            return Verdict(False, math.ceil(until - t), "address_locked")
    count_key, last_key, lock_key = _keys(cpf)
    until = cache.get(lock_key)
    if until and until > t:
        return Verdict(False, math.ceil(until - t), "account_locked")
    failures = cache.get(count_key, 0)
    wait = delay_for(failures)
    if wait:
        last = cache.get(last_key, 0)
        if last + wait > t:
            return Verdict(False, math.ceil(last + wait - t), "delay")
    return ALLOWED


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def record_failure(*, cpf: str, ip: str | None) -> FailureOutcome:
    """Count one wrong password (or unknown CPF) for the account and the address."""
    t = now()
    memory = _param("MEMORY")
    count_key, last_key, lock_key = _keys(cpf)
    failures = _incr(count_key, memory)
    cache.set(last_key, t, timeout=memory)
    account_locked_now = False
    if failures >= _param("ACCOUNT_LOCK_AFTER"):
        lock_seconds = _param("ACCOUNT_LOCK_SECONDS")
        cache.set(lock_key, t + lock_seconds, timeout=lock_seconds + WINDOW_BUCKET)
        # After a lockout the account starts again: three free attempts, then the delays.
        cache.delete_many([count_key, last_key])
        account_locked_now = True
    address_locked_now = _record_address_failure(ip, t) if ip else False
    return FailureOutcome(failures, account_locked_now, address_locked_now)


def _record_address_failure(ip: str, t: float) -> bool:
    window = _param("ADDRESS_WINDOW")
    bucket = int(t // WINDOW_BUCKET)
    _incr(_address_bucket_key(ip, bucket), window + WINDOW_BUCKET)
    span = math.ceil(window / WINDOW_BUCKET)
    keys = [_address_bucket_key(ip, b) for b in range(bucket - span + 1, bucket + 1)]
    total = sum(cache.get_many(keys).values())
    if total >= _param("ADDRESS_LOCK_AFTER"):
        lock_seconds = _param("ADDRESS_LOCK_SECONDS")
        cache.set(_address_lock_key(ip), t + lock_seconds, timeout=lock_seconds + WINDOW_BUCKET)
        cache.delete_many(keys)
        return True
    return False


def lock_notice_due(*, cpf: str) -> bool:
    """True once per LOCK_NOTICE_INTERVAL per account (the CPF typed, hashed): whether this lock
    should be e-mailed to the owner. Same cache work whether or not the CPF has an account."""
    interval = int(settings.MTLOGIN_BRUTEFORCE.get("LOCK_NOTICE_INTERVAL", 3600))
    return bool(cache.add(f"bf:acct:notice:{_digest('account', cpf)}", 1, timeout=interval))


def reset_account(*, cpf: str) -> None:
    """A successful sign-in or a password reset: the account's failures are forgiven (and a lock
    lifted, for a reset proved by e-mail)."""
    cache.delete_many(list(_keys(cpf)))


def failures_of(*, cpf: str) -> int:
    return cache.get(_keys(cpf)[0], 0)
