"""Sustained submissions over real HTTP for requests_bench.py: gunicorn serving the platform,
client processes POSTing /api/v1/servicos/<slug>/solicitacoes with MT Login bearer tokens.

Every submission carries a fresh Idempotency-Key; every 10th is sent a second time with the same
key (a retry), which must return the first request (200) and create nothing. Afterwards the
database is checked: no protocol number twice, one request per key.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import secrets
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Tasks (e-mails) are queued in Redis as in production; no worker runs, the queue is emptied after.
BROKER = "redis://127.0.0.1:6379/12"


def _cpu_seconds(match) -> float:
    """CPU time (user + system) used so far by the processes for which match(pid, pgrp, name)
    holds, read from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # fields[2] = pgrp, fields[11] = utime, fields[12] = stime (proc(5), counted from state)
        if match(int(entry.name), int(fields[2]), name):
            total += int(fields[11]) + int(fields[12])
    return total / tick


def mint_tokens(user_ids: list, *, scope: str, client_name: str) -> list[str]:
    """MT Login access tokens (stored as checksums, as the provider does) for these people, issued
    to a public demo client allowed `scope`; returns the raw tokens in the same order."""
    from django.utils import timezone
    from oauth2_provider.models import get_access_token_model, set_token_value

    from plataforma.identity.oidc.models import OIDCClient

    AccessToken = get_access_token_model()
    client, _ = OIDCClient.objects.get_or_create(
        name=client_name,
        defaults={
            "client_type": OIDCClient.CLIENT_PUBLIC,
            "authorization_grant_type": OIDCClient.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": "https://app.bench.example.org/callback",
            "allowed_scopes": scope,
            "algorithm": OIDCClient.RS256,
        },
    )
    raws, rows = [], []
    for user_id in user_ids:
        raw = secrets.token_urlsafe(30)
        token = AccessToken(
            user_id=user_id, application=client, scope=scope, expires=timezone.now() + timedelta(hours=2)
        )
        set_token_value(token, raw)
        rows.append(token)
        raws.append(raw)
    AccessToken.objects.bulk_create(rows, batch_size=1000)
    return raws


def _tokens(count: int) -> tuple[list[str], list[str]]:
    """Bearer tokens for `count` people (scope solicitacoes) and the slugs of open services."""
    from plataforma.identity.models import User
    from plataforma.service_requests.models import RequestForm

    people = User.objects.filter(agency_roles__isnull=True, level="prata").order_by("?")[:count]
    raws = mint_tokens(
        list(people.values_list("pk", flat=True)),
        scope="openid solicitacoes",
        client_name="MT Cidadão (benchmark)",
    )
    slugs = list(
        RequestForm.objects.filter(accepts_requests=True, fee_amount__isnull=True).values_list(
            "service__slug", flat=True
        )
    )
    return raws, slugs


def _client_process(
    base: str, tokens: list[str], slugs: list[str], threads: int, start_at: float, duration: float, queue
) -> None:
    import httpx

    results = {"created": 0, "repeated": 0, "errors": {}, "latencies": [], "keys": []}
    lock = threading.Lock()

    def worker(offset: int) -> None:
        client = httpx.Client(base_url=base, timeout=30)
        i = offset
        time.sleep(max(0.0, start_at - time.time()))
        end = start_at + duration
        while time.time() < end:
            token = tokens[i % len(tokens)]
            slug = slugs[i % len(slugs)]
            key = uuid.uuid4().hex
            body = {"dados": json.dumps({"placa": f"QBX{i % 10}A{i % 100:02d}", "motivo": "Benchmark"})}
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
            sends = 2 if i % 10 == 0 else 1
            for attempt in range(sends):
                t0 = time.perf_counter()
                try:
                    response = client.post(
                        f"/api/v1/servicos/{slug}/solicitacoes", data=body, headers=headers
                    )
                    status = response.status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if status == 201 and attempt == 0:
                        results["created"] += 1
                        results["latencies"].append(elapsed)
                        results["keys"].append(key)
                    elif status == 200 and attempt == 1:
                        results["repeated"] += 1
                    else:
                        results["errors"][str(status)] = results["errors"].get(str(status), 0) + 1
            i += threads
        client.close()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results["cpu"] = usage.ru_utime + usage.ru_stime
    queue.put(results)


