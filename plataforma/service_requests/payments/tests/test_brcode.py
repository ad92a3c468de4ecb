"""The BR Code against the Banco Central's published examples, and its properties."""

from __future__ import annotations

import random
import string
from decimal import Decimal

import pytest

from ..brcode import brcode_assemble, brcode_build, brcode_parse, crc16_ccitt_false, crc_hex

# "Manual de Padrões para Iniciação do Pix", section 2 (examples of a static and a dynamic BR Code).
MANUAL_STATIC = (
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
    "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)
MANUAL_DYNAMIC = (
    "00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd441"
    "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***630464E4"
)


def test_crc_is_ccitt_false_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


@pytest.mark.parametrize("payload", [MANUAL_STATIC, MANUAL_DYNAMIC])
def test_crc_of_the_manual_examples(payload):
    assert crc_hex(payload[:-4]) == payload[-4:]


def test_assembling_the_manual_static_example_reproduces_it_exactly():
    built = brcode_assemble(
        key="123e4567-e12b-12d1-a456-426655440000",
        location=None,
        name="Fulano de Tal",
        city="BRASILIA",
        amount=None,
        txid="***",
        single_use=False,
    )
    assert built == MANUAL_STATIC


def test_assembling_the_manual_dynamic_example_reproduces_it_exactly():
    built = brcode_assemble(
        key=None,
        location="pix.example.com/8b3da2f39a4140d1a91abd93113bd441",
        name="Fulano de Tal",
        city="BRASILIA",
        amount=None,
        txid="***",
        single_use=True,
    )
    assert built == MANUAL_DYNAMIC


def test_parse_reads_the_manual_examples():
    assert brcode_parse(MANUAL_STATIC) == {
        "key": "123e4567-e12b-12d1-a456-426655440000",
        "location": None,
        "name": "Fulano de Tal",
        "city": "BRASILIA",
        "amount": None,
        "txid": None,
        "single_use": False,
    }
    dynamic = brcode_parse(MANUAL_DYNAMIC)
    assert dynamic["location"] == "pix.example.com/8b3da2f39a4140d1a91abd93113bd441"
    assert dynamic["key"] is None and dynamic["single_use"] is True


def test_build_a_fee_charge():
    payload = brcode_build(
        key="pagamentos@sefaz.mt.gov.br",
        name="Governo de Mato Grosso",
        city="Cuiabá",
        amount=Decimal("85.4"),
        txid="ABC123XYZ",
    )
    assert payload.startswith("000201")
    assert "0014br.gov.bcb.pix0126pagamentos@sefaz.mt.gov.br" in payload
    assert "540585.40" in payload
    assert "5922GOVERNO DE MATO GROSSO6006CUIABA" in payload
    assert "62130509ABC123XYZ" in payload
    assert payload[-8:-4] == "6304"
    assert payload[-4:] == crc_hex(payload[:-4])


def test_amount_has_a_point_two_decimals_and_no_thousands_separator():
    payload = brcode_build(key="k", name="N", city="C", amount=Decimal("1234567.5"), txid="T1")
    assert "54101234567.50" in payload


def test_accents_are_folded_and_names_cut_to_the_manual_limits():
    payload = brcode_build(
        key="chave",
        name="Secretaria de Estado de Fazenda de Mato Grosso",
        city="São José dos Quatro Marcos",
        amount=Decimal("1.00"),
        txid="X",
    )
    parsed = brcode_parse(payload)
    assert parsed["name"] == "SECRETARIA DE ESTADO DE F"  # 25
    assert parsed["city"] == "SAO JOSE DOS QU"  # 15
    assert payload.isascii()


def test_dynamic_charge_is_single_use_and_carries_no_txid():
    payload = brcode_build(
        key=None,
        name="Governo",
        city="Cuiabá",
        amount=Decimal("10.00"),
        txid=None,
        location="psp.example/cob/1",
    )
    parsed = brcode_parse(payload)
    assert payload.startswith("0002010102122")
    assert (
        parsed["single_use"] is True and parsed["txid"] is None and parsed["location"] == "psp.example/cob/1"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"txid": "com espaço"}, "txid"),
        ({"txid": "A" * 26}, "txid"),
        ({"txid": "ÁBC"}, "txid"),
        ({"key": ""}, "chave"),
        ({"key": "x" * 78}, "Chave"),
        ({"amount": Decimal("0")}, "maior que zero"),
        ({"amount": Decimal("-1")}, "maior que zero"),
        ({"amount": Decimal("1.005")}, "duas casas"),
        ({"amount": Decimal("12345678901.00")}, "grande demais"),
        ({"name": "   "}, "nome"),
        ({"city": ""}, "cidade"),
        ({"location": "https://psp.example/cob/1", "key": None, "txid": None}, "https://"),
        ({"location": "psp.example/cob/1"}, "não as duas"),
    ],
)
def test_build_refuses_what_the_manual_does_not_allow(kwargs, message):
    base = {"key": "chave", "name": "Governo", "city": "Cuiaba", "amount": Decimal("1.00"), "txid": "T1"}
    with pytest.raises(ValueError, match=message):
        brcode_build(**{**base, **kwargs})


