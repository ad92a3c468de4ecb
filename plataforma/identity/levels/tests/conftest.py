"""Fixtures of the levels tests: a test CA (root + intermediate) written to files that the
settings point at, people, agencies, units and servants."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache

from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory
from plataforma.identity.levels import testca
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def root():
    return testca.new_root()


@pytest.fixture(scope="session")
def intermediate(root):
    return root.issue_intermediate()


@pytest.fixture
def trust(settings, tmp_path, root, intermediate):
    """Settings trusting the test root, with the intermediate configured as a file."""
    anchors = tmp_path / "anchors"
    anchors.mkdir()
    (anchors / "raiz.pem").write_bytes(root.pem)
    (tmp_path / "intermediaria.pem").write_bytes(intermediate.pem)
    settings.MTLOGIN_CERT_TRUST_ANCHORS = [str(anchors)]
    settings.MTLOGIN_CERT_INTERMEDIATES = [str(tmp_path / "intermediaria.pem")]
    settings.MTLOGIN_CERT_CRLS = []
    return tmp_path


def header(cert) -> str:
    """What nginx's $ssl_client_escaped_cert holds: the URL-encoded PEM."""
    return quote(testca.pem(cert).decode(), safe="")


@pytest.fixture
def person():
    return UserFactory(full_name="Maria Aparecida da Silva")


@pytest.fixture
def agency():
    return AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")


@pytest.fixture
def unit(agency):
    return ServiceUnitFactory(agency=agency, name="Ganha Tempo Cuiabá")


@pytest.fixture
def other_agency():
    return AgencyFactory()


@pytest.fixture
def other_unit(other_agency):
    return ServiceUnitFactory(agency=other_agency, name="Unidade de outro órgão")


def make_servant(agency, role=AgencyRole.Role.ATTENDANT, **kwargs):
    user = UserFactory(**kwargs)
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def attendant(agency):
    return make_servant(agency)
