import pytest

from plataforma.common.documents import (
    format_cnpj,
    format_cpf,
    is_valid_cnpj,
    is_valid_cpf,
    make_cnpj,
    make_cpf,
    mask_cpf,
)


@pytest.mark.parametrize("cpf", ["111.444.777-35", "11144477735", " 111 444 777 35 "])
def test_a_valid_cpf_is_accepted_in_any_punctuation(cpf):
    assert is_valid_cpf(cpf)


@pytest.mark.parametrize("cpf", ["111.444.777-36", "11111111111", "1234567890", "", "abc", "111444777351"])
def test_an_invalid_cpf_is_refused(cpf):
    assert not is_valid_cpf(cpf)


def test_cpf_is_formatted_and_masked_without_revealing_the_edges():
    assert format_cpf("11144477735") == "111.444.777-35"
    assert mask_cpf("11144477735") == "***.444.777-**"


@pytest.mark.parametrize("cnpj", ["11.222.333/0001-81", "11222333000181"])
def test_a_valid_cnpj_is_accepted(cnpj):
    assert is_valid_cnpj(cnpj)


@pytest.mark.parametrize("cnpj", ["11.222.333/0001-82", "00000000000000", "123"])
def test_an_invalid_cnpj_is_refused(cnpj):
    assert not is_valid_cnpj(cnpj)


def test_generated_documents_have_valid_check_digits():
    assert is_valid_cpf(make_cpf("123456789"))
    assert is_valid_cnpj(make_cnpj("123456780001"))
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"


def test_digits_of_other_scripts_are_not_cpf_digits():
    from plataforma.common.documents import is_valid_cpf, only_digits

    full_width = "\uff17\uff14\uff11\uff18\uff15\uff12\uff19\uff16\uff13\uff15\uff15"  # "74185296355"
    assert only_digits(full_width) == ""
    assert not is_valid_cpf(full_width)
    assert is_valid_cpf("741.852.963-55")
