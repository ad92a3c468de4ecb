"""Granting and revoking roles in an agency: only its gestor or a platform administrator, never
across agencies, never leaving the agency without its last gestor by their own hand."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.identity.servants import services
from plataforma.identity.tests.factories import UserFactory

from .helpers import Role, servant

pytestmark = pytest.mark.django_db


def test_a_gestor_grants_a_role_audited_on_behalf_of_the_agency():
    gestor, agency = servant(Role.MANAGER)
    person = UserFactory()
    grant = services.member_grant(actor=gestor, agency=agency, user=person, role=Role.ATTENDANT)
    assert grant.user == person and grant.granted_by == gestor and grant.revoked_at is None
    event = AuditEvent.objects.get(action="identity.agency_role.grant")
    assert event.actor == gestor and event.subject_user_id == person.pk
    assert (event.on_behalf_of_type, event.on_behalf_of_id) == ("agency", str(agency.pk))
    assert agency.acronym in event.on_behalf_of_label


def test_a_platform_administrator_grants_and_revokes_in_any_agency():
    admin, agency = UserFactory(is_staff=True), AgencyFactory()
    grant = services.member_grant(actor=admin, agency=agency, user=UserFactory(), role=Role.MANAGER)
    services.member_revoke(actor=admin, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    event = AuditEvent.objects.get(action="identity.agency_role.revoke")
    assert event.actor == admin and event.on_behalf_of_id == str(agency.pk)


@pytest.mark.parametrize("role", [Role.ATTENDANT, Role.ANALYST, Role.OMBUDSMAN, Role.CARTA_EDITOR])
def test_servants_with_other_roles_cannot_manage_members(role):
    actor, agency = servant(role)
    target_user, _ = servant(Role.ATTENDANT, agency=agency)
    grant = AgencyRole.objects.get(user=target_user)
    with pytest.raises(PermissionDenied):
        services.member_grant(actor=actor, agency=agency, user=UserFactory(), role=Role.ATTENDANT)
    with pytest.raises(PermissionDenied):
        services.member_revoke(actor=actor, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is None and not AuditEvent.objects.exists()


def test_a_gestor_of_another_agency_or_a_revoked_gestor_cannot_manage():
    other_gestor, _ = servant(Role.MANAGER)
    revoked, agency = servant(Role.MANAGER)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    member, _ = servant(Role.ATTENDANT, agency=agency)
    grant = AgencyRole.objects.get(user=member)
    for actor in (other_gestor, revoked, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.member_grant(actor=actor, agency=agency, user=UserFactory(), role=Role.MANAGER)
        with pytest.raises(PermissionDenied):
            services.member_revoke(actor=actor, grant=grant)
    assert AgencyRole.objects.filter(agency=agency, revoked_at__isnull=True).count() == 1


def test_grant_refuses_a_role_already_held_an_unknown_role_and_a_deactivated_account():
    gestor, agency = servant(Role.MANAGER)
    member, _ = servant(Role.ATTENDANT, agency=agency)
    with pytest.raises(ValidationError) as exc:
        services.member_grant(actor=gestor, agency=agency, user=member, role=Role.ATTENDANT)
    assert "já tem este papel" in exc.value.message_dict["role"][0]
    with pytest.raises(ValidationError):
        services.member_grant(actor=gestor, agency=agency, user=member, role="chefe")
    with pytest.raises(ValidationError):
        services.member_grant(
            actor=gestor, agency=agency, user=UserFactory(is_active=False), role=Role.ANALYST
        )
    assert AgencyRole.objects.filter(agency=agency).count() == 2 and not AuditEvent.objects.exists()


def test_the_only_gestor_cannot_remove_their_own_gestor_role():
    gestor, agency = servant(Role.MANAGER)
    own = AgencyRole.objects.get(user=gestor)
    with pytest.raises(ValidationError) as exc:
        services.member_revoke(actor=gestor, grant=own)
    assert "único gestor" in exc.value.messages[0]
    own.refresh_from_db()
    assert own.revoked_at is None
    # With a second gestor, they may step down.
    services.member_grant(actor=gestor, agency=agency, user=UserFactory(), role=Role.MANAGER)
    services.member_revoke(actor=gestor, grant=own)
    own.refresh_from_db()
    assert own.revoked_at is not None


def test_a_gestor_of_two_agencies_is_still_the_only_gestor_of_each():
    gestor, agency = servant(Role.MANAGER)
    other = AgencyFactory()
    AgencyRole.objects.create(user=gestor, agency=other, role=Role.MANAGER)
    services.member_grant(actor=gestor, agency=other, user=UserFactory(), role=Role.MANAGER)
    with pytest.raises(ValidationError):
        services.member_revoke(actor=gestor, grant=AgencyRole.objects.get(user=gestor, agency=agency))


def test_a_gestor_may_remove_their_other_roles_and_revoking_twice_is_an_error():
    gestor, agency = servant(Role.MANAGER)
    editor_grant = AgencyRole.objects.create(user=gestor, agency=agency, role=Role.CARTA_EDITOR)
    services.member_revoke(actor=gestor, grant=editor_grant)
    with pytest.raises(ValidationError):
        services.member_revoke(actor=gestor, grant=editor_grant)
    assert AuditEvent.objects.filter(action="identity.agency_role.revoke").count() == 1
