"""Form specifications are validated field by field and as a whole."""

import pytest
from pydantic import ValidationError

from ..formspec import FieldSpec, FormSpec, slug_key


def test_a_choice_needs_two_distinct_options():
    with pytest.raises(ValidationError):
        FieldSpec(key="cor", type="choice", label="Cor", choices=[{"value": "a", "label": "A"}])
    with pytest.raises(ValidationError):
        FieldSpec(
            key="cor",
            type="choice",
            label="Cor",
            choices=[{"value": "a", "label": "A"}, {"value": "a", "label": "B"}],
        )


@pytest.mark.parametrize(
    "field",
    [
        {"key": "arquivo", "type": "file", "label": "Arquivo"},
        {"key": "texto", "type": "text", "label": "Texto", "file_kinds": ["pdf"]},
        {"key": "texto", "type": "text", "label": "Texto", "min_length": 5, "max_length": 2},
        {"key": "valor", "type": "number", "label": "Valor", "min_value": 5, "max_value": 2},
        {"key": "data", "type": "date", "label": "Data", "no_future_dates": True, "no_past_dates": True},
        {"key": "email", "type": "text", "label": "E-mail", "prefill": "person.email"},
        {"key": "email", "type": "email", "label": "E-mail", "prefill": "person.inexistente"},
        {"key": "1campo", "type": "text", "label": "Campo"},
        {"key": "campo", "type": "text", "label": ""},
        {"key": "campo", "type": "planilha", "label": "Campo"},
    ],
)
def test_inconsistent_fields_are_refused(field):
    with pytest.raises(ValidationError):
        FieldSpec.model_validate(field)


def test_keys_are_unique_in_a_form():
    field = {"key": "placa", "type": "text", "label": "Placa"}
    with pytest.raises(ValidationError):
        FormSpec.model_validate({"fields": [field, field]})


def test_a_prefilled_field_names_a_known_source_of_a_matching_type():
    spec = FieldSpec(key="cnpj", type="cnpj", label="CNPJ", prefill="company.cnpj")
    assert spec.prefill == "company.cnpj"


@pytest.mark.parametrize(
    ("label", "key"),
    [("Número do RENAVAM", "numero_do_renavam"), ("1ª via?", "c_1a_via"), ("!!!", "campo")],
)
def test_keys_come_from_labels(label, key):
    assert slug_key(label) == key
