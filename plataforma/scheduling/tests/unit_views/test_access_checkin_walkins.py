"""The unit's attendance pages (/servidor/atendimento/): who gets in, what is audited, check-in and
walk-ins, with bad input answered with clear 4xx pages that change nothing."""

from __future__ import annotations

import pytest

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.documents import format_cpf
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ...models import AppointmentStatus, Priority, Ticket, TicketStatus
from ...services import queue as services
from ...services.booking import appointment_code_display
from ..factories import add_appointment, person, servant, unit_with_offering
from .conftest import base, today_at

pytestmark = pytest.mark.django_db
Role = AgencyRole.Role


# --- Who gets in -----------------------------------------------------------------------------


def _servant_urls(calendar, ticket) -> list[tuple[str, str]]:
    root = base(calendar)
    ticket_url = f"{root}senhas/{ticket.pk}/"
    return [
        ("get", root),
        ("get", root + "check-in/"),
        ("post", root + "check-in/"),
        ("get", root + "espontaneo/"),
        ("post", root + "espontaneo/"),
        ("get", root + "fila/"),
        ("post", root + "guiche/"),
        ("post", root + "chamar/"),
        ("get", ticket_url),
        ("post", ticket_url + "finalizar/"),
        ("post", ticket_url + "ausente/"),
    ]


def test_anonymous_people_are_sent_to_sign_in(client, calendar, offering, attendant):
    ticket = services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    assert client.get("/servidor/atendimento/").status_code == 302
    for method, url in _servant_urls(calendar, ticket):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/entrar" in response["Location"] or "login" in response["Location"].lower()
    assert Ticket.objects.get().status == TicketStatus.WAITING


@pytest.mark.parametrize("role", [None, Role.ANALYST, Role.CARTA_EDITOR, Role.OMBUDSMAN])
def test_people_without_a_unit_role_get_a_403_page_and_change_nothing(
    client, calendar, offering, attendant, role
):
    agency = calendar.unit.agency
    outsider = servant(agency, role) if role else person()
    ticket = services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    client.force_login(outsider)
    assert client.get("/servidor/atendimento/").status_code == 403
    for method, url in _servant_urls(calendar, ticket):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
    assert "Só atendentes e gestores" in client.get(base(calendar)).content.decode()
    assert Ticket.objects.get().status == TicketStatus.WAITING
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS).exists()


def test_a_platform_administrator_without_a_role_does_not_work_the_queue(client, calendar):
    admin = person(is_staff=True)
    client.force_login(admin)
    assert client.get(base(calendar)).status_code == 403


def test_an_attendant_of_another_agency_does_not_find_this_unit(client, calendar, offering, attendant):
    other_agency = AgencyFactory()
    unit_with_offering(other_agency)
    stranger = servant(other_agency, Role.ATTENDANT, Role.MANAGER)
    ticket = services.ticket_issue_walk_in(actor=attendant, calendar=calendar, service_id=offering.service_id)
    client.force_login(stranger)
    listing = client.get("/servidor/atendimento/").content.decode()
    assert calendar.unit.name not in listing
    for method, url in _servant_urls(calendar, ticket):
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.WAITING


def test_the_panel_of_a_unknown_unit_is_404(client):
    assert client.get("/painel-de-chamadas/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/painel-de-chamadas/nao-e-um-id/").status_code == 404


# --- Units and agenda ------------------------------------------------------------------------


