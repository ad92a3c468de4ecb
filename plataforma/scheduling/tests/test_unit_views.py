"""The unit's attendance pages (/servidor/atendimento/) and the public waiting-room screen
(/painel-de-chamadas/): who gets in, what is audited, check-in, walk-ins, calling, attendance,
and bad input answered with clear 4xx pages that change nothing."""

from __future__ import annotations

import json
import re
from datetime import datetime, time

import pytest
from django.urls import include, path
from django.utils import timezone

from plataforma import urls as project
from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.calendar import CUIABA
from plataforma.common.documents import format_cpf
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole

from ..models import AppointmentStatus, Priority, Ticket, TicketStatus
from ..services import queue as services
from ..services.booking import appointment_code_display
from .factories import add_appointment, add_desk, person, servant, unit_with_offering

# Until plataforma/urls.py mounts urls_unit, these tests mount it themselves.
urlpatterns = []
if not any(getattr(p, "namespace", None) == "scheduling_unit" for p in project.urlpatterns):
    urlpatterns.append(path("", include("plataforma.scheduling.urls_unit")))
urlpatterns += project.urlpatterns
handler400, handler403 = project.handler400, project.handler403
handler404, handler500 = project.handler404, project.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
Role = AgencyRole.Role


def _today_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localtime(REAL_NOW(), CUIABA).date()
    return datetime.combine(day, time(hour, minute), CUIABA)


REAL_NOW = timezone.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Every page sees 10:00 of today in Cuiabá (no test depends on the hour it runs)."""
    fixed = _today_at(10)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    return fixed


@pytest.fixture
def unit():
    return unit_with_offering()


@pytest.fixture
def calendar(unit):
    return unit[0]


@pytest.fixture
def offering(unit):
    return unit[1]


@pytest.fixture
def attendant(calendar):
    return servant(calendar.unit.agency, Role.ATTENDANT)


@pytest.fixture
def desk(calendar):
    return add_desk(calendar, "Guichê 3")


def base(calendar) -> str:
    return f"/servidor/atendimento/{calendar.pk}/"


def choose_desk(client, calendar, desk, services_=()):
    response = client.post(base(calendar) + "guiche/", {"guiche": str(desk.pk), "servicos": list(services_)})
    assert response.status_code == 303
    return response


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
    add_appointment(offering, _today_at(10, 20), who=someone, priority=Priority.AGE_80)
    add_appointment(offering, _today_at(10, 20) + (_today_at(1) - _today_at(0)) * 24)  # tomorrow
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
    appointment = add_appointment(offering, _today_at(10, 20))
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
    first = add_appointment(offering, _today_at(10, 20), who=someone)
    add_appointment(offering, _today_at(10, 40), who=someone)
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
    add_appointment(offering, _today_at(10, 20))
    client.force_login(attendant)
    response = client.post(base(calendar) + "check-in/", {"busca": typed})
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


def test_an_appointment_of_another_unit_is_not_checked_in_here(client, calendar, attendant):
    _other_calendar, other_offering = unit_with_offering(calendar.unit.agency)
    elsewhere = add_appointment(other_offering, _today_at(10, 20))
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
    early = add_appointment(offering, _today_at(11, 30))
    late = add_appointment(offering, _today_at(9))
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
    appointment = add_appointment(offering, _today_at(10, 20))
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
    appointment = add_appointment(offering, _today_at(10), who=someone)
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
    appointment = add_appointment(offering, _today_at(10))
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

    appointment = add_appointment(offering, _today_at(10))
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
    appointment = add_appointment(offering, _today_at(10))
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
    later = timezone.now() + (_today_at(0, 1) - _today_at(0))
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
        actor=attendant, calendar=calendar, ticket_id=first.pk, now=later + (_today_at(0, 1) - _today_at(0))
    )
    data = json.loads(client.get(f"/painel-de-chamadas/{calendar.pk}/chamadas.json").content)
    assert data["chamadas"][0]["senha"] == "N001" and data["chamadas"][0]["chamada"] == 2


def test_the_panel_script_and_style_are_static_files(client, calendar):
    from django.contrib.staticfiles import finders

    page = client.get(f"/painel-de-chamadas/{calendar.pk}/").content.decode()
    assert "scheduling/unit-panel.js" in page and "scheduling/unit-panel.css" in page
    assert finders.find("scheduling/unit-panel.js") and finders.find("scheduling/unit-panel.css")
    assert "Nenhuma senha chamada hoje ainda." in page
