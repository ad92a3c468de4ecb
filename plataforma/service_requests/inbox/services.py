"""Writes of the agency's inbox: who is responsible for a request, and the servants' internal
notes. Both work under the request's row lock, write an event of the timeline that only the
agency sees, and an audit row (ids only)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.notifications.services import notification_send

from ..models import RequestEvent, ServiceRequest
from ..services.access import has_conflict_of_interest, servant_roles
from ..services.transitions import MAX_NOTE
from ..workflow import FINAL_STATUSES
from .selectors import work_roles

ROLE_PRECEDENCE = ("gestor", "analista", "atendente")


def main_role(roles: set[str]) -> str:
    return next(role for role in ROLE_PRECEDENCE if role in roles)


def _lock(request_id: UUID) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().select_related("agency").get(pk=request_id)


def request_assign(*, actor, request_id: UUID, assignee) -> ServiceRequest:
    """Make `assignee` responsible for the request (None = nobody).

    Issue #4: "assign to oneself or another analyst". Any atendente, analista or gestor of the
    request's agency takes a request for themself ("Assumir"); only the agency's gestor gives
    it to someone else or takes it from someone. The responsible person must hold atendente,
    analista or gestor in that agency and must not be the requester (conflict of interest).
    Closed requests keep their last responsible person.
    """
    with transaction.atomic():
        request = _lock(request_id)
        roles = work_roles(user=actor, request=request)
        if not roles:
            raise PermissionDenied(_("Você não trabalha nos pedidos deste órgão ou fez este pedido."))
        if request.status in FINAL_STATUSES:
            raise ValidationError(_("Este pedido já foi encerrado e não muda de responsável."))
        taking_for_self = assignee is not None and assignee.pk == actor.pk
        releasing_own = assignee is None and request.assignee_id == actor.pk
        if not (taking_for_self or releasing_own) and "gestor" not in roles:
            raise PermissionDenied(_("Só o gestor do órgão atribui pedidos a outras pessoas."))
        if assignee is not None:
            if (
                not assignee.is_active
                or not servant_roles(user=assignee, agency_id=request.agency_id)
                or has_conflict_of_interest(user=assignee, request=request)
            ):
                raise ValidationError(
                    {
                        "assignee": _(
                            "Escolha uma pessoa com papel de atendente, analista ou gestor neste órgão."
                        )
                    }
                )
            if assignee.pk == request.requester_id:
                raise ValidationError({"assignee": _("Quem fez o pedido não pode ser responsável por ele.")})
        new_id = assignee.pk if assignee is not None else None
        if request.assignee_id == new_id:
            return request
        previous = request.assignee_id
        request.assignee = assignee
        request.save(update_fields=["assignee", "updated_at"])
        if assignee is None:
            label = _("Pedido sem responsável")
        elif taking_for_self:
            label = _("Pedido assumido por %(name)s") % {"name": actor.display_name}
        else:
            label = _("Pedido atribuído a %(name)s") % {"name": assignee.display_name}
        event = RequestEvent.objects.create(
            request=request,
            actor=actor,
            actor_role=main_role(roles),
            action="atribuir",
            action_label=label[:120],
            visible_to_requester=False,
        )
        audit_record(
            actor=actor,
            action="service_requests.assign",
            target=request,
            changes={
                "assignee": str(new_id) if new_id else None,
                "previous": str(previous) if previous else None,
                "event": str(event.pk),
            },
            subject_user_id=request.requester_id,
        )
        if assignee is not None and not taking_for_self:
            notification_send(
                user=assignee,
                title=_("Pedido %(protocol)s atribuído a você") % {"protocol": request.protocol},
                body=_("%(name)s deixou o pedido %(protocol)s sob a sua responsabilidade.")
                % {"name": actor.display_name, "protocol": request.protocol},
                url=reverse("request_inbox:detail", kwargs={"protocol": request.protocol}),
                category="solicitacao",
            )
        return request


def request_internal_note(*, actor, request_id: UUID, note: str) -> RequestEvent:
    """A servant writes an observação interna: an event of the timeline the requester never
    sees (no state change, no notification to the requester)."""
    note = (note or "").strip()
    with transaction.atomic():
        request = _lock(request_id)
        roles = work_roles(user=actor, request=request)
        if not roles:
            raise PermissionDenied(_("Você não trabalha nos pedidos deste órgão ou fez este pedido."))
        if not note:
            raise ValidationError({"note": _("Escreva a observação.")})
        if len(note) > MAX_NOTE:
            raise ValidationError({"note": _("Use no máximo %(n)d caracteres.") % {"n": MAX_NOTE}})
        event = RequestEvent.objects.create(
            request=request,
            actor=actor,
            actor_role=main_role(roles),
            action="nota_interna",
            action_label=_("Observação interna"),
            note=note,
            visible_to_requester=False,
        )
        audit_record(
            actor=actor,
            action="service_requests.internal_note",
            target=request,
            changes={"event": str(event.pk)},
            subject_user_id=request.requester_id,
        )
        return event
