"""Writes about accounts and servants' roles. Issue #3 (MT Login) extends this module."""

from django.db import transaction
from django.utils import timezone

from plataforma.common.audit import audit_record

from .models import AgencyRole, User


@transaction.atomic
def agency_role_grant(*, actor: User | None, user: User, agency, role: str) -> AgencyRole:
    """Give `user` a role in `agency`; granting a role already held changes nothing."""
    existing = AgencyRole.objects.filter(user=user, agency=agency, role=role, revoked_at__isnull=True).first()
    if existing:
        return existing
    grant = AgencyRole.objects.create(user=user, agency=agency, role=role, granted_by=actor)
    audit_record(
        actor=actor,
        action="identity.agency_role.grant",
        target=grant,
        changes={"role": role, "agency": str(agency.pk), "user": str(user.pk)},
        subject_user_id=user.pk,
    )
    return grant


@transaction.atomic
def agency_role_revoke(*, actor: User | None, grant: AgencyRole) -> AgencyRole:
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="identity.agency_role.revoke",
            target=grant,
            changes={"role": grant.role, "agency": str(grant.agency_id)},
            subject_user_id=grant.user_id,
        )
    return grant
