"""Submitting a request (Lei 14.129 arts. 21 II and 27): checks, protocol, receipt, timeline."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Service
from plataforma.common.audit import audit_record
from plataforma.common.authcodes import document_authenticate, mask_name
from plataforma.common.protocols import protocol_issue, protocol_prefix_for
from plataforma.identity.companies.selectors import effective_tie
from plataforma.identity.models import Level

from ..frozen import attach_specs, carta_total_time
from ..models import Attachment, Document, RequestEvent, RequestForm, ServiceRequest
from ..prefill import prefill_values
from ..workflow import Status
from .deadlines import promised_deadline
from .notify import notify_requester

MAX_IDEMPOTENCY_KEY = 80


def request_form_for_submission(*, service: Service) -> RequestForm:
    """The service's form, if it takes requests on the platform now; PermissionDenied otherwise."""
    form = (
        RequestForm.objects.select_related("current_version", "workflow")
        .filter(service=service, accepts_requests=True, current_version__isnull=False)
        .first()
    )
    if form is None or not service.is_published:
        raise PermissionDenied(_("Este serviço não recebe pedidos pela plataforma."))
    return form


# The search columns of a service and the JSON of the versions are big and unused here: the parsed
# specifications come from the per-process cache of frozen rows (frozen.py).
_HEAVY_COLUMNS = (
    "search_title",
    "search_terms",
    "search_body",
    "published_version__content",
    "request_form__current_version__spec",
    "request_form__workflow__definition",
)


def open_request_form(*, slug: str) -> RequestForm | None:
    """The published service with this slug and its form, when it takes requests on the
    platform now, in one query (the submission path of the API); None otherwise. The form's
    `service` is that service, with its agency and published Carta version loaded."""
    try:
        service = (
            Service.objects.select_related(
                "agency",
                "published_version",
                "request_form__current_version",
                "request_form__workflow",
            )
            .defer(*_HEAVY_COLUMNS)
            .get(
                slug=slug,
                is_published=True,
                request_form__accepts_requests=True,
                request_form__current_version__isnull=False,
            )
        )
    except Service.DoesNotExist:
        return None
    form = service.request_form
    form.service = service
    attach_specs(form)
    return form


def _check_documents(*, user, company, files: dict[str, list[Document]]) -> None:
    """Documents come from the area the request is made from: the person's own (company None),
    or the company's while acting for it; never deleted ones."""
    company_id = company.pk if company is not None else None
    for documents in files.values():
        for document in documents:
            if document.company_id != company_id or (company_id is None and document.owner_id != user.pk):
                raise ValidationError(_("Um dos documentos escolhidos não é seu."))
            if document.deleted_at is not None:
                raise ValidationError(_("Um dos documentos escolhidos foi excluído."))


