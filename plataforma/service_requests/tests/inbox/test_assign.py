"""Who is responsible for a request, and internal notes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.common.models import AuditEvent
from plataforma.notifications.models import Notification

from ... import selectors as request_selectors
from ...inbox.services import request_assign, request_internal_note
from ..factories import citizen, reload, servant

pytestmark = pytest.mark.django_db


def url(request, tail: str) -> str:
    return f"/servidor/solicitacoes/{request.protocol}/{tail}"


def test_an_analyst_takes_a_request_for_themself(client, analyst, make_request):
    request = make_request()
    client.force_login(analyst)
    response = client.post(url(request, "assumir/"))
    assert response.status_code == 303
    assert reload(request).assignee == analyst
    event = request.events.get(action="atribuir")
    assert not event.visible_to_requester and event.actor == analyst
    audit = AuditEvent.objects.get(action="service_requests.assign")
    assert audit.changes["assignee"] == str(analyst.pk) and audit.changes["previous"] is None


def test_taking_twice_changes_nothing_the_second_time(analyst, make_request):
    request = make_request()
    request_assign(actor=analyst, request_id=request.pk, assignee=analyst)
    request_assign(actor=analyst, request_id=request.pk, assignee=analyst)
    assert request.events.filter(action="atribuir").count() == 1


def test_an_analyst_cannot_give_a_request_to_someone_else(client, analyst, attendant, make_request):
    request = make_request()
    with pytest.raises(PermissionDenied):
        request_assign(actor=analyst, request_id=request.pk, assignee=attendant)
    client.force_login(analyst)
    assert client.get(url(request, "atribuir/")).status_code == 403
    assert client.post(url(request, "atribuir/"), {"assignee": str(attendant.pk)}).status_code == 403
    assert reload(request).assignee is None


def test_an_analyst_cannot_take_a_request_from_a_colleague_but_a_gestor_can(
    analyst, attendant, manager, make_request
):
    request = make_request(assignee=attendant)
    request_assign(actor=analyst, request_id=request.pk, assignee=analyst)  # taking for oneself is allowed
    assert reload(request).assignee == analyst
    with pytest.raises(PermissionDenied):
        request_assign(actor=attendant, request_id=request.pk, assignee=None)
    request_assign(actor=manager, request_id=request.pk, assignee=None)
    assert reload(request).assignee is None


def test_a_gestor_assigns_to_a_colleague_who_is_told(client, manager, analyst, make_request):
    request = make_request()
    client.force_login(manager)
    page = client.get(url(request, "atribuir/"))
    assert page.status_code == 200 and analyst.full_name in page.content.decode()
    response = client.post(url(request, "atribuir/"), {"assignee": str(analyst.pk)})
    assert response.status_code == 303
    assert reload(request).assignee == analyst
    notice = Notification.objects.get(user=analyst)
    assert request.protocol in notice.title and notice.url == url(request, "")


def test_the_assignee_must_hold_a_desk_role_in_the_agency(agency, manager, outsider_servant, make_request):
    request = make_request()
    for person in (outsider_servant, citizen(), servant(agency, "carta_editor"), servant(agency, "ouvidor")):
        with pytest.raises(ValidationError) as error:
            request_assign(actor=manager, request_id=request.pk, assignee=person)
        assert "assignee" in error.value.message_dict
    assert reload(request).assignee is None


def test_the_assign_page_refuses_a_person_outside_the_list(client, manager, outsider_servant, make_request):
    request = make_request()
    client.force_login(manager)
    response = client.post(url(request, "atribuir/"), {"assignee": str(outsider_servant.pk)})
    assert response.status_code == 400
    assert response.context["form"].errors["assignee"] == ["Escolha uma pessoa da lista."]


def test_a_revoked_role_no_longer_allows_being_assigned(agency, manager, analyst, make_request):
    from django.utils import timezone

    analyst.agency_roles.update(revoked_at=timezone.now())
    request = make_request()
    with pytest.raises(ValidationError):
        request_assign(actor=manager, request_id=request.pk, assignee=analyst)


def test_the_requester_cannot_be_made_responsible_for_their_own_request(agency, service, manager):
    from ..factories import submit

    colleague = servant(agency, "analista")
    request = submit(service, colleague)
    with pytest.raises(ValidationError):
        request_assign(actor=manager, request_id=request.pk, assignee=colleague)
    with pytest.raises(PermissionDenied):
        request_assign(actor=colleague, request_id=request.pk, assignee=colleague)


def test_a_closed_request_does_not_change_hands(analyst, manager, make_request):
    request = make_request(state="deferida", analyst=analyst)
    with pytest.raises(ValidationError):
        request_assign(actor=manager, request_id=request.pk, assignee=analyst)


def test_an_internal_note_is_in_the_agencys_timeline_only(client, attendant, make_request):
    request = make_request()
    client.force_login(attendant)
    response = client.post(url(request, "observacao/"), {"note": "Conferir com o setor de vistoria."})
    assert response.status_code == 303
    request = reload(request)
    assert request.state == "recebida"
    agency_view = request_selectors.timeline(request=request, for_requester=False)
    assert (
        agency_view[-1].action == "nota_interna"
        and agency_view[-1].note == "Conferir com o setor de vistoria."
    )
    assert agency_view[-1].actor_role == "atendente"
    requester_view = request_selectors.timeline(request=request, for_requester=True)
    assert all(e.action != "nota_interna" for e in requester_view)
    page = client.get(url(request, "")).content.decode()
    assert "Conferir com o setor de vistoria." in page and "o solicitante não vê" in page
    assert not Notification.objects.filter(user=request.requester, title__icontains="observa").exists()


def test_an_empty_internal_note_is_a_field_error(client, attendant, make_request):
    request = make_request()
    client.force_login(attendant)
    response = client.post(url(request, "observacao/"), {"note": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == ["Escreva a observação."]
    with pytest.raises(ValidationError):
        request_internal_note(actor=attendant, request_id=request.pk, note="")
    assert not request.events.filter(action="nota_interna").exists()


def test_a_servant_of_another_agency_cannot_write_notes(outsider_servant, make_request):
    request = make_request()
    with pytest.raises(PermissionDenied):
        request_internal_note(actor=outsider_servant, request_id=request.pk, note="x")
