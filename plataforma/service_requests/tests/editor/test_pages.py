"""The editors' pages: access from every side, the whole form-building flow without JS, workflows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.catalog.tests.factories import published_service
from plataforma.identity.tests.factories import make_editor

from ...models import RequestForm, RequestFormVersion, Workflow
from ...services import forms_admin as fa
from ..factories import servant, service_with_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_service(agency, editor):
    return published_service(agency=agency, editor=editor, name="Pedir segunda via")


def url(name, *args):
    return reverse(f"request_editor:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


# --- access --------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, new_service):
    for target in (url("dashboard"), url("service", new_service.pk), url("workflows")):
        response = client.get(target)
        assert response.status_code == 302 and "next=" in response["Location"]


@pytest.mark.parametrize("role", [None, "analista", "atendente", "ouvidor"])
def test_people_without_the_role_get_a_403_page(client, agency, role):
    user = servant(agency, *([role] if role else []))
    response = as_user(client, user).get(url("dashboard"))
    assert response.status_code == 403
    assert "não edita os formulários" in response.content.decode()


def test_an_editor_sees_the_agencys_services_but_not_the_workflow_editor(client, editor, new_service):
    response = as_user(client, editor).get(url("dashboard"))
    assert response.status_code == 200 and new_service.name in response.content.decode()
    assert client.get(url("workflows")).status_code == 403


def test_another_agencys_service_is_not_found(client, other_agency, new_service):
    outsider = make_editor(other_agency)
    as_user(client, outsider)
    assert client.get(url("service", new_service.pk)).status_code == 404
    assert client.post(url("draft_start", new_service.pk)).status_code == 404
    assert client.post(url("settings", new_service.pk), {"payment_days": 3}).status_code == 404
    assert not RequestForm.objects.exists()


def test_another_agencys_draft_cannot_be_touched(client, agency, other_agency, editor, new_service):
    draft = fa.form_draft_start(
        actor=editor, form=fa.request_form_get_or_create(actor=editor, service=new_service)
    )
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Placa"})
    as_user(client, servant(other_agency, "gestor"))
    for target in (
        url("field_edit", new_service.pk, "placa"),
        url("field_remove", new_service.pk, "placa"),
        url("field_move", new_service.pk, "placa", "descer"),
        url("draft_publish", new_service.pk),
        url("draft_discard", new_service.pk),
        url("preview", new_service.pk),
        url("history", new_service.pk),
    ):
        assert client.post(target).status_code in (404, 405), target
        assert client.get(target).status_code in (404, 405), target
    draft.refresh_from_db()
    assert draft.state == RequestFormVersion.State.DRAFT and len(draft.spec["fields"]) == 1


# --- building a form ------------------------------------------------------------------------------


def test_an_editor_builds_previews_and_publishes_a_form_without_javascript(client, editor, new_service):
    as_user(client, editor)
    assert client.post(url("draft_start", new_service.pk)).status_code == 302
    # Type first, then the type's options.
    page = client.get(url("field_new", new_service.pk))
    assert page.status_code == 200 and 'name="tipo"' in page.content.decode()
    page = client.get(url("field_new", new_service.pk), {"tipo": "choice"})
    assert 'name="choices"' in page.content.decode() and 'name="min_length"' not in page.content.decode()
    bad = client.post(url("field_new", new_service.pk), {"tipo": "choice", "label": "Cor", "choices": "Azul"})
    assert bad.status_code == 400 and "duas opções" in bad.content.decode()
    ok = client.post(
        url("field_new", new_service.pk),
        {"tipo": "choice", "label": "Cor do veículo", "required": "on", "choices": "azul | Azul\nVermelho"},
    )
    assert ok.status_code == 302
    client.post(url("field_new", new_service.pk), {"tipo": "text", "label": "Placa", "max_length": "8"})
    draft = RequestFormVersion.objects.get(state="draft")
    assert [f["key"] for f in draft.spec["fields"]] == ["cor_do_veiculo", "placa"]
    assert draft.spec["fields"][0]["choices"] == [
        {"value": "azul", "label": "Azul"},
        {"value": "vermelho", "label": "Vermelho"},
    ]
    assert draft.spec["fields"][1].get("required") is False
    # Edit keeps the key; move; preview.
    page = client.get(url("field_edit", new_service.pk, "cor_do_veiculo"))
    assert "azul | Azul" in page.content.decode()
    client.post(url("field_move", new_service.pk, "placa", "subir"))
    draft.refresh_from_db()
    assert [f["key"] for f in draft.spec["fields"]] == ["placa", "cor_do_veiculo"]
    preview = client.get(url("preview", new_service.pk)).content.decode()
    assert 'type="radio"' in preview and "Cor do veículo" in preview and "(opcional)" in preview
    assert client.post(url("draft_publish", new_service.pk)).status_code == 302
    draft.refresh_from_db()
    assert draft.state == "published"
    page = client.get(url("service", new_service.pk)).content.decode()
    assert "Campos da versão publicada (1)" in page and "Alterar o formulário (nova versão)" in page
    history = client.get(url("history", new_service.pk)).content.decode()
    assert "Versão 1" in history
    assert client.get(url("version", new_service.pk, 1)).status_code == 200
    assert client.get(url("version", new_service.pk, 9)).status_code == 404


def test_publishing_an_empty_draft_is_a_400_with_the_reason(client, editor, new_service):
    as_user(client, editor).post(url("draft_start", new_service.pk))
    response = client.post(url("draft_publish", new_service.pk))
    assert response.status_code == 400 and "pelo menos um campo" in response.content.decode()


def test_settings_errors_are_field_level_with_400(client, agency, editor):
    service = service_with_form(agency=agency, editor=editor)
    as_user(client, editor)
    response = client.post(
        url("settings", service.pk),
        {"accepts_requests": "on", "fee_amount": "12,50", "fee_description": "", "payment_days": "3"},
    )
    assert response.status_code == 400
    assert 'id="id_fee_description_error"' in response.content.decode()
    response = client.post(
        url("settings", service.pk),
        {"accepts_requests": "on", "fee_amount": "1.234,50", "fee_description": "Taxa", "payment_days": "3"},
    )
    assert response.status_code == 302
    assert str(RequestForm.objects.get(service=service).fee_amount) == "1234.50"


def test_a_field_edit_with_bad_rules_is_a_400(client, editor, new_service):
    as_user(client, editor).post(url("draft_start", new_service.pk))
    response = client.post(
        url("field_new", new_service.pk),
        {"tipo": "text", "label": "Placa", "min_length": "9", "max_length": "8"},
    )
    assert response.status_code == 400 and "mínimo não pode ser maior" in response.content.decode()
    response = client.post(url("field_new", new_service.pk), {"tipo": "nada", "label": "X"})
    assert response.status_code == 400


# --- workflows -----------------------------------------------------------------------------------


def test_a_manager_edits_a_workflow_row_by_row(client, agency, manager):
    as_user(client, manager)
    response = client.post(url("workflow_copy_default"), {"orgao": agency.slug})
    v1 = Workflow.objects.get(agency=agency)
    assert response.status_code == 302 and response["Location"] == url("workflow", v1.pk)
    page = client.get(url("workflow", v1.pk)).content.decode()
    assert "Em análise" in page and "<caption" in page
    response = client.post(
        url("workflow_row", v1.pk, "etapas", "em_analise"),
        {"label": "Em análise técnica", "status": "em_andamento", "description": "Análise."},
    )
    v2 = Workflow.objects.get(agency=agency, version=2)
    assert response.status_code == 302 and v2.spec.state("em_analise").label == "Em análise técnica"
    response = client.post(
        url("workflow_row_new", v2.pk, "acoes"),
        {
            "key": "devolver",
            "label": "Devolver para a fila",
            "from_states": ["em_analise"],
            "to_state": "recebida",
            "roles": ["gestor"],
            "note_label": "Motivo",
            "answer_days": "10",
        },
    )
    assert response.status_code == 302
    v3 = Workflow.objects.get(agency=agency, version=3)
    assert v3.spec.action("devolver").roles == ["gestor"]
    # Removing a state that actions still use: the reason, in Portuguese, at the top.
    response = client.post(url("workflow_row_remove", v3.pk, "etapas", "pendente"))
    assert response.status_code == 400 and "usa etapas que não existem" in response.content.decode()
    # An old version is read-only: editing it is a conflict.
    response = client.post(
        url("workflow_row", v1.pk, "etapas", "recebida"), {"label": "X", "status": "em_andamento"}
    )
    assert response.status_code == 409
    assert Workflow.objects.filter(agency=agency).count() == 3


def test_workflows_of_another_agency_are_not_found(client, agency, other_agency, manager):
    workflow = fa.workflow_copy_default(actor=manager, agency=agency)
    as_user(client, servant(other_agency, "gestor"))
    assert client.get(url("workflow", workflow.pk)).status_code == 404
    assert client.post(url("workflow_row_remove", workflow.pk, "etapas", "pendente")).status_code == 404
    assert client.post(url("workflow_copy_default"), {"orgao": agency.slug}).status_code == 404
