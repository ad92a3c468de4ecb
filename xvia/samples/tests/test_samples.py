"""The sample backends answer the same synthetic data every time and refuse malformed input."""

from starlette.testclient import TestClient

from xvia.samples.apps import detran, normalize_cnpj, sefaz


def test_vehicle_by_plate_is_deterministic_and_validated():
    client = TestClient(detran)
    first = client.get("/veiculos/QAB1C23")
    assert first.status_code == 200 and first.json() == client.get("/veiculos/qab1c23").json()
    fields = {"placa", "renavam", "marca_modelo", "ano_fabricacao", "municipio", "situacao"}
    assert set(first.json()) == fields
    bad = client.get("/veiculos/12345")
    assert bad.status_code == 400 and "Placa inválida" in bad.json()["erro"]
    debts = client.get("/veiculos/QAB1C23/debitos").json()
    assert debts["total"] == round(sum(i["valor"] for i in debts["debitos"]), 2)


def test_owner_vehicles_need_a_valid_cpf():
    client = TestClient(detran)
    ok = client.get("/proprietarios/852.963.741-00/veiculos")
    assert ok.status_code == 200 and ok.json()["proprietario"] == "85296374100"
    assert client.get("/proprietarios/11111111111/veiculos").status_code == 400
    assert client.get("/proprietarios/85296374101/veiculos").status_code == 400


def test_tax_status_takes_a_cpf_or_a_cnpj():
    client = TestClient(sefaz)
    person = client.get("/situacao-fiscal/85296374100").json()
    assert person["situacao"] in {"regular", "pendente"}
    assert person["certidao_negativa"] == (person["situacao"] == "regular")
    assert client.get("/situacao-fiscal/11222333000181").json()["documento"] == "11222333000181"
    assert normalize_cnpj("11.222.333/0001-81") == "11222333000181"
    assert normalize_cnpj("11.222.333/0001-80") is None
    assert client.get("/situacao-fiscal/abc").status_code == 400
