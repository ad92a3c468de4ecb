"""The request digest: HMAC-SHA256 of a request id under a server key.

It lets the database enforce "one rating per request and step" (Lei 13.460 art. 23) without
storing which request an (anonymous) rating belongs to. Without the key nobody can go from a
rating back to a request; an operator holding the key could recompute digests for every request,
so this is pseudonymisation (LGPD art. 13 §4), not anonymisation — see ADR 0021.

The key is MONITORING_EVALUATION_KEY when set (recommended in production: it survives a
SECRET_KEY rotation); otherwise it is derived from SECRET_KEY. Changing it lets a request be
rated a second time, so it must never change casually.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

_LABEL = b"plataforma.monitoring.evaluation.request-digest.v1"


def _key() -> bytes:
    configured = getattr(settings, "MONITORING_EVALUATION_KEY", "") or ""
    base = configured.encode() if configured else settings.SECRET_KEY.encode()
    return hmac.new(base, _LABEL, hashlib.sha256).digest()


def request_digest(request_id) -> str:
    return hmac.new(_key(), str(request_id).encode(), hashlib.sha256).hexdigest()
