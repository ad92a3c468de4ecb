"""Rating a request: who may rate, when, once, and what an anonymous rating keeps."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie
from plataforma.monitoring.digest import request_digest
from plataforma.monitoring.models import Evaluation
from plataforma.monitoring.selectors import rating_steps_open
from plataforma.monitoring.services import evaluation_submit
from plataforma.monitoring.services.evaluations import AlreadyRated
from plataforma.service_requests.models import RequestForm
from plataforma.service_requests.services import service_request_act
from plataforma.service_requests.tests.factories import reload, submit

pytestmark = pytest.mark.django_db


def conclude(request, analyst, action="deferir"):
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    note = "Documentação incompleta." if action == "indeferir" else ""
    service_request_act(request_id=request.pk, actor=analyst, action_key=action, note=note)
    return reload(request)


@pytest.fixture
def concluded(service, person, analyst):
    return conclude(submit(service, person), analyst)


def rate(request, actor, **kwargs):
    kwargs.setdefault("step", "conclusao")
    kwargs.setdefault("score", 4)
    return evaluation_submit(actor=actor, request=request, **kwargs)


def test_the_requester_rates_a_concluded_request(concluded, person):
    assert rating_steps_open(request=concluded) == [("conclusao", "Conclusão do pedido")]
    evaluation = rate(concluded, person, dimensions={"clareza": 5, "tempo": 2}, comment="  Foi rápido.  ")
    evaluation.refresh_from_db()
    assert (evaluation.score, evaluation.dim_clareza, evaluation.dim_tempo, evaluation.dim_custo) == (
        4,
        5,
        2,
        None,
    )
    assert evaluation.comment == "Foi rápido."
    assert evaluation.user == person and not evaluation.anonymous
    assert (evaluation.service_id, evaluation.agency_id) == (concluded.service_id, concluded.agency_id)
    assert rating_steps_open(request=concluded) == []
    audit = AuditEvent.objects.get(action="monitoring.evaluation.submit")
    assert audit.actor == person
    # The score is never in the audit trail (staff read it; ADR 0023).
    assert audit.changes == {"step": "conclusao", "anonymous": False}


def test_an_indeferida_request_can_be_rated_too(service, person, analyst):
    request = conclude(submit(service, person), analyst, action="indeferir")
    assert rate(request, person).step == "conclusao"


def test_anonymous_rating_keeps_neither_the_person_nor_the_request(concluded, person):
    evaluation = rate(concluded, person, anonymous=True, score=2)
    evaluation.refresh_from_db()
    assert evaluation.user is None and evaluation.anonymous
    # No column holds the request's id or protocol; only its keyed digest.
    values = [str(getattr(evaluation, f.attname)) for f in Evaluation._meta.concrete_fields]
    assert str(concluded.pk) not in values and concluded.protocol not in values
    assert evaluation.request_digest == request_digest(concluded.pk) != str(concluded.pk)
    audit = AuditEvent.objects.get(action="monitoring.evaluation.submit")
    assert audit.actor is None and audit.ip_address is None and audit.on_behalf_of_id == ""
    assert audit.subject_user_id is None


def test_a_step_is_rated_once(concluded, person):
    rate(concluded, person)
    with pytest.raises(AlreadyRated):
        rate(concluded, person, anonymous=True)
    assert Evaluation.objects.count() == 1


def test_the_database_refuses_a_second_rating_of_the_same_step(concluded, person):
    rate(concluded, person)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            service_id=concluded.service_id,
            agency_id=concluded.agency_id,
            step="conclusao",
            score=3,
            request_digest=request_digest(concluded.pk),
        )


def test_nothing_to_rate_before_the_conclusion(service, person):
    request = submit(service, person)
    assert rating_steps_open(request=request) == []
    with pytest.raises(ValidationError) as exc:
        rate(request, person)
    assert "step" in exc.value.message_dict


def test_a_cancelled_request_is_not_rated(service, person):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=person, action_key="cancelar")
    assert rating_steps_open(request=reload(request)) == []


@pytest.mark.parametrize("who", ["other_person", "analyst", "outsider_servant"])
def test_only_the_requester_side_rates(concluded, who, request):
    with pytest.raises(PermissionDenied):
        rate(concluded, request.getfixturevalue(who))
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("score", [0, 6, "5", None, True, 4.5])
def test_bad_scores_are_refused(concluded, person, score):
    with pytest.raises(ValidationError):
        rate(concluded, person, score=score)


def test_bad_dimensions_and_long_comments_are_refused(concluded, person):
    with pytest.raises(ValidationError):
        rate(concluded, person, dimensions={"beleza": 5})
    with pytest.raises(ValidationError):
        rate(concluded, person, dimensions={"clareza": 9})
    with pytest.raises(ValidationError) as exc:
        rate(concluded, person, comment="x" * 1001)
    assert "comment" in exc.value.message_dict
    assert Evaluation.objects.count() == 0


def test_each_step_when_the_service_asks(service, person, analyst):
    RequestForm.objects.filter(service=service).update(rate_each_step=True)
    request = submit(service, person)
    assert rating_steps_open(request=request) == [("recebida", "Recebida")]
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    request = reload(request)
    assert [k for k, _l in rating_steps_open(request=request)] == ["recebida", "em_analise"]
    rate(request, person, step="recebida", score=5)
    assert [k for k, _l in rating_steps_open(request=request)] == ["em_analise"]
    with pytest.raises(ValidationError):
        rate(request, person, step="pendente")  # never reached
    with pytest.raises(ValidationError):
        rate(request, person, step="conclusao")  # not concluded yet
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")
    request = reload(request)
    assert [k for k, _l in rating_steps_open(request=request)] == ["em_analise", "conclusao"]


def test_a_company_request_is_rated_by_someone_acting_for_the_company(service, analyst):
    company = CompanyFactory()
    tie = make_tie(company=company)
    request = conclude(submit(service, tie.user, company=company), analyst)
    with pytest.raises(PermissionDenied):
        rate(request, tie.user)  # not acting for the company
    stranger = make_tie().user
    with pytest.raises(PermissionDenied):
        rate(request, stranger, acting_company=company)
    colleague = make_tie(company=company).user
    assert rate(request, colleague, acting_company=company).user == colleague


@pytest.mark.django_db(transaction=True)
def test_a_race_of_two_ratings_leaves_one(service, person, analyst):
    if connection.vendor != "postgresql":
        pytest.skip("row-level concurrency needs PostgreSQL")
    request = conclude(submit(service, person), analyst)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def worker():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            rate(request, person, score=3)
            outcomes.append("ok")
        except AlreadyRated:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already", "ok"]
    assert Evaluation.objects.count() == 1