def test_the_attendant_sees_their_units_and_the_agenda_with_masked_names_audited(
    client, calendar, offering, attendant
):
    someone = person(full_name="Maria Aparecida da Silva")
    add_appointment(offering, today_at(10, 20), who=someone, priority=Priority.AGE_80)
    add_appointment(offering, today_at(10, 20) + (today_at(1) - today_at(0)) * 24)  # tomorrow
    client.force_login(attendant)
    listing = client.get("/servidor/atendimento/")
    assert listing.status_code == 200 and calendar.unit.name in listing.content.decode()
    response = client.get(base(calendar))
    page = response.content.decode()
    assert response.status_code == 200
    assert "M*** A*** da S***" in page and "Maria" not in page
    assert "80 anos ou mais" in page and "10:20" in page  # the priority group, never the kind
    assert page.count("Fazer check-in") == 1  # tomorrow's appointment is not on today's agenda
    event = AuditEvent.objects.get(action="scheduling.agenda_read")
    assert event.kind == AuditEvent.Kind.ACCESS and event.actor_id == attendant.pk
    assert event.changes["appointments"] == 1


def test_the_gestor_of_the_agency_gets_in(client, calendar):
    client.force_login(servant(calendar.unit.agency, Role.MANAGER))
    assert client.get(base(calendar)).status_code == 200


# --- Check-in --------------------------------------------------------------------------------


