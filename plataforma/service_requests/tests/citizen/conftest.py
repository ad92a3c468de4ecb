"""The requester's pages: people, a service with an open request form, and a private documents
folder per test."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie

from ..factories import citizen


@pytest.fixture(autouse=True)
def _private_documents(settings, tmp_path):
    """Stored files go to a folder of this test only (so tests can count them)."""
    root = tmp_path / "documents"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("documents", None)
    yield root
    storages._storages.pop("documents", None)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def documents_root(_private_documents):
    return _private_documents


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
