"""The ouvidoria demo: accounts, manifestações in every state, the codes printed; idempotent."""

import pytest

from plataforma.catalog.demo.loader import LoadReport
from plataforma.common.documents import make_cpf
from plataforma.identity.models import AgencyRole

from ..access_codes import access_code_matches
from ..demo import ANONYMOUS_CODE, ANONYMOUS_TITLE, GENERAL, OUVIDOR, load_ombudsman_demo
from ..models import Manifestation, Status
from .factories import AgencyFactory, Role, general_agency, person, servant, service_of

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_state_and_runs_twice_without_changes():
    detran = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    AgencyFactory(acronym="SEFAZ", slug="sefaz")
    general_agency()
    service_of(detran, name="Renovar a CNH")
    for cpf in ("741852963", "852963741"):
        person(cpf=make_cpf(cpf))
    servant(detran, Role.ANALYST, cpf=make_cpf("321654987"))
    report = LoadReport()
    result = load_ombudsman_demo(report)
    assert set(Manifestation.objects.values_list("status", flat=True)) == set(Status.values)
    assert AgencyRole.objects.filter(user__cpf=OUVIDOR["cpf"], role="ouvidor", agency=detran).exists()
    assert AgencyRole.objects.filter(user__cpf=GENERAL["cpf"], role="ouvidor", agency__acronym="CGE").exists()
    anonymous = Manifestation.objects.get(title=ANONYMOUS_TITLE)
    assert anonymous.is_anonymous and access_code_matches(manifestation=anonymous, code=ANONYMOUS_CODE)
    assert any(ANONYMOUS_CODE in line and anonymous.protocol in line for line in report.notes)
    assert (OUVIDOR["label"], "147.258.369-82") in report.accounts
    count = Manifestation.objects.count()
    again = load_ombudsman_demo(LoadReport())
    assert Manifestation.objects.count() == count and not again.created
    assert result.created["manifestações"] == count


def test_without_the_agencies_the_demo_does_nothing():
    assert load_ombudsman_demo().created == {}
    assert not Manifestation.objects.exists()
