"""The editorial workflow through the back office's pages, as an editor uses it."""

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.catalog.models import Service, ServiceFeedback, ServiceVersion
from plataforma.common.models import AuditEvent
from plataforma.identity.tests.factories import make_editor

from .editor_data import editor_post_data
from .factories import AgencyFactory, CategoryFactory, ServiceUnitFactory, content_data, published_service

pytestmark = pytest.mark.django_db
State = ServiceVersion.State


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def editor(agency):
    return make_editor(agency)


@pytest.fixture
def reviewer(agency):
    return make_editor(agency)


def _states(service):
    return list(service.versions.order_by("number").values_list("state", flat=True))


def _action(client, service, number, action, **data):
    return client.post(reverse("catalog_editor:version_action", args=[service.pk, number, action]), data)


def test_create_edit_review_publish_and_compare_end_to_end(client, agency, editor, reviewer):
    category = CategoryFactory(name="Documentos e identificação")
    unit = ServiceUnitFactory(agency=agency, name="Ganha Tempo Centro")
    client.force_login(editor)

    # create
    data = editor_post_data(
        content_data(),
        agency=str(agency.pk),
        categories=[category.slug],
        units=[str(unit.pk)],
        change_summary="Primeira versão",
    )
    response = client.post(reverse("catalog_editor:service_create"), data)
    service = Service.objects.get(agency=agency)
    assert response.status_code == 302 and response.url == reverse(
        "catalog_editor:service_detail", args=[service.pk]
    )
    assert _states(service) == [State.DRAFT] and not service.is_published
    assert (
        client.get(reverse("catalog:service_detail", args=[service.slug])).status_code == 404
    )  # never public

    # edit the draft
    edit_url = reverse("catalog_editor:version_edit", args=[service.pk])
    page = client.get(edit_url)
    assert page.status_code == 200 and "Ganha Tempo Centro" in page.content.decode()
    version = service.versions.get()
    data = editor_post_data(version.content, acronym="2ª via RG", change_summary="Sigla ajustada")
    assert client.post(edit_url, data).status_code == 302
    version.refresh_from_db()
    assert version.content["acronym"] == "2ª via RG" and version.content["unit_ids"] == [str(unit.pk)]
    assert version.content["categories"] == [category.slug]

    # submit, then the reviewer returns it with a note (a note is required)
    assert _action(client, service, 1, "enviar").status_code == 302
    client.force_login(reviewer)
    for empty in ({}, {"note": "   "}):
        response = _action(client, service, 1, "devolver", **empty)
        assert response.status_code == 400
        assert response.context["form"].errors["note"] == ["Explique o que precisa ser corrigido."]
    assert _states(service) == [State.IN_REVIEW]
    assert _action(client, service, 1, "devolver", note="Inclua o telefone da ouvidoria.").status_code == 302
    assert _states(service) == [State.DRAFT]

    # the editor sees the note, fixes, submits again; the reviewer publishes
    client.force_login(editor)
    assert "Inclua o telefone da ouvidoria." in client.get(edit_url).content.decode()
    version.refresh_from_db()
    data = editor_post_data(version.content, communication_channels="Ouvidoria: (65) 3613-0000")
    assert client.post(edit_url, data).status_code == 302
    assert _action(client, service, 1, "enviar").status_code == 302
    client.force_login(reviewer)
    assert _action(client, service, 1, "publicar").status_code == 302
    service.refresh_from_db()
    assert service.is_published and _states(service) == [State.PUBLISHED]
    assert client.get(reverse("catalog:service_detail", args=[service.slug])).status_code == 200

    # a new draft of the published service, changed and published: the old one is kept
    assert client.post(reverse("catalog_editor:draft_start", args=[service.pk])).status_code == 302
    draft = service.versions.get(number=2)
    data = editor_post_data(
        draft.content,
        description="Peça a segunda via da sua carteira de identidade pela internet ou em uma unidade.",
        keywords="documento\nRG",
        change_summary="Agora também pela internet",
    )
    assert client.post(edit_url, data).status_code == 302
    assert _action(client, service, 2, "enviar").status_code == 302
    assert _action(client, service, 2, "publicar").status_code == 302
    service.refresh_from_db()
    assert _states(service) == [State.SUPERSEDED, State.PUBLISHED]
    assert service.published_version.number == 2

    # the diff between the two published versions shows the change
    response = client.get(reverse("catalog_editor:version_compare", args=[service.pk]) + "?de=1&para=2")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<ins><span class="sr-only">[incluído:] </span>pela internet ou' in page
    assert "Palavras-chave" in page and "<ins>RG</ins>" in page and "<del>identificação</del>" in page

    # history and audit trail show who did what
    history = client.get(reverse("catalog_editor:version_history", args=[service.pk])).content.decode()
    assert "Agora também pela internet" in history and "Substituída" in history
    audit = client.get(reverse("catalog_editor:service_audit", args=[service.pk])).content.decode()
    for label in (
        "Serviço criado",
        "Rascunho alterado",
        "Enviado para revisão",
        "Devolvido para rascunho",
        "Versão publicada",
        "Nova versão em rascunho",
    ):
        assert label in audit
    assert editor.masked_cpf in audit and reviewer.masked_cpf in audit
    assert AuditEvent.objects.filter(action="catalog.version.publish", actor=reviewer).count() == 2


