"""Requests as the API shows them to their requester: plain dicts matching schemas.py.

Reads go through the core selectors; nothing here writes. The requester sees the timeline
events meant for them, the attachments of their request, and the actions their role may take now.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from ..formspec import FIELD_TYPE_LABELS
from ..models import Attachment, Document, RequestForm, ServiceRequest
from ..prefill import prefill_values
from ..selectors import timeline
from ..services import available_actions, workflow_of
from ..workflow import ROLE_LABELS, ActionDef, Status, WorkflowDefinition

# What the requester may see of the attachments: the form's files and those of the timeline's
# public steps, never those of internal notes (same rule as the web page, views/files.py).
VISIBLE_TO_REQUESTER = Q(event__isnull=True) | Q(event__visible_to_requester=True)

AUTHENTICITY_PATH = "/autenticidade/"
MAX_REUSABLE_DOCUMENTS = 100


def api_url(http: HttpRequest, name: str, **kwargs: Any) -> str:
    """The absolute address of one of this router's operations (by url_name), in whichever
    NinjaAPI it is mounted (the namespace comes from the current call)."""
    namespace = http.resolver_match.namespace if http.resolver_match else ""
    path = reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)
    return http.build_absolute_uri(path)


def request_url(http: HttpRequest, protocol: str) -> str:
    return api_url(http, "solicitacao", protocolo=protocol)


def _agency(agency) -> dict[str, str]:
    return {"slug": agency.slug, "name": agency.name, "acronym": agency.acronym}


def _state_label(workflow: WorkflowDefinition, key: str) -> str:
    try:
        return workflow.state(key).label
    except KeyError:
        return key


def summary(http: HttpRequest, item: ServiceRequest, workflow: WorkflowDefinition | None = None) -> dict:
    workflow = workflow or workflow_of(item)
    company = item.company if item.company_id else None
    return {
        "protocol": item.protocol,
        "service": {"slug": item.service.slug, "name": item.service.name},
        "agency": _agency(item.agency),
        "company": {"cnpj": company.cnpj, "name": company.legal_name} if company else None,
        "status": item.status,
        "status_label": str(Status(item.status).label),
        "state": item.state,
        "state_label": _state_label(workflow, item.state),
        "submitted_at": item.submitted_at,
        "due_at": item.due_at,
        "concluded_at": item.concluded_at,
        "answer_due_at": item.answer_due_at,
        "url": request_url(http, item.protocol),
    }


def summaries(http: HttpRequest, items: list[ServiceRequest]) -> list[dict]:
    """Each workflow definition is parsed once per page, however many requests share it."""
    parsed: dict[Any, WorkflowDefinition] = {}
    result = []
    for item in items:
        key = item.workflow_id
        if key not in parsed:
            parsed[key] = workflow_of(item)
        result.append(summary(http, item, parsed[key]))
    return result


def action_kind(workflow: WorkflowDefinition, action: ActionDef, current_status: str) -> str:
    target = workflow.state(action.to_state).status
    if target == Status.CANCELLED:
        return "cancelamento"
    if current_status == Status.PENDING_REQUESTER:
        return "resposta"
    return "outra"


def requester_action(item: ServiceRequest, kind: str) -> ActionDef | None:
    """The requester's action of this kind available now ("resposta" or "cancelamento")."""
    workflow = workflow_of(item)
    for action in available_actions(request=item, roles={"solicitante"}):
        if action_kind(workflow, action, item.status) == kind:
            return action
    return None


def _download_url(http: HttpRequest, protocol: str, attachment_id) -> str:
    return api_url(http, "solicitacao_anexo", protocolo=protocol, anexo_id=attachment_id)


def _attachment(http: HttpRequest, item: ServiceRequest, attachment: Attachment) -> dict:
    document = attachment.document
    return {
        "id": str(attachment.pk),
        "name": document.name,
        "content_type": document.content_type,
        "size": document.size,
        "field": attachment.field_key,
        "download_url": _download_url(http, item.protocol, attachment.pk),
    }


def _answers(item: ServiceRequest, attachments: list[Attachment]) -> list[dict]:
    by_field: dict[str, list[str]] = {}
    for attachment in attachments:
        if attachment.field_key:
            by_field.setdefault(attachment.field_key, []).append(str(attachment.pk))
    answers = []
    for spec in item.form_version.form_spec.fields:
        if spec.type == "file":
            value: Any = by_field.get(spec.key, [])
        elif spec.key in item.data:
            value = item.data[spec.key]
        else:
            continue
        answers.append({"key": spec.key, "label": spec.label, "type": spec.type, "value": value})
    return answers


def _verification_url(http: HttpRequest, code: str) -> str:
    try:
        path = reverse("common:authenticity")
    except NoReverseMatch:
        path = AUTHENTICITY_PATH
    return http.build_absolute_uri(path) + "?" + urlencode({"codigo": code})


def _charge(item: ServiceRequest) -> dict | None:
    if not apps.is_installed("plataforma.service_requests.payments"):
        return None
    from ..payments.selectors import charge_for_request

    charge = charge_for_request(item)
    if charge is None:
        return None
    return {
        "amount": charge.amount,
        "description": charge.description,
        "status": charge.status,
        "br_code": charge.br_code,
        "expires_at": charge.expires_at,
        "paid_at": charge.paid_at,
    }


