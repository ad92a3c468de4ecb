"""Editor services for request forms: drafts, fields, publishing, settings, authorisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.catalog.tests.factories import published_service
from plataforma.common.models import AuditEvent
from plataforma.identity.tests.factories import make_editor

from ...models import RequestForm, RequestFormVersion, ServiceRequest
from ...services import forms_admin as fa
from ..factories import servant, service_with_form, submit

pytestmark = pytest.mark.django_db
State = RequestFormVersion.State


@pytest.fixture
def new_service(agency, editor):
    return published_service(agency=agency, editor=editor, name="Emitir segunda via de documento")


@pytest.fixture
def draft(new_service, editor):
    form = fa.request_form_get_or_create(actor=editor, service=new_service)
    return fa.form_draft_start(actor=editor, form=form)


def _keys(version):
    version.refresh_from_db()
    return [f["key"] for f in version.spec["fields"]]


def test_an_editor_builds_and_publishes_a_form(new_service, editor, draft):
    assert draft.number == 1 and draft.state == State.DRAFT and draft.spec == {"fields": []}
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Número do RENAVAM"})
    fa.form_field_save(actor=editor, version=draft, field={"type": "yesno", "label": "Veículo financiado?"})
    fa.form_field_save(
        actor=editor, version=draft, field={"type": "cpf", "label": "CPF", "prefill": "person.cpf"}
    )
    assert _keys(draft) == ["numero_do_renavam", "veiculo_financiado", "cpf"]
    published = fa.form_version_publish(actor=editor, version=draft)
    form = RequestForm.objects.get(service=new_service)
    assert form.current_version == published and published.state == State.PUBLISHED
    assert published.published_by == editor
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "service_requests.form.create",
        "service_requests.form.draft_start",
        "service_requests.form.field_add",
        "service_requests.form.publish",
    } <= actions


def test_keys_are_unique_and_stable_when_a_field_is_edited(editor, draft):
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Placa"})
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Placa"})
    assert _keys(draft) == ["placa", "placa_2"]
    fa.form_field_save(
        actor=editor,
        version=draft,
        field={"key": "placa", "type": "text", "label": "Placa do carro", "max_length": 8},
    )
    draft.refresh_from_db()
    assert draft.spec["fields"][0] == {
        "key": "placa",
        "type": "text",
        "label": "Placa do carro",
        "max_length": 8,
    }


def test_invalid_fields_get_portuguese_field_errors_and_change_nothing(editor, draft):
    with pytest.raises(ValidationError) as exc:
        fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "", "max_length": 0})
    assert "max_length" in exc.value.message_dict
    messages = [m for ms in exc.value.message_dict.values() for m in ms]
    assert "Preencha este campo." in messages and "Informe um valor a partir de 1." in messages
    with pytest.raises(ValidationError) as exc:
        fa.form_field_save(
            actor=editor,
            version=draft,
            field={"type": "choice", "label": "Cor", "choices": [{"value": "a", "label": "A"}]},
        )
    assert "duas opções" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        fa.form_field_save(
            actor=editor, version=draft, field={"type": "text", "label": "CPF", "prefill": "person.cpf"}
        )
    assert "não combina" in str(exc.value)
    assert _keys(draft) == []


def test_fields_move_and_are_removed(editor, draft):
    for label in ("Um", "Dois", "Três"):
        fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": label})
    fa.form_field_move(actor=editor, version=draft, key="tres", direction="up")
    assert _keys(draft) == ["um", "tres", "dois"]
    fa.form_field_move(actor=editor, version=draft, key="um", direction="up")  # already first
    assert _keys(draft) == ["um", "tres", "dois"]
    fa.form_field_move(actor=editor, version=draft, key="um", direction="down")
    assert _keys(draft) == ["tres", "um", "dois"]
    fa.form_field_remove(actor=editor, version=draft, key="um")
    assert _keys(draft) == ["tres", "dois"]
    with pytest.raises(ValidationError):
        fa.form_field_remove(actor=editor, version=draft, key="um")
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Zero"}, position=0)
    assert _keys(draft) == ["zero", "tres", "dois"]


def test_publishing_needs_a_field_and_a_published_service(agency, editor, draft):
    with pytest.raises(ValidationError, match="pelo menos um campo"):
        fa.form_version_publish(actor=editor, version=draft)
    unpublished = published_service(agency=agency, editor=editor, name="Outro serviço")
    unpublished.is_published = False
    unpublished.save(update_fields=["is_published"])
    other_draft = fa.form_draft_start(
        actor=editor, form=fa.request_form_get_or_create(actor=editor, service=unpublished)
    )
    fa.form_field_save(actor=editor, version=other_draft, field={"type": "text", "label": "Placa"})
    with pytest.raises(ValidationError, match="Publique o serviço"):
        fa.form_version_publish(actor=editor, version=other_draft)


def test_a_published_version_cannot_be_edited(editor, draft):
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Placa"})
    fa.form_version_publish(actor=editor, version=draft)
    with pytest.raises(ValidationError, match="rascunho"):
        fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Outro"})
    with pytest.raises(ValidationError):
        fa.form_draft_discard(actor=editor, version=draft)


def test_a_request_keeps_its_version_after_a_new_one_is_published(agency, editor, person):
    service = service_with_form(agency=agency, editor=editor)
    first = submit(service, person)
    form = RequestForm.objects.get(service=service)
    v1 = form.current_version
    draft = fa.form_draft_start(actor=editor, form=form)
    assert draft.number == 2 and draft.spec == v1.spec
    assert fa.form_draft_start(actor=editor, form=form) == draft  # one draft at a time
    fa.form_field_save(actor=editor, version=draft, field={"type": "yesno", "label": "Financiado?"})
    v2 = fa.form_version_publish(actor=editor, version=draft)
    v1.refresh_from_db()
    assert v1.state == State.SUPERSEDED
    form.refresh_from_db()
    assert form.current_version == v2
    assert ServiceRequest.objects.get(pk=first.pk).form_version == v1
    second = submit(service, person, data={"nome": "x", "placa": "QBX1A23", "motivo": "", "financiado": True})
    assert second.form_version == v2


def test_a_draft_is_discarded_and_the_published_version_stays(agency, editor):
    service = service_with_form(agency=agency, editor=editor)
    form = RequestForm.objects.get(service=service)
    draft = fa.form_draft_start(actor=editor, form=form)
    fa.form_draft_discard(actor=editor, version=draft)
    assert not RequestFormVersion.objects.filter(pk=draft.pk).exists()
    form.refresh_from_db()
    assert form.current_version.state == State.PUBLISHED


def test_settings_fee_workflow_and_opening(agency, editor, new_service, draft):
    form = draft.form
    with pytest.raises(ValidationError) as exc:
        fa.request_form_configure(
            actor=editor,
            form=form,
            accepts_requests=True,
            fee_amount=Decimal("10"),
            fee_description="",
            payment_days=0,
            rate_each_step=False,
            workflow=None,
        )
    assert set(exc.value.message_dict) == {"accepts_requests", "fee_description", "payment_days"}
    fa.form_field_save(actor=editor, version=draft, field={"type": "text", "label": "Placa"})
    fa.form_version_publish(actor=editor, version=draft)
    form = fa.request_form_configure(
        actor=editor,
        form=form,
        accepts_requests=True,
        fee_amount=Decimal("182.45"),
        fee_description="Taxa de transferência",
        payment_days=5,
        rate_each_step=True,
        workflow=None,
    )
    assert form.accepts_requests and form.charges_fee and form.payment_days == 5
    event = AuditEvent.objects.filter(action="service_requests.form.configure").latest("occurred_at")
    assert event.changes["fee_amount"] == "182.45"


def test_a_workflow_of_another_agency_cannot_be_chosen(agency, other_agency, editor, new_service):
    manager = servant(other_agency, "gestor")
    foreign = fa.workflow_copy_default(actor=manager, agency=other_agency)
    form = fa.request_form_get_or_create(actor=editor, service=new_service)
    with pytest.raises(ValidationError) as exc:
        fa.request_form_configure(
            actor=editor,
            form=form,
            accepts_requests=False,
            fee_amount=None,
            fee_description="",
            payment_days=3,
            rate_each_step=False,
            workflow=foreign,
        )
    assert "workflow" in exc.value.message_dict


@pytest.mark.parametrize(
    "who", ["citizen", "analyst", "attendant", "ombudsman", "other_editor", "other_manager"]
)
def test_nobody_else_edits_the_agencys_forms(agency, other_agency, editor, new_service, who):
    form = fa.request_form_get_or_create(actor=editor, service=new_service)
    draft = fa.form_draft_start(actor=editor, form=form)
    actor = {
        "citizen": lambda: servant(agency),
        "analyst": lambda: servant(agency, "analista"),
        "attendant": lambda: servant(agency, "atendente"),
        "ombudsman": lambda: servant(agency, "ouvidor"),
        "other_editor": lambda: make_editor(other_agency),
        "other_manager": lambda: servant(other_agency, "gestor"),
    }[who]()
    calls = [
        lambda: fa.request_form_get_or_create(actor=actor, service=new_service),
        lambda: fa.form_draft_start(actor=actor, form=form),
        lambda: fa.form_field_save(actor=actor, version=draft, field={"type": "text", "label": "X"}),
        lambda: fa.form_field_remove(actor=actor, version=draft, key="x"),
        lambda: fa.form_field_move(actor=actor, version=draft, key="x", direction="up"),
        lambda: fa.form_version_publish(actor=actor, version=draft),
        lambda: fa.form_draft_discard(actor=actor, version=draft),
        lambda: fa.request_form_configure(
            actor=actor,
            form=form,
            accepts_requests=False,
            fee_amount=None,
            fee_description="",
            payment_days=3,
            rate_each_step=False,
            workflow=None,
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    draft.refresh_from_db()
    assert draft.spec == {"fields": []}


def test_the_agency_manager_may_edit_forms_too(agency, new_service, manager):
    form = fa.request_form_get_or_create(actor=manager, service=new_service)
    draft = fa.form_draft_start(actor=manager, form=form)
    fa.form_field_save(actor=manager, version=draft, field={"type": "email", "label": "E-mail"})
    assert _keys(draft) == ["e_mail"]
