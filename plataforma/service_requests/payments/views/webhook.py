"""The providers' webhook: /pagamentos/webhook/<provider>/ (POST, JSON, signed)."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from plataforma.common.net import client_ip

from ..services import webhook_receive
from ..services.webhooks import MAX_BODY_BYTES

logger = logging.getLogger(__name__)


@csrf_exempt  # authenticated by the provider's HMAC signature, not by a browser session
@require_POST
def webhook(request: HttpRequest, provider: str) -> JsonResponse:
    """Never a 500: an unexpected failure (database down) answers 503 so that the provider
    retries later; nothing was written, since everything runs in one transaction."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return JsonResponse({"resultado": "corpo_grande_demais"}, status=413)
        body = request.body
    except (RequestDataTooBig, ValueError):
        return JsonResponse({"resultado": "corpo_grande_demais"}, status=413)
    try:
        result = webhook_receive(
            provider_key=provider, headers=dict(request.headers), body=body, source=client_ip(request)
        )
    except Exception:
        logger.exception("payments: webhook processing failed for provider %s", provider[:30])
        return JsonResponse(
            {"resultado": "erro_temporario", "mensagem": "Tente de novo mais tarde."}, status=503
        )
    return JsonResponse({"resultado": result.outcome, "mensagem": result.message}, status=result.status)
