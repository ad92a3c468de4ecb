"""Fixtures of the payments tests: a DETRAN-MT service with an R$ 85,40 fee, its requester,
the people of every role, and the sandbox provider with a known secret."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.tests.factories import make_editor

from ...tests.factories import citizen, servant, service_with_form, submit

SECRET = "segredo-de-teste-do-sandbox"
FEE = Decimal("85.40")


@pytest.fixture(autouse=True)
def _sandbox_settings():
    with override_settings(
        PAYMENTS_PROVIDERS={
            "sandbox": "plataforma.service_requests.payments.providers.sandbox.SandboxProvider"
        },
        PAYMENTS_DEFAULT_PROVIDER="sandbox",
        PAYMENTS_PIX_KEY="pagamentos@sefaz.mt.gov.br",
        PAYMENTS_MERCHANT_NAME="GOVERNO DE MATO GROSSO",
        PAYMENTS_MERCHANT_CITY="CUIABA",
        PAYMENTS_SANDBOX_WEBHOOK_SECRET=SECRET,
        PRODUCTION=False,
    ):
        yield


@pytest.fixture
def agency():
    return AgencyFactory(
        name="Departamento Estadual de Trânsito de Mato Grosso", acronym="DETRAN-MT", slug="detran-mt"
    )


@pytest.fixture
def other_agency():
    return AgencyFactory(name="Secretaria de Estado de Fazenda", acronym="SEFAZ", slug="sefaz")


@pytest.fixture
def paid_service(agency):
    return service_with_form(agency=agency, editor=make_editor(agency), fee=FEE, name="Licenciamento anual")


@pytest.fixture
def person():
    return citizen(full_name="Maria da Silva Souza")


@pytest.fixture
def other_person():
    return citizen(full_name="João Pereira Lima")


@pytest.fixture
def manager(agency):
    return servant(agency, "gestor", full_name="Gustavo Gestor")


@pytest.fixture
def analyst(agency):
    return servant(agency, "analista", "atendente", full_name="Ana Analista")


@pytest.fixture
def outsider_manager(other_agency):
    return servant(other_agency, "gestor", "analista", "atendente", full_name="Otávio de Outro Órgão")


@pytest.fixture
def awaiting(paid_service, person):
    """A request that waits for its fee to be paid."""
    return submit(paid_service, person)