def _start_gunicorn(args, env: dict) -> subprocess.Popen:
    import httpx

    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "plataforma.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in _stop
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True
    )
    server.log = log
    for _ in range(300):
        time.sleep(0.2)
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"gunicorn exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{args.port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            continue
    raise SystemExit("gunicorn did not answer /healthz in 60 s")


def _stop(server: subprocess.Popen) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    server.log.seek(0)
    text = server.log.read().decode(errors="replace")
    server.log.close()
    return text


def run_submissions(args) -> None:
    from django.db import connection

    from plataforma.service_requests.models import ServiceRequest

    tokens, slugs = _tokens(4000)
    before = ServiceRequest.objects.count()
    connection.close()
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "DB_CONN_MAX_AGE": "600",
            "EMAIL_URL": "dummymail://",
            "CACHE_URL": args.cache_url,
            "CELERY_BROKER_URL": BROKER,
        }
    )
    server = _start_gunicorn(args, env)
    try:
        processes = max(1, args.client_processes)
        per = [
            args.concurrency // processes + (1 if i < args.concurrency % processes else 0)
            for i in range(processes)
        ]
        queue = multiprocessing.Queue()
        start_at = time.time() + 2.0
        in_server = lambda pid, pgrp, name: pgrp == server.pid  # noqa: E731
        in_postgres = lambda pid, pgrp, name: name.startswith("postgres")  # noqa: E731
        server_cpu, postgres_cpu = _cpu_seconds(in_server), _cpu_seconds(in_postgres)
        chunk = len(tokens) // processes
        procs = [
            multiprocessing.Process(
                target=_client_process,
                args=(
                    f"http://127.0.0.1:{args.port}",
                    tokens[p * chunk : (p + 1) * chunk],
                    slugs,
                    per[p],
                    start_at,
                    args.duration,
                    queue,
                ),
            )
            for p in range(processes)
        ]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        server_cpu = _cpu_seconds(in_server) - server_cpu
        postgres_cpu = _cpu_seconds(in_postgres) - postgres_cpu
        for p in procs:
            p.join()
    finally:
        log = _stop(server)
        subprocess.run(["redis-cli", "-n", "12", "FLUSHDB"], capture_output=True, check=False)  # noqa: S607
    created = sum(r["created"] for r in results)
    repeated = sum(r["repeated"] for r in results)
    errors: dict[str, int] = {}
    for r in results:
        for k, v in r["errors"].items():
            errors[k] = errors.get(k, 0) + v
    latencies = [x for r in results for x in r["latencies"]]
    keys = [k for r in results for k in r["keys"]]
    after = ServiceRequest.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT protocol FROM service_requests_servicerequest GROUP BY protocol "
            "HAVING count(*) > 1) d"
        )
        duplicate_protocols = cursor.fetchone()[0]
    per_key = ServiceRequest.objects.filter(idempotency_key__in=keys).count()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0] * 99
    print(
        f"\nSubmissions over HTTP: gunicorn gthread {args.workers}x{args.threads}, {args.concurrency} in "
        f"flight from {args.client_processes} client processes on the same machine, {args.duration:.0f} s, "
        "Redis cache, tasks queued to a Redis broker"
    )
    print(
        f"  created: {created} ({created / args.duration:.1f} submissions/s); "
        f"retries answered 200: {repeated}"
    )
    print(
        f"  latency of a submission: p50 {statistics.median(latencies):.1f} ms, p95 {cuts[94]:.1f} ms, "
        f"p99 {cuts[98]:.1f} ms"
    )
    print(f"  errors: {errors or 'none'}")
    sent = created + repeated + sum(errors.values())
    client_cpu = sum(r["cpu"] for r in results)
    if sent:
        print(
            "  CPU per call (ms; over the whole run, retries included): "
            f"web processes {server_cpu * 1000 / sent:.1f}, PostgreSQL {postgres_cpu * 1000 / sent:.1f}, "
            f"load generator {client_cpu * 1000 / sent:.1f} (machine: {os.cpu_count()} cores, "
            f"{os.cpu_count() * args.duration:.0f} CPU-seconds in the run)"
        )
    print(
        f"  database: {after - before} new requests; {per_key} rows for {len(keys)} keys; "
        f"duplicate protocol numbers: {duplicate_protocols}"
    )
    server_errors = [line for line in log.splitlines() if "Error" in line or "Traceback" in line]
    if server_errors:
        print("  server log (last lines):", *server_errors[-5:], sep="\n    ")
