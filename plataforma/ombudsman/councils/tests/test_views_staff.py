"""The staff's pages at /servidor/conselhos/: who gets in (and that nothing leaks or changes for
anyone else), the audited reads of applicants' data, and the whole flow through the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ..models import ApplicationState, Call, CallState, Consultation, Council, Membership
from .factories import (
    AgencyFactory,
    apply,
    closed_call,
    consultation_for,
    council_for,
    decided_call,
    gestor_of,
    open_call,
    pass_deadline,
    person,
    servant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(acronym="DETRAN-MT", slug="detran-mt")


@pytest.fixture
def gestor(agency):
    return gestor_of(agency)


@pytest.fixture
def world(agency, gestor):
    """A council with a decided call (member Maria), an open call with an applicant, a consultation."""
    council = council_for(agency, gestor)
    maria = person(full_name="Maria Souza da Silva")
    decided = decided_call(council, gestor, {"cidadaos": [maria]})
    call = open_call(council, gestor)
    applicant = person(full_name="Pedro Paulo Pinto")
    application = apply(applicant, call, motivation="Motivação do Pedro.")
    consultation = consultation_for(council, gestor)
    return {
        "council": council,
        "decided": decided,
        "call": call,
        "application": application,
        "membership": Membership.objects.get(person=maria),
        "consultation": consultation,
    }


def _get_urls(w):
    c = w["council"]
    return [
        reverse("councils:staff_council", args=[c.pk]),
        reverse("councils:staff_council_edit", args=[c.pk]),
        reverse("councils:staff_category_new", args=[c.pk]),
        reverse("councils:staff_call", args=[w["call"].pk]),
        reverse("councils:staff_application", args=[w["application"].pk]),
        reverse("councils:staff_membership", args=[w["membership"].pk]),
        reverse("councils:staff_consultation", args=[w["consultation"].pk]),
        reverse("councils:staff_consultation_new", args=[c.pk]),
    ]


def _posts(w):
    c = w["council"]
    return [
        (reverse("councils:staff_council_edit", args=[c.pk]), {"name": "Invadido", "mandate_months": 12}),
        (reverse("councils:staff_call_action", args=[w["call"].pk, "cancelar"]), {"reason": "Invasão"}),
        (reverse("councils:staff_membership", args=[w["membership"].pk]), {"acao": "encerrar", "note": "x"}),
        (
            reverse("councils:staff_consultation", args=[w["consultation"].pk]),
            {"acao": "cancelar", "reason": "x"},
        ),
    ]


def _unchanged(w):
    c = Council.objects.get(pk=w["council"].pk)
    assert c.name == w["council"].name
    assert Call.objects.get(pk=w["call"].pk).state == CallState.OPEN
    assert Membership.objects.get(pk=w["membership"].pk).ended_on is None
    assert Consultation.objects.get(pk=w["consultation"].pk).state == "aberta"


def test_anonymous_people_are_sent_to_sign_in(client, world):
    for url in [reverse("councils:staff_home"), *_get_urls(world)]:
        response = client.get(url)
        assert response.status_code == 302 and "/conta/entrar/" in response["Location"], url
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 302
    _unchanged(world)


@pytest.mark.parametrize("role", [None, "analista", "atendente", "carta_editor"])
def test_citizens_and_servants_without_the_role_get_403_and_see_nothing(client, agency, world, role):
    user = servant(agency, role) if role else person()
    client.force_login(user)
    for url in [reverse("councils:staff_home"), *_get_urls(world)]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Pedro" not in response.content.decode()
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 403
    _unchanged(world)


@pytest.mark.parametrize("role", ["gestor", "ouvidor"])
def test_staff_of_another_agency_get_404(client, world, role):
    client.force_login(servant(AgencyFactory(), role))
    assert client.get(reverse("councils:staff_home")).status_code == 200
    for url in _get_urls(world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Pedro" not in response.content.decode()
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 404
    _unchanged(world)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS).exists()


def test_malformed_ids_and_pages_answer_4xx(client, world, gestor):
    client.force_login(gestor)
    for url in (
        "/servidor/conselhos/nao-e-id/",
        "/servidor/conselhos/chamamentos/123/",
        "/servidor/conselhos/inscricoes/%00/",
        f"/servidor/conselhos/{world['council'].pk}/categorias/xyz/",
        "/servidor/conselhos/consultas/x/",
        "/servidor/conselhos/mandatos/x/",
    ):
        assert client.get(url).status_code == 404, url
    call_url = reverse("councils:staff_call", args=[world["call"].pk])
    assert client.get(call_url + "?pagina=abc").status_code == 400
    assert client.get(call_url + "?situacao=qualquer").status_code == 400
    assert (
        client.post(reverse("councils:staff_call_action", args=[world["call"].pk, "voar"])).status_code == 404
    )


@pytest.mark.parametrize("role", ["gestor", "ouvidor"])
def test_the_agencys_staff_see_every_page(client, agency, world, role):
    client.force_login(gestor_of(agency) if role == "gestor" else servant(agency, AgencyRole.Role.OMBUDSMAN))
    for url in [reverse("councils:staff_home"), *_get_urls(world)]:
        assert client.get(url).status_code == 200, url


def test_reading_an_application_is_audited_for_the_applicant(client, world, gestor):
    client.force_login(gestor)
    application = world["application"]
    page = client.get(reverse("councils:staff_application", args=[application.pk])).content.decode()
    assert "Pedro Paulo Pinto" in page and "Motivação do Pedro." in page
    event = AuditEvent.objects.get(action="councils.application.staff_read")
    assert event.kind == AuditEvent.Kind.ACCESS and event.subject_user_id == application.person_id
    client.get(reverse("councils:staff_call", args=[world["call"].pk]))
    listed = AuditEvent.objects.get(action="councils.application.staff_list_read")
    assert listed.subject_user_id == application.person_id


def test_the_whole_flow_through_the_pages(client, agency, gestor):
    client.force_login(gestor)
    response = client.post(
        reverse("councils:staff_council_new") + "?orgao=detran-mt",
        {"name": "Conselho do DETRAN-MT", "mandate_months": 24, "with_suggested": "on"},
    )
    council = Council.objects.get()
    assert response.status_code == 302 and council.categories.count() == 4
    bad = client.post(
        reverse("councils:staff_call_new", args=[council.pk]), {"notice": "", "opens_at": "ontem"}
    )
    assert bad.status_code == 400 and "Informe a data e a hora assim" in bad.content.decode()
    assert not Call.objects.exists()
    now = timezone.localtime()
    form = {
        "notice": "Edital.",
        "opens_at": (now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "mandate_starts_on": (now + timedelta(days=10)).strftime("%Y-%m-%d"),
        "draw_value_source": "Loteria Federal",
    }
    assert client.post(reverse("councils:staff_call_new", args=[council.pk]), form).status_code == 302
    call = Call.objects.get()
    assert client.post(reverse("councils:staff_call_action", args=[call.pk, "publicar"])).status_code == 302
    early = client.post(reverse("councils:staff_call_action", args=[call.pk, "encerrar"]))
    assert early.status_code == 409
    applicants = [person() for _ in range(3)]
    for p in applicants:
        apply(p, Call.objects.get(pk=call.pk), "pessoas-idosas")
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=2),
        mandate_starts_on=timezone.localdate(),
    )
    assert client.post(reverse("councils:staff_call_action", args=[call.pk, "encerrar"])).status_code == 302
    no_value = client.post(
        reverse("councils:staff_call_action", args=[call.pk, "resultado"]), {"public_value": ""}
    )
    assert no_value.status_code == 400 and "valor público" in no_value.content.decode()
    done = client.post(
        reverse("councils:staff_call_action", args=[call.pk, "resultado"]), {"public_value": "777"}
    )
    assert done.status_code == 302
    call.refresh_from_db()
    assert call.state == CallState.RESULT
    assert call.applications.filter(state=ApplicationState.MEMBER).count() == 1
    member = Membership.objects.get()
    end = client.post(
        reverse("councils:staff_membership", args=[member.pk]), {"acao": "encerrar", "note": ""}
    )
    assert end.status_code == 400
    assert (
        client.post(
            reverse("councils:staff_membership", args=[member.pk]), {"acao": "encerrar", "note": "Faltas."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("councils:staff_membership", args=[member.pk]), {"acao": "substituir"}
        ).status_code
        == 302
    )
    assert Membership.objects.filter(replaces=member).exists()


def test_staff_consultation_pages(client, world, gestor):
    client.force_login(gestor)
    council = world["council"]
    bad = client.post(reverse("councils:staff_consultation_new", args=[council.pk]), {"subject": ""})
    assert bad.status_code == 400
    consultation = world["consultation"]
    url = reverse("councils:staff_consultation", args=[consultation.pk])
    early = client.post(url, {"acao": "responder", "response": "Medidas."})
    assert early.status_code == 409
    pass_deadline(consultation)
    assert client.post(url, {"acao": "responder", "response": ""}).status_code == 400
    assert client.post(url, {"acao": "responder", "response": "Medidas."}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.response == "Medidas."


def test_habilitacao_through_the_page(client, world, gestor):
    client.force_login(gestor)
    call = closed_call(world["call"], gestor)
    application = world["application"]
    url = reverse("councils:staff_application", args=[application.pk])
    assert client.post(url, {"acao": "inabilitar", "reason": ""}).status_code == 400
    assert client.post(url, {"acao": "inabilitar", "reason": "Sem requisito."}).status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.REJECTED
    assert call.pk == application.call_id
