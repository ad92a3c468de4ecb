"""Exceptions, the Núcleo's side: deciding a request under analysis (approve with a term, or
decline), reviewing an exception whose plan expired (close, extend, revoke), and the daily task
that moves expired exceptions to review. Every decision carries reasons, which the agency and (for
public statuses) everyone see. The agency's side is in services/exceptions.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from ..models import ExceptionAction, ExceptionDecision, ExceptionRequest
from ..models.exceptions import TEXT_MAX
from ..permissions import check_nucleo, managed_agency_ids
from .exceptions import check_action, locked_request, state_error
from .exceptions_notify import agency_gestores, notify_users, nucleo_members

Status = ExceptionRequest.Status
Kind = ExceptionDecision.Kind


class Decision:
    APPROVE = "aprovar"
    DECLINE = "recusar"
    CLOSE = "encerrar"
    EXTEND = "prorrogar"
    REVOKE = "revogar"


@dataclass(frozen=True)
class NewAction:
    description: str
    due_on: date | None


def check_decider(actor, request: ExceptionRequest) -> None:
    check_nucleo(actor)
    if request.agency_id in managed_agency_ids(actor):
        raise PermissionDenied(
            _("Você é gestor do órgão que pediu esta exceção: outro membro do Núcleo deve decidir.")
        )


def _check_reasons(reasons: str, errors: dict[str, str]) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        errors["reasons"] = _("Escreva os fundamentos da decisão: o órgão e o público vão lê-los.")
    elif len(reasons) > TEXT_MAX:
        errors["reasons"] = _("Use no máximo 4.000 caracteres.")
    return reasons


def _notify_agency(request: ExceptionRequest, title: str, body: str) -> None:
    notify_users(
        agency_gestores(request.agency_id),
        title=title % {"number": request.number},
        body=body % {"service": request.service.name},
        url=reverse("governance:exc_detail", args=[request.pk]),
    )


def _record(actor, request: ExceptionRequest, action: str, previous: str, **extra) -> None:
    changes = {"status": [previous, request.status], **extra}
    if request.valid_until:
        changes.setdefault("valid_until", request.valid_until.isoformat())
    audit_record(actor=actor, action=f"governance.exception.{action}", target=request, changes=changes)


def _decision_row(actor, request: ExceptionRequest, kind: str) -> ExceptionDecision:
    """Keep the decision with its reasons (the request holds only the latest ones); `request`
    was just saved with the decision's reasons, date and term."""
    return ExceptionDecision.objects.create(
        request=request,
        kind=kind,
        reasons=request.decision_reasons,
        valid_until=request.valid_until if kind in (Kind.APPROVED, Kind.EXTENDED) else None,
        decided_by=actor,
        decided_at=request.decided_at,
    )


def exception_decide(
    *, actor, request: ExceptionRequest, decision: str, reasons: str, valid_until: date | None = None
) -> ExceptionRequest:
    """Approve (in force until `valid_until`: by default the plan's last action's date, never
    before today) or decline a request under analysis."""
    check_decider(actor, request)
    errors: dict[str, str] = {}
    if decision not in (Decision.APPROVE, Decision.DECLINE):
        errors["decision"] = _("Escolha aprovar ou recusar.")
    reasons = _check_reasons(reasons, errors)
    today = timezone.localdate()
    with transaction.atomic():
        request = locked_request(request)
        if request.status != Status.SUBMITTED:
            raise state_error(request)
        if decision == Decision.APPROVE:
            if valid_until is None:
                valid_until = request.actions.aggregate(last=Max("due_on"))["last"]
            if valid_until is None:
                errors["valid_until"] = _("Informe até quando a exceção vale.")
            elif valid_until < today:
                errors["valid_until"] = _(
                    "A exceção vale até hoje ou uma data posterior. "
                    "Se o plano já venceu, informe a nova data."
                )
        if errors:
            raise ValidationError(errors)
        previous = request.status
        request.status = Status.APPROVED if decision == Decision.APPROVE else Status.DECLINED
        request.valid_until = valid_until if decision == Decision.APPROVE else None
        request.decision_reasons = reasons
        request.decided_at = timezone.now()
        request.decided_by = actor
        request.save()
        _decision_row(actor, request, Kind.APPROVED if decision == Decision.APPROVE else Kind.DECLINED)
        _record(actor, request, "approve" if decision == Decision.APPROVE else "decline", previous)
        if decision == Decision.APPROVE:
            _notify_agency(
                request,
                _("Exceção %(number)s aprovada"),
                _(
                    "O Núcleo aprovou a exceção do serviço “%(service)s”. "
                    "Cumpra o plano de migração nas datas."
                ),
            )
        else:
            _notify_agency(
                request,
                _("Exceção %(number)s recusada"),
                _("O Núcleo recusou a exceção do serviço “%(service)s”. Veja os fundamentos da decisão."),
            )
    return request


