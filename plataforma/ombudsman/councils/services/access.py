"""Who manages an agency's councils: its gestor and its ouvidor (identity.AgencyRole). Every write
service checks it again, whatever the view did (deny by default)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role

STAFF_ROLES = (AgencyRole.Role.MANAGER, AgencyRole.Role.OMBUDSMAN)


def staff_agency_ids(user) -> set:
    """Agencies whose councils the person manages (none for anonymous or inactive accounts)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    ids: set = set()
    for role in STAFF_ROLES:
        ids |= agency_ids_with_role(user=user, role=role)
    return ids


def check_staff(user, agency_id) -> None:
    if agency_id not in staff_agency_ids(user):
        raise PermissionDenied(_("Só o gestor ou o ouvidor do órgão cuida do seu conselho de usuários."))


def has_any_role_in(user, agency_id) -> bool:
    """Whether the person holds any active role in the agency (its servants cannot apply to its
    council: conflict of interest)."""
    return AgencyRole.objects.filter(user=user, agency_id=agency_id, revoked_at__isnull=True).exists()
