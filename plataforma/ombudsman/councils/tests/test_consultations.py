"""Consultations: only members with a mandate in force give opinions, until the deadline; then the
opinions are public and the agency answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.notifications.models import Notification

from ..models import ConsultationState, Membership, Opinion
from ..services import consultations as services
from .factories import (
    AgencyFactory,
    consultation_for,
    council_for,
    decided_call,
    gestor_of,
    pass_deadline,
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


@pytest.fixture
def member(council, gestor):
    maria = person(full_name="Maria Souza da Silva")
    decided_call(council, gestor, {"cidadaos": [maria]})
    return maria


def test_a_council_without_members_in_force_cannot_be_consulted(council, gestor):
    with pytest.raises(ValidationError, match="membros com mandato"):
        consultation_for(council, gestor)


def test_members_are_notified_and_give_their_opinion_until_the_deadline(council, gestor, member):
    consultation = consultation_for(council, gestor, asks_vote=True)
    assert Notification.objects.filter(user=member, title__startswith="Nova consulta").exists()
    with pytest.raises(ValidationError) as exc:
        services.opinion_submit(actor=member, consultation=consultation, text="", vote="")
    assert set(exc.value.error_dict) == {"text", "vote"}
    opinion = services.opinion_submit(actor=member, consultation=consultation, text="Concordo.", vote="favor")
    services.opinion_submit(
        actor=member, consultation=consultation, text="Concordo, com ressalvas.", vote="favor"
    )
    opinion.refresh_from_db()
    assert opinion.text == "Concordo, com ressalvas." and Opinion.objects.count() == 1
    pass_deadline(consultation)
    with pytest.raises(ValidationError, match="prazo"):
        services.opinion_submit(actor=member, consultation=consultation, text="Tarde", vote="contra")
    opinion.refresh_from_db()
    assert opinion.vote == "favor"


def test_a_vote_is_refused_when_the_consultation_asks_none(council, gestor, member):
    consultation = consultation_for(council, gestor)
    with pytest.raises(ValidationError) as exc:
        services.opinion_submit(actor=member, consultation=consultation, text="Ok", vote="favor")
    assert "vote" in exc.value.error_dict


@pytest.mark.parametrize("who", ["citizen", "gestor", "suplente"])
def test_people_without_a_mandate_in_force_cannot_give_opinions(council, gestor, member, who):
    consultation = consultation_for(council, gestor)
    actor = {"citizen": person(), "gestor": gestor}.get(who)
    if who == "suplente":
        call = decided_call(council, gestor, {"empresas": [person(), person()]})
        actor = call.applications.get(state="suplente").person
    with pytest.raises(PermissionDenied):
        services.opinion_submit(actor=actor, consultation=consultation, text="Opinião")
    assert not Opinion.objects.exists()


def test_a_member_whose_mandate_ended_cannot_give_opinions(council, gestor, member):
    consultation = consultation_for(council, gestor)
    Membership.objects.filter(person=member).update(
        starts_on=timezone.localdate() - timedelta(days=800), ends_on=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        services.opinion_submit(actor=member, consultation=consultation, text="Opinião")


def test_a_member_who_resigned_cannot_give_opinions(council, gestor, member):
    from ..services.memberships import membership_resign

    consultation = consultation_for(council, gestor)
    membership_resign(actor=member, membership=Membership.objects.get(person=member))
    with pytest.raises(PermissionDenied):
        services.opinion_submit(actor=member, consultation=consultation, text="Opinião")


def test_the_agency_answers_only_after_the_deadline_and_opinion_givers_are_told(council, gestor, member):
    consultation = consultation_for(council, gestor)
    services.opinion_submit(actor=member, consultation=consultation, text="Opinião")
    with pytest.raises(ValidationError, match="depois do prazo"):
        services.consultation_respond(actor=gestor, consultation=consultation, response="Medidas")
    pass_deadline(consultation)
    services.consultation_respond(actor=gestor, consultation=consultation, response="Adotamos X.")
    consultation.refresh_from_db()
    assert consultation.responded_at and consultation.response == "Adotamos X."
    assert Notification.objects.filter(user=member, title__startswith="O órgão respondeu").exists()


def test_a_consultation_is_cancelled_only_before_its_deadline(agency, council, gestor, member):
    consultation = consultation_for(council, gestor)
    with pytest.raises(PermissionDenied):
        services.consultation_cancel(
            actor=servant(agency, "carta_editor"), consultation=consultation, reason="x"
        )
    services.consultation_cancel(actor=gestor, consultation=consultation, reason="Assunto resolvido.")
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.CANCELLED
    with pytest.raises(ValidationError):
        services.opinion_submit(actor=member, consultation=consultation, text="Opinião")
    other = pass_deadline(consultation_for(council, gestor, subject="Outra"))
    with pytest.raises(ValidationError, match="públicos"):
        services.consultation_cancel(actor=gestor, consultation=other, reason="x")


def test_consultation_data_is_checked(council, gestor, member):
    with pytest.raises(ValidationError) as exc:
        services.consultation_create(
            actor=gestor,
            council=council,
            data=services.ConsultationData("", "", None, False, timezone.now() + timedelta(hours=1)),
        )
    assert set(exc.value.error_dict) == {"subject", "question", "deadline"}