def test_check_in_by_code_issues_the_ticket_and_opens_it(client, calendar, offering, attendant):
    appointment = add_appointment(offering, today_at(10, 20))
    client.force_login(attendant)
    typed = appointment_code_display(appointment.code).lower().replace("-", " - ")
    response = client.post(base(calendar) + "check-in/", {"busca": typed})
    assert response.status_code == 303
    ticket = Ticket.objects.get(appointment=appointment)
    assert response["Location"] == f"{base(calendar)}senhas/{ticket.pk}/"
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN
    assert AuditEvent.objects.filter(
        action="scheduling.checkin_lookup", kind=AuditEvent.Kind.ACCESS, subject_user_id=appointment.person_id
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Check-in feito. Senha A001." in page


def test_check_in_by_cpf_lists_several_appointments_to_choose(client, calendar, offering, attendant):
    someone = person()
    first = add_appointment(offering, today_at(10, 20), who=someone)
    add_appointment(offering, today_at(10, 40), who=someone)
    client.force_login(attendant)
    response = client.post(base(calendar) + "check-in/", {"busca": format_cpf(someone.cpf)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 agendamentos encontrados" in page and page.count("Fazer check-in e emitir a senha") == 2
    assert AuditEvent.objects.filter(action="scheduling.checkin_lookup").count() == 2
    assert not Ticket.objects.exists()
    response = client.post(base(calendar) + "check-in/", {"agendamento": str(first.pk)})
    assert response.status_code == 303
    assert Ticket.objects.get().appointment_id == first.pk


@pytest.mark.parametrize(
    ("typed", "status", "message"),
    [
        ("ABCD-2345", 404, "Nenhum agendamento para hoje"),
        ("529.982.247-25", 404, "Nenhum agendamento para hoje"),
        ("529.982.247-24", 400, "CPF inválido"),
        ("12345", 400, "CPF inválido"),
        ("abc", 400, "Digite o código do agendamento"),
        ("", 400, "Este campo é obrigatório"),
    ],
)
def test_bad_or_unknown_check_in_searches_are_answered_on_the_form(
    client, calendar, offering, attendant, typed, status, message
):
    add_appointment(offering, today_at(10, 20))
    client.force_login(attendant)
    response = client.post(base(calendar) + "check-in/", {"busca": typed})
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


def test_an_appointment_of_another_unit_is_not_checked_in_here(client, calendar, attendant):
    _other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    elsewhere = add_appointment(other_offering, today_at(10, 20))
    client.force_login(attendant)
    assert client.post(base(calendar) + "check-in/", {"busca": elsewhere.code}).status_code == 404
    response = client.post(base(calendar) + "check-in/", {"agendamento": str(elsewhere.pk)})
    assert response.status_code == 404
    assert "não encontrado" in response.content.decode()
    assert client.post(base(calendar) + "check-in/", {"agendamento": "nada"}).status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.status == AppointmentStatus.BOOKED and not Ticket.objects.exists()


def test_early_and_late_arrivals_are_explained_and_late_ones_may_be_attended_by_arrival(
    client, calendar, offering, attendant
):
    early = add_appointment(offering, today_at(11, 30))
    late = add_appointment(offering, today_at(9))
    client.force_login(attendant)
    page = client.post(base(calendar) + "check-in/", {"busca": early.code}).content.decode()
    assert "Ainda é cedo: o check-in abre às 10:30" in page
    page = client.post(base(calendar) + "check-in/", {"busca": late.code}).content.decode()
    assert "A tolerância terminou às 09:30" in page and "Atender por ordem de chegada" in page
    assert not Ticket.objects.exists()
    refused = client.post(base(calendar) + "check-in/", {"agendamento": str(late.pk)})
    assert refused.status_code == 400 and not Ticket.objects.exists()
    accepted = client.post(base(calendar) + "check-in/", {"agendamento": str(late.pk), "atrasado": "on"})
    assert accepted.status_code == 303
    assert Ticket.objects.get(appointment=late).due_at is None


def test_a_second_check_in_is_a_409_naming_the_ticket(client, calendar, offering, attendant):
    appointment = add_appointment(offering, today_at(10, 20))
    client.force_login(attendant)
    client.post(base(calendar) + "check-in/", {"agendamento": str(appointment.pk)})
    response = client.post(base(calendar) + "check-in/", {"agendamento": str(appointment.pk)})
    assert response.status_code == 409
    assert "já foi feito: senha A001" in response.content.decode()
    assert Ticket.objects.count() == 1


def test_the_cpf_search_is_rate_limited(client, calendar, attendant, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SCHEDULING_QUEUE = {"CPF_LOOKUP_LIMIT": (2, 60)}
    client.force_login(attendant)
    statuses = [
        client.post(base(calendar) + "check-in/", {"busca": "529.982.247-25"}).status_code for _ in range(3)
    ]
    assert statuses == [404, 404, 429]
    cache.clear()


# --- Walk-ins --------------------------------------------------------------------------------


def test_a_walk_in_ticket_is_issued_from_the_form(client, calendar, offering, attendant):
    client.force_login(attendant)
    assert client.get(base(calendar) + "espontaneo/").status_code == 200
    response = client.post(
        base(calendar) + "espontaneo/",
        {"servico": str(offering.service_id), "prioridade": Priority.PREGNANT, "cpf": ""},
    )
    assert response.status_code == 303
    ticket = Ticket.objects.get()
    assert ticket.label == "P001" and ticket.person_id is None


def test_walk_ins_with_a_cpf_share_the_cpf_look_up_pace(client, calendar, offering, attendant, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SCHEDULING_QUEUE = {"CPF_LOOKUP_LIMIT": (2, 60)}
    client.force_login(attendant)
    data = {"servico": str(offering.service_id), "prioridade": "", "cpf": "529.982.247-25"}
    statuses = [client.post(base(calendar) + "espontaneo/", data).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    assert Ticket.objects.count() == 2
    cache.clear()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"prioridade": "", "cpf": "529.982.247-24"}, "CPF válido"),
        ({"prioridade": "vip", "cpf": ""}, "Faça uma escolha válida"),
        ({"servico": "", "prioridade": "", "cpf": ""}, "Escolha o serviço"),
        (
            {"servico": "00000000-0000-0000-0000-000000000000", "prioridade": ""},
            "Escolha um serviço atendido",
        ),
    ],
)
def test_bad_walk_in_input_is_a_400_with_field_errors(client, calendar, offering, attendant, data, message):
    client.force_login(attendant)
    data = {"servico": str(offering.service_id), **data}
    response = client.post(base(calendar) + "espontaneo/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_service_of_another_unit_is_not_offered_for_walk_ins(client, calendar, attendant):
    _other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    client.force_login(attendant)
    response = client.post(base(calendar) + "espontaneo/", {"servico": str(other_offering.service_id)})
    assert response.status_code == 400 and not Ticket.objects.exists()
