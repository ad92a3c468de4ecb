"""Helpers shared by the second-factor views: JSON bodies, refusals, session-kept challenges."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from .. import config

MAX_JSON_BODY = 64 * 1024  # a WebAuthn answer is a few kilobytes
TOO_MANY = _("Muitas tentativas seguidas. Aguarde alguns minutos e tente de novo.")


def read_json(request: HttpRequest) -> dict[str, Any] | None:
    """The request's JSON object, or None when it is missing, too big or not an object."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_JSON_BODY:
            return None
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def json_error(message: Any, status: int = 400, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": str(message), **extra}, status=status)


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "mfa/too_many.html", {"message": TOO_MANY}, status=429)


def keep_challenge(request: HttpRequest, key: str, challenge: bytes, **data: Any) -> None:
    request.session[key] = {
        "challenge": bytes_to_base64url(challenge),
        "at": timezone.now().timestamp(),
        **data,
    }


def take_challenge(request: HttpRequest, key: str, **expected: Any) -> tuple[bytes, dict] | None:
    """Remove and return the challenge kept in the session: each challenge is answered at most
    once (a replayed answer finds nothing), and only while fresh and for the same account."""
    data = request.session.pop(key, None)
    if not isinstance(data, dict) or "challenge" not in data:
        return None
    if timezone.now().timestamp() - data.get("at", 0) > config.WEBAUTHN_CHALLENGE_MAX_AGE:
        return None
    if any(data.get(name) != value for name, value in expected.items()):
        return None
    return base64url_to_bytes(data["challenge"]), data
