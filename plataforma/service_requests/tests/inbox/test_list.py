"""The inbox list: who gets in, filters, ordering, pagination and a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import make_editor

from ...inbox import selectors
from ...models import ServiceRequest
from ..factories import citizen, servant, service_with_form, submit

pytestmark = pytest.mark.django_db

URL = "/servidor/solicitacoes/"


def protocols(response) -> list[str]:
    return [row.protocol for row in response.context["page"]]


def test_the_inbox_is_mounted_where_the_url_map_says():
    assert reverse("request_inbox:list") == URL


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=/servidor/solicitacoes/" in response["Location"]


@pytest.mark.parametrize("who", ["citizen", "carta_editor", "ouvidor"])
def test_people_without_a_desk_role_are_refused(client, agency, who):
    user = {
        "citizen": lambda: citizen(),
        "carta_editor": lambda: make_editor(agency),
        "ouvidor": lambda: servant(agency, "ouvidor"),
    }[who]()
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Só atendentes, analistas e gestores" in response.content.decode()


@pytest.mark.parametrize("role", ["atendente", "analista", "gestor"])
def test_each_desk_role_sees_its_agencys_requests(client, agency, make_request, role):
    request = make_request()
    client.force_login(servant(agency, role))
    response = client.get(URL)
    assert response.status_code == 200
    assert protocols(response) == [request.protocol]


def test_a_servant_of_another_agency_sees_none_of_these_requests(client, make_request, outsider_servant):
    make_request()
    client.force_login(outsider_servant)
    response = client.get(URL)
    assert response.status_code == 200
    assert protocols(response) == []


def test_asking_for_an_agency_one_does_not_work_for_answers_404(
    client, agency, make_request, outsider_servant
):
    make_request()
    client.force_login(outsider_servant)
    assert client.get(URL, {"orgao": agency.slug}).status_code == 404


def test_a_servant_of_two_agencies_chooses_the_agency(client, agency, other_agency, make_request, person):
    both = servant(agency, "analista", full_name="Bruna Dois Órgãos")
    AgencyRole.objects.create(user=both, agency=other_agency, role="atendente")
    mine = make_request()
    theirs = submit(service_with_form(agency=other_agency), person)
    client.force_login(both)
    response = client.get(URL, {"orgao": other_agency.slug})
    assert protocols(response) == [theirs.protocol]
    page = response.content.decode()
    assert f'href="?orgao={agency.slug}"' in page and 'aria-current="page"' in page
    assert protocols(client.get(URL, {"orgao": agency.slug})) == [mine.protocol]


def test_the_list_shows_the_requester_masked_never_the_full_name(client, analyst, make_request, person):
    make_request()
    client.force_login(analyst)
    page = client.get(URL).content.decode()
    assert "M*** da S*** S***" in page
    assert person.full_name not in page


def test_ordering_is_by_deadline_soonest_first_without_deadline_last_then_by_submission(
    client, analyst, make_request
):
    later = make_request(due_in=5)
    none_1 = make_request()
    ServiceRequest.objects.filter(pk=none_1.pk).update(due_at=None)
    sooner = make_request(due_in=1)
    none_2 = make_request()
    ServiceRequest.objects.filter(pk=none_2.pk).update(
        due_at=None, submitted_at=timezone.now() + timedelta(minutes=1)
    )
    client.force_login(analyst)
    assert protocols(client.get(URL)) == [sooner.protocol, later.protocol, none_1.protocol, none_2.protocol]


def test_filter_by_status_and_by_workflow_step(client, analyst, make_request):
    received = make_request()
    analysing = make_request(state="em_analise", analyst=analyst)
    pending = make_request(state="pendente", analyst=analyst)
    done = make_request(state="deferida", analyst=analyst)
    client.force_login(analyst)
    assert set(protocols(client.get(URL))) == {received.protocol, analysing.protocol, pending.protocol}
    assert protocols(client.get(URL, {"situacao": "situacao:pendente"})) == [pending.protocol]
    assert protocols(client.get(URL, {"situacao": "situacao:deferida"})) == [done.protocol]
    assert protocols(client.get(URL, {"situacao": "etapa:em_analise"})) == [analysing.protocol]
    assert protocols(client.get(URL, {"situacao": "etapa:recebida"})) == [received.protocol]
    assert len(protocols(client.get(URL, {"situacao": "todas"}))) == 4


def test_filter_by_service_lists_only_services_with_requests(
    client, agency, editor, analyst, make_request, person
):
    other_service = service_with_form(agency=agency, editor=editor, name="Licenciamento anual")
    service_with_form(agency=agency, editor=editor, name="Serviço sem pedidos")
    first = make_request()
    second = make_request(svc=other_service)
    client.force_login(analyst)
    response = client.get(URL, {"servico": str(other_service.pk)})
    assert protocols(response) == [second.protocol]
    names = [label for _value, label in response.context["form"].fields["servico"].choices]
    assert "Licenciamento anual" in names and "Serviço sem pedidos" not in names
    assert first.protocol not in protocols(response)


def test_filter_by_assignee_me_unassigned_and_a_colleague(client, analyst, manager, make_request):
    mine = make_request(assignee=analyst)
    theirs = make_request(assignee=manager)
    nobodys = make_request()
    client.force_login(analyst)
    assert protocols(client.get(URL, {"responsavel": "eu"})) == [mine.protocol]
    assert protocols(client.get(URL, {"responsavel": "ninguem"})) == [nobodys.protocol]
    assert protocols(client.get(URL, {"responsavel": str(manager.pk)})) == [theirs.protocol]


def test_a_person_outside_the_agency_is_not_a_choice_of_assignee(client, analyst, outsider_servant):
    client.force_login(analyst)
    response = client.get(URL, {"responsavel": str(outsider_servant.pk)})
    assert response.status_code == 400
    assert response.context["form"].errors["responsavel"]


def test_filter_by_deadline(client, analyst, make_request):
    overdue = make_request(due_in=-1)
    soon = make_request(due_in=0.2)
    far = make_request(due_in=30)
    client.force_login(analyst)
    assert protocols(client.get(URL, {"prazo": "vencidos"})) == [overdue.protocol]
    assert protocols(client.get(URL, {"prazo": "em_breve"})) == [soon.protocol]
    assert protocols(client.get(URL, {"prazo": "no_prazo"})) == [soon.protocol, far.protocol]


def test_an_overdue_request_says_so_in_words_and_with_an_icon(client, analyst, make_request):
    make_request(due_in=-2)
    client.force_login(analyst)
    page = client.get(URL).content.decode()
    assert "Atrasado" in page and "fa-exclamation-triangle" in page


def test_a_paused_request_is_late_only_if_it_was_when_the_clock_stopped(client, analyst, make_request):
    pending = make_request(state="pendente", analyst=analyst)
    # The deadline passed while waiting for the requester: not the agency's delay.
    ServiceRequest.objects.filter(pk=pending.pk).update(
        due_at=timezone.now() - timedelta(days=1), paused_at=timezone.now() - timedelta(days=3)
    )
    client.force_login(analyst)
    assert protocols(client.get(URL, {"prazo": "vencidos"})) == []
    ServiceRequest.objects.filter(pk=pending.pk).update(paused_at=timezone.now())
    assert protocols(client.get(URL, {"prazo": "vencidos"})) == [pending.protocol]


def test_search_by_protocol_finds_the_exact_request_in_any_case(client, analyst, make_request):
    wanted = make_request()
    make_request()
    client.force_login(analyst)
    response = client.get(URL, {"protocolo": f"  {wanted.protocol.lower()} "})
    assert protocols(response) == [wanted.protocol]


def test_an_invalid_protocol_is_a_field_error(client, analyst, make_request):
    make_request()
    client.force_login(analyst)
    response = client.get(URL, {"protocolo": "2026.DETRAN.12"})
    assert response.status_code == 400
    assert "Confira o número do protocolo" in response.content.decode()
    assert response.context["page"] is None


@pytest.mark.parametrize("field", ["situacao", "prazo", "servico"])
def test_unknown_filter_values_are_field_errors(client, analyst, field):
    client.force_login(analyst)
    response = client.get(URL, {field: "qualquer-coisa"})
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_pages_keep_the_filters(client, analyst, make_request, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    made = [make_request(due_in=i + 1) for i in range(5)]
    client.force_login(analyst)
    first = client.get(URL, {"prazo": "no_prazo"})
    assert protocols(first) == [made[0].protocol, made[1].protocol]
    assert "pagina=2" in first.content.decode() and "prazo=no_prazo" in first.content.decode()
    third = client.get(URL, {"prazo": "no_prazo", "pagina": 3})
    assert protocols(third) == [made[4].protocol]
    assert protocols(client.get(URL, {"pagina": "99"})) == [made[4].protocol]


def test_the_count_is_bounded(client, analyst, make_request, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)
    for _ in range(5):
        make_request()
    client.force_login(analyst)
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert paginator.truncated and paginator.count == 3 and paginator.num_pages == 2
    assert "mais de 3" in response.content.decode()


def test_the_overdue_count_is_bounded_in_deadline_order(client, analyst, make_request, monkeypatch):
    """ "Vencidos" counts along the deadline order (the index the page reads), still bounded."""
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)
    late = [make_request(due_in=-10 + n) for n in range(5)]
    make_request(due_in=30)
    client.force_login(analyst)
    response = client.get(URL, {"prazo": "vencidos"})
    paginator = response.context["page"].paginator
    assert paginator.ordered_count
    assert paginator.truncated and paginator.count == 3 and paginator.num_pages == 2
    assert protocols(response) == [late[0].protocol, late[1].protocol]
    assert not client.get(URL).context["page"].paginator.ordered_count
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 10)
    paginator = client.get(URL, {"prazo": "vencidos"}).context["page"].paginator
    assert not paginator.truncated and paginator.count == 5


def test_the_count_is_exact_under_the_bound(client, analyst, make_request):
    for _ in range(3):
        make_request()
    client.force_login(analyst)
    paginator = client.get(URL).context["page"].paginator
    assert not paginator.truncated and paginator.count == 3


def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, analyst, manager, make_request, django_assert_max_num_queries
):
    make_request(assignee=manager, due_in=-1)
    client.force_login(analyst)
    client.get(URL)  # warm caches (holidays, sessions)
    with django_assert_max_num_queries(14) as few:
        assert client.get(URL).status_code == 200
    for i in range(12):
        make_request(assignee=manager if i % 2 else None, due_in=i - 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(protocols(response)) == 13


def test_the_servants_home_links_to_the_inbox_for_desk_roles_only(client, agency, analyst):
    client.force_login(analyst)
    assert f'href="/servidor/solicitacoes/?orgao={agency.slug}"' in client.get("/servidor/").content.decode()
    client.force_login(make_editor(agency))
    assert "/servidor/solicitacoes/" not in client.get("/servidor/").content.decode()
