"""Fixtures shared by the service-request tests: one agency (DETRAN-MT) with a digital service
that takes requests, the people of every role, and a second agency with its own servants."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.tests.factories import make_editor

from .factories import citizen, servant, service_with_form


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
def agency():
    return AgencyFactory(
        name="Departamento Estadual de Trânsito de Mato Grosso", acronym="DETRAN-MT", slug="detran-mt"
    )


@pytest.fixture
def other_agency():
    return AgencyFactory(name="Secretaria de Estado de Fazenda", acronym="SEFAZ", slug="sefaz")


@pytest.fixture
def editor(agency):
    return make_editor(agency)


@pytest.fixture
def service(agency, editor):
    return service_with_form(agency=agency, editor=editor, name="Transferir a propriedade do veículo")


@pytest.fixture
def person():
    return citizen(full_name="Maria da Silva Souza")


@pytest.fixture
def other_person():
    return citizen(full_name="João Pereira Lima")


@pytest.fixture
def analyst(agency):
    return servant(agency, "analista", full_name="Ana Analista")


@pytest.fixture
def attendant(agency):
    return servant(agency, "atendente", full_name="Átila Atendente")


@pytest.fixture
def manager(agency):
    return servant(agency, "gestor", full_name="Gustavo Gestor")


@pytest.fixture
def outsider_servant(other_agency):
    """A servant with every role — in another agency."""
    return servant(other_agency, "analista", "atendente", "gestor", full_name="Otávio de Outro Órgão")
