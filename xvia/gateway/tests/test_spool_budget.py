"""The gateway-wide cap on spooled bytes: bodies of all exchanges in progress stay under it."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from xvia.gateway.settings import Limits, SettingsError, settings_from_dict
from xvia.gateway.spool import BodyTooLarge, Spool, SpoolBudget, SpoolBudgetExhausted

from .harness import DETRAN, SEFAZ, World, fault_of

BUDGET = 256 * 1024
CLIENT = {"X-Road-Client": f"{SEFAZ}/ARRECADACAO"}
ECHO = f"/r1/{DETRAN}/VEICULOS/echo"


def test_spools_take_from_the_budget_and_give_back_on_close(tmp_path):
    budget = SpoolBudget(100)
    a = Spool(threshold=10, limit=1000, directory=tmp_path, budget=budget)
    b = Spool(threshold=10, limit=1000, directory=tmp_path, budget=budget)
    a.write(b"x" * 60)  # spooled to a file past the threshold: still counted
    assert budget.used == 60 and not a.in_memory
    b.write(b"y" * 40)
    with pytest.raises(SpoolBudgetExhausted):
        b.write(b"y")
    assert budget.used == 100  # the refused chunk took nothing
    a.close()
    a.close()  # closing twice gives back once
    assert budget.used == 40
    b.write(b"y" * 50)
    b.close()
    assert budget.used == 0


def test_the_body_limit_is_checked_before_the_budget(tmp_path):
    budget = SpoolBudget(10)
    spool = Spool(threshold=10, limit=5, directory=tmp_path, budget=budget)
    with pytest.raises(BodyTooLarge):
        spool.write(b"x" * 6)
    spool.close()
    assert budget.used == 0


@pytest.mark.parametrize(
    "limits",
    [
        {"max_spool_bytes_in_flight": 0},
        {"max_spool_bytes_in_flight": -1},
        {"max_spool_bytes_in_flight": "2GiB"},
        {"max_spool_bytes_in_flight": 1.5},
        {"header_timeout": 0},
        {"header_timeout": "10"},
        {"header_timeout": True},
        {"max_header_bytes": 0},
    ],
)
def test_bad_limits_are_refused_when_settings_load(limits):
    doc = {"server_id": f"SERVER:{SEFAZ}/ss", "limits": limits}
    with pytest.raises(SettingsError):
        settings_from_dict(doc, Path("/nonexistent"))


def test_defaults():
    assert Limits().max_spool_bytes_in_flight == 2 * 1024**3 and Limits().header_timeout == 10


@pytest.fixture(scope="module")
def tight(tmp_path_factory):
    w = World(tmp_path_factory.mktemp("xvia-budget"), limits={"max_spool_bytes_in_flight": BUDGET})
    yield w
    w.close()


def _logged(world: World, name: str) -> int:
    conn = sqlite3.connect(world.dirs[name] / "store.db")
    try:
        return conn.execute("SELECT COUNT(*) FROM mlog_record").fetchone()[0]
    finally:
        conn.close()


def _wait_budgets_empty(world: World) -> dict[str, int]:
    """The spools are closed right after the answer is sent: give the loop a moment."""
    deadline = time.monotonic() + 10
    while True:
        used = {name: runner.gw.spool_budget.used for name, runner in world.runners.items()}
        if not any(used.values()) or time.monotonic() > deadline:
            return used
        time.sleep(0.02)


def test_a_body_over_the_budget_is_refused_and_traffic_goes_on(tight):
    url = tight.url("sefaz", f"{ECHO}/echo")
    assert httpx.post(url, headers=CLIENT, content=b"a" * 1024).status_code == 200
    logged = {name: _logged(tight, name) for name in ("sefaz", "detran")}

    r = httpx.post(url, headers=CLIENT, content=b"b" * (BUDGET + 1), timeout=30)  # under max_request_bytes
    assert fault_of(r) == "Server.ClientProxy.IOError"
    assert "dados demais em trânsito" in r.json()["message"]
    assert _wait_budgets_empty(tight) == {"sefaz": 0, "detran": 0}

    # the provider's server meets the cap with the backend's answer: its fault reaches the IS
    r = httpx.get(tight.url("sefaz", f"{ECHO}/big?n={BUDGET + 1}"), headers=CLIENT, timeout=30)
    assert fault_of(r) == "Server.ServerProxy.IOError"
    assert _wait_budgets_empty(tight) == {"sefaz": 0, "detran": 0}
    assert {name: _logged(tight, name) for name in ("sefaz", "detran")} == logged  # nothing half-way

    r = httpx.post(url, headers=CLIENT, content=b"c" * (BUDGET // 4), timeout=30)
    assert r.status_code == 200 and r.content == b"c" * (BUDGET // 4)
    assert _wait_budgets_empty(tight) == {"sefaz": 0, "detran": 0}
    metrics = httpx.get(tight.url("sefaz", "/metrics")).text
    assert "xvia_spool_bytes_in_flight 0" in metrics
    assert 'xvia_faults_total{side="client",type="Server.ClientProxy.IOError"} 1' in metrics


def test_a_client_that_goes_away_mid_body_gives_its_bytes_back(tight):
    import socket

    port = tight.gw_ports["sefaz"]["client"]
    head = (
        f"POST {ECHO}/echo HTTP/1.1\r\nHost: x\r\nX-Road-Client: {SEFAZ}/ARRECADACAO\r\n"
        f"Content-Length: {BUDGET}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + b"d" * (BUDGET // 2))
        deadline = time.monotonic() + 10
        while tight.runners["sefaz"].gw.spool_budget.used < BUDGET // 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert tight.runners["sefaz"].gw.spool_budget.used == BUDGET // 2  # held while the body arrives
    assert _wait_budgets_empty(tight) == {"sefaz": 0, "detran": 0}
