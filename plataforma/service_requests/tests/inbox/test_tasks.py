"""Periodic jobs: escalation of overdue requests to the agency's gestores, and reminders to
requesters whose answer is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification

from ... import selectors as request_selectors
from ... import tasks
from ...models import RequestEvent, ServiceRequest
from ..factories import reload, servant, service_with_form, submit

pytestmark = pytest.mark.django_db


def test_overdue_requests_are_escalated_once_and_each_gestor_gets_one_digest(
    agency, analyst, manager, make_request
):
    second_gestor = servant(agency, "gestor", full_name="Graça Gestora")
    late = [make_request(due_in=-1), make_request(state="em_analise", analyst=analyst, due_in=-3)]
    on_time = make_request(due_in=2)
    waiting = make_request(state="pendente", analyst=analyst)
    ServiceRequest.objects.filter(pk=waiting.pk).update(due_at=timezone.now() - timedelta(days=1))
    done = make_request(state="deferida", analyst=analyst)
    ServiceRequest.objects.filter(pk=done.pk).update(due_at=timezone.now() - timedelta(days=1))

    assert tasks.escalate_overdue_requests() == 2

    for request in late:
        request = reload(request)
        assert request.escalated_at is not None
        event = request.events.get(action="escalada")
        assert event.actor_role == "sistema" and not event.visible_to_requester
        assert all(
            e.action != "escalada" for e in request_selectors.timeline(request=request, for_requester=True)
        )
    for request in (on_time, waiting, done):
        assert reload(request).escalated_at is None
    for gestor in (manager, second_gestor):
        notice = Notification.objects.get(user=gestor)
        assert "2 pedido(s)" in notice.title
        assert all(r.protocol in notice.body for r in late)
        assert (
            notice.url
            == "/servidor/solicitacoes/?orgao=detran-mt&situacao=situacao%3Aem_andamento&prazo=vencidos"
        )
    assert not Notification.objects.filter(user=analyst, title__contains="prazo vencido").exists()
    assert AuditEvent.objects.filter(action="service_requests.escalate").count() == 2

    # A second run finds nothing new: no event, no notification.
    assert tasks.escalate_overdue_requests() == 0
    assert RequestEvent.objects.filter(action="escalada").count() == 2
    assert Notification.objects.filter(user=manager).count() == 1


def test_gestores_hear_only_about_their_own_agency(agency, other_agency, manager, make_request, person):
    other_gestor = servant(other_agency, "gestor")
    make_request(due_in=-1)
    assert tasks.escalate_overdue_requests() == 1
    assert Notification.objects.filter(user=manager).count() == 1
    assert not Notification.objects.filter(user=other_gestor).exists()
    theirs = submit(service_with_form(agency=other_agency), person)
    ServiceRequest.objects.filter(pk=theirs.pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert tasks.escalate_overdue_requests() == 1
    assert Notification.objects.filter(user=other_gestor).count() == 1
    assert Notification.objects.filter(user=manager).count() == 1


def test_escalation_works_in_bounded_batches(manager, make_request, monkeypatch):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    monkeypatch.setattr(tasks, "MAX_BATCHES", 2)
    for _ in range(5):
        make_request(due_in=-1)
    assert tasks.escalate_overdue_requests() == 4  # one run handles at most 2 batches of 2
    assert tasks.escalate_overdue_requests() == 1
    assert tasks.escalate_overdue_requests() == 0
    assert Notification.objects.filter(user=manager).count() == 2


def test_the_overdue_digest_link_opens_the_filtered_inbox(client, agency, manager, make_request):
    late = make_request(due_in=-1)
    make_request(due_in=5)
    tasks.escalate_overdue_requests()
    client.force_login(manager)
    response = client.get(Notification.objects.get(user=manager).url)
    assert [r.protocol for r in response.context["page"]] == [late.protocol]


def _answer_due(request, delta: timedelta) -> None:
    ServiceRequest.objects.filter(pk=request.pk).update(answer_due_at=timezone.now() + delta)


def test_requesters_are_reminded_once_when_their_answer_is_due_within_two_days(analyst, person, make_request):
    due_soon = make_request(state="pendente", analyst=analyst)
    _answer_due(due_soon, timedelta(days=1))
    not_yet = make_request(state="pendente", analyst=analyst)
    _answer_due(not_yet, timedelta(days=5))
    past = make_request(state="pendente", analyst=analyst)
    _answer_due(past, -timedelta(hours=1))
    before = Notification.objects.filter(user=person).count()

    assert tasks.remind_pending_answers() == 1

    reminder = Notification.objects.filter(user=person).order_by("-created_at").first()
    assert due_soon.protocol in reminder.title and "responda até" in reminder.title
    assert Notification.objects.filter(user=person).count() == before + 1
    event = due_soon.events.get(action="lembrete")
    assert not event.visible_to_requester and event.actor_role == "sistema"
    assert tasks.remind_pending_answers() == 0
    assert Notification.objects.filter(user=person).count() == before + 1


def test_a_new_question_gets_its_own_reminder(client, analyst, person, make_request):
    from ...services import service_request_act

    request = make_request(state="pendente", analyst=analyst)
    _answer_due(request, timedelta(days=1))
    assert tasks.remind_pending_answers() == 1
    service_request_act(request_id=request.pk, actor=person, action_key="responder", note="Enviei.")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Falta o RG."
    )
    ServiceRequest.objects.filter(pk=request.pk).update(paused_at=timezone.now() + timedelta(seconds=1))
    _answer_due(request, timedelta(days=1))
    RequestEvent.objects.filter(action="lembrete").update(created_at=timezone.now())
    assert tasks.remind_pending_answers() == 1
