"""Common Brazilian passwords and Brazilian mobile numbers."""

import pytest
from django.core.exceptions import ValidationError

from plataforma.identity.validators import (
    CommonBrazilianPasswordValidator,
    format_mobile_phone,
    normalise_mobile_phone,
    validate_new_password,
)


@pytest.mark.parametrize(
    "password",
    [
        "mudar123",
        "Senha123",
        "brasil2024",
        "FLAMENGO",
        "corinthians2012!",
        "Cuiabá2025",
        "são paulo",
        "Deus é fiel",
        "  Palmeiras  ",
        "@@vasco@@",
    ],
)
def test_common_passwords_are_refused_whatever_the_case_accents_or_numbers_around(password):
    with pytest.raises(ValidationError) as exc:
        CommonBrazilianPasswordValidator().validate(password)
    assert exc.value.error_list[0].code == "password_too_common_pt_br"


@pytest.mark.parametrize(
    "password", ["ipê amarelo no cerrado", "flamengo-e-vasco-no-maraca", "tuiuiú voa alto 77"]
)
def test_uncommon_passwords_pass(password):
    CommonBrazilianPasswordValidator().validate(password)


def test_the_list_is_a_real_data_file_of_many_passwords():
    assert len(CommonBrazilianPasswordValidator().passwords) > 150


def test_validate_new_password_runs_django_validators_and_the_brazilian_list_once():
    with pytest.raises(ValidationError) as exc:
        validate_new_password("mudar123")
    messages = exc.value.messages
    assert sum("muito comum" in m for m in messages) == 1
    assert any("muito curta" in m for m in messages)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(65) 99999-8888", "+5565999998888"),
        ("65999998888", "+5565999998888"),
        ("065 99999 8888", "+5565999998888"),
        ("+55 (11) 91234-5678", "+5511912345678"),
    ],
)
def test_mobile_numbers_are_stored_in_e164(typed, e164):
    assert normalise_mobile_phone(typed) == e164
    assert format_mobile_phone(e164)[0] == "("


@pytest.mark.parametrize("typed", ["6533334444", "(20) 99999-8888", "999998888", "+1 650 555 1234", "x" * 30])
def test_other_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_mobile_phone(typed)
