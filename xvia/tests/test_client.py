"""The information systems' client: X-Road's request shape, headers, and faults."""

import httpx
import pytest

from xvia.client import XViaClient, XViaError


def _client(handler) -> XViaClient:
    return XViaClient(
        "http://ss.local:8080/", "MT/GOV/03507415000144/PORTAL", transport=httpx.MockTransport(handler)
    )


def test_the_request_follows_pr_rest_and_carries_subject_and_purpose():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        seen["headers"] = request.headers
        return httpx.Response(200, json={"ok": True}, headers={"X-Road-Request-Id": "abc"})

    answer = _client(handler).get(
        "MT/GOV/01540798000100/DETRAN-VEICULOS/veiculos",
        "proprietarios/85296374100/veiculos",
        data_subject="85296374100",
        purpose="Preenchimento do pedido: Licença ambiental",
    )
    assert seen["url"] == (
        "http://ss.local:8080/r1/MT/GOV/01540798000100/DETRAN-VEICULOS/veiculos/proprietarios/85296374100/veiculos"
    )
    assert seen["headers"]["x-road-client"] == "MT/GOV/03507415000144/PORTAL"
    assert seen["headers"]["x-via-data-subject"] == "85296374100"
    raw = {name.lower(): value for name, value in seen["headers"].raw}
    assert raw[b"x-via-purpose"].decode("utf-8") == "Preenchimento do pedido: Licença ambiental"
    assert "x-road-userid" not in seen["headers"]
    assert answer.status == 200 and answer.json() == {"ok": True} and answer.request_id == "abc"


def test_identifier_parts_and_path_segments_are_percent_encoded():
    seen = {}

    def handler(request):
        seen["path"] = request.url.raw_path
        return httpx.Response(200)

    _client(handler).get("MT/GOV/1/SUB SYS/serviço", "a b/c?d")
    assert seen["path"] == b"/r1/MT/GOV/1/SUB%20SYS/servi%C3%A7o/a%20b/c%3Fd"


def test_an_x_road_fault_raises_with_its_type_and_a_provider_error_is_returned():
    def fault(request):
        body = {"type": "Server.ServerProxy.AccessDenied", "message": "negado", "detail": "x"}
        return httpx.Response(403, json=body, headers={"X-Road-Error": "Server.ServerProxy.AccessDenied"})

    with pytest.raises(XViaError) as info:
        _client(fault).get("MT/GOV/1/S/s")
    assert info.value.type == "Server.ServerProxy.AccessDenied" and info.value.status == 403

    provider_404 = _client(lambda r: httpx.Response(404, json={"erro": "não"})).get("MT/GOV/1/S/s")
    assert provider_404.status == 404


def test_an_unreachable_security_server_is_a_client_fault():
    def down(request):
        raise httpx.ConnectError("refused")

    with pytest.raises(XViaError) as info:
        _client(down).get("MT/GOV/1/S/s")
    assert info.value.type == "Client.Unreachable"
