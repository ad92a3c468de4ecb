"""Reads of the data tracker (ADR 0037): the X-VIA queries about one person, found by the keyed
digest of their CPF. The digest key is derived from SECRET_KEY (and each of
SECRET_KEY_FALLBACKS, so rows written before a key rotation are still found)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings

from xvia.protocol.personal import normalize_cpf

from ..models import DataSubjectRecord

_KEY_LABEL = b"xvia-central/data-subject-digest/1"


def _digest_key(secret: str) -> bytes:
    # a key of its own, so the digest cannot be matched with any other HMAC of the CPF
    return hmac.new(secret.encode("utf-8"), _KEY_LABEL, hashlib.sha256).digest()


def subject_digest(cpf: str, *, secret: str | None = None) -> str:
    """HMAC-SHA256 (hex) of the CPF's 11 digits: what the central keeps instead of the CPF."""
    digits = normalize_cpf(cpf)
    if digits is None:
        raise ValueError("not a valid CPF")
    key = _digest_key(secret if secret is not None else settings.SECRET_KEY)
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()


def subject_digests(cpf: str) -> list[str]:
    """The digest under the current key and under each fallback key."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return list(dict.fromkeys(subject_digest(cpf, secret=s) for s in secrets))


def data_subject_records(*, cpf: str, since: datetime | None = None, limit: int = 500) -> list:
    """The person's X-VIA records, newest first, at most `limit` (bounded, one query)."""
    if normalize_cpf(cpf or "") is None:
        return []
    qs = DataSubjectRecord.objects.filter(subject_digest__in=subject_digests(cpf))
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return list(
        qs.order_by("-occurred_at").only(
            "occurred_at",
            "client_id",
            "client_name",
            "client_member_name",
            "service_id",
            "service_title",
            "provider_member_name",
            "purpose",
            "issue",
        )[:limit]
    )
