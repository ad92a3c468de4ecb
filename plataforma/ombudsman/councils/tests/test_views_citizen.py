"""Meus conselhos: the person's own records only; withdraw, resign and give opinions through the
pages, with 404 for anything that is not theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import ApplicationState, Membership, Opinion
from .factories import (
    AgencyFactory,
    apply,
    consultation_for,
    council_for,
    decided_call,
    gestor_of,
    open_call,
    pass_deadline,
    person,
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


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("councils:mine"))
    assert response.status_code == 302 and "/conta/entrar/" in response["Location"]


def test_the_page_lists_the_persons_applications_mandates_and_open_consultations(
    client, council, gestor, member
):
    consultation_for(council, gestor, subject="Horários de sábado")
    client.force_login(member)
    page = client.get(reverse("councils:mine")).content.decode()
    assert "Horários de sábado" in page and "aguardando o seu parecer" in page
    assert "Em exercício" in page and "0001" in page


def test_withdraw_through_the_page_and_never_someone_elses(client, council, gestor):
    call = open_call(council, gestor)
    maria, joao = person(), person()
    application = apply(maria, call)
    client.force_login(joao)
    url = reverse("councils:withdraw", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.get(reverse("councils:withdraw", args=["abc"])).status_code == 404
    client.force_login(maria)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    again = client.post(url)
    assert again.status_code == 409


def test_resign_through_the_page(client, member):
    membership = Membership.objects.get(person=member)
    url = reverse("councils:resign", args=[membership.pk])
    client.force_login(person())
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.post(url, {"note": "x" * 501}).status_code == 400
    membership.refresh_from_db()
    assert membership.ended_on is None
    assert client.post(url, {"note": "Mudei de cidade."}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_reason == "renuncia"


def test_non_members_do_not_see_a_consultation_before_its_deadline(client, council, gestor, member):
    consultation = consultation_for(council, gestor)
    url = reverse("councils:opinion", args=[consultation.pk])
    client.force_login(person())
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Opinião"}).status_code == 404
    client.force_login(gestor)
    assert client.post(url, {"text": "Opinião"}).status_code == 404
    assert client.get(reverse("councils:opinion", args=["nao-e-id"])).status_code == 404
    assert not Opinion.objects.exists()


def test_a_member_gives_an_opinion_and_a_vote_through_the_page(client, council, gestor, member):
    consultation = consultation_for(council, gestor, asks_vote=True)
    url = reverse("councils:opinion", args=[consultation.pk])
    client.force_login(member)
    response = client.post(url, {"text": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "Escreva o seu parecer." in page and "Escolha o seu voto" in page
    assert client.post(url, {"text": "Sou a favor.", "vote": "favor"}).status_code == 302
    assert Opinion.objects.get().vote == "favor"
    pass_deadline(consultation)
    late = client.post(url, {"text": "Mudei de ideia.", "vote": "contra"})
    assert late.status_code == 400 and "prazo" in late.content.decode()
    assert Opinion.objects.get().text == "Sou a favor."
    assert "não pode mais ser mudado" in client.get(url).content.decode()


def test_a_member_whose_mandate_ended_cannot_post_an_opinion(client, council, gestor, member):
    from django.utils import timezone

    consultation = consultation_for(council, gestor)
    Membership.objects.filter(person=member).update(ended_on=timezone.localdate(), end_reason="renuncia")
    client.force_login(member)
    assert client.post(reverse("councils:opinion", args=[consultation.pk]), {"text": "x"}).status_code == 404
    assert not Opinion.objects.exists()
