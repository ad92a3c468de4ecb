"""Fixtures of the public page tests (test_public_*.py): the DETRAN-MT agency, its editor and a
small catalogue with published services, a draft, a newer draft and an unpublished service.
A test module that defines a fixture of the same name (several define their own `catalogue`)
uses its own."""

from __future__ import annotations

import pytest

from plataforma.catalog import services
from plataforma.catalog.tests.factories import (
    AgencyFactory,
    CategoryFactory,
    ServiceUnitFactory,
    content_data,
    published_service,
)
from plataforma.catalog.tests.public_data import DRAFT_NAME, NEW_DRAFT_NAME, UNPUBLISHED_NAME, licence_content
from plataforma.identity.tests.factories import make_editor


@pytest.fixture
def agency():
    return AgencyFactory(
        name="Departamento Estadual de Trânsito de Mato Grosso",
        acronym="DETRAN-MT",
        slug="detran-mt",
        ombudsman_email="ouvidoria@detran.mt.gov.br",
        ombudsman_phone="(65) 3615-4700",
    )


@pytest.fixture
def editor(agency):
    return make_editor(agency)


@pytest.fixture
def catalogue(agency, editor):
    """Two published services, a draft-only service, a published one with a newer draft and an
    unpublished one."""
    CategoryFactory(name="Trânsito e veículos", slug="transito")
    unit = ServiceUnitFactory(
        agency=agency, name="Sede do DETRAN-MT", opening_hours="Segunda a sexta, das 7h às 13h"
    )
    licence = published_service(agency=agency, editor=editor, **licence_content(str(unit.pk)))
    paid = published_service(
        agency=agency,
        editor=editor,
        name="Registrar contrato de financiamento de veículo",
        acronym="",
        audiences=["empresa"],
        is_free=False,
        steps=[
            {
                "title": "Enviar o contrato",
                "costs": [{"description": "Taxa de registro", "value": "1234.50"}],
                "channels": [{"type": "web", "address": "https://detran.mt.gov.br/contratos"}],
            }
        ],
    )
    draft = services.service_create(
        actor=editor, agency=agency, content=content_data(name=DRAFT_NAME)
    ).service
    with_draft = published_service(agency=agency, editor=editor, name="Emitir certidão de débitos do veículo")
    working = services.service_draft_start(actor=editor, service=with_draft)
    services.version_update(actor=editor, version=working, content=content_data(name=NEW_DRAFT_NAME))
    gone = published_service(agency=agency, editor=editor, name=UNPUBLISHED_NAME)
    services.service_unpublish(actor=editor, service=gone)
    return {"licence": licence, "paid": paid, "draft": draft, "with_draft": with_draft, "gone": gone}
