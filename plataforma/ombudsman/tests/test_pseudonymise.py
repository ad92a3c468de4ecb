from ..pseudonymise import MASK_CPF, MASK_EMAIL, MASK_NAME, MASK_PHONE, pseudonymise


def test_cpfs_emails_and_phones_are_masked():
    text = (
        "CPF 529.982.247-25 ou 52998224725, e-mail maria.souza@example.org, fone (65) "
        "99999-8888 ou +55 65 3613-0000."
    )
    masked = pseudonymise(text)
    assert (
        "529" not in masked and "example.org" not in masked and "99999" not in masked and "3613" not in masked
    )
    assert masked.count(MASK_CPF) == 2
    assert MASK_EMAIL in masked
    assert masked.count(MASK_PHONE) == 2


def test_the_authors_names_are_masked_whatever_the_case_and_accents():
    masked = pseudonymise("Eu, MARIA Aparecida de Souza, e a Sra. Joana.", names=["Maria Aparecida de Souza"])
    assert "MARIA" not in masked and "Aparecida" not in masked and "Souza" not in masked
    assert MASK_NAME in masked
    assert "Joana" in masked  # other people's names are left to the ouvidor's judgement


def test_dates_amounts_and_plates_are_kept():
    text = "No dia 10/03/2026 paguei R$ 1.234,56 pelo veículo QBX1A23, processo 2026.000123."
    assert pseudonymise(text) == text
