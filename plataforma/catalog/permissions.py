"""Who may edit which agency's Carta. Editors are servants with the `carta_editor` role in an
agency (identity.AgencyRole); they draft, review and publish only their own agency's services.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role


def editable_agency_ids(user) -> set[UUID]:
    return agency_ids_with_role(user=user, role=AgencyRole.Role.CARTA_EDITOR)


def check_can_edit_agency(user, agency_id: UUID) -> None:
    if agency_id not in editable_agency_ids(user):
        raise PermissionDenied(_("Você não é editor da Carta de Serviços deste órgão."))
