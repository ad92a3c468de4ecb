"""The unit's queue pages, desks, calling, attendance, the protocol of a request and the public
waiting-room screen."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ...models import AppointmentStatus, Ticket, TicketStatus
from ...services import queue as services
from ..factories import add_appointment, add_desk, person, unit_with_offering
from .conftest import base, choose_desk, today_at

pytestmark = pytest.mark.django_db
Role = AgencyRole.Role


# --- Queue, desk, calling, attendance --------------------------------------------------------


def test_the_queue_shows_the_priority_group_never_its_kind(client, calendar, offering, attendant):
    services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=offering.service_id, priority="tea"
    )
    client.force_login(attendant)
    page = client.get(base(calendar) + "fila/").content.decode()
    assert "P001" in page
    assert "transtorno do espectro autista" not in page  # health data: only on the audited ticket page


def test_a_full_attendance_from_the_queue(client, calendar, offering, attendant, desk):
    someone = person(full_name="João Batista Pereira")
    appointment = add_appointment(offering, today_at(10), who=someone)
    services.appointment_check_in(actor=attendant, calendar=calendar, appointment_id=appointment.pk)
    services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    client.force_login(attendant)

    page = client.get(base(calendar) + "fila/").content.decode()
    assert "A001" in page and "N001" in page and "Escolha o seu guichê" in page
    assert "João" not in page  # the queue shows no names
    assert client.post(base(calendar) + "chamar/").status_code == 400  # no desk chosen yet

    choose_desk(client, calendar, desk)
    called = client.post(base(calendar) + "chamar/")
    assert called.status_code == 303
    ticket = Ticket.objects.get(appointment=appointment)
    assert called["Location"] == f"{base(calendar)}senhas/{ticket.pk}/"
    page = client.get(called["Location"]).content.decode()
    assert "João Batista Pereira" in page and "Guichê 3" in page
    assert AuditEvent.objects.filter(
        action="scheduling.ticket_read", kind=AuditEvent.Kind.ACCESS, subject_user_id=someone.pk
    ).exists()

    # a second call while the desk is busy is refused
    busy = client.post(base(calendar) + "chamar/")
    assert busy.status_code == 409 and "ainda está com a senha A001" in busy.content.decode()

    ticket_url = f"{base(calendar)}senhas/{ticket.pk}/"
    assert client.post(ticket_url + "rechamar/").status_code == 303
    assert Ticket.objects.get(pk=ticket.pk).call_count == 2
    assert client.post(ticket_url + "iniciar/").status_code == 303
    finished = client.post(ticket_url + "finalizar/", {"registro": "Documento entregue."})
    assert finished.status_code == 303 and finished["Location"] == base(calendar) + "fila/"
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.DONE and appointment.outcome_note == "Documento entregue."

    again = client.post(ticket_url + "finalizar/", {"registro": "Outra coisa"})
    assert again.status_code == 409 and "Atendida" in again.content.decode()
    appointment.refresh_from_db()
    assert appointment.outcome_note == "Documento entregue."


def test_the_next_ticket_respects_the_services_of_the_desk(client, calendar, offering, attendant, desk):
    other_offering = unit_with_offering(calendar.unit.agency)[1]
    other_offering.service.units.add(calendar.unit)
    services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    wanted = services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=other_offering.service_id
    )
    client.force_login(attendant)
    choose_desk(client, calendar, desk, [str(other_offering.service_id)])
    page = client.get(base(calendar) + "fila/").content.decode()
    assert "Na unidade toda, 2 senhas aguardam" in page
    client.post(base(calendar) + "chamar/")
    assert Ticket.objects.get(pk=wanted.pk).status == TicketStatus.CALLED


def test_nobody_waiting_is_said_plainly(client, calendar, attendant, desk):
    client.force_login(attendant)
    choose_desk(client, calendar, desk)
    response = client.post(base(calendar) + "chamar/", follow=True)
    assert "Ninguém aguardando" in response.content.decode()


def test_choosing_a_desk_of_another_unit_is_a_field_error(client, calendar, attendant):
    other_calendar, _ = unit_with_offering(calendar.unit.agency)
    client.force_login(attendant)
    response = client.post(base(calendar) + "guiche/", {"guiche": str(add_desk(other_calendar).pk)})
    assert response.status_code == 400
    assert "Escolha um guichê em uso desta unidade" in response.content.decode()


def test_marking_absent_and_actions_out_of_order(client, calendar, offering, attendant, desk):
    waiting = services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=offering.service_id
    )
    client.force_login(attendant)
    url = f"{base(calendar)}senhas/{waiting.pk}/"
    for action in ("ausente", "rechamar", "iniciar", "finalizar"):
        response = client.post(url + action + "/")
        assert response.status_code == 409, action
    assert Ticket.objects.get(pk=waiting.pk).status == TicketStatus.WAITING
    assert client.post(url + "apagar/").status_code == 404
    assert client.get(url + "ausente/").status_code == 405
    choose_desk(client, calendar, desk)
    client.post(base(calendar) + "chamar/")
    assert client.post(url + "ausente/").status_code == 303
    assert Ticket.objects.get(pk=waiting.pk).status == TicketStatus.NO_SHOW


def test_a_ticket_of_another_unit_is_404(client, calendar, attendant):
    other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    foreign = services.ticket_issue_walk_in(
        actor=attendant, calendar=other_calendar, service_id=other_offering.service_id
    )
    client.force_login(attendant)
    assert client.get(f"{base(calendar)}senhas/{foreign.pk}/").status_code == 404
    assert client.post(f"{base(calendar)}senhas/{foreign.pk}/ausente/").status_code == 404


def test_a_too_long_note_is_a_field_error(client, calendar, offering, attendant, desk):
    appointment = add_appointment(offering, today_at(10))
    ticket = services.appointment_check_in(actor=attendant, calendar=calendar, appointment_id=appointment.pk)
    services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk.pk)
    client.force_login(attendant)
    response = client.post(f"{base(calendar)}senhas/{ticket.pk}/finalizar/", {"registro": "x" * 1001})
    assert response.status_code == 400
    assert "no máximo 1000 caracteres" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.CALLED


def test_the_protocol_of_the_persons_request_is_recorded_from_the_ticket_page(
    client, calendar, offering, attendant, desk
):
    from plataforma.service_requests.tests.factories import service_with_form, submit

    appointment = add_appointment(offering, today_at(10))
    ticket = services.appointment_check_in(actor=attendant, calendar=calendar, appointment_id=appointment.pk)
    services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk.pk)
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=ticket.pk)
    request = submit(service_with_form(), appointment.person)
    client.force_login(attendant)
    url = f"{base(calendar)}senhas/{ticket.pk}/"
    page = client.get(url).content.decode()
    assert "Registrar protocolo" in page and "não faz pedidos em nome do cidadão" in page
    bad = client.post(url + "protocolo/", {"protocolo": "2026.X.000001-9"})
    assert bad.status_code == 400 and "Protocolo inválido" in bad.content.decode()
    assert client.post(url + "protocolo/", {"protocolo": request.protocol}).status_code == 303
    appointment.refresh_from_db()
    assert appointment.service_request_protocol == request.protocol


def test_the_request_link_is_offered_when_the_service_takes_requests(client, calendar, attendant, desk):
    from plataforma.service_requests.tests.factories import service_with_form

    service = service_with_form(agency=calendar.unit.agency)
    _cal, offering = unit_with_offering(calendar.unit.agency, service=service)
    offering.calendar = calendar
    offering.save(update_fields=["calendar"])
    appointment = add_appointment(offering, today_at(10))
    ticket = services.appointment_check_in(actor=attendant, calendar=calendar, appointment_id=appointment.pk)
    services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk.pk)
    services.ticket_start(actor=attendant, calendar=calendar, ticket_id=ticket.pk)
    client.force_login(attendant)
    page = client.get(f"{base(calendar)}senhas/{ticket.pk}/").content.decode()
    assert f"/servicos/{service.slug}/solicitar/" in page
    assert (
        "<svg" in page
        and 'role="img"' in page
        and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    )


# --- The public waiting-room screen ----------------------------------------------------------


def test_the_panel_shows_senha_and_desk_only_and_is_accessible(client, calendar, offering, attendant, desk):
    someone = person(full_name="Benedita Campos Arruda")
    services.ticket_issue_walk_in(
        actor=attendant, calendar=calendar, service_id=offering.service_id, cpf=someone.cpf
    )
    services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=desk.pk)
    response = client.get(f"/painel-de-chamadas/{calendar.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "N001" in page and "Guichê 3" in page
    assert "Benedita" not in page and someone.cpf not in page and offering.service.name not in page
    assert 'aria-live="polite"' in page and 'lang="pt-BR"' in page
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None  # no inline script (strict CSP)
    assert " style=" not in page
    assert 'http-equiv="refresh"' in page.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert "unsafe-inline" not in response.get("Content-Security-Policy", "")
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS).exists()


def test_the_panel_json_lists_the_latest_calls_newest_first_with_recalls_on_top(
    client, calendar, offering, attendant
):
    first_desk, second_desk = add_desk(calendar, "Guichê 1"), add_desk(calendar, "Guichê 2")
    for _ in range(2):
        services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    first = services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=first_desk.pk)
    later = timezone.now() + (today_at(0, 1) - today_at(0))
    services.ticket_call_next(actor=attendant, calendar=calendar, desk_id=second_desk.pk, now=later)
    response = client.get(f"/painel-de-chamadas/{calendar.pk}/chamadas.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-cache" in response.get("Cache-Control", "") or "max-age=0" in response.get("Cache-Control", "")
    data = json.loads(response.content)
    assert [(c["senha"], c["guiche"]) for c in data["chamadas"]] == [
        ("N002", "Guichê 2"),
        ("N001", "Guichê 1"),
    ]
    assert set(data["chamadas"][0]) == {"senha", "guiche", "hora", "chamada", "id"}
    services.ticket_recall(
        actor=attendant, calendar=calendar, ticket_id=first.pk, now=later + (today_at(0, 1) - today_at(0))
    )
    data = json.loads(client.get(f"/painel-de-chamadas/{calendar.pk}/chamadas.json").content)
    assert data["chamadas"][0]["senha"] == "N001" and data["chamadas"][0]["chamada"] == 2


def test_the_panel_script_and_style_are_static_files(client, calendar):
    from django.contrib.staticfiles import finders

    page = client.get(f"/painel-de-chamadas/{calendar.pk}/").content.decode()
    assert "scheduling/unit-panel.js" in page and "scheduling/unit-panel.css" in page
    assert finders.find("scheduling/unit-panel.js") and finders.find("scheduling/unit-panel.css")
    assert "Nenhuma senha chamada hoje ainda." in page