def _with_crc(body: str) -> str:
    return body + crc_hex(body)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "vazio"),
        ("000201", "campo 63"),
        (MANUAL_STATIC[:-4] + "1d3d", "CRC"),
        (MANUAL_STATIC[:-1] + "E", "CRC"),
        (_with_crc("000202" + MANUAL_STATIC[6:-4]), "00 igual a 01"),
        (_with_crc(MANUAL_STATIC[:-4].replace("5303986", "5303840")), "986"),
        (_with_crc(MANUAL_STATIC[:-4].replace("5802BR", "5802AR")), "BR"),
        (_with_crc(MANUAL_STATIC[:-4].replace("br.gov.bcb.pix", "br.gov.bcb.xyz")), "br.gov.bcb.pix"),
        (_with_crc(MANUAL_STATIC[:-4].replace("62070503***", "")), "campo 62"),
        (_with_crc(MANUAL_STATIC[:-4].replace("6008BRASILIA", "6099BRASILIA")), "tamanho"),
        (_with_crc(MANUAL_STATIC[:-4].replace("6008BRASILIA", "6016CUIABA E CHAPADA")), "cidade"),
        (_with_crc(MANUAL_STATIC[:-4].replace("53039865802BR", "5303986540a1.005802BR")), "malformado"),
        (_with_crc(MANUAL_STATIC[:-4].replace("5802BR", "54041.0X5802BR")), "valor"),
        (_with_crc(MANUAL_STATIC[:-4].replace("5802BR", "5802BR5802BR")), "duas vezes"),
    ],
)
def test_parse_errors_are_explained_in_portuguese(payload, message):
    with pytest.raises(ValueError, match=message):
        brcode_parse(payload)


def _random_charge(rng: random.Random) -> dict:
    alnum = string.ascii_letters + string.digits
    printable = "".join(chr(c) for c in range(0x20, 0x7F))
    return {
        "key": "".join(rng.choice(printable) for _ in range(rng.randint(1, 77))).strip() or "k",
        "name": "".join(rng.choice(string.ascii_uppercase + " ") for _ in range(rng.randint(1, 25))).strip()
        or "N",
        "city": "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(1, 15))),
        "amount": Decimal(rng.randint(1, 10**10 - 1)) / 100 if rng.random() < 0.9 else None,
        "txid": "".join(rng.choice(alnum) for _ in range(rng.randint(1, 25))) if rng.random() < 0.9 else None,
    }


def test_property_parse_of_build_gives_back_the_charge():
    rng = random.Random(20260304)
    for _ in range(500):
        charge = _random_charge(rng)
        charge["name"] = " ".join(charge["name"].split())
        parsed = brcode_parse(brcode_build(**charge))
        expected = {**charge, "key": charge["key"], "amount": charge["amount"], "location": None}
        if expected["amount"] is not None:
            expected["amount"] = expected["amount"].quantize(Decimal("0.01"))
        assert {k: parsed[k] for k in expected} == expected


def test_property_any_single_character_corruption_is_refused():
    rng = random.Random(4)
    payload = brcode_build(
        key="pagamentos@sefaz.mt.gov.br",
        name="Governo de MT",
        city="Cuiaba",
        amount=Decimal("85.40"),
        txid="T" * 25,
    )
    alphabet = string.printable + "çÁé"
    for position in range(len(payload)):
        for _ in range(8):
            replacement = rng.choice(alphabet)
            if replacement == payload[position]:
                continue
            corrupted = payload[:position] + replacement + payload[position + 1 :]
            with pytest.raises(ValueError):
                brcode_parse(corrupted)
