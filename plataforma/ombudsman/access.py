"""Who may do what with a manifestação (ADR 0029). Deny by default.

- The ouvidoria handling it: servants holding `ouvidor` in the manifestação's agency. They see the
  whole manifestação and, on an explicit audited action, who lodged it (Lei 13.460 art. 10 §7).
- The Ouvidoria-Geral do Estado: the ouvidores of the agency named by the setting
  OMBUDSMAN_GENERAL_AGENCY (an acronym, default "CGE"). They see and may act on every
  manifestação, including those still without an agency (triage).
- The responsible area: analysts and gestores of the agency a forwarding was sent to. They see
  only the forwarding's pseudonymised extract, never the manifestação nor its author (unless the
  author consented and the ouvidoria chose to share it).
- Nobody else: not attendants, editors, gestores without a forwarding, platform administrators.
- Nobody handles a manifestação they lodged themselves (conflict of interest).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings

from plataforma.identity.models import AgencyRole

OMBUDSMAN = AgencyRole.Role.OMBUDSMAN
AREA_ROLES = (AgencyRole.Role.ANALYST, AgencyRole.Role.MANAGER)
DESK_ROLES = (AgencyRole.Role.OMBUDSMAN, AgencyRole.Role.ATTENDANT)


def general_agency_acronym() -> str:
    return getattr(settings, "OMBUDSMAN_GENERAL_AGENCY", "CGE")


def general_agency():
    """The agency whose ouvidores form the Ouvidoria-Geral do Estado (None if not registered)."""
    Agency = apps.get_model("catalog", "Agency")
    return Agency.objects.filter(acronym__iexact=general_agency_acronym()).first()


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _agency_ids(user, roles) -> set:
    if not _signed_in(user):
        return set()
    cache_name = "_ombudsman_roles_cache"
    cache = getattr(user, cache_name, None)
    if cache is None:
        cache = {}
        for agency_id, role, acronym in AgencyRole.objects.filter(
            user=user, revoked_at__isnull=True
        ).values_list("agency_id", "role", "agency__acronym"):
            cache.setdefault(role, set()).add(agency_id)
            if role == OMBUDSMAN and acronym.upper() == general_agency_acronym().upper():
                cache.setdefault("_general", set()).add(agency_id)
        setattr(user, cache_name, cache)
    found: set = set()
    for role in roles:
        found |= cache.get(role, set())
    return found


def ombudsman_agency_ids(user) -> set:
    return _agency_ids(user, (OMBUDSMAN,))


def is_general_ombudsman(user) -> bool:
    return bool(_agency_ids(user, ("_general",)))


def is_ombudsman(user) -> bool:
    return bool(ombudsman_agency_ids(user))


def area_agency_ids(user) -> set:
    return _agency_ids(user, AREA_ROLES)


def desk_agency_ids(user) -> set:
    """Agencies where the person may register a manifestação received at a desk, by phone, by
    e-mail or by letter: ouvidores and attendants."""
    return _agency_ids(user, DESK_ROLES)


def can_handle(user, manifestation) -> bool:
    """The ouvidoria of the manifestação's agency, or the Ouvidoria-Geral; never its author."""
    if not _signed_in(user) or manifestation.requester_id == user.pk:
        return False
    if is_general_ombudsman(user):
        return True
    return manifestation.agency_id is not None and manifestation.agency_id in ombudsman_agency_ids(user)


def can_work_forwarding(user, forwarding) -> bool:
    """The responsible area: analysts and gestores of the forwarding's agency (not the author)."""
    if not _signed_in(user):
        return False
    if forwarding.manifestation.requester_id == user.pk:
        return False
    return forwarding.agency_id in area_agency_ids(user)


def ombudsman_recipients(agency_id) -> list:
    """Who hears about an agency's deadlines: its ouvidores; the Ouvidoria-Geral's for a
    manifestação without agency."""
    User = apps.get_model("identity", "User")
    if agency_id is None:
        general = general_agency()
        if general is None:
            return []
        agency_id = general.pk
    return list(
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__role=OMBUDSMAN,
            agency_roles__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("id")[:200]
    )
