import base64
import datetime as dt
import json

import pytest

from xvia.protocol import testing
from xvia.protocol.access import is_allowed, path_matches
from xvia.protocol.globalconf import (
    GlobalConfError,
    GlobalConfExpired,
    parse_anchor,
    verify_configuration,
)
from xvia.protocol.identifiers import ClientId, ServiceId

from .conftest import DETRAN, SEFAZ, payload


def test_signed_configuration_verifies_against_the_anchor(ca, tsa, central):
    doc = central.sign(payload(ca, tsa, version=7))
    conf = verify_configuration(doc, parse_anchor(central.anchor_bytes()))
    assert conf.version == 7 and conf.instance == "MT"
    service = conf.services_by_id[ServiceId.parse(f"{DETRAN}/VEICULOS/veiculos")]
    assert service.personal_data and service.endpoints[0].path == "/veiculos/{placa}"
    assert conf.message_log_mode(ClientId.parse(f"{DETRAN}/VEICULOS")) == "metadata"
    assert conf.tsas[0].certificate == tsa.certificate


def test_a_document_signed_by_another_key_is_refused(ca, central):
    other = testing.TestCentral()
    with pytest.raises(GlobalConfError, match="anchor does not list"):
        verify_configuration(other.sign(payload(ca)), parse_anchor(central.anchor_bytes()))


def test_a_tampered_payload_is_refused(ca, central):
    header, body, sig = central.sign(payload(ca)).split(b".")
    forged = json.loads(base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)))
    forged["version"] = 99
    new_body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=")
    with pytest.raises(GlobalConfError, match="signature"):
        verify_configuration(b".".join([header, new_body, sig]), parse_anchor(central.anchor_bytes()))


def test_expired_other_instance_and_older_versions_are_refused(ca, central):
    anchor = parse_anchor(central.anchor_bytes())
    old = testing.globalconf_payload(
        cas=[ca.trust_entry()],
        generated_at=testing.utcnow() - dt.timedelta(hours=2),
        valid_for=dt.timedelta(hours=1),
    )
    with pytest.raises(GlobalConfExpired):
        verify_configuration(central.sign(old), anchor)
    assert verify_configuration(central.sign(old), anchor, allow_expired=True).version == 1
    with pytest.raises(GlobalConfError, match="instance"):
        verify_configuration(central.sign(payload(ca, instance="EE")), anchor)
    with pytest.raises(GlobalConfError, match="older"):
        verify_configuration(central.sign(payload(ca, version=3)), anchor, min_version=4)


def test_a_configuration_dated_more_than_five_minutes_ahead_is_refused(ca, central):
    anchor = parse_anchor(central.anchor_bytes())
    ahead = testing.globalconf_payload(
        cas=[ca.trust_entry()], generated_at=testing.utcnow() + dt.timedelta(minutes=6)
    )
    with pytest.raises(GlobalConfError, match="future"):
        verify_configuration(central.sign(ahead), anchor)
    slightly = testing.globalconf_payload(
        cas=[ca.trust_entry()], generated_at=testing.utcnow() + dt.timedelta(minutes=4)
    )
    assert verify_configuration(central.sign(slightly), anchor).version == 1


def test_garbage_and_bad_format_are_refused(ca, central):
    anchor = parse_anchor(central.anchor_bytes())
    with pytest.raises(GlobalConfError):
        verify_configuration(b"not a jws", anchor)
    bad = payload(ca)
    bad["format"] = "xvia-globalconf/2"
    with pytest.raises(GlobalConfError, match="format"):
        verify_configuration(central.sign(bad), anchor)
    bad = payload(ca)
    bad["members"][0]["subsystems"][0]["id"] = "MT/GOV/other/X"
    with pytest.raises(GlobalConfError):
        verify_configuration(central.sign(bad), anchor)
    with pytest.raises(GlobalConfError):
        parse_anchor(b'{"format":"xvia-anchor/1","instance":"MT","sources":[]}')


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("**", "/anything/at/all", True),
        ("/veiculos/{placa}", "/veiculos/ABC1234", True),
        ("/veiculos/{placa}", "/veiculos/ABC1234/multas", False),
        ("/veiculos/{placa}", "/veiculos/", False),
        ("/veiculos/**", "/veiculos", True),
        ("/veiculos/**", "/veiculos/a/b/c", True),
        ("/veiculos/**", "/veiculosX", False),
        # an encoded separator or a dot segment matches nothing: backends may decode it into a path
        ("/veiculos/{placa}", "/veiculos/a%2Fb", False),
        ("/veiculos/{placa}", "/veiculos/a%5cb", False),
        ("/veiculos/{placa}", "/veiculos/a%3Bb", False),
        ("**", "/veiculos/..", False),
        ("/veiculos/**", "/veiculos/../admin", False),
        ("/veiculos/{placa}", "/veiculos/..", False),
        ("/veiculos/{placa}", "/veiculos/%2e%2E", False),
        ("/veiculos/{placa}", "/veiculos/..;x=1", False),
        ("/veiculos/{placa}", "/veiculos/.", False),
        ("/veiculos/{placa}", "/veiculos/ABC1234/", False),  # a trailing "/" is no placa
        ("/veiculos/{placa}", "/veiculos/a%20b", True),
        ("/a/{x}/c", "/a/b/c?q=1", True),
    ],
)
def test_path_templates(template, path, expected):
    assert path_matches(template, path) is expected


def test_access_is_denied_by_default_and_granted_by_rights_and_groups(ca, central):
    conf = verify_configuration(central.sign(payload(ca)), parse_anchor(central.anchor_bytes()))
    service = ServiceId.parse(f"{DETRAN}/VEICULOS/veiculos")
    sefaz = ClientId.parse(f"{SEFAZ}/ARRECADACAO")
    stranger = ClientId.parse(f"{SEFAZ}/OUTRO")
    assert is_allowed(conf, sefaz, service, "GET", "/veiculos/ABC1234")
    assert not is_allowed(conf, sefaz, service, "DELETE", "/veiculos/ABC1234")
    assert not is_allowed(conf, sefaz, service, "GET", "/proprietarios/1")
    assert is_allowed(conf, sefaz, service, "POST", "/consultas/lote/1")  # via GROUP:MT/basica
    assert not is_allowed(conf, stranger, service, "GET", "/veiculos/ABC1234")
    other_service = ServiceId.parse(f"{DETRAN}/VEICULOS/multas")
    assert not is_allowed(conf, sefaz, other_service, "GET", "/veiculos/ABC1234")
