"""The public call's state machine: rascunho → aberto → em seleção → resultado; cancelado. Each
transition is guarded by the state and the dates, audited, and refused to anyone but the agency's
gestor or ouvidor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.notifications.models import Notification

from ..models import ApplicationState, Call, CallState
from ..services import calls as services
from .factories import (
    AgencyFactory,
    apply,
    call_data,
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
def council(agency, gestor):
    return council_for(agency, gestor)


def test_a_call_is_created_as_a_numbered_draft_and_published(council, gestor):
    call = services.call_create(actor=gestor, council=council, data=call_data())
    assert call.state == CallState.DRAFT and call.number == 1
    call = services.call_publish(actor=gestor, call=call)
    assert call.state == CallState.OPEN and call.published_at is not None
    assert AuditEvent.objects.filter(action="councils.call.publish", target_id=str(call.pk)).exists()


def test_call_data_is_checked_field_by_field(council, gestor):
    now = timezone.now()
    bad = call_data(notice="", opens_at=now, closes_at=now + timedelta(hours=2), draw_value_source="")
    with pytest.raises(ValidationError) as exc:
        services.call_create(actor=gestor, council=council, data=bad)
    assert {"notice", "closes_at", "draw_value_source"} <= set(exc.value.error_dict)
    assert not Call.objects.exists()


def test_mandates_start_after_the_applications_end(council, gestor):
    data = call_data(mandate_starts_on=timezone.localdate())
    with pytest.raises(ValidationError) as exc:
        services.call_create(actor=gestor, council=council, data=data)
    assert "mandate_starts_on" in exc.value.error_dict


def test_only_one_call_runs_at_a_time(council, gestor):
    open_call(council, gestor)
    with pytest.raises(ValidationError):
        services.call_create(actor=gestor, council=council, data=call_data())
    assert Call.objects.count() == 1


def test_a_published_call_is_no_longer_edited_nor_published_again(council, gestor):
    call = open_call(council, gestor)
    with pytest.raises(ValidationError):
        services.call_update(actor=gestor, call=call, data=call_data(notice="Outro"))
    with pytest.raises(ValidationError):
        services.call_publish(actor=gestor, call=call)
    call.refresh_from_db()
    assert call.notice == "Edital de teste."


def test_a_draft_whose_window_has_passed_cannot_be_published(council, gestor):
    call = services.call_create(actor=gestor, council=council, data=call_data())
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as exc:
        services.call_publish(actor=gestor, call=call)
    assert "closes_at" in exc.value.error_dict
    call.refresh_from_db()
    assert call.state == CallState.DRAFT


def test_applications_are_closed_only_after_the_window(council, gestor):
    call = open_call(council, gestor)
    with pytest.raises(ValidationError):
        services.call_close(actor=gestor, call=call)
    applicant = person()
    apply(applicant, call)
    call = services.call_close(actor=gestor, call=end_window(call))
    assert call.state == CallState.SELECTION
    assert Notification.objects.filter(user=applicant, title__startswith="Inscrições encerradas").exists()


def test_cancelling_needs_a_reason_marks_applications_and_tells_the_applicants(council, gestor):
    call = open_call(council, gestor)
    applicant = person()
    application = apply(applicant, call)
    with pytest.raises(ValidationError) as exc:
        services.call_cancel(actor=gestor, call=call, reason="  ")
    assert "reason" in exc.value.error_dict
    call = services.call_cancel(actor=gestor, call=call, reason="Erro no edital.")
    application.refresh_from_db()
    assert call.state == CallState.CANCELLED and call.cancel_reason == "Erro no edital."
    assert application.state == ApplicationState.CALL_CANCELLED
    assert Notification.objects.filter(user=applicant, body__contains="Erro no edital.").exists()
    with pytest.raises(ValidationError):
        services.call_cancel(actor=gestor, call=call, reason="De novo")


@pytest.mark.parametrize("role", ["analista", "atendente", "carta_editor"])
def test_servants_without_the_role_cannot_move_a_call(agency, council, gestor, role):
    call = services.call_create(actor=gestor, council=council, data=call_data())
    with pytest.raises(PermissionDenied):
        services.call_publish(actor=servant(agency, role), call=call)
    with pytest.raises(PermissionDenied):
        services.call_cancel(actor=gestor_of(AgencyFactory()), call=call, reason="x")
    call.refresh_from_db()
    assert call.state == CallState.DRAFT


def test_the_ouvidor_runs_the_call_as_the_gestor_does(agency, council):
    ouvidor = servant(agency, AgencyRole.Role.OMBUDSMAN)
    call = open_call(council, ouvidor)
    assert call.state == CallState.OPEN


def test_the_window_state_follows_the_clock(council, gestor):
    call = open_call(council, gestor, opens_in=timedelta(days=1))
    assert services.window_state(call) == "antes"
    assert services.window_state(call, now=call.opens_at + timedelta(minutes=1)) == "aberta"
    assert services.window_state(call, now=call.closes_at) == "encerrada"
