"""The governance roles: who holds them, where they may be granted, and that a role held in the
wrong agency (or revoked) opens nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole
from plataforma.identity.servants import selectors as servant_selectors
from plataforma.identity.servants import services as servant_services
from plataforma.identity.tests.factories import UserFactory

from .. import permissions

pytestmark = pytest.mark.django_db
Role = AgencyRole.Role


def _servant(agency, role):
    user = UserFactory()
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def test_a_nucleo_member_holds_the_role_in_one_of_the_nucleos_agencies():
    seplag, detran = AgencyFactory(acronym="SEPLAG"), AgencyFactory(acronym="DETRAN-MT")
    member = _servant(seplag, Role.NUCLEO)
    stray = _servant(detran, Role.NUCLEO)  # an old grant in the wrong agency counts for nothing
    assert permissions.is_nucleo(member)
    assert not permissions.is_nucleo(stray)
    assert not permissions.is_mti(member)
    with pytest.raises(PermissionDenied):
        permissions.check_nucleo(stray)


def test_a_revoked_role_and_an_inactive_account_open_nothing():
    mti = AgencyFactory(acronym="MTI")
    staff = _servant(mti, Role.MTI)
    assert permissions.is_mti(staff)
    AgencyRole.objects.filter(user=staff).update(revoked_at=timezone.now())
    assert not permissions.is_mti(staff)
    other = _servant(mti, Role.MTI)
    other.is_active = False
    other.save()
    assert not permissions.is_mti(other)
    assert not permissions.has_any_role(other)


def test_a_gestor_keeps_only_the_agencies_where_they_are_gestor():
    detran, sefaz = AgencyFactory(acronym="DETRAN-MT"), AgencyFactory(acronym="SEFAZ")
    gestor = _servant(detran, Role.MANAGER)
    assert permissions.managed_agency_ids(gestor) == {detran.pk}
    permissions.check_agency_manager(gestor, detran.pk)
    with pytest.raises(PermissionDenied):
        permissions.check_agency_manager(gestor, sefaz.pk)
    assert permissions.can_see_track(gestor, detran.pk)
    assert not permissions.can_see_track(gestor, sefaz.pk)


@override_settings(GOVERNANCE_NUCLEO_AGENCIES=["SEPLAG", "SEFAZ"], GOVERNANCE_MTI_AGENCY="MTI")
def test_the_nucleo_and_mti_roles_are_offered_and_granted_only_in_their_agencies():
    seplag, mti, detran = (AgencyFactory(acronym=a) for a in ("SEPLAG", "MTI", "DETRAN-MT"))
    assert "nucleo" in servant_selectors.grantable_roles(seplag)
    assert "mti" not in servant_selectors.grantable_roles(seplag)
    assert "mti" in servant_selectors.grantable_roles(mti)
    assert {"nucleo", "mti"}.isdisjoint(servant_selectors.grantable_roles(detran))
    admin = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    with pytest.raises(ValidationError) as err:
        servant_services.member_grant(actor=admin, agency=detran, user=person, role="nucleo")
    assert "role" in err.value.message_dict
    assert not AgencyRole.objects.filter(user=person).exists()
    servant_services.member_grant(actor=admin, agency=seplag, user=person, role="nucleo")
    assert permissions.is_nucleo(person)


def test_the_members_page_offers_only_the_agencys_roles(client):
    detran = AgencyFactory(acronym="DETRAN-MT")
    gestor = _servant(detran, Role.MANAGER)
    client.force_login(gestor)
    url = f"/servidor/orgaos/{detran.slug}/membros/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="gestor"' in body and 'value="nucleo"' not in body and 'value="mti"' not in body
    target = UserFactory()
    answer = client.post(url, {"cpf": target.cpf, "role": "nucleo"})
    assert answer.status_code == 400
    assert not AgencyRole.objects.filter(user=target).exists()
