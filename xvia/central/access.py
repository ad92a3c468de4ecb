"""Who may do what in X-VIA's administration (ADR 0036).

- The platform operator (MTI) is a platform administrator: an active `is_staff` account, which
  signs in only through MT Login with a second factor (ADR 0013). It manages everything.
- A member's administrators are the servants holding one of `conf.admin_agency_roles()`
  (default: gestor) in the catalogue agency linked to the member. They manage that member's
  subsystems, services, access rights to its services and security servers — never another's.
- Catalogue readers are the people with access to the Área do Servidor.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from plataforma.identity.models import AgencyRole
from plataforma.identity.servants.selectors import has_servant_access

from . import conf


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_operator(user) -> bool:
    return _signed_in(user) and bool(user.is_staff)


def administered_agency_ids(user) -> set:
    if not _signed_in(user):
        return set()
    return set(
        AgencyRole.objects.filter(
            user=user, revoked_at__isnull=True, role__in=conf.admin_agency_roles()
        ).values_list("agency_id", flat=True)
    )


def can_manage_member(user, member) -> bool:
    if is_operator(user):
        return True
    return member.agency_id is not None and member.agency_id in administered_agency_ids(user)


def can_use_administration(user) -> bool:
    return is_operator(user) or bool(administered_agency_ids(user))


def can_browse_catalogue(user) -> bool:
    return has_servant_access(user)


def require_member(actor, member) -> None:
    """Services' own guard (views check first): `actor=None` is the system (commands, tasks)."""
    if actor is not None and not can_manage_member(actor, member):
        raise PermissionDenied


def require_operator(actor) -> None:
    if actor is not None and not is_operator(actor):
        raise PermissionDenied
