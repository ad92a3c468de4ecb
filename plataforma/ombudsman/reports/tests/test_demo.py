"""The demo of the relatório de gestão: last year's manifestações through the real services, and the
state's and DETRAN-MT's reports of last year published; a second run changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plataforma.ombudsman.demo import ANALYST_CPF, CITIZEN_CPFS, GENERAL, OUVIDOR
from plataforma.ombudsman.models import Manifestation
from plataforma.ombudsman.reports.demo import OTHER_CITIZEN_CPF, SCENARIOS, load_reports_demo
from plataforma.ombudsman.reports.models import ManagementReport
from plataforma.ombudsman.tests.factories import (
    AgencyFactory,
    Role,
    general_agency,
    person,
    servant,
    service_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(db):
    agencies = {
        acronym: AgencyFactory(acronym=acronym, slug=acronym.lower(), name=f"Órgão {acronym}")
        for acronym in ("DETRAN-MT", "SEFAZ", "SES", "SEDUC")
    }
    for agency in agencies.values():
        service_of(agency, name=f"Serviço do {agency.acronym}")
    servant(agencies["DETRAN-MT"], Role.OMBUDSMAN, cpf=OUVIDOR["cpf"])
    servant(general_agency(), Role.OMBUDSMAN, cpf=GENERAL["cpf"])
    servant(agencies["DETRAN-MT"], Role.ANALYST, cpf=ANALYST_CPF)
    for cpf in (*CITIZEN_CPFS, OTHER_CITIZEN_CPF):
        person(cpf=cpf)
    return agencies


def test_demo_publishes_last_years_reports_once(demo_people):
    last = timezone.localdate().year - 1
    notes = load_reports_demo()
    assert f"/ouvidoria/relatorios/{last}/" in notes[0]
    state = ManagementReport.objects.get(year=last, agency__isnull=True)
    detran = ManagementReport.objects.get(year=last, agency=demo_people["DETRAN-MT"])
    assert state.is_published and detran.is_published
    expected = sum(1 for s in SCENARIOS if s.ago == 1)
    assert state.figures["received"]["total"] == expected
    assert state.figures["received"]["previous_year"] == sum(1 for s in SCENARIOS if s.ago == 2)
    assert state.figures["satisfaction"]["withheld"] == ""  # enough ratings to publish
    assert state.figures["deadlines"]["on_time"] < state.figures["deadlines"]["concluded"]  # some late
    assert state.figures["measures"]["total"] >= 5
    assert not Manifestation.objects.filter(
        received_at__year=last + 1, title__in=[s.title for s in SCENARIOS]
    ).exists()
    before = Manifestation.objects.count()
    load_reports_demo()
    assert Manifestation.objects.count() == before
    assert ManagementReport.objects.get(pk=state.pk).revision == 1


def test_demo_does_nothing_without_the_ouvidoria_demo(db):
    assert load_reports_demo() == []
    assert not ManagementReport.objects.exists()
