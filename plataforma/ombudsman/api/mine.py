"""A person's manifestações through the API (token with the `manifestacoes` scope): lodge, list,
follow, reply, rate, reopen. Another person's protocol answers 404, as a protocol that does not
exist. Anonymous manifestações are not tied to the token's person: they are followed with the
protocol and access code (follow.py)."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Schema, Status
from pydantic import Field

from plataforma.service_requests.api.auth import api_context, caller_of
from plataforma.service_requests.api.inputs import BadBody, has_bad_text, json_body, json_request_body

from ..models import Channel
from ..selectors import author as selectors
from ..services import (
    SubmissionInProgress,
    manifestation_lodge,
    manifestation_rate,
    manifestation_reopen,
    manifestation_reply,
)
from ..transitions import TransitionNotAllowed
from . import present
from .common import (
    IDEMPOTENCY_HEADER,
    MAX_KEY,
    MAX_OFFSET,
    MAX_PER_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    invalid,
    no_store,
    problem,
    router,
)
from .schemas import (
    LodgedOut,
    LodgeIn,
    ManifestationList,
    ManifestationOut,
    RateIn,
    ReopenIn,
    StatusCode,
    TextIn,
)


def _key(request: HttpRequest) -> str | Status:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > MAX_KEY:
        return problem(400, _("Envie o cabeçalho Idempotency-Key (até 80 caracteres)."))
    if not key.isprintable():
        return problem(400, _("O cabeçalho Idempotency-Key tem um caractere inválido."))
    return key


def _catalogue(body: LodgeIn):
    """(agency, service) named by slug, or a 422 Status for an unknown one."""
    Agency = apps.get_model("catalog", "Agency")
    Service = apps.get_model("catalog", "Service")
    agency = service = None
    if body.agency:
        agency = Agency.objects.filter(slug=body.agency).first()
        if agency is None:
            return problem(
                422, _("Órgão não encontrado."), [{"field": "agency", "message": _("Órgão não encontrado.")}]
            )
    if body.service:
        service = (
            Service.objects.select_related("agency").filter(slug=body.service, is_published=True).first()
        )
        if service is None:
            return problem(
                422,
                _("Serviço não encontrado."),
                [{"field": "service", "message": _("Serviço não encontrado na Carta.")}],
            )
    return agency, service


def _mine(request: HttpRequest, protocolo: str):
    found = None
    if not has_bad_text(protocolo):
        found = selectors.manifestation_for_author(user=caller_of(request).user, protocol=protocolo[:64])
    if found is None:
        raise Http404(_("Manifestação não encontrada."))
    return found


@router.post(
    "/ouvidoria/manifestacoes",
    response={200: LodgedOut, 201: LodgedOut, **WRITE_ERRORS},
    summary="Registrar manifestação",
    description="Registra a manifestação (canal aplicativo) e devolve o protocolo e o comprovante. Nunca é "
    "recusada e não se pede o motivo (Lei 13.460, arts. 10 e 11). Com `anonymous: true` ela não "
    "fica ligada à "
    "pessoa do token e a resposta traz o `access_code`, mostrado só aqui. Idempotency-Key "
    "obrigatório: a mesma "
    "chave devolve a mesma manifestação (200). 422 para campos inválidos (o relato é guardado inteiro até "
    "20.000 caracteres; acima disso, 422 e nada é gravado); 409 quando a mesma chave ainda está "
    "sendo processada.",
    openapi_extra={"parameters": [IDEMPOTENCY_HEADER], **json_request_body(LodgeIn, required=True)},
    url_name="ouvidoria_registrar",
)
def lodge(request: HttpRequest, response: HttpResponse):
    caller = caller_of(request)
    key = _key(request)
    if isinstance(key, Status):
        return key
    try:
        body = json_body(request, LodgeIn, required=True)
    except BadBody as exc:
        return problem(exc.status, exc.detail, exc.errors)
    found = _catalogue(body)
    if isinstance(found, Status):
        return found
    agency, service = found
    try:
        with api_context(caller):
            result = manifestation_lodge(
                actor=caller.user,
                kind=body.kind,
                title=body.title,
                description=body.description,
                channel=Channel.APP,
                agency=agency,
                service=service,
                facts_location=body.facts_location,
                facts_date=body.facts_date,
                anonymous=body.anonymous,
                identity_consent=body.identity_consent,
                idempotency_key=key,
            )
    except SubmissionInProgress as exc:
        return invalid(exc, 409)
    except PermissionDenied as exc:
        return problem(403, str(exc))
    except ValidationError as exc:
        return invalid(exc)
    item = result.manifestation
    out = present.manifestation(request, item, by_code=item.requester_id is None)
    out["access_code"] = result.access_code or None
    no_store(response)
    return Status(201 if result.created else 200, out)


class ManifestationListQuery(Schema):
    situacao: StatusCode | None = Field(None, description="Só manifestações nesta situação")
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Quantos itens (1 a 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quantos itens pular")


@router.get(
    "/ouvidoria/manifestacoes",
    response={200: ManifestationList, **READ_ERRORS},
    summary="Minhas manifestações",
    description="As manifestações identificadas da pessoa do token, da mais recente à mais antiga.",
    url_name="ouvidoria_minhas",
)
def list_mine(request: HttpRequest, response: HttpResponse, params: Query[ManifestationListQuery]):
    items = selectors.manifestations_of(user=caller_of(request).user)
    if params.situacao:
        items = items.filter(status=params.situacao)
    total = items.count()
    page = list(items[params.offset : params.offset + params.limit]) if total > params.offset else []
    no_store(response)
    return {
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "items": [present.brief(i) for i in page],
    }


@router.get(
    "/ouvidoria/manifestacoes/{protocolo}",
    response={200: ManifestationOut, **READ_ERRORS},
    summary="Acompanhar uma manifestação",
    description="Situação, prazos, pedido de informações pendente, respostas, avaliação e "
    "andamento. 404 para "
    "o protocolo de outra pessoa.",
    url_name="ouvidoria_detalhe",
)
def get_one(request: HttpRequest, response: HttpResponse, protocolo: str):
    no_store(response)
    return present.manifestation(request, _mine(request, protocolo), by_code=False)


def _act(request: HttpRequest, response: HttpResponse, protocolo: str, schema, run) -> Status | dict:
    caller = caller_of(request)
    item = _mine(request, protocolo)
    try:
        body = json_body(request, schema, required=True)
    except BadBody as exc:
        return problem(exc.status, exc.detail, exc.errors)
    try:
        with api_context(caller):
            run(caller.user, item, body)
    except TransitionNotAllowed as exc:
        return invalid(exc, 409)
    except PermissionDenied:
        raise Http404(_("Manifestação não encontrada.")) from None
    except ValidationError as exc:
        return invalid(exc)
    no_store(response)
    item.refresh_from_db()
    return Status(200, present.manifestation(request, item, by_code=False))


@router.post(
    "/ouvidoria/manifestacoes/{protocolo}/complemento",
    response={200: ManifestationOut, **WRITE_ERRORS},
    summary="Responder ao pedido de informações",
    description="Envia as informações que a ouvidoria pediu (situação aguardando_usuario; 409 em "
    "outra). O prazo "
    "suspenso volta a correr.",
    openapi_extra=json_request_body(TextIn, required=True),
    url_name="ouvidoria_complemento",
)
def reply(request: HttpRequest, response: HttpResponse, protocolo: str):
    return _act(
        request,
        response,
        protocolo,
        TextIn,
        lambda user, item, body: manifestation_reply(actor=user, manifestation=item, text=body.text),
    )


@router.post(
    "/ouvidoria/manifestacoes/{protocolo}/avaliacao",
    response={200: ManifestationOut, **WRITE_ERRORS},
    summary="Avaliar a resposta",
    description="Uma vez por resposta: resolvida ou não, satisfação de 1 a 5 e comentário. 409 "
    "antes da resposta "
    "ou se já avaliou.",
    openapi_extra=json_request_body(RateIn, required=True),
    url_name="ouvidoria_avaliacao",
)
def rate(request: HttpRequest, response: HttpResponse, protocolo: str):
    return _act(
        request,
        response,
        protocolo,
        RateIn,
        lambda user, item, body: manifestation_rate(
            actor=user,
            manifestation=item,
            resolved=body.resolved,
            satisfaction=body.satisfaction,
            comment=body.comment,
        ),
    )


@router.post(
    "/ouvidoria/manifestacoes/{protocolo}/reabertura",
    response={200: ManifestationOut, **WRITE_ERRORS},
    summary="Reabrir",
    description="Reabre uma manifestação respondida ou arquivada, em até 30 dias e no máximo duas vezes; a "
    "ouvidoria tem novos 30 dias. 409 fora da janela.",
    openapi_extra=json_request_body(ReopenIn, required=True),
    url_name="ouvidoria_reabertura",
)
def reopen(request: HttpRequest, response: HttpResponse, protocolo: str):
    return _act(
        request,
        response,
        protocolo,
        ReopenIn,
        lambda user, item, body: manifestation_reopen(actor=user, manifestation=item, reason=body.reason),
    )
