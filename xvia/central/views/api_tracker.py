"""`POST /xvia/api/v1/data-subject-records`: provider security servers push the queries about
persons they served (ADR 0037). Machine to machine, authenticated by the JWS signature (not by a
session), so CSRF does not apply. Limited in size, in pushes per minute per address (a coarse
limit, before anything is parsed) and per reporting server (once its owner's signature
verified: servers behind one address do not share it, and a server cannot dodge it by
changing address); every refusal is a 4xx JSON `{code, message[, record]}` with the message in
Portuguese, and stores nothing."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from xvia.protocol.tracker import CONTENT_TYPE

from ..services.tracker import (
    TrackerRefused,
    address_rate_limit_per_minute,
    data_subject_records_receive,
    max_push_bytes,
    over_rate,
)

logger = logging.getLogger(__name__)


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


@csrf_exempt  # machine protocol authenticated by the JWS signature; no cookies, no session
@never_cache
@require_POST
def data_subject_records(request: HttpRequest) -> JsonResponse:
    if over_rate(f"address:{request.META.get('REMOTE_ADDR', '-')}", address_rate_limit_per_minute()):
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
        response = JsonResponse(exc.as_json(), status=exc.status)
        if exc.status == 429:
            response["Retry-After"] = "60"
        return response
    return JsonResponse({"stored": result.stored, "duplicates": result.duplicates}, status=200)