def exception_review(
    *,
    actor,
    request: ExceptionRequest,
    decision: str,
    reasons: str,
    valid_until: date | None = None,
    new_action: NewAction | None = None,
) -> ExceptionRequest:
    """Decide an exception whose plan expired: close it (the service migrated), extend it (in
    force again until a date after today, optionally with a new action in the plan) or revoke it."""
    check_decider(actor, request)
    errors: dict[str, str] = {}
    if decision not in (Decision.CLOSE, Decision.EXTEND, Decision.REVOKE):
        errors["decision"] = _("Escolha encerrar, prorrogar ou revogar.")
    reasons = _check_reasons(reasons, errors)
    today = timezone.localdate()
    action_data = None
    if decision == Decision.EXTEND:
        if valid_until is None:
            errors["valid_until"] = _("Informe até quando a exceção prorrogada vale.")
        elif valid_until <= today:
            errors["valid_until"] = _("A nova data precisa ser depois de hoje.")
        if new_action is not None and (new_action.description or new_action.due_on):
            try:
                action_data = check_action(new_action.description, new_action.due_on)
            except ValidationError as exc:
                errors.update({f"new_{k}": v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = locked_request(request)
        if request.status != Status.REVIEW:
            raise state_error(request)
        previous = request.status
        extra: dict = {}
        if decision == Decision.EXTEND:
            request.status = Status.APPROVED
            request.valid_until = valid_until
            request.review_due_since = None
            if action_data is not None:
                action = ExceptionAction.objects.create(
                    request=request, description=action_data[0], due_on=action_data[1]
                )
                extra["action_added"] = str(action.pk)
        else:
            request.status = Status.CLOSED if decision == Decision.CLOSE else Status.REVOKED
        request.decision_reasons = reasons
        request.decided_at = timezone.now()
        request.decided_by = actor
        request.save()
        kinds = {Decision.CLOSE: Kind.CLOSED, Decision.EXTEND: Kind.EXTENDED, Decision.REVOKE: Kind.REVOKED}
        _decision_row(actor, request, kinds[decision])
        name = {Decision.CLOSE: "close", Decision.EXTEND: "extend", Decision.REVOKE: "revoke"}[decision]
        _record(actor, request, name, previous, **extra)
        titles = {
            Decision.CLOSE: _("Exceção %(number)s encerrada"),
            Decision.EXTEND: _("Exceção %(number)s prorrogada"),
            Decision.REVOKE: _("Exceção %(number)s revogada"),
        }
        _notify_agency(
            request,
            titles[decision],
            _("O Núcleo revisou a exceção do serviço “%(service)s”. Veja a decisão e os fundamentos."),
        )
    return request


def exceptions_flag_expired(*, today: date | None = None) -> int:
    """Daily: approved exceptions whose term passed (valid_until before today) go to review, and
    the Núcleo's members and the agency's gestores are told once. Returns how many moved.
    Safe to run twice: each row is locked and its state re-checked, so a second run moves nothing."""
    today = today or timezone.localdate()
    due = list(
        ExceptionRequest.objects.filter(status=Status.APPROVED, valid_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    moved = 0
    members = None
    for pk in due:
        with transaction.atomic():
            request = (
                ExceptionRequest.objects.select_for_update()
                .select_related("agency", "service")
                .filter(pk=pk, status=Status.APPROVED, valid_until__lt=today)
                .first()
            )
            if request is None:
                continue
            request.status = Status.REVIEW
            request.review_due_since = today
            request.save(update_fields=["status", "review_due_since", "updated_at"])
            _record(None, request, "expire", Status.APPROVED, review_due_since=today.isoformat())
            if members is None:
                members = nucleo_members()
            notify_users(
                [*members, *agency_gestores(request.agency_id)],
                title=_("Exceção %(number)s em revisão: o plano venceu") % {"number": request.number},
                body=_(
                    "O prazo da exceção do serviço “%(service)s” (%(agency)s) terminou em %(date)s. "
                    "O Núcleo deve encerrá-la, prorrogá-la ou revogá-la."
                )
                % {
                    "service": request.service.name,
                    "agency": request.agency.acronym,
                    "date": request.valid_until.strftime("%d/%m/%Y"),
                },
                url=reverse("governance:exc_detail", args=[request.pk]),
            )
            moved += 1
    return moved