def test_bad_input_shows_every_error_next_to_its_field_keeps_the_input_and_saves_nothing(
    client, agency, editor
):
    service = published_service(agency=agency, editor=editor)
    client.force_login(editor)
    client.post(reverse("catalog_editor:draft_start", args=[service.pk]))
    draft = service.versions.get(number=2)
    events = AuditEvent.objects.count()
    data = editor_post_data(
        draft.content,
        name="RG",
        description="Descrição nova que deveria ser mantida no formulário.",
        **{
            "steps-0-title": "",
            "steps-0-costs-0-description": "Taxa",
            "steps-0-costs-0-value": "abc",
            "legislation-0-title": "Lei 13.460",
            "legislation-0-url": "sem-endereco",
            "total_time_kind": "entre",
            "total_time_min": "",
            "audiences": [],
        },
    )
    response = client.post(reverse("catalog_editor:version_edit", args=[service.pk]), data)
    assert response.status_code == 400
    editor_forms = response.context["editor"]
    form = editor_forms.form
    assert form.errors["name"] == ["Use pelo menos 3 caracteres."]
    assert form.errors["audiences"] == ["Informe pelo menos 1 item."]
    assert form.errors["total_time_max"] == [
        "Informe o mínimo, o máximo (maior ou igual ao mínimo) e a unidade do prazo."
    ]
    step = editor_forms.steps.forms[0]
    assert step.errors["title"] == ["Preencha este campo."]
    assert step.costs.forms[0].errors["value"] == ["Informe um número."]
    assert editor_forms.legislation.forms[0].errors["url"] == [
        "Informe um endereço válido, começando por https://."
    ]
    page = response.content.decode()
    assert "Descrição nova que deveria ser mantida no formulário." in page  # the input is kept
    assert 'id="id_steps-0-title_error"' in page and 'aria-invalid="true"' in page
    assert "Nada foi salvo." in page
    draft.refresh_from_db()
    assert draft.content == service.published_version.content
    assert AuditEvent.objects.count() == events


def test_a_rule_about_two_fields_is_shown_next_to_the_field_to_fix(client, agency, editor):
    client.force_login(editor)
    data = editor_post_data(content_data(), agency=str(agency.pk), is_digital="on", digital_url="")
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 400
    form = response.context["editor"].form
    assert form.errors["digital_url"] == ["Serviço digital precisa do endereço onde é solicitado."]
    assert not form.non_field_errors()
    data.update({"is_digital": "", "steps-0-costs-0-description": "Taxa", "steps-0-costs-0-value": "25,50"})
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 400
    assert response.context["editor"].form.errors["is_free"] == [
        "Serviço gratuito não pode ter custos com valor; desmarque 'gratuito'."
    ]
    data.pop("is_free")
    assert client.post(reverse("catalog_editor:service_create"), data).status_code == 302
    cost = Service.objects.get().versions.get().content["steps"][0]["costs"][0]
    assert cost["description"] == "Taxa" and cost["value"] == "25.50"


def test_creating_with_nothing_filled_in_gives_portuguese_errors_and_creates_nothing(client, agency, editor):
    client.force_login(editor)
    response = client.post(reverse("catalog_editor:service_create"), editor_post_data({}))
    assert response.status_code == 400
    editor_forms = response.context["editor"]
    assert editor_forms.form.errors["agency"] == ["Este campo é obrigatório."]
    assert editor_forms.form.errors["name"] == ["Preencha este campo."]
    assert editor_forms.requesters.non_form_errors() == ["Informe pelo menos 1 item."]
    assert editor_forms.steps.non_form_errors() == ["Informe pelo menos 1 item."]
    assert not Service.objects.exists()


