"""Closed-loop HTTP load generator of the MT Login benchmark (no Django import: it runs in
separate processes so that the client's CPU is measured apart from the server's).

Each process runs `threads` threads; each thread keeps one persistent HTTP/1.1 connection
(http.client reconnects by itself when a sync gunicorn worker closes it) and sends requests back
to back until the deadline or until its work items (refresh tokens, accounts) run out. Every
request is timed; only responses that really succeeded count as successes.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class CaseSpec:
    kind: str  # "client_credentials" | "refresh" | "sign_in"
    host: str
    port: int
    threads: int
    start_at: float  # time.time() at which every thread starts (after its preparation)
    duration: float
    client_id: str = ""
    client_secret: str = ""
    password: str = ""
    items: list[str] = field(default_factory=list)  # refresh tokens or CPFs, each used once


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


class _Worker(threading.Thread):
    def __init__(self, spec: CaseSpec, items: list[str]) -> None:
        super().__init__(daemon=True)
        self.spec, self.items = spec, items
        self.latencies: list[float] = []
        self.ok = 0
        self.failures: dict[str, int] = {}
        self.exhausted_at: float | None = None

    def _conn(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.spec.host, self.spec.port, timeout=60)

    def _fail(self, why: str) -> None:
        self.failures[why] = self.failures.get(why, 0) + 1

    def run(self) -> None:
        spec = self.spec
        conn = self._conn()
        prepare = getattr(self, f"_prepare_{spec.kind}")
        send = getattr(self, f"_send_{spec.kind}")
        state = prepare(conn)
        time.sleep(max(0.0, spec.start_at - time.time()))
        deadline = spec.start_at + spec.duration
        while time.time() < deadline:
            item = None
            if spec.kind != "client_credentials":
                if not self.items:
                    self.exhausted_at = time.time()
                    break
                item = self.items.pop()
            start = time.perf_counter()
            try:
                good, why = send(conn, state, item)
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = self._conn()
                good, why = False, type(error).__name__
            self.latencies.append(time.perf_counter() - start)
            if good:
                self.ok += 1
            else:
                self._fail(why)
        conn.close()

    # --- client credentials: POST /o/token/ with HTTP Basic ------------------------------
    def _prepare_client_credentials(self, conn):
        return {
            "Authorization": _basic(self.spec.client_id, self.spec.client_secret),
            "Content-Type": "application/x-www-form-urlencoded",
        }

    def _token_request(self, conn, headers, body: str) -> tuple[bool, str]:
        conn.request("POST", "/o/token/", body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        if response.status != 200:
            return False, f"HTTP {response.status}"
        return ("access_token" in json.loads(payload)), "no access_token"

    def _send_client_credentials(self, conn, headers, _item):
        return self._token_request(conn, headers, "grant_type=client_credentials")

    # --- refresh: each refresh token used exactly once -----------------------------------
    _prepare_refresh = _prepare_client_credentials

    def _send_refresh(self, conn, headers, token):
        return self._token_request(
            conn, headers, urlencode({"grant_type": "refresh_token", "refresh_token": token})
        )

    # --- password sign-in: POST /conta/entrar/ with a CSRF cookie fetched beforehand ------
    def _prepare_sign_in(self, conn):
        conn.request("GET", "/conta/entrar/")
        response = conn.getresponse()
        html = response.read().decode()
        cookie = next(
            value.split(";")[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
        token = CSRF_INPUT.search(html).group(1)
        return {"cookie": cookie, "token": token}

    def _send_sign_in(self, conn, state, cpf):
        body = urlencode(
            {"csrfmiddlewaretoken": state["token"], "username": cpf, "password": self.spec.password}
        )
        conn.request(
            "POST",
            "/conta/entrar/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": state["cookie"]},
        )
        response = conn.getresponse()
        response.read()
        signed_in = response.status == 302 and any(
            name.lower() == "set-cookie" and value.startswith("sessionid=")
            for name, value in response.getheaders()
        )
        return signed_in, f"HTTP {response.status}"


def run_process(spec: CaseSpec) -> dict:
    """Entry point of one load process: returns latencies (s), successes, failures, CPU time."""
    cpu0 = time.process_time()
    per_thread = [spec.items[i :: spec.threads] for i in range(spec.threads)]
    workers = [_Worker(spec, per_thread[i]) for i in range(spec.threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    failures: dict[str, int] = {}
    for w in workers:
        for k, v in w.failures.items():
            failures[k] = failures.get(k, 0) + v
    ends = [w.exhausted_at for w in workers if w.exhausted_at]
    return {
        "latencies": [x for w in workers for x in w.latencies],
        "ok": sum(w.ok for w in workers),
        "failures": failures,
        "cpu": time.process_time() - cpu0,
        "exhausted_at": max(ends) if len(ends) == len(workers) else None,
    }
