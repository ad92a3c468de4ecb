from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import override_settings

from .factories import AgencyFactory, Role, general_agency, person, servant, service_of


@pytest.fixture(autouse=True)
def _fresh_cache_and_general_setting():
    """Rate limits and the anonymous idempotency replay live in the cache; the Ouvidoria-Geral is
    the CGE's ouvidoria in every test."""
    cache.clear()
    with override_settings(OMBUDSMAN_GENERAL_AGENCY="CGE"):
        yield
    cache.clear()


@dataclass
class World:
    agency: object
    other_agency: object
    cge: object
    service: object
    author: object
    other_citizen: object
    ouvidor: object
    general: object
    other_ouvidor: object
    analyst: object
    manager: object
    attendant: object
    editor: object


@pytest.fixture
def world(db) -> World:
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")
    other = AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")
    cge = general_agency()
    return World(
        agency=agency,
        other_agency=other,
        cge=cge,
        service=service_of(agency, name="Renovar a CNH"),
        author=person(
            full_name="Maria Aparecida Souza", email="maria@example.org", phone_number="+5565999998888"
        ),
        other_citizen=person(),
        ouvidor=servant(agency, Role.OMBUDSMAN),
        general=servant(cge, Role.OMBUDSMAN),
        other_ouvidor=servant(other, Role.OMBUDSMAN),
        analyst=servant(agency, Role.ANALYST),
        manager=servant(agency, Role.MANAGER),
        attendant=servant(agency, Role.ATTENDANT),
        editor=servant(agency, Role.CARTA_EDITOR),
    )
