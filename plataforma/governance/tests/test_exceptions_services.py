"""The exception requests' services: the agency's draft, plan and submission, the Núcleo's
decisions and reviews, the rules on dates, one live request per service, who may do what, and
that each change is audited and nothing is half-written when it is refused."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_is_valid
from plataforma.identity.models import AgencyRole
from plataforma.notifications.models import Notification

from ..models import ExceptionAction, ExceptionRequest
from ..services import exceptions as services
from ..services import exceptions_decisions as decisions
from .factories_exceptions import (
    Role,
    approved,
    days,
    declined,
    draft,
    in_review,
    make_world,
    request_data,
    servant,
    submitted,
)

pytestmark = pytest.mark.django_db
Status = ExceptionRequest.Status


@pytest.fixture
def w():
    return make_world()


def _audits(exc, action):
    return AuditEvent.objects.filter(target_id=str(exc.pk), action=f"governance.exception.{action}")


# --- Draft --------------------------------------------------------------------------------------


def test_a_gestor_drafts_a_request_for_a_service_of_their_agency(w):
    exc = services.exception_create(actor=w.gestor, data=request_data(w.service))
    assert exc.status == Status.DRAFT
    assert exc.agency_id == w.detran.pk
    assert exc.created_by == w.gestor
    assert services.is_draft_number(exc.number)
    assert _audits(exc, "create").count() == 1
    # no free text typed by the servant in the audit trail
    assert "RENAVAM" not in str(_audits(exc, "create").get().changes)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("platform_name", "   "),
        ("platform_url", "ftp://detran.example.org/"),
        ("platform_url", "javascript:alert(1)"),
        ("platform_url", "detran.example.org"),
        ("platform_url", "https://" + "a" * 200 + ".org"),
        ("justification", ""),
        ("justification", "x" * 4001),
    ],
)
def test_bad_request_data_is_refused_on_its_field(w, field, value):
    with pytest.raises(ValidationError) as err:
        services.exception_create(actor=w.gestor, data=request_data(w.service, **{field: value}))
    assert field in err.value.message_dict
    assert not ExceptionRequest.objects.exists()


def test_only_published_services_of_the_gestors_own_agency(w):
    with pytest.raises(PermissionDenied):
        services.exception_create(actor=w.gestor, data=request_data(w.sefaz_service))
    w.service2.is_published = False
    w.service2.published_version = None
    w.service2.save()
    with pytest.raises(ValidationError) as err:
        services.exception_create(actor=w.gestor, data=request_data(w.service2))
    assert "service" in err.value.message_dict
    for role_holder in (w.nucleo, w.mti_staff, w.citizen, w.other_gestor):
        with pytest.raises(PermissionDenied):
            services.exception_create(actor=role_holder, data=request_data(w.service))
    assert not ExceptionRequest.objects.exists()


def test_one_live_request_per_service_and_a_new_one_after_a_decline(w):
    first = draft(w)
    with pytest.raises(ValidationError) as err:
        services.exception_create(actor=w.gestor, data=request_data(w.service))
    assert "service" in err.value.message_dict
    decisions.exception_decide(
        actor=w.nucleo,
        request=services.exception_submit(actor=w.gestor, request=first),
        decision="recusar",
        reasons="Não.",
    )
    again = services.exception_create(actor=w.gestor, data=request_data(w.service))
    assert again.status == Status.DRAFT


def test_a_race_for_the_same_service_ends_in_a_field_error_not_a_crash(w):
    draft(w)
    with (
        mock.patch.object(services, "_has_live_request", return_value=False),
        pytest.raises(ValidationError) as err,
    ):
        services.exception_create(actor=w.gestor, data=request_data(w.service))
    assert "service" in err.value.message_dict
    assert ExceptionRequest.objects.count() == 1


def test_a_draft_is_edited_moved_to_another_service_and_withdrawn(w):
    exc = draft(w)
    draft(w, w.service2)
    with pytest.raises(ValidationError) as err:  # service2 already has a live request
        services.exception_update(actor=w.gestor, request=exc, data=request_data(w.service2))
    assert "service" in err.value.message_dict
    services.exception_update(
        actor=w.gestor, request=exc, data=request_data(w.service, platform_name="Outro sistema")
    )
    exc.refresh_from_db()
    assert exc.platform_name == "Outro sistema"
    assert _audits(exc, "update").get().changes["fields"] == ["platform_name"]
    with pytest.raises(PermissionDenied):
        services.exception_withdraw(actor=w.other_gestor, request=exc)
    services.exception_withdraw(actor=w.gestor, request=exc)
    assert not ExceptionRequest.objects.filter(pk=exc.pk).exists()
    assert not ExceptionAction.objects.filter(request_id=exc.pk).exists()
    assert _audits(exc, "withdraw").count() == 1


# --- Submission ---------------------------------------------------------------------------------


def test_submission_needs_an_action_all_due_after_today(w):
    exc = draft(w, actions=())
    with pytest.raises(ValidationError):
        services.exception_submit(actor=w.gestor, request=exc)
    services.action_add(actor=w.gestor, request=exc, description="Migrar", due_on=days(10))
    ExceptionAction.objects.filter(request=exc).update(due_on=days(0))  # the date came while in draft
    with pytest.raises(ValidationError):
        services.exception_submit(actor=w.gestor, request=exc)
    exc.refresh_from_db()
    assert exc.status == Status.DRAFT and services.is_draft_number(exc.number)
    assert not Notification.objects.exists()


def test_submission_numbers_the_request_and_tells_the_nucleo(w):
    with pytest.raises(PermissionDenied):
        services.exception_submit(actor=w.other_gestor, request=draft(w, w.service2))
    exc = submitted(w)
    assert exc.status == Status.SUBMITTED and exc.submitted_at
    assert re.fullmatch(r"\d{4}\.EXC\.\d{6}-\d", exc.number)
    assert protocol_is_valid(exc.number)
    other = services.exception_submit(
        actor=w.gestor, request=ExceptionRequest.objects.get(service=w.service2)
    )
    assert other.number != exc.number
    assert set(Notification.objects.filter(title__contains=exc.number).values_list("user_id", flat=True)) == {
        w.nucleo.pk,
        w.nucleo2.pk,
    }
    assert _audits(exc, "submit").get().changes["status"] == ["rascunho", "em_analise"]
    with pytest.raises(services.StateConflict):
        services.exception_submit(actor=w.gestor, request=exc)
    with pytest.raises(services.StateConflict):
        services.exception_update(actor=w.gestor, request=exc, data=request_data(w.service))
    with pytest.raises(services.StateConflict):
        services.exception_withdraw(actor=w.gestor, request=exc)


# --- The plan -----------------------------------------------------------------------------------


def test_actions_need_a_description_and_a_future_date(w):
    exc = draft(w, actions=())
    for description, due_on, field in (
        ("", days(5), "description"),
        ("Migrar", days(0), "due_on"),
        ("Migrar", None, "due_on"),
    ):
        with pytest.raises(ValidationError) as err:
            services.action_add(actor=w.gestor, request=exc, description=description, due_on=due_on)
        assert field in err.value.message_dict
    assert not exc.actions.exists()
    with pytest.raises(PermissionDenied):
        services.action_add(actor=w.other_gestor, request=exc, description="Migrar", due_on=days(5))


def test_actions_change_only_in_the_draft_and_are_marked_done_along_the_way(w):
    exc = draft(w, actions=(10, 20))
    first, second = exc.actions.order_by("due_on")
    services.action_update(
        actor=w.gestor, request=exc, action=first, description="Contratar conector", due_on=days(15)
    )
    services.action_remove(actor=w.gestor, request=exc, action=second)
    with pytest.raises(services.StateConflict):  # nothing is done in a draft
        services.action_mark_done(actor=w.gestor, request=exc, action=first, done_on=days(0))
    exc = services.exception_submit(actor=w.gestor, request=exc)
    with pytest.raises(services.StateConflict):
        services.action_update(
            actor=w.gestor, request=exc, action=first, description="Outra", due_on=days(30)
        )
    with pytest.raises(services.StateConflict):
        services.action_remove(actor=w.gestor, request=exc, action=first)
    with pytest.raises(services.StateConflict):  # the plan is frozen while the Núcleo analyses it
        services.action_add(actor=w.gestor, request=exc, description="Mais uma", due_on=days(30))
    with pytest.raises(ValidationError) as err:
        services.action_mark_done(actor=w.gestor, request=exc, action=first, done_on=days(1))
    assert "done_on" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        services.action_mark_done(actor=w.nucleo, request=exc, action=first, done_on=days(0))
    services.action_mark_done(actor=w.gestor, request=exc, action=first, done_on=days(-1))
    first.refresh_from_db()
    assert first.done_on == days(-1) and first.description == "Contratar conector"
    assert (
        AuditEvent.objects.filter(target_id=str(exc.pk), action="governance.exception.action_done").count()
        == 1
    )


# --- The Núcleo's decision -------------------------------------------------------------------------


def test_approval_holds_until_the_last_action_by_default(w):
    exc = submitted(w, actions=(10, 40, 20))
    exc = decisions.exception_decide(actor=w.nucleo, request=exc, decision="aprovar", reasons="Plano viável.")
    assert exc.status == Status.APPROVED
    assert exc.valid_until == days(40)
    assert exc.decided_by == w.nucleo and exc.decided_at and exc.decision_reasons == "Plano viável."
    assert Notification.objects.filter(user=w.gestor, title__contains="aprovada").count() == 1
    assert _audits(exc, "approve").get().changes["valid_until"] == days(40).isoformat()
    with pytest.raises(services.StateConflict):
        decisions.exception_decide(
            actor=w.nucleo2, request=exc, decision="recusar", reasons="Mudei de ideia."
        )


def test_the_nucleo_adjusts_the_term_but_never_before_today(w):
    exc = submitted(w, actions=(40,))
    with pytest.raises(ValidationError) as err:
        decisions.exception_decide(
            actor=w.nucleo, request=exc, decision="aprovar", reasons="Ok.", valid_until=days(-1)
        )
    assert "valid_until" in err.value.message_dict
    exc.refresh_from_db()
    assert exc.status == Status.SUBMITTED
    exc = decisions.exception_decide(
        actor=w.nucleo, request=exc, decision="aprovar", reasons="Ok.", valid_until=days(0)
    )
    assert exc.valid_until == days(0)


@pytest.mark.parametrize("reasons", ["", "   ", "x" * 4001])
def test_every_decision_needs_reasons(w, reasons):
    exc = submitted(w)
    with pytest.raises(ValidationError) as err:
        decisions.exception_decide(actor=w.nucleo, request=exc, decision="recusar", reasons=reasons)
    assert "reasons" in err.value.message_dict
    exc.refresh_from_db()
    assert exc.status == Status.SUBMITTED and not exc.decided_at


def test_only_the_nucleo_decides_and_never_on_its_own_agencys_request(w):
    exc = submitted(w)
    double = servant(w.seplag, Role.NUCLEO)
    AgencyRole.objects.create(user=double, agency=w.detran, role=Role.MANAGER)
    for actor in (w.gestor, w.other_gestor, w.mti_staff, w.citizen, double):
        with pytest.raises(PermissionDenied):
            decisions.exception_decide(actor=actor, request=exc, decision="aprovar", reasons="Sim.")
    exc.refresh_from_db()
    assert exc.status == Status.SUBMITTED
    assert not _audits(exc, "approve").exists()


def test_a_declined_request_ends_and_frees_the_service(w):
    exc = declined(w)
    assert exc.status == Status.DECLINED and exc.valid_until is None
    assert Notification.objects.filter(user=w.gestor, title__contains="recusada").count() == 1


# --- Review of an expired exception ----------------------------------------------------------------


@pytest.mark.parametrize(("decision", "status"), [("encerrar", Status.CLOSED), ("revogar", Status.REVOKED)])
def test_the_review_closes_or_revokes_with_reasons(w, decision, status):
    exc = in_review(w)
    with pytest.raises(services.StateConflict):
        decisions.exception_decide(actor=w.nucleo, request=exc, decision="aprovar", reasons="Sim.")
    exc = decisions.exception_review(actor=w.nucleo2, request=exc, decision=decision, reasons="Revisado.")
    assert exc.status == status and exc.decision_reasons == "Revisado." and exc.decided_by == w.nucleo2
    with pytest.raises(services.StateConflict):
        decisions.exception_review(
            actor=w.nucleo, request=exc, decision="prorrogar", reasons="De novo.", valid_until=days(9)
        )


def test_an_extension_needs_a_date_after_today_and_may_add_an_action(w):
    exc = in_review(w)
    for until in (None, days(0)):
        with pytest.raises(ValidationError) as err:
            decisions.exception_review(
                actor=w.nucleo, request=exc, decision="prorrogar", reasons="Mais prazo.", valid_until=until
            )
        assert "valid_until" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        decisions.exception_review(
            actor=w.nucleo,
            request=exc,
            decision="prorrogar",
            reasons="Mais prazo.",
            valid_until=days(60),
            new_action=decisions.NewAction(description="Homologar", due_on=days(-3)),
        )
    assert "new_due_on" in err.value.message_dict
    exc.refresh_from_db()
    assert exc.status == Status.REVIEW and exc.actions.count() == 1
    exc = decisions.exception_review(
        actor=w.nucleo,
        request=exc,
        decision="prorrogar",
        reasons="Mais prazo.",
        valid_until=days(60),
        new_action=decisions.NewAction(description="Homologar", due_on=days(50)),
    )
    assert exc.status == Status.APPROVED and exc.valid_until == days(60) and exc.review_due_since is None
    assert exc.actions.count() == 2
    assert _audits(exc, "extend").get().changes["status"] == ["em_revisao", "aprovada"]


def test_the_review_is_the_nucleos_alone(w):
    exc = in_review(w)
    for actor in (w.gestor, w.other_gestor, w.mti_staff, w.citizen):
        with pytest.raises(PermissionDenied):
            decisions.exception_review(actor=actor, request=exc, decision="encerrar", reasons="Fim.")
    exc.refresh_from_db()
    assert exc.status == Status.REVIEW


def test_in_review_the_agency_proposes_new_actions_and_marks_old_ones_done(w):
    exc = in_review(w)
    action = exc.actions.get()
    services.action_mark_done(actor=w.gestor, request=exc, action=action, done_on=days(0))
    services.action_add(actor=w.gestor, request=exc, description="Nova etapa", due_on=days(30))
    assert exc.actions.count() == 2
    exc = approved(w, service=w.service2)
    with pytest.raises(services.StateConflict):
        services.action_add(actor=w.gestor, request=exc, description="Nova etapa", due_on=days(30))
