"""Writes through the API that carry files: a submission and an answer to the agency's question.

Files are stored (documents.document_store) inside the same transaction as the core service
call; when anything fails, the stored files are discarded (documents_discard), so a request is
never half-created and no orphan file is left behind (issue #4, "Bad input and reliability").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from plataforma.identity.models import Level

from ..documents import ALL_KINDS, document_store, documents_discard
from ..dynamic_forms import build_request_form
from ..models import Document, ServiceRequest
from ..prefill import prefill_values
from ..services import service_request_submit
from ..services.transitions import MAX_EVENT_DOCUMENTS
from .auth import Caller
from .inputs import BadBody, form_data, form_errors, read_answers, read_multipart, validation_errors
from .present import reusable_documents


def _check_fields() -> str:
    return _("Confira os campos destacados.")


class AnswerError(BadBody):
    pass


class _AlreadySubmitted(Exception):
    def __init__(self, request: ServiceRequest):
        super().__init__()
        self.request = request


def _existing(*, caller: Caller, key: str, service) -> ServiceRequest | None:
    try:
        # get(), not first(): the pair is unique, and an ORDER BY would only cost
        existing = ServiceRequest.objects.get(requester=caller.user, idempotency_key=key)
    except ServiceRequest.DoesNotExist:
        return None
    company_id = caller.company.pk if caller.company is not None else None
    if existing.service_id != service.pk or existing.company_id != company_id:
        raise BadBody(_("Esta Idempotency-Key já foi usada em outro pedido. Use uma chave nova."), status=409)
    return existing


def submit(
    *, http: HttpRequest, caller: Caller, service, request_form, key: str
) -> tuple[ServiceRequest, bool]:
    """Validate the multipart body against the published form and submit. Returns (request,
    created); raises BadBody (400, 403, 409, 413 or 422 with field errors)."""
    existing = _existing(caller=caller, key=key, service=service)
    if existing is not None:
        return existing, False
    if Level.rank(caller.session_level) < Level.rank(service.min_login_level):
        raise BadBody(
            _("Este serviço pede uma conta MT Login de nível %(level)s. Entre de novo com esse nível.")
            % {"level": Level(service.min_login_level).label},
            status=403,
        )
    post, files = read_multipart(http)
    answers = read_answers(post)
    version = request_form.current_version
    user, company = caller.user, caller.company
    form_class = build_request_form(
        version=version,
        known=prefill_values(user=user, company=company, keys=version.form_spec.prefill_keys),
        documents=reusable_documents(user=user, company=company) if version.form_spec.file_fields else None,
    )
    data, uploads, errors = form_data(
        spec=version.form_spec, prefilled=form_class.prefilled, answers=answers, post=post, files=files
    )
    for field in version.form_spec.file_fields:
        name = f"{field.key}-reuse"
        if name in data and name not in form_class.base_fields:
            # none of the person's documents fits this field, so none can be chosen
            errors.append(
                {"field": field.key, "message": _("Escolha apenas documentos seus do tipo aceito.")}
            )
            del data[name]
    form = form_class(data=data, files=uploads)
    if not form.is_valid():
        errors.extend(form_errors(form))
    if errors:
        raise BadBody(_check_fields(), errors, status=422)

    stored: list[Document] = []
    try:
        with transaction.atomic():
            documents = _store_files(form=form, version=version, caller=caller, stored=stored)
            item, created = service_request_submit(
                user=user,
                service=service,
                data=form.answers(),
                files=documents,
                idempotency_key=key,
                session_level=caller.session_level,
                company=company,
                form=request_form,
                known_new=True,  # _existing() above looked the key up
            )
            if not created:
                raise _AlreadySubmitted(item)
    except _AlreadySubmitted as already:
        documents_discard(stored)
        return already.request, False
    except ValidationError as exc:
        documents_discard(stored)
        raise BadBody(_check_fields(), validation_errors(exc), status=422) from exc
    except PermissionDenied as exc:
        documents_discard(stored)
        raise BadBody(str(exc) or _("Você não pode fazer este pedido."), status=403) from exc
    except BaseException:
        documents_discard(stored)
        raise
    return item, True


def _store_files(*, form, version, caller: Caller, stored: list[Document]) -> dict[str, list[Document]]:
    files: dict[str, list[Document]] = {}
    for field_key, choice in form.file_choices().items():
        spec = version.form_spec.field(field_key)
        documents = list(choice.get("reuse") or [])
        for upload in choice.get("uploads") or []:
            try:
                document = document_store(
                    owner=caller.user,
                    company=caller.company,
                    upload=upload,
                    allowed_kinds=list(spec.file_kinds) if spec else [],
                    max_mb=spec.max_file_mb if spec else None,
                )
            except ValidationError as exc:
                raise ValidationError({field_key: exc.messages}) from exc
            stored.append(document)
            documents.append(document)
        if documents:
            files[field_key] = documents
    return files


def _reused(*, caller: Caller, ids: list[str]) -> list[Document]:
    if not ids:
        return []
    wanted = set()
    for value in ids:
        try:
            wanted.add(uuid.UUID(value))
        except ValueError:
            raise AnswerError(
                _check_fields(),
                [{"field": "documentos", "message": _("Id de documento inválido.")}],
                status=422,
            ) from None
    # On a step the workflow accepts only the actor's own documents.
    found = list(
        reusable_documents(user=caller.user, company=caller.company).filter(owner=caller.user, pk__in=wanted)
    )
    if len(found) != len(wanted):
        raise AnswerError(
            _check_fields(),
            [{"field": "documentos", "message": _("Escolha apenas documentos seus.")}],
            status=422,
        )
    return found


def event_documents(*, caller: Caller, post, files, act: Callable[[list[Document]], Any]):
    """Store the step's uploads (`arquivos`) and reused documents (`documentos`) and run `act`
    with them in one transaction. Raises AnswerError (403, 409, 422)."""
    uploads = files.getlist("arquivos")
    ids = post.getlist("documentos")
    if len(uploads) + len(ids) > MAX_EVENT_DOCUMENTS:
        raise AnswerError(
            _check_fields(),
            [
                {
                    "field": "arquivos",
                    "message": _("Anexe no máximo %(n)d arquivos.") % {"n": MAX_EVENT_DOCUMENTS},
                }
            ],
            status=422,
        )
    documents = _reused(caller=caller, ids=ids)
    stored: list[Document] = []
    try:
        with transaction.atomic():
            for upload in uploads:
                try:
                    document = document_store(
                        owner=caller.user,
                        company=caller.company,
                        upload=upload,
                        allowed_kinds=ALL_KINDS,
                        max_mb=None,
                    )
                except ValidationError as exc:
                    raise ValidationError({"documents": exc.messages}) from exc
                stored.append(document)
                documents.append(document)
            return act(documents)
    except ValidationError as exc:
        documents_discard(stored)
        if hasattr(exc, "error_dict"):
            errors = validation_errors(exc, field_map={"note": "texto", "documents": "arquivos"})
            raise AnswerError(_check_fields(), errors, status=422) from exc
        raise AnswerError(" ".join(exc.messages), status=409) from exc
    except PermissionDenied as exc:
        documents_discard(stored)
        raise AnswerError(
            str(exc) or _("Você não pode realizar esta ação neste pedido."), status=403
        ) from exc
    except BaseException:
        documents_discard(stored)
        raise
