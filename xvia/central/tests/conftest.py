"""A small X-VIA world: DETRAN-MT and SEFAZ as catalogue agencies and members, their
administrators, other roles, a citizen and the platform operator; keys in a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory
from xvia.central import services
from xvia.central.models import MemberClass

Role = AgencyRole.Role


@pytest.fixture(autouse=True)
def _keys_in_tmp(tmp_path, settings):
    settings.XVIA_KEY_DIR = str(tmp_path / "keys")
    settings.XVIA_DEV_CA_ENABLED = True
    settings.XVIA_INSTANCE = "MT"
    cache.clear()
    with override_settings(CEP_PROVIDER="none"):
        yield
    cache.clear()


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.BRONZE)
    return UserFactory(**kwargs)


def servant(agency, *roles):
    user = person()
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


@dataclass
class World:
    detran_agency: object
    sefaz_agency: object
    detran: object
    sefaz: object
    detran_sub: object
    sefaz_sub: object
    operator: object
    detran_admin: object
    sefaz_admin: object
    detran_attendant: object
    detran_editor: object
    citizen: object


def gov() -> MemberClass:
    return MemberClass.objects.get_or_create(code="GOV", defaults={"description": "Governo"})[0]


@pytest.fixture
def world(db) -> World:
    detran_agency = AgencyFactory(
        acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito"
    )
    sefaz_agency = AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")
    detran = services.member_create(
        actor=None, member_class=gov(), code=detran_agency.cnpj, name="DETRAN-MT", agency=detran_agency
    )
    sefaz = services.member_create(
        actor=None, member_class=gov(), code=sefaz_agency.cnpj, name="SEFAZ-MT", agency=sefaz_agency
    )
    detran_sub = services.subsystem_create(actor=None, member=detran, code="DETRAN-VEICULOS", name="Veículos")
    sefaz_sub = services.subsystem_create(
        actor=None, member=sefaz, code="SEFAZ-ARRECADACAO", name="Arrecadação"
    )
    return World(
        detran_agency=detran_agency,
        sefaz_agency=sefaz_agency,
        detran=detran,
        sefaz=sefaz,
        detran_sub=detran_sub,
        sefaz_sub=sefaz_sub,
        operator=person(is_staff=True),
        detran_admin=servant(detran_agency, Role.MANAGER),
        sefaz_admin=servant(sefaz_agency, Role.MANAGER),
        detran_attendant=servant(detran_agency, Role.ATTENDANT, Role.ANALYST),
        detran_editor=servant(detran_agency, Role.CARTA_EDITOR, Role.OMBUDSMAN),
        citizen=person(),
    )


@pytest.fixture
def pki(db):
    services.pki_init(actor=None)
