"""`POST /xvia/api/v1/data-subject-records`: provider security servers push the queries about
persons they served (ADR 0037). Machine to machine, authenticated by the JWS signature (not by a
session), so CSRF does not apply. Limited in size and in pushes per minute per address; every
refusal is a 4xx JSON `{code, message[, record]}` with the message in Portuguese, and stores
nothing."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from xvia.protocol.tracker import CONTENT_TYPE

from ..services.tracker import (
    TrackerRefused,
    data_subject_records_receive,
    max_push_bytes,
    rate_limit_per_minute,
)

logger = logging.getLogger(__name__)


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _over_rate(request: HttpRequest) -> bool:
    """Fixed one-minute window per client address, in the shared cache."""
    window = int(time.time() // 60)
    key = f"xvia:tracker:rate:{request.META.get('REMOTE_ADDR', '-')}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > rate_limit_per_minute()


@csrf_exempt  # machine protocol authenticated by the JWS signature; no cookies, no session
@never_cache
@require_POST
def data_subject_records(request: HttpRequest) -> JsonResponse:
    if _over_rate(request):
        response = _refuse(429, "rate_limited", "Envios demais em pouco tempo; tente de novo em um minuto.")
        response["Retry-After"] = "60"
        return response
    try:  # WSGI: no Content-Length means no body
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0:
        return _refuse(400, "malformed", "O envio está vazio.")
    if (request.content_type or "") != CONTENT_TYPE:
        return _refuse(415, "content_type", f"Envie o JWS com Content-Type {CONTENT_TYPE}.")
    if length > max_push_bytes():
        return _refuse(413, "too_large", f"O envio passa do limite de {max_push_bytes()} bytes; divida-o.")
    try:
        body = request.body
    except RequestDataTooBig:
        return _refuse(413, "too_large", "O envio passa do limite; divida-o.")
    try:
        result = data_subject_records_receive(body=body)
    except TrackerRefused as exc:
        # the reason code only: never the record's content (it names a person)
        logger.info("xvia.tracker push refused: %s (record %s)", exc.code, exc.record)
        return JsonResponse(exc.as_json(), status=exc.status)
    return JsonResponse({"stored": result.stored, "duplicates": result.duplicates}, status=200)
