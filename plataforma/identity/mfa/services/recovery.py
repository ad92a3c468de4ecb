"""One-time recovery codes: the way back in when the authenticator app or the key is lost."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from plataforma.identity.auth_flow import record_event
from plataforma.identity.models import SecurityEvent, User

from .. import config
from ..models import RecoveryCode

# No 0/o, 1/l/i: the person copies these by hand. 31 symbols, 8 per code: about 40 bits each.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_CODE_RE = re.compile(rf"^[{ALPHABET}]{{8}}$")


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_recovery_code(value: str) -> str | None:
    """'ABCD EFGH', 'abcd-efgh' and 'abcdefgh' are the same code; None when it cannot be one."""
    raw = re.sub(r"[\s\-]", "", value or "").lower()
    if not _CODE_RE.match(raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"


def _digest(code: str, key: str) -> str:
    return hmac.new(key.encode(), f"mfa-recovery|{code}".encode(), hashlib.sha256).hexdigest()


def _digests(code: str) -> list[str]:
    """The code's HMAC-SHA-256 under SECRET_KEY and under each fallback key, so that rotating
    SECRET_KEY (with the old key in SECRET_KEY_FALLBACKS) keeps the codes valid (ADR 0014)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_digest(code, key) for key in keys]


@transaction.atomic
def recovery_codes_generate(*, user: User, request: HttpRequest | None = None) -> list[str]:
    """Replace the account's recovery codes with ten new ones and return them in the clear, the
    only time they exist outside the person's hands (only keyed digests are stored)."""
    RecoveryCode.objects.filter(user=user).delete()
    codes: list[str] = []
    while len(codes) < config.RECOVERY_CODE_COUNT:
        code = _new_code()
        if code not in codes:
            codes.append(code)
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_digests(code)[0]) for code in codes])
    record_event(user, SecurityEvent.Kind.RECOVERY_CODES, request, count=len(codes))
    return codes


def recovery_code_use(*, user: User, code: str, request: HttpRequest | None = None) -> int | None:
    """Spend one recovery code. Returns how many unused codes remain, or None when the code is not
    one of the account's unused codes (nothing changes then). A code works exactly once, even
    when two requests race for it (conditional update)."""
    normalized = normalize_recovery_code(code)
    if normalized is None:
        return None
    with transaction.atomic():
        row = (
            RecoveryCode.objects.filter(user=user, code_hash__in=_digests(normalized), used_at__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
        if row is None:
            return None
        spent = RecoveryCode.objects.filter(pk=row, used_at__isnull=True).update(used_at=timezone.now())
        if not spent:
            return None
        remaining = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
        record_event(user, SecurityEvent.Kind.RECOVERY_CODE_USED, request, remaining=remaining)
    return remaining


def recovery_codes_discard(*, user: User) -> None:
    """When the account's last second factor goes, its recovery codes go too."""
    RecoveryCode.objects.filter(user=user).delete()
