"""X-Road REST protocol on the IS side: happy path, headers, errors, limits, metaservices."""

import base64
import hashlib
import json

import httpx
import pytest

from xvia.gateway.faulttexts import is_known

from .harness import CPF, DETRAN, SEFAZ, fault_of

CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
PERSONAL = CLIENT | {"X-VIA-Data-Subject": CPF, "X-VIA-Purpose": "Pré-preenchimento de requerimento".encode()}
VEICULOS = f"/r1/{DETRAN}/VEICULOS/veiculos"
ECHO = f"/r1/{DETRAN}/VEICULOS/echo"


def test_a_request_crosses_both_servers_with_x_road_headers(world):
    r = httpx.get(
        world.url("sefaz", f"{VEICULOS}/veiculos/ABC1234?placa=a%20b&x=1"),
        headers=PERSONAL
        | {
            "X-Road-Id": "my-id-1",
            "X-Road-UserId": "BR52998224725",
            "X-Road-Issue": "PROC-1",
            "X-Custom": "kept",
            "Connection": "X-Secret",
            "X-Secret": "dropped",
            "User-Agent": "leaky/1.0",
        },
    )
    assert r.status_code == 200, r.text
    seen = r.json()
    assert seen["path"] == "/veiculos/ABC1234" and seen["query"] == "placa=a%20b&x=1"
    h = seen["headers"]
    assert h["x-road-client"] == f"{SEFAZ}/ARRECADACAO" and h["x-road-id"] == "my-id-1"
    assert h["x-road-userid"] == "BR52998224725" and h["x-road-issue"] == "PROC-1"
    assert h["x-custom"] == "kept" and "x-secret" not in h and "user-agent" not in h
    assert h["x-via-data-subject"] == "52998224725"  # as signed and logged: the normalised CPF
    assert h["host"] == f"127.0.0.1:{world.backend_port}"
    assert r.headers["x-road-id"] == "my-id-1"
    assert r.headers["x-road-client"] == f"{SEFAZ}/ARRECADACAO"
    assert r.headers["x-road-service"] == f"{DETRAN}/VEICULOS/veiculos"
    assert len(base64.b64decode(r.headers["x-road-request-hash"])) == 64  # SHA-512, not the backend's forgery
    assert r.headers["x-road-request-id"] and r.headers["x-backend"] == "yes"
    assert "server" not in r.headers or r.headers["server"] != "backend/1.0"


def test_large_bodies_stream_through_and_arrive_intact(world):
    body = bytes(range(256)) * 4096  # 1 MiB, spooled to disk on both servers
    r = httpx.post(
        world.url("sefaz", f"{ECHO}/echo"),
        headers=CLIENT | {"Content-Type": "application/x-test"},
        content=body,
        timeout=30,
    )
    assert r.status_code == 200, r.text
    assert hashlib.sha256(r.content).digest() == hashlib.sha256(body).digest()
    assert r.headers["content-type"] == "application/x-test"


