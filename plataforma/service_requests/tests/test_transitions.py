"""The workflow engine: guarded by role and state, recorded, deadlines paused while waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.notifications.models import Notification

from ..selectors import timeline
from ..services import available_actions, service_request_act, service_request_system_act
from ..workflow import Status
from .factories import reload, servant, submit

pytestmark = pytest.mark.django_db


def act(request, actor, key, **kwargs):
    return service_request_act(request_id=request.pk, actor=actor, action_key=key, **kwargs)


def test_the_default_path_from_received_to_approved_on_time(service, person, analyst):
    request = submit(service, person)
    act(request, analyst, "iniciar_analise")
    done = act(request, analyst, "deferir", note="Transferência registrada.")
    assert done.status == Status.APPROVED and done.concluded_at is not None
    assert done.concluded_on_time is True
    labels = [e.action for e in timeline(request=done, for_requester=True)]
    assert labels == ["enviar", "iniciar_analise", "deferir"]
    assert Notification.objects.filter(user=person).count() == 3


def test_a_question_pauses_the_clock_and_the_answer_resumes_it(service, person, analyst):
    request = submit(service, person)
    act(request, analyst, "iniciar_analise")
    asked = act(request, analyst, "solicitar_informacoes", note="Envie o CRV assinado.")
    assert asked.status == Status.PENDING_REQUESTER
    assert asked.pending_question == "Envie o CRV assinado." and asked.answer_due_at > timezone.now()
    assert asked.paused_at is not None
    due_before = asked.due_at
    # Three days later the requester answers: the deadline moves three days forward.
    type(asked).objects.filter(pk=asked.pk).update(paused_at=asked.paused_at - timedelta(days=3))
    answered = act(request, person, "responder", note="Segue o CRV.")
    assert answered.status == Status.IN_PROGRESS and answered.pending_question == ""
    assert answered.paused_at is None
    assert timedelta(days=3) <= answered.due_at - due_before < timedelta(days=3, minutes=1)


def test_a_rejection_needs_its_justification(service, person, analyst):
    request = submit(service, person)
    act(request, analyst, "iniciar_analise")
    with pytest.raises(ValidationError) as error:
        act(request, analyst, "indeferir", note="   ")
    assert "note" in error.value.message_dict
    assert reload(request).state == "em_analise"
    assert act(request, analyst, "indeferir", note="Documento ilegível.").status == Status.REJECTED


@pytest.mark.parametrize("who", ["person", "other_person", "outsider_servant", "editor"])
def test_who_may_not_start_the_analysis(service, person, request, who):
    req = submit(service, person)
    with pytest.raises(PermissionDenied):
        act(req, request.getfixturevalue(who), "iniciar_analise")
    assert reload(req).state == "recebida"


@pytest.mark.parametrize("who", ["analyst", "manager", "other_person", "outsider_servant"])
def test_only_the_requester_cancels(service, person, request, who):
    req = submit(service, person)
    with pytest.raises(PermissionDenied):
        act(req, request.getfixturevalue(who), "cancelar")
    assert act(req, person, "cancelar").status == Status.CANCELLED


def test_nothing_moves_a_concluded_request(service, person, analyst):
    request = submit(service, person)
    act(request, analyst, "iniciar_analise")
    act(request, analyst, "deferir")
    for actor, key in ((person, "cancelar"), (analyst, "indeferir")):
        with pytest.raises(ValidationError):
            act(request, actor, key, note="x")


def test_an_action_out_of_its_state_or_unknown_is_refused(service, person, analyst):
    request = submit(service, person)
    with pytest.raises(ValidationError):
        act(request, analyst, "deferir")
    with pytest.raises(ValidationError):
        act(request, analyst, "apagar")
    with pytest.raises(ValidationError):
        act(request, analyst, "pagamento_confirmado")


def test_a_servant_never_works_their_own_request(agency, service):
    colleague = servant(agency, "analista", "gestor")
    request = submit(service, colleague)
    with pytest.raises(PermissionDenied):
        act(request, colleague, "iniciar_analise")


def test_attachments_only_where_the_action_allows(service, person, analyst):
    from ..models import Document

    request = submit(service, person)
    doc = Document.objects.create(
        owner=analyst,
        file="documentos/x",
        name="a.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    with pytest.raises(ValidationError):
        act(request, analyst, "iniciar_analise", documents=[doc])


def test_the_requester_sees_their_actions_and_servants_theirs(service, person, analyst):
    request = submit(service, person)
    assert [a.key for a in available_actions(request=request, roles={"solicitante"})] == ["cancelar"]
    assert [a.key for a in available_actions(request=request, roles={"analista"})] == ["iniciar_analise"]
    assert available_actions(request=request, roles={"sistema"}) == []


def test_a_system_action_out_of_its_state_is_a_no_op(service, person):
    request = submit(service, person)
    assert service_request_system_act(request_id=request.pk, action_key="pagamento_confirmado") is None
    assert reload(request).state == "recebida"


def test_a_company_request_is_answered_by_anyone_acting_for_the_company(
    service, person, other_person, analyst
):
    company = Company.objects.create(cnpj="11222333000181", legal_name="Transportes Pantanal Ltda")
    for someone in (person, other_person):
        CompanyTie.objects.create(company=company, user=someone, role="colaborador", status="ativo")
    request = submit(service, person, company=company)
    act(request, analyst, "iniciar_analise")
    act(request, analyst, "solicitar_informacoes", note="Qual a placa?")
    with pytest.raises(PermissionDenied):
        act(request, other_person, "responder", note="QBX1A23")  # not acting for the company
    done = act(request, other_person, "responder", note="QBX1A23", acting_company=company)
    assert done.state == "em_analise"


def test_a_servant_tied_to_the_requesting_company_may_not_work_its_request(agency, service, person):
    company = Company.objects.create(cnpj="11222333000181", legal_name="Transportes Pantanal Ltda")
    CompanyTie.objects.create(company=company, user=person, role="representante_legal", status="ativo")
    partner_servant = servant(agency, "analista", "gestor")
    CompanyTie.objects.create(company=company, user=partner_servant, role="socio", status="ativo")
    request = submit(service, person, company=company)
    with pytest.raises(PermissionDenied):
        act(request, partner_servant, "iniciar_analise")


@pytest.mark.parametrize("note", ["\u200b\u2800", " . ", "\u00a0"])
def test_a_required_justification_needs_visible_words(service, person, analyst, note):
    request = submit(service, person)
    act(request, analyst, "iniciar_analise")
    with pytest.raises(ValidationError):
        act(request, analyst, "indeferir", note=note)
    assert reload(request).state == "em_analise"


def test_a_person_cannot_take_a_system_action_even_if_a_workflow_lists_them(service, person):
    with pytest.raises(ValidationError):
        act(submit(service, person), person, "pagamento_confirmado")


def test_a_companys_request_is_told_to_its_managers_and_not_to_a_former_collaborator(
    service, person, other_person, analyst
):
    company = Company.objects.create(cnpj="11222333000181", legal_name="Transportes Pantanal Ltda")
    tie = CompanyTie.objects.create(company=company, user=person, role="colaborador", status="ativo")
    CompanyTie.objects.create(company=company, user=other_person, role="representante_legal", status="ativo")
    request = submit(service, person, company=company)
    assert Notification.objects.filter(user=person).count() == 1
    assert Notification.objects.filter(user=other_person).count() == 1
    tie.status = "revogado"
    tie.save()
    act(request, analyst, "iniciar_analise")
    assert Notification.objects.filter(user=person).count() == 1
    assert Notification.objects.filter(user=other_person).count() == 2
