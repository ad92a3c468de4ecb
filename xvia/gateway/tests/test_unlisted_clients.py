"""Client subsystems missing from the local settings: refused by default (``[clients] unlisted``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import httpx
import pytest

from xvia.gateway.__main__ import main
from xvia.gateway.settings import SettingsError, load_settings, settings_from_dict

from .harness import DETRAN, SEFAZ, fault_of

ECHO = f"/r1/{DETRAN}/VEICULOS/echo/echo"
LISTED = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
UNLISTED = {"X-Road-Client": f"{SEFAZ}/OUTRO"}  # registered for SS-SEFAZ in global configuration


def _restart_sefaz(world, unlisted: str | None) -> None:
    world.clients["sefaz"] = [f"{SEFAZ}/ARRECADACAO"]
    world.unlisted_clients = unlisted
    world.stop_gateway("sefaz")
    world.start_gateway("sefaz")


@pytest.fixture
def sefaz_lists_one(world):
    saved = list(world.clients["sefaz"]), world.unlisted_clients
    yield world
    world.clients["sefaz"], world.unlisted_clients = saved
    world.stop_gateway("sefaz")
    world.start_gateway("sefaz")


def test_an_unlisted_subsystem_is_refused_by_default(sefaz_lists_one):
    world = sefaz_lists_one
    _restart_sefaz(world, None)
    assert world.runners["sefaz"].gw.settings.unlisted_clients == "refuse"
    r = httpx.post(world.url("sefaz", ECHO), headers=UNLISTED, content=b"x")
    assert fault_of(r) == "Client.UnknownMember"
    assert f"{SEFAZ}/OUTRO" in r.json()["message"] and "não está configurado" in r.json()["message"]
    r = httpx.get(world.url("sefaz", "/xvia/opmon"), headers=UNLISTED)  # its records too
    assert fault_of(r) == "Client.UnknownMember"
    assert httpx.post(world.url("sefaz", ECHO), headers=LISTED, content=b"x").status_code == 200


def test_unlisted_subsystems_can_be_let_in_with_an_explicit_mode(sefaz_lists_one):
    world = sefaz_lists_one
    _restart_sefaz(world, "http")
    r = httpx.post(world.url("sefaz", ECHO), headers=UNLISTED, content=b"x")
    assert fault_of(r) == "Client.AccessDenied"  # past the connection check, as before
    _restart_sefaz(world, "https")
    r = httpx.post(world.url("sefaz", ECHO), headers=UNLISTED, content=b"x")
    assert fault_of(r) == "Server.ClientProxy.SslAuthenticationFailed"


@pytest.mark.parametrize("value", ["mtls", "allow", "", 1])
def test_unlisted_accepts_only_refuse_http_or_https(value):
    doc = {"server_id": f"SERVER:{SEFAZ}/ss", "clients": {"unlisted": value}}
    with pytest.raises(SettingsError, match=r"clients\.unlisted"):
        settings_from_dict(doc, Path("/nonexistent"))


def test_unlisted_sits_beside_the_listed_subsystems():
    doc = tomllib.loads(
        f'server_id = "SERVER:{SEFAZ}/ss"\n[clients]\nunlisted = "https"\n'
        f'[clients."{SEFAZ}/ARRECADACAO"]\nconnection = "http"\n'
    )
    settings = settings_from_dict(doc, Path("/nonexistent"))
    assert settings.unlisted_clients == "https"
    assert [str(c) for c in settings.clients] == [f"{SEFAZ}/ARRECADACAO"]


def test_init_writes_a_starter_toml_that_refuses_unlisted_subsystems(tmp_path, capsys):
    server = f"SERVER:{SEFAZ}/ss-sefaz"
    assert main(["init", "--dir", str(tmp_path), "--server-id", server, "--member-name", "SEFAZ-MT"]) == 0
    path = tmp_path / "gateway.toml"
    assert str(path) in capsys.readouterr().out
    text = path.read_text()
    assert 'unlisted = "refuse"' in text and "# Client subsystems of this member not listed" in text
    settings = load_settings(path)
    assert settings.unlisted_clients == "refuse" and str(settings.server_id) == server
    path.write_text(text + "\n# edited\n")
    for name in ("auth.key.pem", "sign.key.pem"):
        (tmp_path / name).unlink()
    assert main(["init", "--dir", str(tmp_path), "--server-id", server, "--member-name", "SEFAZ-MT"]) == 0
    assert path.read_text().endswith("# edited\n")  # an existing file is kept
