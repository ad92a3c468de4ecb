"""Selection: habilitação, the public draw that anyone can redo, the mandates it creates, and what
happens to the seats afterwards (resignation, removal, the next suplente)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification

from ..models import ApplicationState, CallState, EndReason, Membership
from ..services import memberships as seat_services
from ..services import selection
from .factories import (
    AgencyFactory,
    apply,
    closed_call,
    council_for,
    decided_call,
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


def _sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def test_mandates_last_the_councils_months():
    assert selection.mandate_end(date(2026, 1, 31), 24) == date(2028, 1, 30)
    assert selection.mandate_end(date(2026, 3, 31), 11) == date(2027, 2, 27)


def test_the_result_follows_the_published_algorithm_category_by_category(council, gestor):
    people = [person() for _ in range(5)]
    call = open_call(council, gestor)
    applications = [apply(p, call) for p in people]  # cidadãos: 3 titulares, 3 suplentes... 5 applicants
    solo = apply(person(), call, "pessoas-idosas")
    call = closed_call(call, gestor)
    call = selection.call_publish_result(actor=gestor, call=call, public_value="38.421")
    seed = _sha(f"{call.pk}|38.421")
    assert call.state == CallState.RESULT and call.draw_seed == seed
    expected = sorted(applications, key=lambda a: _sha(f"{seed}|cidadaos|{a.number:04d}"))
    for rank, application in enumerate(expected, start=1):
        application.refresh_from_db()
        assert application.rank == rank
        assert application.state == (ApplicationState.MEMBER if rank <= 3 else ApplicationState.SUBSTITUTE)
    solo.refresh_from_db()
    assert solo.state == ApplicationState.MEMBER
    members = Membership.objects.filter(call=call)
    assert members.count() == 4
    assert {m.starts_on for m in members} == {call.mandate_starts_on}
    assert {m.ends_on for m in members} == {selection.mandate_end(call.mandate_starts_on, 24)}
    assert AuditEvent.objects.filter(action="councils.call.result", target_id=str(call.pk)).exists()
    assert Notification.objects.filter(user=expected[3].person, body__contains="suplente nº 1").exists()
    assert Notification.objects.filter(user=expected[0].person, body__contains="titular").exists()


def test_the_public_value_is_required_only_when_a_category_is_oversubscribed(council, gestor):
    call = open_call(council, gestor)
    apply(person(), call, "pessoas-idosas")
    apply(person(), call, "pessoas-idosas")
    call = closed_call(call, gestor)
    with pytest.raises(ValidationError) as exc:
        selection.call_publish_result(actor=gestor, call=call, public_value="")
    assert "public_value" in exc.value.error_dict
    call.refresh_from_db()
    assert call.state == CallState.SELECTION and not Membership.objects.exists()


def test_no_public_value_is_needed_when_every_category_has_room(council, gestor):
    call = decided_call(council, gestor, {"cidadaos": [person(), person()]}, public_value="")
    assert call.state == CallState.RESULT and call.memberships.count() == 2


def test_an_application_found_not_eligible_stays_out_of_the_draw(council, gestor):
    call = open_call(council, gestor)
    out = apply(person(), call)
    inside = apply(person(), call)
    call = closed_call(call, gestor)
    with pytest.raises(ValidationError) as exc:
        selection.application_reject(actor=gestor, application=out, reason="")
    assert "reason" in exc.value.error_dict
    selection.application_reject(actor=gestor, application=out, reason="Não usa os serviços do órgão.")
    assert Notification.objects.filter(user=out.person, body__contains="Não usa os serviços").exists()
    selection.call_publish_result(actor=gestor, call=call)
    out.refresh_from_db()
    inside.refresh_from_db()
    assert out.state == ApplicationState.REJECTED and out.rank is None
    assert inside.state == ApplicationState.MEMBER


def test_habilitacao_happens_only_in_selection_and_only_by_staff(agency, council, gestor):
    call = open_call(council, gestor)
    application = apply(person(), call)
    with pytest.raises(ValidationError):
        selection.application_reject(actor=gestor, application=application, reason="x")
    closed_call(call, gestor)
    with pytest.raises(PermissionDenied):
        selection.application_reject(actor=servant(agency, "analista"), application=application, reason="x")
    selection.application_reject(actor=gestor, application=application, reason="x")
    selection.application_reinstate(actor=gestor, application=application)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_the_result_is_published_once(council, gestor):
    call = decided_call(council, gestor, {"cidadaos": [person()]})
    with pytest.raises(ValidationError):
        selection.call_publish_result(actor=gestor, call=call)


def _members_with_suplente(council, gestor):
    people = [person() for _ in range(3)]
    call = decided_call(council, gestor, {"empresas": people})  # 1 titular, 1 suplente, 1 not chosen
    titular = Membership.objects.get(call=call)
    return call, titular


def test_a_member_resigns_and_the_gestor_calls_the_next_suplente_to_complete_the_mandate(council, gestor):
    call, titular = _members_with_suplente(council, gestor)
    with pytest.raises(ValidationError):
        seat_services.membership_replace(actor=gestor, membership=titular)  # the seat is not vacant
    with pytest.raises(PermissionDenied):
        seat_services.membership_resign(actor=person(), membership=titular)
    seat_services.membership_resign(actor=titular.person, membership=titular)
    titular.refresh_from_db()
    assert titular.ended_on == timezone.localdate() and titular.end_reason == EndReason.RESIGNED
    assert Notification.objects.filter(user=gestor, title__startswith="Renúncia").exists()
    substitute = call.applications.get(state=ApplicationState.SUBSTITUTE)
    new = seat_services.membership_replace(actor=gestor, membership=titular)
    substitute.refresh_from_db()
    assert new.person == substitute.person and new.replaces == titular
    assert new.ends_on == titular.ends_on and new.starts_on == timezone.localdate()
    assert substitute.state == ApplicationState.MEMBER
    with pytest.raises(ValidationError, match="já foi preenchida"):
        seat_services.membership_replace(actor=gestor, membership=titular)


def test_with_no_suplente_left_the_seat_stays_vacant(council, gestor):
    call = decided_call(council, gestor, {"empresas": [person()]})
    titular = Membership.objects.get(call=call)
    seat_services.membership_end(actor=gestor, membership=titular, note="Faltou a três reuniões.")
    assert Notification.objects.filter(user=titular.person, body__contains="Faltou").exists()
    with pytest.raises(ValidationError, match="Não há suplente"):
        seat_services.membership_replace(actor=gestor, membership=titular)


def test_a_suplente_who_withdrew_is_skipped(council, gestor):
    from ..services.applications import application_withdraw

    call, titular = _members_with_suplente(council, gestor)
    substitute = call.applications.get(state=ApplicationState.SUBSTITUTE)
    application_withdraw(actor=substitute.person, application=substitute)
    seat_services.membership_end(actor=gestor, membership=titular, note="Desligado.")
    with pytest.raises(ValidationError, match="Não há suplente"):
        seat_services.membership_replace(actor=gestor, membership=titular)


def test_removal_needs_a_reason_and_the_staff_role(agency, council, gestor):
    call = decided_call(council, gestor, {"empresas": [person()]})
    titular = Membership.objects.get(call=call)
    with pytest.raises(ValidationError):
        seat_services.membership_end(actor=gestor, membership=titular, note=" ")
    with pytest.raises(PermissionDenied):
        seat_services.membership_end(actor=servant(agency, "atendente"), membership=titular, note="x")
    titular.refresh_from_db()
    assert titular.ended_on is None


def test_a_finished_mandate_cannot_be_resigned(council, gestor):
    call = decided_call(council, gestor, {"empresas": [person()]})
    titular = Membership.objects.get(call=call)
    Membership.objects.filter(pk=titular.pk).update(
        starts_on=timezone.localdate() - timedelta(days=800), ends_on=timezone.localdate() - timedelta(days=1)
    )
    titular.refresh_from_db()
    with pytest.raises(ValidationError, match="terminou"):
        seat_services.membership_resign(actor=titular.person, membership=titular)
