"""Moving a request through its workflow: guarded by role and state, recorded in the timeline
(who, when, note, attachments), audited, and told to the requester."""

from __future__ import annotations

from datetime import datetime, time
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.calendar import add_business_days

from ..models import Attachment, Document, RequestEvent, ServiceRequest
from ..workflow import CONCLUDED_STATUSES, FINAL_STATUSES, ActionDef, Status, WorkflowDefinition
from .access import roles_in_request
from .deadlines import promised_deadline, resume_deadline
from .notify import notify_requester

MAX_NOTE = 5000
MAX_EVENT_DOCUMENTS = 10


def workflow_of(request: ServiceRequest) -> WorkflowDefinition:
    from ..workflow import DEFAULT_WORKFLOW

    return request.workflow.spec if request.workflow_id else DEFAULT_WORKFLOW


def available_actions(*, request: ServiceRequest, roles: set[str]) -> list[ActionDef]:
    """The actions these roles may take on the request now (system actions never listed)."""
    return [
        a
        for a in workflow_of(request).actions_from(request.state, roles - {"sistema"})
        if a.roles != ["sistema"]
    ]


def _lock(request_id: UUID) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("workflow", "service", "agency")
        .get(pk=request_id)
    )


def service_request_act(
    *,
    request_id: UUID,
    actor,
    action_key: str,
    note: str = "",
    documents: list[Document] | None = None,
    acting_company=None,
) -> ServiceRequest:
    """A person (requester or servant) takes `action_key` on the request.

    Checks, under the request's row lock: the action exists in the request's workflow, starts
    from the current state, and one of the person's roles may take it; a required note is given
    (an indeferimento needs its justification); attachments only where the action allows them.
    """
    documents = documents or []
    note = (note or "").strip()
    with transaction.atomic():
        request = _lock(request_id)
        workflow = workflow_of(request)
        action = workflow.action(action_key)
        roles = roles_in_request(user=actor, request=request, acting_company=acting_company)
        # System actions (payment confirmed, charge expired) are the platform's alone, whatever
        # roles an edited workflow lists beside "sistema".
        system = (workflow.paid_action, workflow.expired_action)
        if action is None or "sistema" in action.roles or action.key in system:
            raise ValidationError(_("Esta ação não existe no fluxo deste serviço."))
        if not roles.intersection(action.roles):
            raise PermissionDenied(_("Você não pode realizar esta ação neste pedido."))
        if request.state not in action.from_states:
            raise ValidationError(_("Esta ação não está disponível na etapa atual do pedido."))
        if action.requires_note and not any(c.isalnum() for c in note):
            raise ValidationError({"note": _("Preencha: %(label)s.") % {"label": action.note_label}})
        if "\x00" in note:
            raise ValidationError({"note": _("O texto tem um caractere inválido.")})
        if len(note) > MAX_NOTE:
            raise ValidationError({"note": _("Use no máximo %(n)d caracteres.") % {"n": MAX_NOTE}})
        if documents and not action.allows_attachments:
            raise ValidationError({"documents": _("Esta ação não aceita anexos.")})
        if len(documents) > MAX_EVENT_DOCUMENTS:
            raise ValidationError(
                {"documents": _("Anexe no máximo %(n)d arquivos.") % {"n": MAX_EVENT_DOCUMENTS}}
            )
        # Documents from the area the person acts from: their own, or (for the requester side of
        # a company's request) the company's; never deleted ones.
        context_company_id = acting_company.pk if acting_company is not None else None
        for document in documents:
            mine = document.owner_id == actor.pk or (
                context_company_id is not None and "solicitante" in roles
            )
            if not mine or document.company_id != context_company_id or document.deleted_at is not None:
                raise ValidationError(
                    {"documents": _("Um dos documentos escolhidos não pode ser usado aqui.")}
                )
        role = (
            "solicitante"
            if "solicitante" in roles and "solicitante" in action.roles
            else (sorted(roles.intersection(action.roles))[0])
        )
        return _apply(request=request, action=action, actor=actor, role=role, note=note, documents=documents)