def _rating_steps(item: ServiceRequest) -> list[dict]:
    if not apps.is_installed("plataforma.monitoring"):
        return []
    from plataforma.monitoring.selectors import rating_steps_open

    return [{"step": key, "label": str(label)} for key, label in rating_steps_open(request=item)]


def detail(http: HttpRequest, item: ServiceRequest) -> dict:
    workflow = workflow_of(item)
    attachments = list(
        Attachment.objects.filter(request=item)
        .filter(VISIBLE_TO_REQUESTER)
        .select_related("document")
        .order_by("created_at")
    )
    events = timeline(request=item, for_requester=True)
    try:
        state = workflow.state(item.state)
    except KeyError:
        state = None
    data = summary(http, item, workflow)
    data.update(
        state_description=state.description if state else "",
        pending_question=item.pending_question if item.status == Status.PENDING_REQUESTER else "",
        answers=_answers(item, attachments),
        attachments=[_attachment(http, item, a) for a in attachments],
        actions=[
            {
                "key": a.key,
                "label": a.label,
                "kind": action_kind(workflow, a, item.status),
                "requires_note": a.requires_note,
                "note_label": a.note_label,
                "allows_attachments": a.allows_attachments,
            }
            for a in available_actions(request=item, roles={"solicitante"})
        ],
        timeline=[
            {
                "at": e.created_at,
                "action": e.action,
                "label": e.action_label,
                "role": e.actor_role,
                "role_label": ROLE_LABELS.get(e.actor_role, e.actor_role),
                "state": e.to_state,
                "state_label": _state_label(workflow, e.to_state) if e.to_state else "",
                "note": e.note,
                "attachments": [str(a.pk) for a in e.attachments.all()],
            }
            for e in events
        ],
        receipt=(
            {"code": item.receipt_code, "verification_url": _verification_url(http, item.receipt_code)}
            if item.receipt_code
            else None
        ),
        charge=_charge(item),
        rating_steps=_rating_steps(item),
    )
    return data


def created(http: HttpRequest, item: ServiceRequest, *, charges_fee: bool, has_files: bool = True) -> dict:
    """The answer to a submission: the request's summary, its comprovante, the files it holds and
    the fee's PIX charge (what an app shows right after sending). The timeline, answers and
    actions are at `url` (GET): building them here would double the cost of every submission.
    `has_files=False` when the caller knows the request holds no file (no query for them)."""
    data = summary(http, item, workflow_of(item))
    attachments = (
        list(
            Attachment.objects.filter(request=item, event__isnull=True)
            .select_related("document")
            .order_by("created_at")
        )
        if has_files
        else []
    )
    data.update(
        attachments=[_attachment(http, item, a) for a in attachments],
        receipt=(
            {"code": item.receipt_code, "verification_url": _verification_url(http, item.receipt_code)}
            if item.receipt_code
            else None
        ),
        charge=_charge(item) if charges_fee else None,
    )
    return data


def reusable_documents(*, user, company):
    """The documents a person may attach again: their own as a natural person, or the company's
    while acting for it (never deleted ones)."""
    documents = Document.objects.filter(deleted_at__isnull=True)
    if company is not None:
        return documents.filter(company=company)
    return documents.filter(owner=user, company__isnull=True)


def form(*, request_form: RequestForm, user, company, session_level: str) -> dict:
    from plataforma.identity.models import Level

    from ..dynamic_forms import build_request_form

    service = request_form.service
    version = request_form.current_version
    known = prefill_values(user=user, company=company, keys=version.form_spec.prefill_keys)
    prefilled = build_request_form(version=version, known=known, documents=None).prefilled
    fields = []
    for spec in version.form_spec.fields:
        value = prefilled.get(spec.key)
        is_file = spec.type == "file"
        fields.append(
            {
                "key": spec.key,
                "type": spec.type,
                "type_label": FIELD_TYPE_LABELS.get(spec.type, spec.type),
                "label": spec.label,
                "help_text": spec.help_text,
                "required": spec.required,
                "rules": spec.model_dump(
                    include={
                        "min_length",
                        "max_length",
                        "min_value",
                        "max_value",
                        "decimal_places",
                        "min_date",
                        "max_date",
                        "no_future_dates",
                        "no_past_dates",
                        "max_selected",
                        "file_kinds",
                    }
                )
                | ({"max_file_mb": spec.max_file_mb, "max_files": spec.max_files} if is_file else {}),
                "choices": [{"value": c.value, "label": c.label} for c in spec.choices],
                "prefilled": value is not None,
                "value": value,
                "upload_part": f"arquivo_{spec.key}" if is_file else None,
                "reuse_part": f"documentos_{spec.key}" if is_file else None,
            }
        )
    documents = reusable_documents(user=user, company=company).order_by("-created_at")[
        :MAX_REUSABLE_DOCUMENTS
    ]
    return {
        "service": {"slug": service.slug, "name": service.name},
        "agency": _agency(service.agency),
        "version": version.number,
        "min_login_level": service.min_login_level,
        "session_level": session_level,
        "level_ok": Level.rank(session_level) >= Level.rank(service.min_login_level),
        "fee": (
            {
                "amount": request_form.fee_amount,
                "description": request_form.fee_description,
                "payment_days": request_form.payment_days,
            }
            if request_form.charges_fee
            else None
        ),
        "fields": fields,
        "documents": [
            {
                "id": str(d.pk),
                "name": d.name,
                "content_type": d.content_type,
                "size": d.size,
                "created_at": d.created_at,
            }
            for d in documents
        ],
    }