def test_rows_are_added_without_javascript_keeping_what_was_typed(client, agency, editor):
    client.force_login(editor)
    data = editor_post_data({}, name="Serviço em construção", adicionar="steps")
    data["steps-0-title"] = "Primeira etapa"
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 200
    editor_forms = response.context["editor"]
    assert len(editor_forms.steps.forms) == 2
    assert editor_forms.error_count() == 0
    page = response.content.decode()
    assert 'value="Primeira etapa"' in page and 'value="Serviço em construção"' in page
    assert 'name="steps-1-costs-TOTAL_FORMS"' in page
    # a cost row in the second step
    data = editor_post_data({}, adicionar="steps-0-costs")
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert len(response.context["editor"].steps.forms[0].costs.forms) == 2
    assert not Service.objects.exists()


def test_removing_a_row_removes_it_from_the_content(client, agency, editor):
    version_content = content_data(
        legislation=[{"title": "Lei 13.460/2017"}, {"title": "Decreto 797/2021"}],
    )
    service = published_service(agency=agency, editor=editor, **version_content)
    client.force_login(editor)
    client.post(reverse("catalog_editor:draft_start", args=[service.pk]))
    draft = service.versions.get(number=2)
    data = editor_post_data(draft.content, **{"legislation-0-DELETE": "on"})
    assert client.post(reverse("catalog_editor:version_edit", args=[service.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert [item["title"] for item in draft.content["legislation"]] == ["Decreto 797/2021"]


def test_an_action_not_allowed_in_the_current_state_is_refused_in_portuguese(client, agency, editor):
    service = published_service(agency=agency, editor=editor)
    client.force_login(editor)
    response = _action(client, service, 1, "enviar")
    assert response.status_code == 400
    assert "não pode passar por esta ação" in response.content.decode()
    assert _states(service) == [State.PUBLISHED]
    response = client.get(reverse("catalog_editor:version_action", args=[service.pk, 1, "inventada"]))
    assert response.status_code == 404


def test_confirm_pages_explain_the_action_before_the_post(client, agency, editor):
    service = published_service(agency=agency, editor=editor)
    client.force_login(editor)
    response = client.get(reverse("catalog_editor:service_action", args=[service.pk, "despublicar"]))
    assert response.status_code == 200
    assert "Retirar este serviço do portal?" in response.content.decode()
    service.refresh_from_db()
    assert service.is_published  # a GET changes nothing
    assert (
        client.post(reverse("catalog_editor:service_action", args=[service.pk, "despublicar"])).status_code
        == 302
    )
    service.refresh_from_db()
    assert not service.is_published


def test_csrf_is_enforced_on_every_workflow_action(agency, editor):
    service = published_service(agency=agency, editor=editor)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    url = reverse("catalog_editor:service_action", args=[service.pk, "despublicar"])
    assert csrf_client.post(url).status_code == 403
    service.refresh_from_db()
    assert service.is_published
    assert csrf_client.post(reverse("catalog_editor:draft_start", args=[service.pk])).status_code == 403
    assert service.versions.count() == 1
    # with the token of the confirmation page, the same request goes through
    page = csrf_client.get(url)
    token = page.context["csrf_token"]
    assert csrf_client.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 302
    service.refresh_from_db()
    assert not service.is_published


def test_preview_shows_the_draft_to_its_editors_only_as_a_draft(client, agency, editor):
    service = published_service(agency=agency, editor=editor)
    client.force_login(editor)
    client.post(reverse("catalog_editor:draft_start", args=[service.pk]))
    draft = service.versions.get(number=2)
    data = editor_post_data(draft.content, name="Emitir segunda via do RG em 2026")
    client.post(reverse("catalog_editor:version_edit", args=[service.pk]), data)
    page = client.get(reverse("catalog_editor:version_preview", args=[service.pk, 2])).content.decode()
    assert "Emitir segunda via do RG em 2026" in page and "NÃO é pública" in page
    public = client.get(reverse("catalog:service_detail", args=[service.slug])).content.decode()
    assert "Emitir segunda via do RG em 2026" not in public


def test_dashboard_lists_states_feedback_and_comments(client, agency, editor):
    service = published_service(agency=agency, editor=editor, name="Serviço com avaliações")
    ServiceFeedback.objects.create(service=service, helpful=True)
    ServiceFeedback.objects.create(service=service, helpful=True, comment="Muito claro, obrigado")
    ServiceFeedback.objects.create(service=service, helpful=False)
    client.force_login(editor)
    client.post(reverse("catalog_editor:draft_start", args=[service.pk]))
    response = client.get(reverse("catalog_editor:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Publicado (v1)" in page and "Rascunho (v2)" in page
    row = next(s for s in response.context["page"] if s.pk == service.pk)
    assert (row.helpful_yes, row.helpful_no) == (2, 1)
    assert "Muito claro, obrigado" in page


def test_dashboard_query_count_does_not_grow_with_the_number_of_services(
    client, agency, editor, django_assert_max_num_queries
):
    for n in range(12):
        published_service(agency=agency, editor=editor, name=f"Serviço número {n}")
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalog_editor:dashboard")).status_code == 200


def test_units_are_created_and_changed_through_services_with_audit(client, agency, editor):
    client.force_login(editor)
    response = client.post(
        reverse("catalog_editor:unit_create"),
        {
            "agency": str(agency.pk),
            "name": "Ganha Tempo Várzea Grande",
            "street": "Avenida Couto Magalhães",
            "city": "Várzea Grande",
            "state": "mt",
            "postal_code": "78110-400",
            "opening_hours": "8h às 17h",
        },
    )
    assert response.status_code == 302
    unit = agency.units.get()
    assert (unit.state, unit.postal_code) == ("MT", "78110400")
    response = client.post(
        reverse("catalog_editor:unit_edit", args=[unit.pk]),
        {
            "name": unit.name,
            "street": unit.street,
            "city": unit.city,
            "state": "MT",
            "postal_code": "123",
            "opening_hours": "8h às 18h",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["postal_code"] == ["Informe um CEP com 8 dígitos."]
    unit.refresh_from_db()
    assert unit.opening_hours == "8h às 17h"
    response = client.post(
        reverse("catalog_editor:unit_edit", args=[unit.pk]),
        {
            "name": unit.name,
            "street": unit.street,
            "city": unit.city,
            "state": "MT",
            "postal_code": "78110400",
            "opening_hours": "8h às 18h",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.opening_hours == "8h às 18h"
    actions = list(AuditEvent.objects.filter(target_id=str(unit.pk)).values_list("action", "changes"))
    assert ("catalog.unit.update", {"fields": ["opening_hours"]}) in actions
    assert any(a == "catalog.unit.create" for a, _c in actions)
    # a duplicate name in the same agency is a field error, not a 500
    response = client.post(
        reverse("catalog_editor:unit_create"),
        {
            "agency": str(agency.pk),
            "name": "Ganha Tempo Várzea Grande",
            "street": "Outra",
            "city": "Cuiabá",
            "state": "MT",
            "opening_hours": "8h",
        },
    )
    assert response.status_code == 400 and agency.units.count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        {"steps-TOTAL_FORMS": "abc"},
        {"steps-TOTAL_FORMS": "100000"},
        {"steps-0-costs-TOTAL_FORMS": "abc"},
        {"total_time_kind": "para-sempre", "min_login_level": "diamante", "audiences": ["marciano"]},
        {"steps-0-costs-0-value": "1" * 40},
        {"name": "x" * 100000},
    ],
)
def test_tampered_or_absurd_input_is_a_400_with_nothing_saved(client, agency, editor, tamper):
    client.force_login(editor)
    data = editor_post_data(content_data(), agency=str(agency.pk), **tamper)
    response = client.post(reverse("catalog_editor:service_create"), data)
    assert response.status_code == 400
    assert response.context["editor"].error_count() > 0
    assert not Service.objects.exists()


def test_bad_version_numbers_in_the_comparison_are_a_400_or_404(client, agency, editor):
    service = published_service(agency=agency, editor=editor)
    client.force_login(editor)
    url = reverse("catalog_editor:version_compare", args=[service.pk])
    for query in ("?de=abc&para=1", "?de=1&para=7", "?de=-1&para=1", "?de=99999999999999999999&para=1"):
        response = client.get(url + query)
        assert response.status_code == 400, query
        assert "Escolha duas versões existentes deste serviço." in response.content.decode()
    preview = reverse("catalog_editor:version_preview", args=[service.pk, 99999999999999999999])
    assert client.get(preview).status_code == 404
    assert client.get(reverse("catalog_editor:dashboard") + "?pagina=xyz").status_code == 200
