"""Who edits request forms (carta_editor or gestor) and workflows (gestor)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role


def form_editor_agency_ids(user) -> set:
    """Agencies whose request forms `user` edits (Carta editors and managers)."""
    return agency_ids_with_role(user=user, role=AgencyRole.Role.CARTA_EDITOR) | agency_ids_with_role(
        user=user, role=AgencyRole.Role.MANAGER
    )


def workflow_editor_agency_ids(user) -> set:
    return agency_ids_with_role(user=user, role=AgencyRole.Role.MANAGER)


def check_can_edit_forms(user, agency_id) -> None:
    if agency_id not in form_editor_agency_ids(user):
        raise PermissionDenied(_("Você não edita os formulários de pedido deste órgão."))


def check_can_edit_workflows(user, agency_id) -> None:
    if agency_id not in workflow_editor_agency_ids(user):
        raise PermissionDenied(_("Só o gestor do órgão altera os fluxos de trabalho."))
