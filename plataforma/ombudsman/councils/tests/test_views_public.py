"""Public pages and open data: drafts never shown, members only by masked name, opinions only
after the deadline, malformed ids answer 404; the application form with MT Login."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ..models import Application, Call
from ..services import calls as call_services
from ..services.consultations import opinion_submit
from .factories import (
    AgencyFactory,
    apply,
    call_data,
    consultation_for,
    council_for,
    decided_call,
    end_window,
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


def test_the_list_and_the_council_page_show_masked_members(client, council, gestor):
    maria = person(full_name="Maria Souza da Silva")
    decided_call(council, gestor, {"cidadaos": [maria]})
    page = client.get(reverse("councils:list")).content.decode()
    assert council.name in page
    page = client.get(reverse("councils:council", args=[council.slug])).content.decode()
    assert "M*** S*** da S***" in page and "Maria Souza" not in page


def test_a_draft_call_is_not_public_and_malformed_ids_answer_404(client, council, gestor):
    draft = call_services.call_create(actor=gestor, council=council, data=call_data())
    for call_id in (draft.pk, "nao-e-um-id", "0" * 40):
        assert client.get(f"/conselhos-de-usuarios/{council.slug}/chamamentos/{call_id}/").status_code == 404
    assert client.get("/conselhos-de-usuarios/nao-existe/").status_code == 404
    assert client.get(f"/conselhos-de-usuarios/{council.slug}/consultas/xyz/").status_code == 404


def test_the_result_page_publishes_seed_keys_and_masked_names_only(client, council, gestor):
    chosen = person(full_name="Ana Paula Rocha")
    call = decided_call(council, gestor, {"cidadaos": [chosen]}, public_value="")
    page = client.get(reverse("councils:call", args=[council.slug, call.pk])).content.decode()
    assert call.draw_seed in page and "A*** P*** R***" in page and "Ana Paula" not in page
    application = call.applications.get()
    assert application.draw_key in page


def test_anonymous_applicants_are_sent_to_sign_in(client, council, gestor):
    call = open_call(council, gestor)
    response = client.get(reverse("councils:apply", args=[council.slug, call.pk]))
    assert response.status_code == 302 and "/conta/entrar/" in response["Location"]


def _form(**overrides):
    data = {
        "category": "cidadaos",
        "municipality": "5103403",
        "motivation": "",
        "declares_no_conflict": "on",
        "declares_unpaid": "on",
    }
    data.update(overrides)
    return data


def test_a_person_applies_through_the_form(client, council, gestor):
    call = open_call(council, gestor)
    maria = person()
    client.force_login(maria)
    url = reverse("councils:apply", args=[council.slug, call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    assert response.status_code == 302 and response["Location"] == reverse("councils:mine")
    assert Application.objects.filter(person=maria, call=call).count() == 1
    again = client.post(url, _form(category="empresas"))
    assert again.status_code == 400 and "já se inscreveu" in again.content.decode()
    assert Application.objects.filter(person=maria).count() == 1


def test_bad_form_input_gives_linked_field_errors_in_portuguese_and_nothing_is_saved(client, council, gestor):
    call = open_call(council, gestor)
    client.force_login(person())
    url = reverse("councils:apply", args=[council.slug, call.pk])
    response = client.post(url, {"category": "inexistente", "municipality": "x", "motivation": "y" * 1001})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_category_0"' in page and 'href="#id_municipality"' in page
    assert "Escolha uma das categorias." in page and "Escolha um município da lista." in page
    assert "confirme que não tem conflito de interesses" in page
    assert 'aria-describedby="id_municipality_error"' in page or 'aria-invalid="true"' in page
    assert not Application.objects.exists()


def test_applying_to_a_closed_or_cancelled_call_is_refused_with_409(client, council, gestor):
    call = open_call(council, gestor)
    client.force_login(person())
    url = reverse("councils:apply", args=[council.slug, call.pk])
    end_window(call)
    response = client.post(url, _form())
    assert response.status_code == 409 and "terminaram" in response.content.decode()
    call_services.call_cancel(actor=gestor, call=Call.objects.get(pk=call.pk), reason="Erro.")
    response = client.post(url, _form())
    assert response.status_code == 409 and "cancelado" in response.content.decode()
    assert not Application.objects.exists()


def test_opinions_are_public_only_after_the_deadline(client, council, gestor):
    maria = person(full_name="Maria Souza da Silva")
    decided_call(council, gestor, {"cidadaos": [maria]})
    consultation = consultation_for(council, gestor, asks_vote=True)
    opinion_submit(actor=maria, consultation=consultation, text="Parecer da Maria.", vote="contra")
    url = reverse("councils:consultation", args=[council.slug, consultation.pk])
    assert client.get(url).status_code == 404
    council_page = client.get(reverse("councils:council", args=[council.slug])).content.decode()
    assert consultation.subject in council_page and "Parecer da Maria." not in council_page
    pass_deadline(consultation)
    page = client.get(url).content.decode()
    assert "Parecer da Maria." in page and "M*** S*** da S***" in page and "Maria Souza" not in page
    assert "O órgão ainda não publicou" in page


def test_open_data_in_csv_and_json_without_full_names_and_without_opinions_before_the_deadline(
    client, council, gestor
):
    maria = person(full_name="Maria Souza da Silva")
    decided_call(council, gestor, {"cidadaos": [maria]})
    early = consultation_for(council, gestor, subject="Cedo")
    opinion_submit(actor=maria, consultation=early, text="Ainda secreto.")
    late = consultation_for(council, gestor, subject="Tarde")
    opinion_submit(actor=maria, consultation=late, text="Parecer público.")
    pass_deadline(late)
    members_csv = client.get("/conselhos-de-usuarios/dados/membros.csv")
    assert members_csv["Content-Type"].startswith("text/csv")
    text = members_csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("conselho,orgao_sigla,nome,categoria")
    assert "M*** S*** da S***" in text and "Maria" not in text and maria.cpf not in text
    opinions = json.loads(client.get("/conselhos-de-usuarios/dados/pareceres.json").content)
    assert opinions["total"] == 1 and opinions["itens"][0]["parecer"] == "Parecer público."
    councils = json.loads(client.get("/conselhos-de-usuarios/dados/conselhos.json").content)
    assert councils["itens"][0]["vagas_titulares"] == 6 and councils["itens"][0]["membros_em_exercicio"] == 1
    consultations = client.get("/conselhos-de-usuarios/dados/consultas.csv").content.decode("utf-8-sig")
    assert "Tarde" in consultations and "Cedo" not in consultations
    assert client.get("/conselhos-de-usuarios/dados/outros.csv").status_code == 404
    assert client.get("/conselhos-de-usuarios/dados/membros.xml").status_code == 404
    assert client.get(reverse("councils:data")).status_code == 200
    assert client.get(reverse("councils:draw_help")).status_code == 200


def test_public_pages_answer_only_get(client, council):
    assert client.post(reverse("councils:list")).status_code == 405
    assert client.post(reverse("councils:council", args=[council.slug])).status_code == 405


def test_a_signed_in_applicant_sees_their_application_on_the_call_page(client, council, gestor):
    call = open_call(council, gestor)
    maria = person()
    apply(maria, call)
    client.force_login(maria)
    page = client.get(reverse("councils:call", args=[council.slug, call.pk])).content.decode()
    assert "inscrição nº 0001" in page
