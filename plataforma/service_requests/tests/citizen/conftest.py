"""The requester's pages: people, a service with an open request form, and a private documents
folder per test."""

from __future__ import annotations

import pytest

from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie

from ..factories import citizen


@pytest.fixture
def company():
    return CompanyFactory(legal_name="Transportes Cuiabá Ltda")


@pytest.fixture
def representative(company):
    user = citizen(full_name="Rita Representante")
    make_tie(company=company, user=user, role=CompanyTie.Role.LEGAL_REPRESENTATIVE)
    return user


@pytest.fixture
def colleague(company):
    user = citizen(full_name="Carlos Colaborador")
    make_tie(company=company, user=user, role=CompanyTie.Role.COLLABORATOR)
    return user