def service_request_system_act(*, request_id: UUID, action_key: str, note: str = "") -> ServiceRequest | None:
    """The platform takes a system action (payment confirmed, charge expired). Returns None when
    the request is no longer in a state the action starts from (e.g. a late webhook)."""
    with transaction.atomic():
        request = _lock(request_id)
        action = workflow_of(request).action(action_key)
        if action is None or "sistema" not in action.roles:
            raise ValidationError(_("Esta ação não existe no fluxo deste serviço."))
        if request.state not in action.from_states:
            return None
        return _apply(request=request, action=action, actor=None, role="sistema", note=note, documents=[])


def _apply(
    *, request: ServiceRequest, action: ActionDef, actor, role: str, note: str, documents: list[Document]
) -> ServiceRequest:
    workflow = workflow_of(request)
    now = timezone.now()
    before = workflow.state(request.state)
    after = workflow.state(action.to_state)
    updates = {"state": after.key, "status": after.status}
    # The clock: paused while waiting for the requester or for payment (deadlines.py).
    waiting = (Status.PENDING_REQUESTER, Status.AWAITING_PAYMENT)
    if before.status == Status.AWAITING_PAYMENT and after.status not in FINAL_STATUSES:
        content = request.service.published_version.content if request.service.published_version_id else {}
        updates["due_at"] = promised_deadline(content=content, start=now)
        updates["paused_at"] = None
    elif before.status in waiting and after.status not in waiting:
        updates["due_at"] = resume_deadline(due_at=request.due_at, paused_at=request.paused_at, now=now)
        updates["paused_at"] = None
    elif after.status in waiting and before.status not in waiting:
        updates["paused_at"] = now
    if action.asks_question:
        updates["pending_question"] = note
        answer_day = add_business_days(timezone.localdate(now), action.answer_days)
        updates["answer_due_at"] = timezone.make_aware(datetime.combine(answer_day, time(23, 59, 59)))
    elif before.status == Status.PENDING_REQUESTER:
        updates["pending_question"] = ""
        updates["answer_due_at"] = None
    if after.status in FINAL_STATUSES:
        updates["concluded_at"] = now
        due = updates.get("due_at", request.due_at)
        if after.status in CONCLUDED_STATUSES and due is not None:
            updates["concluded_on_time"] = now <= due
    for field, value in updates.items():
        setattr(request, field, value)
    request.save(update_fields=[*updates.keys(), "updated_at"])
    event = RequestEvent.objects.create(
        request=request,
        actor=actor,
        actor_role=role,
        action=action.key,
        action_label=action.label,
        from_state=before.key,
        to_state=after.key,
        note=note,
    )
    Attachment.objects.bulk_create(
        Attachment(request=request, event=event, document=d, added_by=actor) for d in documents
    )
    if before.status == Status.AWAITING_PAYMENT and after.status == Status.CANCELLED and role != "sistema":
        # Close the open PIX charge after commit, in its own transaction: payments lock the
        # charge before the request, so taking the charge's lock here could deadlock.
        from ..payments.services import charge_cancel_for_request

        request_id = request.pk
        transaction.on_commit(lambda: charge_cancel_for_request(request_id=request_id), robust=True)
    audit_record(
        actor=actor,
        action=f"service_requests.act.{action.key}",
        target=request,
        changes={"from": before.key, "to": after.key, "event": str(event.pk), "documents": len(documents)},
        subject_user_id=request.requester_id,
    )
    if action.notify_requester and role != "solicitante":
        body = after.description
        if action.asks_question:
            body = _("%(description)s Responda até %(day)s.") % {
                "description": after.description,
                "day": timezone.localtime(request.answer_due_at).strftime("%d/%m/%Y"),
            }
        notify_requester(
            request=request,
            title=_("Pedido %(protocol)s: %(state)s") % {"protocol": request.protocol, "state": after.label},
            body=body,
        )
    return request
