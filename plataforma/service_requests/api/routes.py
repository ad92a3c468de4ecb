"""Endpoints of the requests API (mounted at /api/v1/ next to the catalogue) — thin: check the
caller, call the core selectors and services, shape the answer (present.py).

Nobody sees a request that is not theirs: another person's, another company's, and servants
(whose work is in the inbox, not here) all get 404, as for a protocol that does not exist.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from plataforma.catalog.models import Service

from ..models import Attachment, ServiceRequest
from ..selectors import request_for_requester, requests_of_requester
from ..services import open_request_form, service_request_act
from . import present
from .auth import api_context, bearer, caller_of
from .inputs import BadBody, has_bad_text, json_body, json_request_body, read_multipart, validation_errors
from .openapi import MULTIPART_ANSWER, MULTIPART_SUBMIT, with_company_header
from .schemas import (
    CancelIn,
    FormOut,
    RatingIn,
    RatingOut,
    RequestBadRequest,
    RequestCreated,
    RequestDetail,
    RequestError,
    RequestList,
    RequestValidationError,
    StatusCode,
)
from .submission import AnswerError, event_documents, submit

router = Router(tags=["Solicitações"], auth=bearer)

MAX_PER_PAGE = 100
MAX_OFFSET = 100_000
AUTH_ERRORS = {401: RequestError, 403: RequestError, 429: RequestError}
READ_ERRORS = {**AUTH_ERRORS, 400: RequestBadRequest, 404: RequestError, 422: RequestValidationError}
WRITE_ERRORS = {**READ_ERRORS, 409: RequestError, 413: RequestError}


def _problem(status: int, detail: str, errors: list[dict] | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or []})


def _mine(request: HttpRequest, protocolo: str) -> ServiceRequest:
    caller = caller_of(request)
    if has_bad_text(protocolo):
        raise Http404(_("Solicitação não encontrada."))
    item = request_for_requester(user=caller.user, protocol=protocolo, acting_company=caller.company)
    if item is None:
        raise Http404(_("Solicitação não encontrada."))
    return item


class ListQuery(Schema):
    situacao: StatusCode | None = Field(None, description="Só pedidos nesta situação")
    limit: int = Field(20, ge=1, le=MAX_PER_PAGE, description="Quantos itens (1 a 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quantos itens pular")


@router.get(
    "/solicitacoes",
    response={200: RequestList, **READ_ERRORS},
    summary="Meus pedidos",
    description="Os seus pedidos (ou, com X-Empresa, os da empresa), do mais recente ao mais antigo.",
    openapi_extra=with_company_header(),
    url_name="solicitacoes",
)
def list_requests(request: HttpRequest, params: Query[ListQuery]):
    caller = caller_of(request)
    requests = requests_of_requester(user=caller.user, acting_company=caller.company).select_related(
        "company", "workflow"
    )
    if params.situacao:
        requests = requests.filter(status=params.situacao)
    total = requests.count()
    page = list(requests[params.offset : params.offset + params.limit]) if total > params.offset else []
    return {
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "items": present.summaries(request, page),
    }


@router.get(
    "/solicitacoes/{protocolo}",
    response={200: RequestDetail, **READ_ERRORS},
    summary="Um pedido",
    description="Situação, prazo, pergunta pendente, respostas, anexos, o que você pode fazer agora, "
    "histórico, comprovante e cobrança.",
    openapi_extra=with_company_header(),
    url_name="solicitacao",
)
def get_request(request: HttpRequest, protocolo: str):
    return present.detail(request, _mine(request, protocolo))


def _open_service(slug: str):
    if has_bad_text(slug):
        raise Http404(_("Serviço não encontrado."))
    request_form = open_request_form(slug=slug[:220])
    if request_form is not None:
        return request_form.service, request_form
    if Service.objects.filter(slug=slug[:220], is_published=True).exists():
        raise Http404(_("Este serviço não recebe pedidos pela plataforma."))
    raise Http404(_("Serviço não encontrado."))


@router.get(
    "/servicos/{slug}/formulario",
    response={200: FormOut, **READ_ERRORS},
    summary="Formulário de pedido de um serviço",
    description="Os campos do formulário publicado, com tipos e regras, e o que a plataforma já "
    "sabe de você (campos preenchidos, que não são perguntados). 404 quando o serviço não recebe "
    "pedidos pela plataforma.",
    openapi_extra=with_company_header(),
    url_name="formulario",
)
def get_form(request: HttpRequest, slug: str):
    caller = caller_of(request)
    _service, request_form = _open_service(slug)
    return present.form(
        request_form=request_form,
        user=caller.user,
        company=caller.company,
        session_level=caller.session_level,
    )


@router.post(
    "/servicos/{slug}/solicitacoes",
    response={200: RequestCreated, 201: RequestCreated, **WRITE_ERRORS},
    summary="Fazer um pedido",
    description="Envio em multipart/form-data: a parte `dados` (objeto JSON com as respostas pela chave "
    "de cada campo), os arquivos em `arquivo_<key>` e documentos já guardados em `documentos_<key>`. "
    "O cabeçalho Idempotency-Key é obrigatório: o mesmo valor devolve o mesmo pedido (200). "
    "Campos inválidos: 422 com a lista `errors` por campo; nada é criado. A resposta traz o resumo, "
    "o comprovante, os arquivos e a cobrança PIX; o pedido completo está em `url`.",
    openapi_extra=with_company_header(MULTIPART_SUBMIT),
    url_name="solicitar",
)
def submit_request(request: HttpRequest, response: HttpResponse, slug: str):
    caller = caller_of(request)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 80:
        return _problem(400, _("Envie o cabeçalho Idempotency-Key (até 80 caracteres)."))
    if not key.isprintable():
        return _problem(400, _("O cabeçalho Idempotency-Key tem um caractere inválido."))
    service, request_form = _open_service(slug)
    try:
        with api_context(caller):
            item, created = submit(
                http=request, caller=caller, service=service, request_form=request_form, key=key
            )
    except BadBody as exc:
        return _problem(exc.status, exc.detail, exc.errors)
    if created:
        response["Location"] = present.request_url(request, item.protocol)
    # a new request holds files only when the form's file fields were answered
    file_fields = request_form.current_version.form_spec.file_fields
    has_files = not created or any(item.data.get(f.key) for f in file_fields)
    return Status(
        201 if created else 200,
        present.created(request, item, charges_fee=request_form.charges_fee, has_files=has_files),
    )


@router.post(
    "/solicitacoes/{protocolo}/resposta",
    response={200: RequestDetail, **WRITE_ERRORS},
    summary="Responder à pergunta do órgão",
    description="Quando o pedido está pendente de você: `texto` (obrigatório) e, se quiser, arquivos "
    "em `arquivos` e documentos guardados em `documentos`. 409 quando o pedido não espera resposta.",
    openapi_extra=with_company_header(MULTIPART_ANSWER),
    url_name="resposta",
)
def answer(request: HttpRequest, protocolo: str):
    caller = caller_of(request)
    item = _mine(request, protocolo)
    action = present.requester_action(item, "resposta")
    if action is None:
        return _problem(409, _("Este pedido não está esperando uma resposta sua."))
    try:
        post, files = read_multipart(request)
        with api_context(caller):
            item = event_documents(
                caller=caller,
                post=post,
                files=files,
                act=lambda documents: service_request_act(
                    request_id=item.pk,
                    actor=caller.user,
                    action_key=action.key,
                    note=post.get("texto", ""),
                    documents=documents,
                    acting_company=caller.company,
                ),
            )
    except BadBody as exc:
        return _problem(exc.status, exc.detail, exc.errors)
    except AnswerError as exc:
        return _problem(exc.status, exc.detail, exc.errors)
    return Status(200, present.detail(request, _reload(item)))


@router.post(
    "/solicitacoes/{protocolo}/cancelamento",
    response={200: RequestDetail, **WRITE_ERRORS},
    summary="Cancelar um pedido",
    description="Cancela o pedido enquanto o fluxo do serviço permitir; 409 quando não é mais possível.",
    openapi_extra=with_company_header(json_request_body(CancelIn, required=False)),
    url_name="cancelamento",
)
def cancel(request: HttpRequest, protocolo: str):
    caller = caller_of(request)
    item = _mine(request, protocolo)
    try:
        body = json_body(request, CancelIn, required=False)
    except BadBody as exc:
        return _problem(exc.status, exc.detail, exc.errors)
    action = present.requester_action(item, "cancelamento")
    if action is None:
        return _problem(409, _("Este pedido não pode mais ser cancelado."))
    try:
        with api_context(caller):
            item = service_request_act(
                request_id=item.pk,
                actor=caller.user,
                action_key=action.key,
                note=body.reason,
                acting_company=caller.company,
            )
    except PermissionDenied as exc:
        return _problem(403, str(exc) or _("Você não pode cancelar este pedido."))
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return _problem(
                422, _("Confira os campos."), validation_errors(exc, field_map={"note": "reason"})
            )
        return _problem(409, " ".join(exc.messages))
    return Status(200, present.detail(request, _reload(item)))


@router.post(
    "/solicitacoes/{protocolo}/avaliacoes",
    response={201: RatingOut, **WRITE_ERRORS},
    summary="Avaliar o atendimento",
    description="Uma nota de 1 a 5 por etapa aberta para avaliação (veja `rating_steps` no pedido), "
    "com notas opcionais das dimensões do gov.br e um comentário (Lei 13.460, art. 23). Cada etapa "
    "é avaliada uma vez: a segunda avaliação recebe 409.",
    openapi_extra=with_company_header(json_request_body(RatingIn, required=True)),
    url_name="avaliacoes",
)
def rate(request: HttpRequest, protocolo: str):
    caller = caller_of(request)
    item = _mine(request, protocolo)
    try:
        body = json_body(request, RatingIn, required=True)
    except BadBody as exc:
        return _problem(exc.status, exc.detail, exc.errors)
    if not apps.is_installed("plataforma.monitoring"):
        return _problem(409, _("A avaliação ainda não está disponível."))
    from plataforma.monitoring.services import evaluation_submit
    from plataforma.monitoring.services.evaluations import AlreadyRated

    try:
        with api_context(caller):
            evaluation = evaluation_submit(
                actor=caller.user,
                request=item,
                step=body.step,
                score=body.score,
                dimensions=body.dimensions,
                comment=body.comment,
                anonymous=body.anonymous,
                acting_company=caller.company,
            )
    except AlreadyRated as exc:
        return _problem(409, " ".join(exc.messages))
    except PermissionDenied as exc:
        return _problem(403, str(exc))
    except ValidationError as exc:
        return _problem(422, _("Confira a avaliação."), validation_errors(exc))
    return Status(
        201,
        {
            "id": str(evaluation.pk),
            "step": evaluation.step,
            "score": evaluation.score,
            "anonymous": evaluation.anonymous,
            "created_at": evaluation.created_at,
        },
    )


@router.get(
    "/solicitacoes/{protocolo}/anexos/{anexo_id}",
    response={200: None, **READ_ERRORS},
    summary="Baixar um anexo",
    description="O arquivo de um anexo do seu pedido, com o tipo real do conteúdo.",
    openapi_extra=with_company_header(
        {
            "responses": {
                200: {
                    "description": "O arquivo",
                    "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
                }
            }
        }
    ),
    url_name="solicitacao_anexo",
)
def download(request: HttpRequest, protocolo: str, anexo_id: str):
    from ..documents import document_open

    item = _mine(request, protocolo)
    attachment = (
        Attachment.objects.filter(request=item, pk=_uuid_or_404(anexo_id))
        .filter(present.VISIBLE_TO_REQUESTER)
        .select_related("document")
        .first()
    )
    if attachment is None:
        raise Http404(_("Anexo não encontrado."))
    document = attachment.document
    try:
        handle = document_open(document)
    except (FileNotFoundError, OSError):
        raise Http404(_("Anexo não encontrado.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _uuid_or_404(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404(_("Anexo não encontrado.")) from None


def _reload(item: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_related("service", "agency", "form_version", "workflow", "company")
        .filter(pk=item.pk)
        .get()
    )


def _add_auth_headers(run):
    """Copy the headers of a refused credential (WWW-Authenticate, Retry-After) to the response:
    ninja answers the BearerError through the API's HttpError handler, which only knows the body."""

    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        headers = getattr(request, "_api_auth_headers", None)
        if headers and response.status_code in (401, 403, 429):
            for name, value in headers.items():
                response[name] = value
        return response

    return wrapper


router.add_decorator(_add_auth_headers, mode="view")

__all__ = ["router"]
