"""Exceptions (Resolução 002/2021/NGD art. 1 §3), the agency's side: its gestor drafts a request to
deliver one of its Carta services on another platform, writes the action plan for migrating to
the official platforms, submits it to the Núcleo, and marks the actions done along the way.

    rascunho --submit--> em_analise --approve--> aprovada --(plan expires, daily task)--> em_revisao
       |                     \\--decline--> recusada        ^                                 |
       \\--withdraw (deleted)                               \\------------extend-------------/|
                                                                    close -> encerrada, revoke -> revogada

The Núcleo's decisions and the daily task are in services/exceptions_decisions.py. Every write
locks the request row, re-checks its state, and writes one audit row (ids, states, counts, dates:
never the free text typed by servants).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Service
from plataforma.common.audit import audit_record
from plataforma.common.protocols import protocol_issue

from ..models import ExceptionAction, ExceptionRequest
from ..models.exceptions import TEXT_MAX
from ..permissions import check_agency_manager
from .exceptions_notify import notify_users, nucleo_members

Status = ExceptionRequest.Status
PROTOCOL_PREFIX = "EXC"
LIVE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.REVIEW)
# The agency marks actions done while the exception is in force or under review.
DONE_STATUSES = (Status.SUBMITTED, Status.APPROVED, Status.REVIEW)
# The agency adds actions to the plan in its draft and, when the plan expired, proposes new ones.
PLAN_EDIT_STATUSES = (Status.DRAFT, Status.REVIEW)
PLATFORM_NAME_MAX = 200
PLATFORM_URL_MAX = 200
ACTION_MAX = 300
MAX_ACTIONS = 30

_http_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class RequestData:
    service: Service
    platform_name: str
    platform_url: str
    justification: str


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _check_data(actor, data: RequestData) -> RequestData:
    errors: dict[str, str] = {}
    service = data.service
    if service is None or not service.is_published:
        errors["service"] = _("Escolha um serviço publicado na Carta de Serviços do seu órgão.")
    else:
        check_agency_manager(actor, service.agency_id)
    name = _one_line(data.platform_name)
    url = (data.platform_url or "").strip()
    justification = (data.justification or "").strip()
    if not name:
        errors["platform_name"] = _("Diga em que plataforma o serviço é prestado.")
    elif len(name) > PLATFORM_NAME_MAX:
        errors["platform_name"] = _("Use no máximo 200 caracteres.")
    if url:
        try:
            if len(url) > PLATFORM_URL_MAX:
                raise ValidationError("too long")
            _http_url(url)
        except ValidationError:
            errors["platform_url"] = _(
                "Informe um endereço completo que comece com http:// ou https://, com até 200 caracteres."
            )
    if not justification:
        errors["justification"] = _("Explique por que o serviço precisa ficar fora das plataformas oficiais.")
    elif len(justification) > TEXT_MAX:
        errors["justification"] = _("Use no máximo 4.000 caracteres.")
    if errors:
        raise ValidationError(errors)
    return RequestData(service=service, platform_name=name, platform_url=url, justification=justification)


def _live_request_error() -> ValidationError:
    return ValidationError(
        {
            "service": _(
                "Este serviço já tem um pedido de exceção em rascunho, em análise ou em vigor. "
                "Acompanhe aquele pedido em vez de abrir outro."
            )
        }
    )


def _has_live_request(service: Service, *, exclude_pk=None) -> bool:
    qs = ExceptionRequest.objects.filter(service=service, status__in=LIVE_STATUSES)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def _draft_number() -> str:
    """A placeholder until submission (the field is unique and required); never shown."""
    return f"RASC-{uuid.uuid4().hex[:15]}"


def is_draft_number(number: str) -> bool:
    return number.startswith("RASC-")


def locked_request(request: ExceptionRequest) -> ExceptionRequest:
    return ExceptionRequest.objects.select_for_update().select_related("agency", "service").get(pk=request.pk)


class StateConflict(ValidationError):
    """The request is not in a state that allows this (views answer 409)."""


def state_error(request: ExceptionRequest) -> StateConflict:
    return StateConflict(
        _("Não é possível fazer isso com um pedido na situação “%(status)s”.")
        % {"status": request.get_status_display()}
    )


def exception_create(*, actor, data: RequestData) -> ExceptionRequest:
    """A draft request for one of the actor's agency's published services."""
    data = _check_data(actor, data)
    with transaction.atomic():
        if _has_live_request(data.service):
            raise _live_request_error()
        try:
            with transaction.atomic():
                request = ExceptionRequest.objects.create(
                    number=_draft_number(),
                    agency_id=data.service.agency_id,
                    service=data.service,
                    platform_name=data.platform_name,
                    platform_url=data.platform_url,
                    justification=data.justification,
                    created_by=actor,
                )
        except IntegrityError as exc:  # a concurrent request for the same service won
            raise _live_request_error() from exc
        audit_record(
            actor=actor,
            action="governance.exception.create",
            target=request,
            changes={"status": request.status, "service": str(data.service.pk)},
        )
    return request


def exception_update(*, actor, request: ExceptionRequest, data: RequestData) -> ExceptionRequest:
    check_agency_manager(actor, request.agency_id)
    data = _check_data(actor, data)
    with transaction.atomic():
        request = locked_request(request)
        if request.status != Status.DRAFT:
            raise state_error(request)
        changed = [
            name
            for name in ("platform_name", "platform_url", "justification")
            if getattr(request, name) != getattr(data, name)
        ]
        if request.service_id != data.service.pk:
            if _has_live_request(data.service, exclude_pk=request.pk):
                raise _live_request_error()
            changed.append("service")
        if not changed:
            return request
        request.service = data.service
        request.agency_id = data.service.agency_id
        request.platform_name = data.platform_name
        request.platform_url = data.platform_url
        request.justification = data.justification
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError as exc:
            raise _live_request_error() from exc
        audit_record(
            actor=actor,
            action="governance.exception.update",
            target=request,
            changes={"fields": sorted(changed), "service": str(request.service_id)},
        )
    return request


def exception_withdraw(*, actor, request: ExceptionRequest) -> None:
    """Withdraw (delete) a draft with its actions; the audit row stays."""
    check_agency_manager(actor, request.agency_id)
    with transaction.atomic():
        request = locked_request(request)
        if request.status != Status.DRAFT:
            raise state_error(request)
        audit_record(
            actor=actor,
            action="governance.exception.withdraw",
            target=request,
            changes={"status": request.status, "actions": request.actions.count()},
        )
        request.delete()


def exception_submit(*, actor, request: ExceptionRequest) -> ExceptionRequest:
    """Send the draft to the Núcleo: it needs one action or more, all due after today. The request
    gets its number (YYYY.EXC.NNNNNN-D, the platform's protocol format) in the same transaction."""
    check_agency_manager(actor, request.agency_id)
    today = timezone.localdate()
    with transaction.atomic():
        request = locked_request(request)
        if request.status != Status.DRAFT:
            raise state_error(request)
        actions = list(request.actions.all())
        if not actions:
            raise ValidationError(
                _(
                    "Inclua ao menos uma ação no plano de migração para as plataformas oficiais "
                    "antes de enviar."
                )
            )
        late = [a for a in actions if a.due_on <= today]
        if late:
            raise ValidationError(
                _(
                    "Todas as ações precisam ter data prevista depois de hoje. "
                    "Corrija a data destas: %(actions)s."
                )
                % {"actions": "; ".join(a.description for a in late)}
            )
        request.number = protocol_issue(prefix=PROTOCOL_PREFIX)
        request.status = Status.SUBMITTED
        request.submitted_at = timezone.now()
        request.save(update_fields=["number", "status", "submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.exception.submit",
            target=request,
            changes={
                "status": [Status.DRAFT, Status.SUBMITTED],
                "number": request.number,
                "actions": len(actions),
            },
        )
        notify_users(
            nucleo_members(),
            title=_("Pedido de exceção %(number)s para análise") % {"number": request.number},
            body=_(
                "O órgão %(agency)s pediu exceção para o serviço “%(service)s”. "
                "Analise e decida com fundamentos."
            )
            % {"agency": request.agency.acronym, "service": request.service.name},
            url=reverse("governance:exc_detail", args=[request.pk]),
        )
    return request


# --- The action plan ----------------------------------------------------------------------------


def check_action(description: str, due_on: date | None) -> tuple[str, date]:
    errors: dict[str, str] = {}
    description = _one_line(description)
    if not description:
        errors["description"] = _("Descreva a ação.")
    elif len(description) > ACTION_MAX:
        errors["description"] = _("Use no máximo 300 caracteres.")
    if due_on is None:
        errors["due_on"] = _("Informe a data prevista.")
    elif due_on <= timezone.localdate():
        errors["due_on"] = _("A data prevista precisa ser depois de hoje.")
    if errors:
        raise ValidationError(errors)
    return description, due_on


def action_add(*, actor, request: ExceptionRequest, description: str, due_on: date | None) -> ExceptionAction:
    check_agency_manager(actor, request.agency_id)
    description, due_on = check_action(description, due_on)
    with transaction.atomic():
        request = locked_request(request)
        if request.status not in PLAN_EDIT_STATUSES:
            raise state_error(request)
        if request.actions.count() >= MAX_ACTIONS:
            raise ValidationError(_("O plano pode ter no máximo 30 ações."))
        action = ExceptionAction.objects.create(request=request, description=description, due_on=due_on)
        audit_record(
            actor=actor,
            action="governance.exception.action_add",
            target=request,
            changes={"action": str(action.pk), "due_on": due_on.isoformat(), "status": request.status},
        )
    return action


def _locked_action(
    request: ExceptionRequest, action: ExceptionAction
) -> tuple[ExceptionRequest, ExceptionAction]:
    request = locked_request(request)
    locked = ExceptionAction.objects.select_for_update().filter(pk=action.pk, request=request).first()
    if locked is None:
        raise ValidationError(_("Esta ação não pertence a este pedido."))
    return request, locked


def action_update(
    *, actor, request: ExceptionRequest, action: ExceptionAction, description: str, due_on: date | None
) -> ExceptionAction:
    """Change an action of a draft."""
    check_agency_manager(actor, request.agency_id)
    description, due_on = check_action(description, due_on)
    with transaction.atomic():
        request, action = _locked_action(request, action)
        if request.status != Status.DRAFT:
            raise state_error(request)
        previous = action.due_on
        action.description, action.due_on = description, due_on
        action.save(update_fields=["description", "due_on", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.exception.action_update",
            target=request,
            changes={"action": str(action.pk), "due_on": [previous.isoformat(), due_on.isoformat()]},
        )
    return action


def action_remove(*, actor, request: ExceptionRequest, action: ExceptionAction) -> None:
    """Remove an action of a draft."""
    check_agency_manager(actor, request.agency_id)
    with transaction.atomic():
        request, action = _locked_action(request, action)
        if request.status != Status.DRAFT:
            raise state_error(request)
        audit_record(
            actor=actor,
            action="governance.exception.action_remove",
            target=request,
            changes={"action": str(action.pk)},
        )
        action.delete()


def action_mark_done(
    *, actor, request: ExceptionRequest, action: ExceptionAction, done_on: date | None
) -> ExceptionAction:
    """Record the day an action was done (today or earlier); marking again corrects the date."""
    check_agency_manager(actor, request.agency_id)
    if done_on is None:
        raise ValidationError({"done_on": _("Informe a data em que a ação foi concluída.")})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A data de conclusão não pode estar no futuro.")})
    with transaction.atomic():
        request, action = _locked_action(request, action)
        if request.status not in DONE_STATUSES:
            raise state_error(request)
        previous = action.done_on
        if previous == done_on:
            return action
        action.done_on = done_on
        action.save(update_fields=["done_on", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.exception.action_done",
            target=request,
            changes={
                "action": str(action.pk),
                "done_on": [previous.isoformat() if previous else None, done_on.isoformat()],
            },
        )
    return action
