"""External validation against a real HTTPS server started in the test (http.server + TLS from
the test CA): yes, no, timeouts and bad answers; only a clear yes raises the level."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from plataforma.identity.levels import testca
from plataforma.identity.levels.external import (
    ExternalValidationError,
    HttpJsonValidator,
    configured_validators,
)
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.models import Level, SecurityEvent

TOKEN = "token-de-teste-do-validador"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_POST(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        state["requests"].append(
            {"body": json.loads(self.rfile.read(length)), "auth": self.headers.get("Authorization")}
        )
        mode = state["mode"]
        if mode == "slow":
            time.sleep(1.0)
        status, body = {
            "yes": (200, json.dumps({"valid": True, "reference": "protocolo-42"})),
            "no": (200, json.dumps({"valid": False, "reference": ""})),
            "slow": (200, json.dumps({"valid": True, "reference": "tarde"})),
            "error": (500, json.dumps({"valid": True})),
            "html": (200, "<html>manutenção</html>"),
            "string_valid": (200, json.dumps({"valid": "true", "reference": "x"})),
            "list": (200, json.dumps([True])),
            "bad_reference": (200, json.dumps({"valid": True, "reference": 42})),
            "redirect": (302, ""),
        }[mode]
        data = body.encode()
        self.send_response(status)
        if mode == "redirect":
            self.send_header("Location", "https://example.org/")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # refused TLS handshakes are expected here
        pass


@pytest.fixture(scope="module")
def https_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("validador")
    ca = testca.new_root("AC de Teste do Validador")
    cert, key = ca.issue_server("127.0.0.1")
    (folder / "server.pem").write_bytes(testca.pem(cert))
    (folder / "server-key.pem").write_bytes(testca.pem(key))
    (folder / "ca.pem").write_bytes(ca.pem)
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server-key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.state = {"mode": "yes", "requests": []}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {
        "url": f"https://127.0.0.1:{server.server_address[1]}/validar",
        "ca": str(folder / "ca.pem"),
        "state": server.state,
    }
    server.shutdown()


@pytest.fixture
def server(https_server, monkeypatch):
    https_server["state"].update(mode="yes", requests=[])
    monkeypatch.setenv("MTLOGIN_TEST_VALIDATOR_TOKEN", TOKEN)
    return https_server


def _validator(server, **options) -> HttpJsonValidator:
    config = {
        "name": "cadastro-teste",
        "label": "Cadastro de teste",
        "url": server["url"],
        "ca_file": server["ca"],
        "token_env": "MTLOGIN_TEST_VALIDATOR_TOKEN",
        "timeout": 0.5,
        "needs_birth_date": True,
    }
    config.update(options)
    return HttpJsonValidator(**config)


def test_a_yes_comes_back_with_the_reference_and_the_request_carries_the_data(server):
    result = _validator(server).validate(cpf="11144477735", name="Maria", birth_date=dt.date(1980, 1, 2))
    assert (result.valid, result.reference) == (True, "protocolo-42")
    request = server["state"]["requests"][-1]
    assert request["body"] == {"cpf": "11144477735", "name": "Maria", "birth_date": "1980-01-02"}
    assert request["auth"] == f"Bearer {TOKEN}"


def test_a_no_is_a_no(server):
    server["state"]["mode"] = "no"
    assert _validator(server).validate(cpf="11144477735", name="Maria", birth_date=None).valid is False


@pytest.mark.parametrize("mode", ["error", "html", "string_valid", "list", "bad_reference", "redirect"])
def test_bad_answers_are_errors_never_a_yes(server, mode):
    server["state"]["mode"] = mode
    with pytest.raises(ExternalValidationError) as info:
        _validator(server).validate(cpf="11144477735", name="Maria", birth_date=None)
    assert "não pôde ser entendida" in str(info.value.message)


def test_a_timeout_is_an_error(server):
    server["state"]["mode"] = "slow"
    with pytest.raises(ExternalValidationError) as info:
        _validator(server, timeout=0.3).validate(cpf="11144477735", name="Maria", birth_date=None)
    assert "não respondeu a tempo" in str(info.value.message)


def test_a_server_certificate_from_an_unknown_ca_is_an_error(server):
    with pytest.raises(ExternalValidationError) as info:
        _validator(server, ca_file="").validate(cpf="11144477735", name="Maria", birth_date=None)
    assert "indisponível" in str(info.value.message)


def test_a_closed_port_is_an_error(server):
    with pytest.raises(ExternalValidationError):
        _validator(server, url="https://127.0.0.1:9/").validate(cpf="11144477735", name="M", birth_date=None)


def test_plain_http_is_refused_by_configuration(server):
    with pytest.raises(ImproperlyConfigured):
        _validator(server, url="http://127.0.0.1/")


def test_configuration_takes_dicts_and_dotted_paths(settings, server):
    settings.MTLOGIN_EXTERNAL_VALIDATORS = [{"name": "a", "label": "A", "url": server["url"]}]
    assert list(configured_validators()) == ["a"]
    settings.MTLOGIN_EXTERNAL_VALIDATORS = ["plataforma.identity.levels.external.ExternalValidator"]
    with pytest.raises(ImproperlyConfigured):
        configured_validators()
    settings.MTLOGIN_EXTERNAL_VALIDATORS = [42]
    with pytest.raises(ImproperlyConfigured):
        configured_validators()


def test_no_validator_is_enabled_by_default():
    assert configured_validators() == {}


# --- the citizen page ----------------------------------------------------------------------------

URL = "/conta/nivel/validacao-externa/cadastro-teste/"


@pytest.fixture
def configured(settings, server):
    settings.MTLOGIN_EXTERNAL_VALIDATORS = [
        {
            "name": "cadastro-teste",
            "label": "Cadastro de teste",
            "url": server["url"],
            "ca_file": server["ca"],
            "token_env": "MTLOGIN_TEST_VALIDATOR_TOKEN",
            "timeout": 0.5,
            "needs_birth_date": True,
        }
    ]
    return server


@pytest.mark.django_db
def test_a_yes_raises_the_account_to_prata(client, configured, person):
    client.force_login(person)
    assert "Cadastro de teste" in client.get("/conta/nivel/").content.decode()
    response = client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on", "next": "/servicos/"})
    assert response.status_code == 302
    assert response["Location"] == "/servicos/"
    person.refresh_from_db()
    assert person.level == Level.PRATA
    validation = LevelValidation.objects.get(user=person)
    assert (validation.method, validation.provider, validation.external_reference) == (
        "externa",
        "cadastro-teste",
        "protocolo-42",
    )
    assert configured["state"]["requests"][-1]["body"]["cpf"] == person.cpf


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mode", "status", "text"),
    [
        ("no", 400, "não confirmou os seus dados"),
        ("slow", 502, "não respondeu a tempo"),
        ("error", 502, "não pôde ser entendida"),
        ("html", 502, "não pôde ser entendida"),
    ],
)
def test_anything_but_a_yes_changes_nothing(client, configured, person, mode, status, text):
    configured["state"]["mode"] = mode
    client.force_login(person)
    response = client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"})
    assert response.status_code == status
    body = response.content.decode()
    assert text in body
    assert 'role="alert"' in body
    person.refresh_from_db()
    assert person.level == Level.BRONZE
    assert not LevelValidation.objects.exists()
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LEVEL_CHANGED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"confirmo": "on"},
        {"data_nascimento": "31/02/1980", "confirmo": "on"},
        {"data_nascimento": "2999-01-01", "confirmo": "on"},
        {"data_nascimento": "1980-01-02"},
    ],
)
def test_invalid_forms_are_400_and_call_nobody(client, configured, person, data):
    client.force_login(person)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert configured["state"]["requests"] == []
    person.refresh_from_db()
    assert person.level == Level.BRONZE


@pytest.mark.django_db
def test_anonymous_people_must_sign_in(client, configured):
    response = client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"})
    assert response.status_code == 302
    assert "/conta/entrar/" in response["Location"]
    assert configured["state"]["requests"] == []


@pytest.mark.django_db
def test_an_unknown_validator_is_404(client, configured, person):
    client.force_login(person)
    assert client.get("/conta/nivel/validacao-externa/outro/").status_code == 404


@pytest.mark.django_db
def test_an_account_already_prata_is_not_sent_again(client, configured, person):
    person.level = Level.PRATA
    person.save(update_fields=["level"])
    client.force_login(person)
    response = client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"})
    assert response.status_code == 302
    assert configured["state"]["requests"] == []


@pytest.mark.django_db
def test_attempts_are_rate_limited(client, configured, person, monkeypatch):
    from plataforma.common.ratelimit import Limit
    from plataforma.identity.levels.views import external

    monkeypatch.setattr(external, "EXTERNAL_LIMIT", Limit("levels.external.test", 1, 60))
    configured["state"]["mode"] = "no"
    client.force_login(person)
    assert client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"}).status_code == 400
    assert client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"}).status_code == 429


@pytest.mark.django_db
def test_the_open_session_reaches_prata_after_the_external_validation(client, configured, person):
    from plataforma.identity.auth_flow import SIGN_IN_SESSION_KEY
    from plataforma.identity.models import SignInSession

    client.force_login(person)
    sign_in = SignInSession.objects.create(
        user=person, session_key=client.session.session_key, amr=["pwd"], acr=Level.BRONZE
    )
    session = client.session
    session[SIGN_IN_SESSION_KEY] = str(sign_in.pk)
    session.save()
    assert client.post(URL, {"data_nascimento": "1980-01-02", "confirmo": "on"}).status_code == 302
    sign_in.refresh_from_db()
    assert (sign_in.acr, sign_in.amr) == (Level.PRATA, ["pwd"])