def test_redirects_are_passed_back_not_followed(world):
    r = httpx.get(world.url("sefaz", f"{ECHO}/redirect"), headers=CLIENT, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "http://example.invalid/elsewhere"
    assert "x-road-error" not in r.headers


@pytest.mark.parametrize(
    ("path", "headers", "status", "fault"),
    [
        (f"{VEICULOS}/veiculos/A", {}, 400, "Client.MissingHeader"),
        (f"{VEICULOS}/veiculos/A", {"X-Road-Client": "MT/GOV"}, 400, "Client.InvalidClientIdentifier"),
        (f"{VEICULOS}/veiculos/A", {"X-Road-Client": f"{DETRAN}/VEICULOS"}, 400, "Client.UnknownMember"),
        (f"/r1/{DETRAN}/VEICULOS/nope/x", CLIENT, 400, "Client.UnknownService"),
        (f"{VEICULOS}/proprietarios/1", PERSONAL, 400, "Client.AccessDenied"),
        (f"{VEICULOS}/veiculos/A", CLIENT, 400, "Client.MissingHeader"),
        (
            f"{VEICULOS}/veiculos/A",
            CLIENT | {"X-VIA-Data-Subject": "123.456.789-00", "X-VIA-Purpose": "x"},
            400,
            "Client.BadRequest",
        ),
        (f"{VEICULOS}/veiculos/A", PERSONAL | {"X-VIA-Purpose": "x" * 201}, 400, "Client.BadRequest"),
        (f"{VEICULOS}/%2e%2e/admin", PERSONAL, 400, "Client.BadRequest"),
        ("/r1/MT/GOV", CLIENT, 400, "Client.BadRequest"),
        ("/outra-coisa", CLIENT, 400, "Client.BadRequest"),  # PR-REST 4.6: 400, not 404
    ],
)
def test_bad_requests_get_x_road_faults(world, path, headers, status, fault):
    r = httpx.get(world.url("sefaz", path), headers=headers)
    assert r.status_code == status
    assert fault_of(r) == fault


def test_other_subsystem_without_rights_is_denied(world):
    r = httpx.post(
        world.url("sefaz", f"{ECHO}/echo"), headers={"X-Road-Client": f"{SEFAZ}/OUTRO"}, content=b"x"
    )
    assert fault_of(r) == "Client.AccessDenied"


def test_oversized_body_is_refused(world):
    r = httpx.post(world.url("sefaz", f"{ECHO}/echo"), headers=CLIENT, content=b"x" * (4 * 1024 * 1024 + 1))
    assert r.status_code == 400 and fault_of(r) == "Client.BadRequest"  # PR-REST 4.6: 400, not 413
    assert str(4 * 1024 * 1024) in r.json()["message"]  # the limit, so the integrator can comply


def test_unreachable_or_slow_service_gives_service_failed(world):
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/down/x"), headers=CLIENT)
    assert r.status_code == 500 and fault_of(r) == "Server.ServerProxy.ServiceFailed"
    r = httpx.get(
        world.url("sefaz", f"{ECHO}/slow?s=5"), headers=CLIENT, timeout=20
    )  # service timeout is 1 s
    assert fault_of(r) == "Server.ServerProxy.ServiceFailed" and "dentro de 1 s" in r.json()["message"]


def test_metaservices(world):
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/listMethods"), headers=CLIENT)
    assert r.status_code == 200, r.text
    codes = {s["service_code"] for s in r.json()["service"]}
    assert codes == {"veiculos", "echo", "down"}
    r = httpx.get(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/allowedMethods"),
        headers={"X-Road-Client": f"{SEFAZ}/OUTRO"},
    )
    assert r.json() == {"service": []}
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/allowedMethods"), headers=CLIENT)
    allowed = {s["service_code"]: s["endpoint_list"] for s in r.json()["service"]}
    assert allowed["veiculos"] == [{"method": "GET", "path": "/veiculos/{placa}"}]
    r = httpx.get(
        world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/getOpenAPI?serviceCode=veiculos"), headers=CLIENT
    )
    assert r.status_code == 200 and json.loads(r.content)["info"]["title"] == "Veiculos"
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/getOpenAPI?serviceCode=echo"), headers=CLIENT)
    assert r.status_code == 500  # a fault inside the signed answer: same fields as X-Road's
    doc = r.json()
    assert doc["type"] == "Server.ServerProxy.ServiceFailed" and is_known(doc["message"])
    assert "OpenAPI" in doc["message"] and "não está disponível" in doc["message"] and doc["detail"]
    r = httpx.get(world.url("sefaz", f"/r1/{DETRAN}/VEICULOS/getOpenAPI"), headers=CLIENT)
    assert r.status_code == 400 and r.json()["type"] == "Client.BadRequest"
    assert "serviceCode" in r.json()["message"] and is_known(r.json()["message"])


def test_the_same_server_serves_its_own_services(world):
    r = httpx.get(world.url("sefaz", f"/r1/{SEFAZ}/ARRECADACAO/certidao/certidoes/1"), headers=CLIENT)
    assert r.status_code == 200 and r.json()["path"] == "/certidoes/1"


def test_health_metrics_and_monitoring(world):
    httpx.get(world.url("sefaz", f"{VEICULOS}/veiculos/ABC1234"), headers=PERSONAL)
    r = httpx.get(world.url("sefaz", "/health"))
    assert r.status_code == 200 and r.json()["checks"]["store"] == "ok"
    text = httpx.get(world.url("sefaz", "/metrics")).text
    assert 'xvia_requests_total{side="client",outcome="succeeded"}' in text
    assert "xvia_globalconf_version" in text
    import time

    time.sleep(0.2)  # opmon records are written asynchronously in the next group commit
    r = httpx.get(world.url("sefaz", "/xvia/opmon?limit=5"), headers=CLIENT)
    assert r.status_code == 200
    records = r.json()["records"]
    assert records and all(rec["client"] == f"{SEFAZ}/ARRECADACAO" for rec in records)
    assert {"started_at", "ended_at", "request_size", "response_size", "status", "succeeded"} <= set(
        records[0]
    )
    r = httpx.get(world.url("sefaz", "/xvia/opmon"), headers={"X-Road-Client": f"{DETRAN}/VEICULOS"})
    assert fault_of(r) == "Client.UnknownMember"  # another member's subsystem: not yours to read
    r = httpx.get(world.url("detran", "/xvia/opmon"), headers={"X-Road-Client": f"{DETRAN}/VEICULOS"})
    assert r.status_code == 200
    assert all(rec["service"].startswith(f"{DETRAN}/VEICULOS/") for rec in r.json()["records"])
