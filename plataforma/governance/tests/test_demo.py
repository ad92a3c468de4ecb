"""The governance demo on top of the catalogue's and the requests' demos: the accounts and roles,
last year's approved plan (one digital service with the panel's figures), this year's cycle under
way, exceptions, MTI's catalogue, justifications and guides; a second run writes nothing; the pages
it lists answer for the people it creates. (Without the other demos it writes nothing: tested in
test_monitoring_public.py, whose database does not hold them.)

The other demos are loaded once for the module inside a transaction rolled back at the end (as in
catalog/tests/test_demo_data.py), so other modules never see them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from plataforma.catalog.demo.loader import LoadReport, load_demo
from plataforma.catalog.models import Service
from plataforma.catalog.tests.factories import restore_reference_rows
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole, User

from .. import permissions
from ..demo import ACCOUNTS, governance_a11y_targets, load_governance_demo
from ..models import (
    ExceptionRequest,
    GuidancePage,
    MarketReference,
    Milestone,
    Nomination,
    PlanCycle,
    PriceVersion,
    StandardService,
    TechJustification,
    Track,
)

pytestmark = pytest.mark.django_db
FAST_HASHER = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "plataforma.identity.hashers.ClientSecretHasher",
]
MODELS = (
    PlanCycle,
    Nomination,
    Track,
    Milestone,
    ExceptionRequest,
    StandardService,
    PriceVersion,
    MarketReference,
    TechJustification,
    GuidancePage,
    AuditEvent,
    AgencyRole,
    User,
)


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from plataforma.monitoring.services import indicators_rebuild
    from plataforma.service_requests.demo_forms import load_request_forms_demo
    from plataforma.service_requests.demo_inbox import load_inbox_demo

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert not Service.objects.exists()
        with transaction.atomic():
            restore_reference_rows()
            load_demo()
            with TestCase.captureOnCommitCallbacks(execute=True):
                load_request_forms_demo()
                load_inbox_demo()
            report = LoadReport()
            first = load_governance_demo(report)
            counts = _counts()
            second = load_governance_demo(LoadReport())
            counts_again = _counts()
            indicators_rebuild()
            yield {
                "first": first,
                "second": second,
                "counts": counts,
                "again": counts_again,
                "report": report,
            }
            transaction.set_rollback(True)


def test_the_demo_creates_every_part(demo):
    created = demo["first"].created
    assert created["contas"] == len(ACCOUNTS)
    assert created["ciclos do plano de serviços prioritários"] == 2
    assert created["pedidos de exceção"] == 2
    assert created["serviços do catálogo da MTI"] == 8
    assert created["justificativas técnicas"] == 2
    assert created["orientações de integração"] == 3
    last, this = PlanCycle.objects.order_by("year")
    assert last.status == PlanCycle.Status.APPROVED and this.status == PlanCycle.Status.OPEN
    stages = set(Track.objects.values_list("stage", flat=True))
    assert stages == set(Track.STAGE_ORDER)  # every stage, one digital
    assert Nomination.objects.filter(cycle=last, status=Nomination.Status.DECLINED).count() == 1
    assert Nomination.objects.filter(cycle=this).values("agency").distinct().count() == 3
    assert any(m.is_late() for m in Milestone.objects.all())
    assert set(ExceptionRequest.objects.values_list("status", flat=True)) == {"aprovada", "em_analise"}
    approved = ExceptionRequest.objects.get(status="aprovada")
    assert list(approved.decisions.values_list("kind", flat=True)) == ["aprovada"]  # its public history
    assert not ExceptionRequest.objects.get(status="em_analise").decisions.exists()
    for service in StandardService.objects.all():
        approved = service.prices.filter(status=PriceVersion.Status.APPROVED)
        assert approved.exists()
        assert all(v.references.count() >= 3 for v in approved)
    assert PriceVersion.objects.filter(status=PriceVersion.Status.SUBMITTED).count() == 1
    assert set(StandardService.objects.values_list("category", flat=True)) == set(
        StandardService.Category.values
    )
    assert set(TechJustification.objects.values_list("status", flat=True)) == {"aprovada", "em_analise"}
    assert GuidancePage.objects.filter(is_published=True).count() == 3
    assert AuditEvent.objects.filter(action__startswith="governance.", changes__demo=True).exists()


def test_a_second_run_writes_nothing(demo):
    assert demo["second"].created_anything is False
    assert demo["again"] == demo["counts"]
    assert [label for label, _cpf in demo["second"].accounts] == [
        label for label, _cpf in demo["first"].accounts
    ]


def test_the_accounts_hold_their_roles_and_are_reported(demo):
    labels = dict(demo["report"].accounts)
    for *_spec, label in ACCOUNTS:
        assert label in labels
    nucleo = User.objects.get(cpf=governance_a11y_targets()["nucleo_cpf"])
    assert permissions.is_nucleo(nucleo)
    mti = User.objects.get(agency_roles__role=AgencyRole.Role.MTI)
    assert permissions.is_mti(mti) and not permissions.is_nucleo(mti)
    assert nucleo.check_password("carta-demo-mt")


def test_the_digital_service_has_the_panels_figures(client, demo):
    from django.urls import reverse

    response = client.get(reverse("governance:pub_plan"))
    (row,) = response.context["overview"].digital_rows
    assert row.agency.acronym == "DETRAN-MT"
    assert row.indicators.submitted > 0


def test_every_page_the_demo_lists_answers(client, demo):
    targets = governance_a11y_targets()
    for url in targets["governance_public"]:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(cpf=targets["nucleo_cpf"]))
    for url in targets["governance_nucleo"]:
        assert client.get(url).status_code == 200, url
