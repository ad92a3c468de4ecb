"""Who does what in the Núcleo de Governança Digital's tools (Resolução 002/2021/NGD).

- Núcleo members (`nucleo` role, held only in the Núcleo's agencies — SEPLAG and SEFAZ): open
  plan cycles, decide nominations, approve plans, grant budgets, decide exceptions, prices and
  technical justifications; they see every agency's tracks.
- Agency gestores (`gestor` role): nominate their agency's priority services, keep its tracks
  (milestones, risks, status updates, budget requested), request exceptions for its services.
- MTI staff (`mti` role, held only in MTI): the service catalogue and its price proposals,
  technical justifications, integration guidance pages.

Each check raises PermissionDenied with a message in Portuguese; views turn it into a 403.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role

Role = AgencyRole.Role


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_nucleo(user) -> bool:
    """A Núcleo member: the `nucleo` role in one of the Núcleo's agencies (a role granted in
    another agency, e.g. by an old configuration, does not count)."""
    if not _active(user):
        return False
    return AgencyRole.objects.filter(
        user=user,
        role=Role.NUCLEO,
        revoked_at__isnull=True,
        agency__acronym__in=settings.GOVERNANCE_NUCLEO_AGENCIES,
        agency__is_active=True,
    ).exists()


def is_mti(user) -> bool:
    if not _active(user):
        return False
    return AgencyRole.objects.filter(
        user=user,
        role=Role.MTI,
        revoked_at__isnull=True,
        agency__acronym=settings.GOVERNANCE_MTI_AGENCY,
        agency__is_active=True,
    ).exists()


def managed_agency_ids(user) -> set[UUID]:
    """The agencies whose plan, tracks and exceptions `user` keeps (as their gestor)."""
    if not _active(user):
        return set()
    return agency_ids_with_role(user=user, role=Role.MANAGER)


def check_nucleo(user) -> None:
    if not is_nucleo(user):
        raise PermissionDenied(_("Só os membros do Núcleo de Governança Digital podem fazer isto."))


def check_mti(user) -> None:
    if not is_mti(user):
        raise PermissionDenied(_("Só a equipe da MTI pode fazer isto."))


def check_agency_manager(user, agency_id: UUID) -> None:
    if agency_id not in managed_agency_ids(user):
        raise PermissionDenied(_("Só o gestor do órgão pode fazer isto."))


def can_see_track(user, agency_id: UUID) -> bool:
    return is_nucleo(user) or agency_id in managed_agency_ids(user)


def has_any_role(user) -> bool:
    """Whether the Área do Servidor shows the governance tools to `user` at all."""
    return is_nucleo(user) or is_mti(user) or bool(managed_agency_ids(user))
