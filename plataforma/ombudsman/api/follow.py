"""Following a manifestação with its protocol and access code (anonymous ones, and those
registered at a desk for a person without an account) — no token. The code travels in the JSON
body of a POST (never in a URL, where logs would keep it); guessing is rate-limited per address
(429), and a wrong code and an unknown protocol get the same 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Status

from plataforma.common.context import current_context
from plataforma.common.ratelimit import hit
from plataforma.service_requests.api.inputs import BadBody, json_body, json_request_body

from ..access_codes import FOLLOW_LIMIT_PER_ADDRESS
from ..selectors import author as selectors
from ..services import manifestation_rate, manifestation_reopen, manifestation_reply
from ..transitions import TransitionNotAllowed
from . import present
from .common import PUBLIC_ERRORS, invalid, no_store, problem, router
from .schemas import AccessIn, AccessRateIn, AccessReopenIn, AccessTextIn, ManifestationOut


def _open(request: HttpRequest, schema):
    """(body, manifestação) or a Status (400/404/422/429)."""
    try:
        body = json_body(request, schema, required=True)
    except BadBody as exc:
        return problem(exc.status, exc.detail, exc.errors)
    address = current_context().ip_address or request.META.get("REMOTE_ADDR", "") or "-"
    protocol = body.protocol.strip().upper()
    if not hit(FOLLOW_LIMIT_PER_ADDRESS, address):
        return problem(429, _("Foram feitas muitas tentativas. Aguarde alguns minutos e tente de novo."))
    found = selectors.manifestation_by_code(protocol=protocol, code=body.access_code)
    if found is None:
        return problem(404, _("Protocolo ou código de acesso não conferem."))
    return body, found


@router.post(
    "/ouvidoria/acompanhamento",
    auth=None,
    response={200: ManifestationOut, **PUBLIC_ERRORS},
    summary="Acompanhar com protocolo e código de acesso",
    description="Sem token. O código vai no corpo (nunca na URL). 404 quando protocolo e código não conferem "
    "(a mesma resposta para um protocolo inexistente); 429 depois de muitas tentativas.",
    openapi_extra=json_request_body(AccessIn, required=True),
    url_name="ouvidoria_acompanhar",
)
def follow(request: HttpRequest, response: HttpResponse):
    opened = _open(request, AccessIn)
    if isinstance(opened, Status):
        return opened
    _body, item = opened
    no_store(response)
    return Status(200, present.manifestation(request, item, by_code=True))


def _act(request: HttpRequest, response: HttpResponse, schema, run):
    opened = _open(request, schema)
    if isinstance(opened, Status):
        return opened
    body, item = opened
    try:
        run(item, body)
    except TransitionNotAllowed as exc:
        return invalid(exc, 409)
    except PermissionDenied:
        return problem(404, _("Protocolo ou código de acesso não conferem."))
    except ValidationError as exc:
        return invalid(exc)
    item.refresh_from_db()
    no_store(response)
    return Status(200, present.manifestation(request, item, by_code=True))


@router.post(
    "/ouvidoria/acompanhamento/complemento",
    auth=None,
    response={200: ManifestationOut, **PUBLIC_ERRORS},
    summary="Responder com protocolo e código de acesso",
    description="Envia as informações que a ouvidoria pediu. 409 fora da situação aguardando_usuario.",
    openapi_extra=json_request_body(AccessTextIn, required=True),
    url_name="ouvidoria_acompanhar_complemento",
)
def follow_reply(request: HttpRequest, response: HttpResponse):
    return _act(
        request,
        response,
        AccessTextIn,
        lambda item, body: manifestation_reply(actor=None, manifestation=item, text=body.text, by_code=True),
    )


@router.post(
    "/ouvidoria/acompanhamento/avaliacao",
    auth=None,
    response={200: ManifestationOut, **PUBLIC_ERRORS},
    summary="Avaliar com protocolo e código de acesso",
    description="Uma vez por resposta. 409 antes da resposta ou se já avaliou.",
    openapi_extra=json_request_body(AccessRateIn, required=True),
    url_name="ouvidoria_acompanhar_avaliacao",
)
def follow_rate(request: HttpRequest, response: HttpResponse):
    return _act(
        request,
        response,
        AccessRateIn,
        lambda item, body: manifestation_rate(
            actor=None,
            manifestation=item,
            resolved=body.resolved,
            satisfaction=body.satisfaction,
            comment=body.comment,
            by_code=True,
        ),
    )


@router.post(
    "/ouvidoria/acompanhamento/reabertura",
    auth=None,
    response={200: ManifestationOut, **PUBLIC_ERRORS},
    summary="Reabrir com protocolo e código de acesso",
    description="Em até 30 dias depois da resposta, no máximo duas vezes. 409 fora da janela.",
    openapi_extra=json_request_body(AccessReopenIn, required=True),
    url_name="ouvidoria_acompanhar_reabertura",
)
def follow_reopen(request: HttpRequest, response: HttpResponse):
    return _act(
        request,
        response,
        AccessReopenIn,
        lambda item, body: manifestation_reopen(
            actor=None, manifestation=item, reason=body.reason, by_code=True
        ),
    )
