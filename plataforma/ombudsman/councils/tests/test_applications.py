"""Applying to a call and withdrawing: the window, once per person, cancelled calls, the agency's
own servants, regional categories, the declarations — with clear messages and nothing written
when refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.notifications.models import Notification

from ..models import Application, ApplicationState, CategoryKind
from ..services import councils as council_services
from ..services.applications import application_submit, application_withdraw
from ..services.calls import call_cancel
from .factories import (
    SINOP,
    AgencyFactory,
    apply,
    council_for,
    end_window,
    gestor_of,
    open_call,
    person,
    servant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def gestor(agency):
    return gestor_of(agency)


@pytest.fixture
def call(agency, gestor):
    return open_call(council_for(agency, gestor), gestor)


def test_a_person_applies_gets_a_number_a_notification_and_an_audit_row_they_can_see(call):
    maria = person()
    application = apply(maria, call, motivation="Quero ajudar.")
    assert application.number == 1 and application.state == ApplicationState.SUBMITTED
    assert application.municipality_name == "Cuiabá"
    assert apply(person(), call).number == 2
    assert Notification.objects.filter(user=maria, title__contains="Inscrição nº 0001 recebida").exists()
    event = AuditEvent.objects.get(action="councils.application.submit", target_id=str(application.pk))
    assert event.subject_user_id == maria.pk
    assert "Quero" not in str(event.changes)


def test_a_person_applies_once_per_call(call):
    maria = person()
    apply(maria, call)
    with pytest.raises(ValidationError, match="já se inscreveu"):
        apply(maria, call, "empresas")
    assert Application.objects.filter(person=maria).count() == 1


def test_applications_outside_the_window_are_refused(agency, gestor):
    council = council_for(agency, gestor)
    future = open_call(council, gestor, opens_in=timedelta(days=2))
    with pytest.raises(ValidationError, match="começam em"):
        apply(person(), future)
    past = end_window(future)
    with pytest.raises(ValidationError, match="terminaram em"):
        apply(person(), past)
    assert not Application.objects.exists()


def test_a_cancelled_call_takes_no_application(call, gestor):
    call_cancel(actor=gestor, call=call, reason="Erro no edital.")
    call.refresh_from_db()
    with pytest.raises(ValidationError, match="cancelado"):
        apply(person(), call)


@pytest.mark.parametrize("role", ["analista", "atendente", "carta_editor", "gestor"])
def test_servants_of_the_agency_cannot_apply_to_its_council(agency, call, role):
    with pytest.raises(ValidationError, match="Servidores do próprio órgão"):
        apply(servant(agency, role), call)


def test_a_servant_of_another_agency_may_apply_as_a_user(call):
    assert apply(servant(AgencyFactory(), AgencyRole.Role.ANALYST), call).pk


def test_a_regional_category_takes_only_residents_of_its_municipalities(agency, gestor):
    council = council_for(agency, gestor)
    council_services.category_save(
        actor=gestor,
        council=council,
        data=council_services.CategoryData("Região Norte", CategoryKind.REGION, "", 1, 0, [SINOP]),
    )
    call = open_call(council, gestor)
    with pytest.raises(ValidationError) as exc:
        apply(person(), call, "regiao-norte")
    assert "municipality" in exc.value.error_dict
    assert apply(person(), call, "regiao-norte", municipality=SINOP).municipality_name == "Sinop"


def test_bad_data_is_refused_field_by_field(call):
    with pytest.raises(ValidationError) as exc:
        application_submit(
            actor=person(),
            call=call,
            category=call.council.categories.first(),
            municipality_code="9999999",
            motivation="x" * 1001,
            declares_no_conflict=False,
            declares_unpaid=False,
        )
    assert set(exc.value.error_dict) == {
        "municipality",
        "motivation",
        "declares_no_conflict",
        "declares_unpaid",
    }
    assert not Application.objects.exists()


def test_a_category_of_another_council_is_refused(agency, gestor, call):
    other = council_for(agency, gestor, name="Outro conselho")
    with pytest.raises(ValidationError) as exc:
        application_submit(
            actor=person(),
            call=call,
            category=other.categories.first(),
            municipality_code="5103403",
            declares_no_conflict=True,
            declares_unpaid=True,
        )
    assert "category" in exc.value.error_dict


def test_the_applicant_withdraws_while_open_and_may_apply_again(call):
    maria = person()
    application = application_withdraw(actor=maria, application=apply(maria, call))
    assert application.state == ApplicationState.WITHDRAWN and application.withdrawn_at
    again = apply(maria, call)
    assert again.number == 2


def test_nobody_withdraws_someone_elses_application(call):
    application = apply(person(), call)
    with pytest.raises(PermissionDenied):
        application_withdraw(actor=person(), application=application)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_after_the_window_the_application_can_no_longer_be_withdrawn(call):
    maria = person()
    application = apply(maria, call)
    end_window(call)
    with pytest.raises(ValidationError, match="terminaram"):
        application_withdraw(actor=maria, application=application)
