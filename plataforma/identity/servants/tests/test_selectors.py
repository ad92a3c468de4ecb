"""The OIDC "servidor" claim and who enters the Área do Servidor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole
from plataforma.identity.servants import selectors
from plataforma.identity.tests.factories import UserFactory

from .helpers import Role, servant

pytestmark = pytest.mark.django_db


def test_servant_claims_group_active_roles_by_agency():
    person, sefaz = servant(Role.MANAGER, agency=AgencyFactory(acronym="SEFAZ-MT"))
    AgencyRole.objects.create(user=person, agency=sefaz, role=Role.ATTENDANT)
    detran = AgencyFactory(acronym="DETRAN-MT")
    AgencyRole.objects.create(user=person, agency=detran, role=Role.CARTA_EDITOR)
    AgencyRole.objects.create(user=person, agency=detran, role=Role.OMBUDSMAN, revoked_at=timezone.now())
    closed = AgencyFactory(acronym="EXTINTA", is_active=False)
    AgencyRole.objects.create(user=person, agency=closed, role=Role.ANALYST)
    assert selectors.servant_claims(person) == [
        {"orgao": "DETRAN-MT", "cnpj": detran.cnpj, "papeis": ["carta_editor"]},
        {"orgao": "SEFAZ-MT", "cnpj": sefaz.cnpj, "papeis": ["atendente", "gestor"]},
    ]
    assert selectors.servant_claims(UserFactory()) == []
    assert selectors.servant_claims(AnonymousUser()) == []


def test_servant_access_needs_an_active_role_or_administrator():
    member, _ = servant(Role.ANALYST)
    revoked, _ = servant(Role.MANAGER)
    AgencyRole.objects.filter(user=revoked).update(revoked_at=timezone.now())
    assert selectors.has_servant_access(member)
    assert selectors.has_servant_access(UserFactory(is_staff=True))
    assert not selectors.has_servant_access(revoked)
    assert not selectors.has_servant_access(UserFactory())
    assert not selectors.has_servant_access(AnonymousUser())
