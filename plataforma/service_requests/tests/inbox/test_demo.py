"""The inbox demo: requests in every step, through the real services, loaded once."""

from __future__ import annotations

import pytest

from ...demo_inbox import CITIZEN_CPFS, load_inbox_demo
from ...models import ServiceRequest
from ..factories import citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(agency, manager):
    return [citizen(cpf=cpf, full_name=f"Pessoa {i}") for i, cpf in enumerate(CITIZEN_CPFS)]


def test_the_demo_fills_the_inbox_in_every_step_and_a_second_run_changes_nothing(
    service, demo_people, client
):
    first = load_inbox_demo()
    assert first.created["solicitações"] == 7
    states = sorted(ServiceRequest.objects.values_list("state", flat=True))
    assert states == sorted(
        ["recebida", "recebida", "em_analise", "em_analise", "pendente", "deferida", "indeferida"]
    )
    assert ServiceRequest.objects.filter(assignee__isnull=False).count() == 1
    second = load_inbox_demo()
    assert second.created == {}
    assert ServiceRequest.objects.count() == 7


def test_the_demo_makes_its_own_form_when_there_is_none(agency, editor, demo_people):
    from plataforma.catalog.tests.factories import published_service

    published_service(
        agency=agency, editor=editor, name="Segunda via do CRLV", digital_url="https://x.mt.gov.br"
    )
    report = load_inbox_demo()
    assert report.created["formulários"] == 1 and report.created["solicitações"] == 7


def test_without_the_catalogue_demo_nothing_is_loaded():
    assert load_inbox_demo().created == {}
