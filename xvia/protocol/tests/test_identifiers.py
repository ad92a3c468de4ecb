import pytest

from xvia.protocol.identifiers import ClientId, IdentifierError, ServerId, ServiceId, parse_rest_path
from xvia.protocol.personal import normalize_cpf, validate_purpose


def test_client_id_round_trips_with_and_without_subsystem():
    sub = ClientId.parse("MT/GOV/03507415000144/DETRAN-VEICULOS")
    assert sub.subsystem == "DETRAN-VEICULOS" and str(sub) == "MT/GOV/03507415000144/DETRAN-VEICULOS"
    assert str(sub.member) == "MT/GOV/03507415000144" and not sub.member.is_subsystem


@pytest.mark.parametrize(
    "text", ["", "MT/GOV", "MT/GOV/1/2/3", "MT/GOV/12 34", "MT/GOV/a;b", "MT/GOV/a%b", "MT/GOV/ação", "MT//X"]
)
def test_malformed_client_ids_are_refused(text):
    with pytest.raises(IdentifierError):
        ClientId.parse(text)


def test_percent_encoded_parts_are_decoded_one_by_one():
    service = ServiceId.parse("MT/GOV/123/SUB/get%28x%29", encoded=True)
    assert service.service_code == "get(x)"
    assert service.encoded() == "MT/GOV/123/SUB/get%28x%29"
    with pytest.raises(IdentifierError):  # an encoded slash cannot smuggle a fifth part in
        ServiceId.parse("MT/GOV/123/SUB/a%2Fb", encoded=True)


def test_server_id_has_prefix_and_bare_form():
    server = ServerId.parse("SERVER:MT/GOV/03507415000144/ss-detran")
    assert server.bare == "MT/GOV/03507415000144/ss-detran"
    assert str(server) == "SERVER:MT/GOV/03507415000144/ss-detran"


def test_rest_path_is_split_into_service_and_raw_rest():
    service, rest = parse_rest_path("/r1/MT/GOV/1/SUB/veiculos/v1/veiculos/ABC%201234")
    assert str(service) == "MT/GOV/1/SUB/veiculos" and rest == "/v1/veiculos/ABC%201234"
    assert parse_rest_path("/r1/MT/GOV/1/SUB/veiculos")[1] == ""


@pytest.mark.parametrize(
    "path",
    [
        "/r2/MT/GOV/1/SUB/s",
        "/r1/MT/GOV/1/s",
        "/r1/MT/GOV/1/SUB/s/../admin",
        "/r1/MT/GOV/1/SUB/s/%2e%2e/x",
        "/r1/MT/GOV/1/SUB/s//x",
    ],
)
def test_bad_rest_paths_are_refused(path):
    with pytest.raises(IdentifierError):
        parse_rest_path(path)


def test_cpf_check_digits():
    assert normalize_cpf("529.982.247-25") == "52998224725"
    assert normalize_cpf("52998224725") == "52998224725"
    assert normalize_cpf("52998224724") is None
    assert normalize_cpf("111.111.111-11") is None
    assert normalize_cpf("abc") is None


def test_purpose_is_bounded_printable_text():
    assert validate_purpose("  Consulta para pré-preenchimento ") == "Consulta para pré-preenchimento"
    assert validate_purpose("x" * 201) is None
    assert validate_purpose("") is None
    assert validate_purpose("a\x00b") is None
