"""Bookings over real HTTP for scheduling_bench.py --http: gunicorn serving the platform, client
processes POSTing /api/v1/agendamento/agendamentos with MT Login bearer tokens (scope
agendamentos), each for its own person, every 10th sent twice with the same Idempotency-Key."""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import threading
import time
import uuid

from requests_submit import BROKER, _cpu_seconds, _start_gunicorn, _stop, mint_tokens


def _client(base, tokens, slot_ids, threads, start_at, duration, queue) -> None:
    import resource

    import httpx

    results = {"created": 0, "repeated": 0, "errors": {}, "latencies": []}
    lock = threading.Lock()

    def worker(offset: int) -> None:
        rng = random.Random(f"{os.getpid()}-{offset}-{time.time_ns()}")
        client = httpx.Client(base_url=base, timeout=30)
        mine = tokens[offset::threads]
        time.sleep(max(0.0, start_at - time.time()))
        end = start_at + duration
        i = 0
        while time.time() < end and i < len(mine):
            headers = {"Authorization": f"Bearer {mine[i]}", "Idempotency-Key": uuid.uuid4().hex}
            body = {"slot_id": rng.choice(slot_ids)}
            for attempt in range(2 if i % 10 == 0 else 1):
                t0 = time.perf_counter()
                try:
                    status = client.post(
                        "/api/v1/agendamento/agendamentos", json=body, headers=headers
                    ).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if status == 201 and attempt == 0:
                        results["created"] += 1
                        results["latencies"].append(elapsed)
                    elif status == 200 and attempt == 1:
                        results["repeated"] += 1
                    else:
                        results["errors"][str(status)] = results["errors"].get(str(status), 0) + 1
            i += 1
        client.close()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results["cpu"] = usage.ru_utime + usage.ru_stime
    queue.put(results)


def run_http_bookings(args, people: list, slot_ids: list[int]) -> None:
    from django.db import connection

    tokens = mint_tokens(
        people, scope="openid agendamentos", client_name="MT Cidadão (benchmark de agendamento)"
    )
    connection.close()
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "DB_CONN_MAX_AGE": "600",
            "EMAIL_URL": "dummymail://",
            "CACHE_URL": "redis://127.0.0.1:6379/13",
            "CELERY_BROKER_URL": BROKER,
            "SCHEDULING_API_RATE": "1000000",
        }
    )
    server = _start_gunicorn(args, env)
    try:
        queue = multiprocessing.Queue()
        start_at = time.time() + 2.0
        in_server = lambda pid, pgrp, name: pgrp == server.pid  # noqa: E731
        in_postgres = lambda pid, pgrp, name: name.startswith("postgres")  # noqa: E731
        server_cpu, postgres_cpu = _cpu_seconds(in_server), _cpu_seconds(in_postgres)
        chunk = len(tokens) // args.client_processes
        procs = [
            multiprocessing.Process(
                target=_client,
                args=(
                    f"http://127.0.0.1:{args.port}",
                    tokens[p * chunk : (p + 1) * chunk],
                    slot_ids,
                    args.concurrency // args.client_processes,
                    start_at,
                    args.duration,
                    queue,
                ),
            )
            for p in range(args.client_processes)
        ]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        server_cpu = _cpu_seconds(in_server) - server_cpu
        postgres_cpu = _cpu_seconds(in_postgres) - postgres_cpu
        for p in procs:
            p.join()
    finally:
        _stop(server)
    created = sum(r["created"] for r in results)
    repeated = sum(r["repeated"] for r in results)
    errors: dict[str, int] = {}
    for r in results:
        for k, v in r["errors"].items():
            errors[k] = errors.get(k, 0) + v
    latencies = [x for r in results for x in r["latencies"]]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0] * 99
    sent = created + repeated + sum(errors.values())
    print(
        f"\nBookings over HTTP: gunicorn gthread {args.workers}x{args.threads}, {args.concurrency} in flight "
        f"from {args.client_processes} client processes, {args.duration:.0f} s"
    )
    print(f"  booked: {created} ({created / args.duration:.1f} bookings/s); retries answered 200: {repeated}")
    print(f"  latency: p50 {statistics.median(latencies):.1f} ms, p95 {cuts[94]:.1f} ms")
    print(f"  other answers: {errors or 'none'} (409 = the slot filled up meanwhile)")
    if sent:
        client_cpu = sum(r["cpu"] for r in results)
        print(
            f"  CPU per call (ms): web {server_cpu * 1000 / sent:.1f}, "
            f"PostgreSQL {postgres_cpu * 1000 / sent:.1f}, load generator {client_cpu * 1000 / sent:.1f}"
        )
