"""Writes of the Área do Servidor: an agency's gestor (or a platform administrator) grants and
revokes roles in that agency. The rights are checked here; the change itself and its audit row
are identity.services' (`agency_role_grant` / `agency_role_revoke`), written on behalf of the
agency so the trail shows in whose name the gestor acted."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plataforma.common.context import OnBehalfOf, acting_context, current_context
from plataforma.identity.models import AgencyRole, User
from plataforma.identity.services import agency_role_grant, agency_role_revoke

from . import selectors

Role = AgencyRole.Role


@contextlib.contextmanager
def _on_behalf_of_agency(agency) -> Iterator[None]:
    ctx = current_context()
    behalf = OnBehalfOf(kind="agency", id=str(agency.pk), label=str(agency))
    with acting_context(dataclasses.replace(ctx, on_behalf_of=behalf)):
        yield


def _check_manager(actor: User, agency) -> None:
    if not selectors.can_manage_members(actor, agency):
        raise PermissionDenied(
            _("Só o gestor do órgão ou um administrador da plataforma gerencia os membros.")
        )


@transaction.atomic
def member_grant(*, actor: User, agency, user: User, role: str) -> AgencyRole:
    """Give `user` a role in `agency`. The person must have an active account and must not
    already hold that role there."""
    _check_manager(actor, agency)
    if role not in Role.values:
        raise ValidationError({"role": [_("Escolha um papel da lista.")]})
    if role not in selectors.grantable_roles(agency):
        raise ValidationError({"role": [_("Este papel não pode ser concedido neste órgão.")]})
    if not user.is_active:
        raise ValidationError({"cpf": [_("Esta conta está desativada e não pode receber papéis.")]})
    if AgencyRole.objects.filter(user=user, agency=agency, role=role, revoked_at__isnull=True).exists():
        raise ValidationError({"role": [_("Esta pessoa já tem este papel neste órgão.")]})
    with _on_behalf_of_agency(agency):
        return agency_role_grant(actor=actor, user=user, agency=agency, role=role)


@transaction.atomic
def member_revoke(*, actor: User, grant: AgencyRole) -> AgencyRole:
    """Revoke a role. A gestor cannot give up their own gestor role while they are the agency's
    only gestor: the agency would be left without anyone to manage its members."""
    agency = grant.agency
    _check_manager(actor, agency)
    # Lock the agency's gestor rows so that two gestores cannot remove each other at once.
    gestores = list(
        AgencyRole.objects.select_for_update()
        .filter(agency=agency, role=Role.MANAGER, revoked_at__isnull=True)
        .values_list("pk", "user_id")
    )
    grant = AgencyRole.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(_("Este papel já foi revogado."))
    if grant.role == Role.MANAGER and grant.user_id == actor.pk and len(gestores) <= 1:
        raise ValidationError(
            _(
                "Você é o único gestor deste órgão. Conceda o papel de gestor a outra pessoa antes "
                "de deixar de sê-lo."
            )
        )
    with _on_behalf_of_agency(agency):
        return agency_role_revoke(actor=actor, grant=grant)
