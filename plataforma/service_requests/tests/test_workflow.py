"""Workflow definitions are validated as a whole before an agency can use them."""

import pytest
from pydantic import ValidationError

from ..workflow import DEFAULT_WORKFLOW, WorkflowDefinition


def _definition(**changes):
    data = DEFAULT_WORKFLOW.model_dump(mode="json")
    data.update(changes)
    return data


def test_the_default_workflow_is_valid_and_covers_the_issue():
    spec = DEFAULT_WORKFLOW
    assert [s.key for s in spec.states] == [
        "aguardando_pagamento",
        "recebida",
        "em_analise",
        "pendente",
        "deferida",
        "indeferida",
        "cancelada",
    ]
    assert spec.action("indeferir").requires_note
    assert spec.action("solicitar_informacoes").asks_question
    assert spec.action("cancelar").roles == ["solicitante"]
    assert WorkflowDefinition.model_validate(spec.model_dump(mode="json")) == spec


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(initial_state="inexistente"),
        lambda d: d.update(initial_state="deferida"),
        lambda d: d["actions"][0].update(to_state="inexistente"),
        lambda d: d["actions"][0].update(from_states=["deferida"]),
        lambda d: d["actions"][1].update(to_state="em_analise"),  # a question must lead to "pendente"
        lambda d: d["actions"].__setitem__(2, {**d["actions"][2], "roles": ["analista"]}),  # nobody answers
        lambda d: d["states"].append(d["states"][0]),
        lambda d: d.update(paid_action="deferir"),
        lambda d: d["actions"][0].update(roles=["prefeito"]),
    ],
)
def test_inconsistent_definitions_are_refused(mutate):
    data = _definition()
    mutate(data)
    with pytest.raises(ValidationError):
        WorkflowDefinition.model_validate(data)


def test_a_system_action_cannot_also_belong_to_people():
    data = _definition()
    paid = next(a for a in data["actions"] if a["key"] == "pagamento_confirmado")
    paid["roles"] = ["sistema", "solicitante"]
    with pytest.raises(ValidationError):
        WorkflowDefinition.model_validate(data)