def service_request_submit(
    *,
    user,
    service: Service,
    data: dict[str, Any],
    files: dict[str, list[Document]] | None = None,
    idempotency_key: str,
    session_level: str,
    company=None,
    form: RequestForm | None = None,
    known_new: bool = False,
) -> tuple[ServiceRequest, bool]:
    """Create the request, or return the one this person already made with this key.

    Returns (request, created). Idempotent (a double click, a retry or a network repeat with the
    same key returns the first request). Everything — row, protocol, attachments, timeline,
    receipt, the fee's charge — is written in one transaction: nothing is half-created.
    `data` is already validated against the form version (forms.build_request_form); `form` is
    the service's RequestForm when the caller already loaded it with request_form_for_submission.
    `known_new`: the caller has just looked this key up and found no request (the API does, to
    answer a reused key with 409); a key that races in meanwhile is still caught by the unique
    constraint below.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY:
        raise ValidationError(_("Chave de envio inválida. Recarregue a página e envie de novo."))
    if not known_new:
        existing = ServiceRequest.objects.filter(requester=user, idempotency_key=key).first()
        if existing is not None:
            return existing, False
    # A caller that already checked the form (request_form_for_submission) passes it along.
    if form is None or form.service_id != service.pk or not form.accepts_requests:
        form = request_form_for_submission(service=service)
    if Level.rank(session_level or "") < Level.rank(service.min_login_level):
        raise PermissionDenied(_("Este serviço pede uma conta MT Login de nível mais alto."))
    if company is not None and effective_tie(user=user, company_id=company.pk) is None:
        raise PermissionDenied(_("Você não tem vínculo ativo com esta empresa."))
    files = files or {}
    _check_documents(user=user, company=company, files=files)
    try:
        with transaction.atomic():
            request = _create(
                user=user, service=service, form=form, data=data, files=files, key=key, company=company
            )
    except IntegrityError:
        # The same key raced in from another process: the first one won.
        existing = ServiceRequest.objects.filter(requester=user, idempotency_key=key).first()
        if existing is None:
            raise
        return existing, False
    return request, True


# Who asked is always recorded (Lei 14.129 art. 28: CPF and CNPJ identify); anything else the
# platform knows is kept only when the form uses it (LGPD art. 6 III, minimisation).
IDENTIFICATION_KEYS = frozenset(
    {"person.full_name", "person.name", "person.cpf", "company.cnpj", "company.legal_name"}
)


def _snapshot(*, form: RequestForm, user, company) -> dict[str, Any]:
    return prefill_values(
        user=user, company=company, keys=form.current_version.form_spec.prefill_keys | IDENTIFICATION_KEYS
    )


def _create(*, user, service, form: RequestForm, data, files, key, company) -> ServiceRequest:
    """Write everything in the caller's transaction. The protocol number's counter row stays
    locked until commit (no gaps, ADR 0018), so the number is drawn as late as possible: after
    the PIX charge (a provider call) when there is a fee; otherwise right before the inserts that
    need it (the request row carries its number and receipt code from its first write)."""
    workflow = form.workflow_spec()
    now = timezone.now()
    awaiting_payment = form.charges_fee and workflow.payment_state is not None
    state_key = workflow.payment_state if awaiting_payment else workflow.initial_state
    state = workflow.state(state_key)
    content = {"total_time": carta_total_time(service)}
    request = ServiceRequest(
        protocol=f"~{uuid.uuid4().hex}",  # replaced before commit
        service=service,
        agency=service.agency,
        form_version=form.current_version,
        workflow=form.workflow,
        requester=user,
        company=company,
        requester_data=_snapshot(form=form, user=user, company=company),
        data={**data, **{k: [str(d.pk) for d in docs] for k, docs in files.items()}},
        state=state.key,
        status=state.status,
        submitted_at=now,
        due_at=None if awaiting_payment else promised_deadline(content=content, start=now),
        paused_at=now if awaiting_payment else None,
        idempotency_key=key,
    )
    if awaiting_payment:
        from ..payments.services import charge_open

        request.save(force_insert=True)
        event = _first_event(request=request, user=user, state=state, files=files)
        charge_open(request=request, amount=form.fee_amount, description=form.fee_description or service.name)
        receipt = _issue_protocol_and_receipt(request=request, service=service, form=form, user=user, now=now)
        request.save(update_fields=["protocol", "receipt_code"])
    else:
        receipt = _issue_protocol_and_receipt(request=request, service=service, form=form, user=user, now=now)
        request.save(force_insert=True)
        event = _first_event(request=request, user=user, state=state, files=files)
    audit_record(
        actor=user,
        action="service_requests.submit",
        target=request,
        changes={
            "service": str(service.pk),
            "state": state.key,
            "event": str(event.pk),
            "receipt_document": str(receipt.pk),
        },
        subject_user_id=user.pk,
    )
    notify_requester(
        request=request,
        title=_("Pedido %(protocol)s recebido") % {"protocol": request.protocol},
        body=(
            _("Seu pedido de “%(service)s” foi registrado com o protocolo %(protocol)s. %(next)s")
            % {"service": service.name, "protocol": request.protocol, "next": state.description}
        ),
    )
    return request


def _first_event(*, request: ServiceRequest, user, state, files) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=request,
        actor=user,
        actor_role="solicitante",
        action="enviar",
        action_label=_("Pedido enviado"),
        to_state=state.key,
    )
    Attachment.objects.bulk_create(
        Attachment(request=request, document=document, field_key=field_key, added_by=user)
        for field_key, documents in files.items()
        for document in documents
    )
    return event


def _issue_protocol_and_receipt(*, request: ServiceRequest, service, form, user, now):
    """Draw the protocol number and register the comprovante's authentication code (its own
    audit is the submission's row, which names it). `request` may not be inserted yet."""
    company = request.company
    request.protocol = protocol_issue(prefix=protocol_prefix_for(service.agency.acronym))
    receipt = document_authenticate(
        kind="service_request.receipt",
        kind_label=_("Comprovante de solicitação de serviço"),
        reference=request.protocol,
        title=service.name,
        issuer_label=service.agency.name,
        subject_label=mask_name(company.legal_name if company else user.display_name),
        content={
            "protocol": request.protocol,
            "service": str(service.pk),
            "form_version": str(form.current_version_id),
            "submitted_at": now.isoformat(),
            "data": request.data,
        },
        target=request,
        audit=False,
    )
    request.receipt_code = receipt.code
    return receipt


__all__ = ["Status", "open_request_form", "request_form_for_submission", "service_request_submit"]
