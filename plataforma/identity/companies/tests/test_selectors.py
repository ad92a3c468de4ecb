"""Which ties count (active and not expired), the OIDC "empresas" claim and who manages."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from plataforma.identity.companies import selectors
from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.tests.factories import UserFactory

from .factories import CompanyFactory, make_tie

pytestmark = pytest.mark.django_db
Role, Status = CompanyTie.Role, CompanyTie.Status


def test_effective_ties_are_active_and_not_expired():
    person, today = UserFactory(), timezone.localdate()
    good = make_tie(user=person)
    ends_today = make_tie(user=person, expires_at=today)
    make_tie(user=person, expires_at=today - timedelta(days=1))
    for status in (Status.PENDING, Status.REVOKED, Status.REJECTED):
        make_tie(user=person, status=status)
    make_tie()  # someone else's
    assert set(selectors.effective_ties(person)) == {good, ends_today}
    assert list(selectors.effective_ties(AnonymousUser())) == []


def test_companies_for_claims_lists_cnpj_name_role_and_iso_expiry():
    person = UserFactory()
    company = CompanyFactory(legal_name="Alfa Comércio Ltda")
    expiry = timezone.localdate() + timedelta(days=10)
    make_tie(user=person, company=company, role=Role.ACCOUNTANT, expires_at=expiry)
    other = make_tie(user=person, role=Role.PARTNER)
    make_tie(user=person, status=Status.PENDING)
    claims = selectors.companies_for_claims(person)
    assert {
        "cnpj": company.cnpj,
        "razao_social": "Alfa Comércio Ltda",
        "vinculo": "contador",
        "validade": expiry.isoformat(),
    } in claims
    assert {
        "cnpj": other.company.cnpj,
        "razao_social": other.company.legal_name,
        "vinculo": "socio",
        "validade": None,
    } in claims
    assert len(claims) == 2


def test_can_manage_only_for_effective_partners_and_legal_representatives():
    company = CompanyFactory()
    yes = [make_tie(company=company, role=role).user for role in (Role.PARTNER, Role.LEGAL_REPRESENTATIVE)]
    no = [make_tie(company=company, role=role).user for role in (Role.ACCOUNTANT, Role.COLLABORATOR)]
    no.append(make_tie(company=company, role=Role.PARTNER, status=Status.PENDING).user)
    no.append(
        make_tie(company=company, role=Role.PARTNER, expires_at=timezone.localdate() - timedelta(days=1)).user
    )
    no.append(make_tie(role=Role.PARTNER).user)  # partner of another company
    assert all(selectors.can_manage(u, company) for u in yes)
    assert not any(selectors.can_manage(u, company) for u in no)
    assert not selectors.can_manage(AnonymousUser(), company)
