"""The demo: DETRAN-MT's council with a decided call, a published consultation, an open one, and
an open call the demo citizens can apply to; loading twice writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.catalog.demo.loader import LoadReport
from plataforma.common.documents import make_cpf
from plataforma.identity.models import AgencyRole

from ..demo import COUNCIL_NAME, councils_a11y_targets, load_councils_demo
from ..models import CallState, Council, Membership
from .factories import AgencyFactory, apply, gestor_of, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def detran():
    agency = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")
    gestor_of(agency, cpf=make_cpf("390533447"))
    person(cpf=make_cpf("852963741"), full_name="João Batista Moraes")
    person(cpf=make_cpf("741852963"), full_name="Maria Aparecida da Silva")
    return agency


def test_the_demo_loads_once_and_every_page_it_lists_answers(client, detran):
    report = LoadReport()
    result = load_councils_demo(report)
    assert result.councils == 1 and result.calls == 2 and report.created["conselhos de usuários"] == 1
    council = Council.objects.get(name=COUNCIL_NAME)
    assert set(council.calls.values_list("state", flat=True)) == {CallState.RESULT, CallState.OPEN}
    assert Membership.objects.filter(council=council, person__cpf=make_cpf("852963741")).exists()
    assert load_councils_demo().created_anything is False
    targets = councils_a11y_targets()
    for url in targets["councils_public"]:
        assert client.get(url).status_code == 200, url
    client.force_login(Membership.objects.get(person__cpf=make_cpf("852963741")).person)
    for url in targets["councils_citizen"]:
        assert client.get(url).status_code == 200, url
    client.force_login(AgencyRole.objects.get(role="gestor").user)
    for url in targets["councils_staff"]:
        assert client.get(url).status_code == 200, url


def test_the_demo_citizens_can_apply_to_the_open_call(detran):
    load_councils_demo()
    call = Council.objects.get(name=COUNCIL_NAME).calls.get(state=CallState.OPEN)
    from plataforma.identity.models import User

    for cpf in (make_cpf("852963741"), make_cpf("741852963")):
        assert apply(User.objects.get(cpf=cpf), call).call_id == call.pk


def test_without_the_agency_or_its_gestor_the_demo_writes_nothing():
    assert load_councils_demo().created_anything is False
    assert not Council.objects.exists()
    assert reverse("councils:list")
