"""What security servers and administrators fetch: the signed global configuration, the anchor,
and the development TSA (RFC 3161)."""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from ..models import TimeStampingAuthority
from ..pki import keystore, tsa
from ..pki import x509 as px
from ..services.globalconf import NotConfiguredError, anchor_document, globalconf_publish
from .common import administration

logger = logging.getLogger(__name__)
UNAVAILABLE = "Configuração global indisponível: a central ainda não tem chave de assinatura."
KEY_UNAVAILABLE = (
    "Configuração global temporariamente indisponível: a chave de assinatura da central não pôde "
    "ser lida. Tente de novo em alguns minutos; os servidores de segurança seguem com a versão "
    "que já têm até ela expirar."
)
RETRY_AFTER_SECONDS = 60


def _unavailable(message: str) -> HttpResponse:
    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def globalconf_shared(request: HttpRequest) -> HttpResponse:
    """The JWS (application/jose). Cacheable until the next refresh, never past expiry."""
    try:
        document = globalconf_publish()
    except NotConfiguredError:
        return _unavailable(UNAVAILABLE)
    except keystore.KeyUnavailableError:
        # the key file is missing or unreadable: an operator must act; never a 500 to gateways
        logger.error("xvia.globalconf signing key file unavailable")
        return _unavailable(KEY_UNAVAILABLE)
    etag = f'"xvia-globalconf-{document.version}"'
    remaining = int((document.expires_at - timezone.now()).total_seconds())
    max_age = max(0, min(remaining, document.payload.get("refresh_interval_seconds", 60)))
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(document.signed.encode("ascii"), content_type="application/jose")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Expires"] = http_date(document.expires_at.timestamp())
    response["Last-Modified"] = http_date(document.generated_at.timestamp())
    response["X-Xvia-Configuration-Version"] = str(document.version)
    return response


@require_GET
@administration
def anchor_download(request: HttpRequest) -> HttpResponse:
    """For administrators: the anchor to install out of band in a security server."""
    try:
        anchor = anchor_document()
    except NotConfiguredError:
        return HttpResponse(UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        json.dumps(anchor, ensure_ascii=False, indent=2).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="xvia-anchor.json"'
    return response


@csrf_exempt  # a machine protocol: no session, no cookies, nothing changed on the server
@require_http_methods(["POST"])
def timestamp(request: HttpRequest) -> HttpResponse:
    """RFC 3161 over HTTP (§3.4): application/timestamp-query in, application/timestamp-reply
    out. Bad requests get a rejection TimeStampResp with HTTP 200, as the RFC intends."""
    authority = TimeStampingAuthority.objects.filter(key_file__gt="", is_active=True).first()
    if authority is None:
        return HttpResponse("TSA não configurada.", status=503, content_type="text/plain; charset=utf-8")
    content_type = request.content_type or ""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length == 0:
        body = tsa.rejection("bad_data_format", "empty request")
    elif content_type != "application/timestamp-query":
        body = tsa.rejection("bad_request", "content type must be application/timestamp-query")
    elif length > tsa.MAX_REQUEST_BYTES:
        body = tsa.rejection("bad_data_format", "request too large")
    else:
        try:
            key = keystore.load_key(authority.key_file)
        except keystore.KeyUnavailableError:
            logger.error("xvia.tsa key file unavailable")
            body = tsa.rejection("system_failure", "time-stamping key unavailable")
        else:
            body = tsa.respond(
                request.body,
                key=key,
                certificate=px.load_pem(authority.certificate_pem),
                policy_oid=authority.policy_oid,
            )
    response = HttpResponse(body, content_type="application/timestamp-reply")
    response["Cache-Control"] = "no-store"
    return response
