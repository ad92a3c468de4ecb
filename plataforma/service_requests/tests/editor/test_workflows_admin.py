"""Workflow editor services: immutable versions, validation in Portuguese, managers only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.identity.tests.factories import make_editor

from ...editor import workflow_edit
from ...models import RequestForm, Workflow
from ...services import forms_admin as fa
from ...workflow import DEFAULT_WORKFLOW
from ..factories import servant, service_with_form

pytestmark = pytest.mark.django_db


def test_a_manager_copies_the_default_and_each_save_is_a_new_version(agency, manager):
    first = fa.workflow_copy_default(actor=manager, agency=agency)
    assert first.version == 1 and first.spec == DEFAULT_WORKFLOW
    assert fa.workflow_copy_default(actor=manager, agency=agency) == first  # idempotent
    definition = workflow_edit.with_row(
        first.definition,
        "states",
        {"key": "em_analise", "label": "Em análise técnica", "status": "em_andamento"},
        key="em_analise",
    )
    second = fa.workflow_save(
        actor=manager, agency=agency, key=first.key, name=first.name, definition=definition
    )
    assert second.version == 2 and second.spec.state("em_analise").label == "Em análise técnica"
    first.refresh_from_db()
    assert first.spec.state("em_analise").label == "Em análise"  # old version untouched


def test_forms_using_a_workflow_move_to_its_new_version(agency, editor, manager):
    service = service_with_form(agency=agency, editor=editor)
    form = RequestForm.objects.get(service=service)
    v1 = fa.workflow_copy_default(actor=manager, agency=agency)
    fa.request_form_configure(
        actor=editor,
        form=form,
        accepts_requests=True,
        fee_amount=None,
        fee_description="",
        payment_days=3,
        rate_each_step=False,
        workflow=v1,
    )
    v2 = fa.workflow_save(
        actor=manager, agency=agency, key=v1.key, name="Novo nome", definition=v1.definition
    )
    form.refresh_from_db()
    assert form.workflow == v2


def test_invalid_definitions_are_explained_in_portuguese_and_nothing_is_saved(agency, manager):
    base = fa.workflow_copy_default(actor=manager, agency=agency)
    broken = workflow_edit.without_row(base.definition, "states", "em_analise")
    with pytest.raises(ValidationError) as exc:
        fa.workflow_save(actor=manager, agency=agency, key=base.key, name=base.name, definition=broken)
    assert "usa etapas que não existem" in " ".join(exc.value.messages)
    blank = workflow_edit.with_row(
        base.definition, "states", {"key": "recebida", "label": "", "status": "x"}, "recebida"
    )
    with pytest.raises(ValidationError) as exc:
        fa.workflow_save(actor=manager, agency=agency, key=base.key, name=base.name, definition=blank)
    text = " ".join(exc.value.messages)
    assert "Etapa “" in text and "Preencha este campo." in text and "Escolha uma das opções" in text
    with pytest.raises(ValidationError) as exc:
        fa.workflow_save(actor=manager, agency=agency, key="Não Vale", name="", definition=base.definition)
    assert set(exc.value.message_dict) == {"name", "key"}
    assert Workflow.objects.filter(agency=agency).count() == 1


def test_a_workflow_without_payment_is_refused_while_a_service_with_a_fee_uses_it(agency, editor, manager):
    service = service_with_form(agency=agency, editor=editor, fee=Decimal("50"))
    form = RequestForm.objects.get(service=service)
    base = fa.workflow_copy_default(actor=manager, agency=agency)
    fa.request_form_configure(
        actor=editor,
        form=form,
        accepts_requests=True,
        fee_amount=Decimal("50"),
        fee_description="Taxa",
        payment_days=3,
        rate_each_step=False,
        workflow=base,
    )
    no_payment = workflow_edit.with_settings(
        base.definition, {"payment_state": None, "paid_action": None, "expired_action": None}
    )
    with pytest.raises(ValidationError, match="taxa"):
        fa.workflow_save(actor=manager, agency=agency, key=base.key, name=base.name, definition=no_payment)
    assert Workflow.objects.filter(agency=agency).count() == 1


@pytest.mark.parametrize("who", ["citizen", "editor", "analyst", "attendant", "other_manager"])
def test_only_the_agencys_manager_edits_workflows(agency, other_agency, manager, who):
    actor = {
        "citizen": lambda: servant(agency),
        "editor": lambda: make_editor(agency),
        "analyst": lambda: servant(agency, "analista"),
        "attendant": lambda: servant(agency, "atendente"),
        "other_manager": lambda: servant(other_agency, "gestor"),
    }[who]()
    with pytest.raises(PermissionDenied):
        fa.workflow_copy_default(actor=actor, agency=agency)
    with pytest.raises(PermissionDenied):
        fa.workflow_save(
            actor=actor,
            agency=agency,
            key="fluxo",
            name="Fluxo",
            definition=DEFAULT_WORKFLOW.model_dump(mode="json"),
        )
    assert not Workflow.objects.exists()
