"""MT Login benchmark: client-credentials grants/s, refresh grants/s, password sign-ins/s and the
token endpoint's latency, over real HTTP against gunicorn and PostgreSQL (issue #3, Performance).

    .venv/bin/python benchmarks/mtlogin_bench.py                          # defaults below
    .venv/bin/python benchmarks/mtlogin_bench.py --workers 4 --worker-class gthread --threads 4

What it does:
1. DROPS and re-creates the PostgreSQL database of --database-url (its name must contain "bench"
   as a word), migrates it, creates one confidential client (client_credentials, authorization
   code, refresh token) and --users accounts without a second factor, all directly in the database.
2. Starts gunicorn (--workers, default 2 x CPUs; DEBUG=false, DJANGO_ENV unset) with a Redis cache
   (--cache-url) so that rate limits and brute-force counters are shared by every worker as in
   production. The token-endpoint and sign-in rate limits are RAISED through the environment for
   the benchmark (printed below); brute-force protection never triggers because every sign-in
   uses a distinct account with the right password.
3. Mints a pool of refresh tokens through the real authorization-code flow (one sign-in, then
   authorize + code exchange over HTTP), so that each refresh token is used exactly once.
4. Measures, each for --duration seconds with --concurrency closed-loop clients spread over
   --client-processes processes (the client runs on the same machine: its CPU is reported):
   client-credentials grants/s, refresh grants/s, password sign-ins/s; p50/p95/p99 of each.
Prints everything; writes nothing to the repository. Not a test. Use --wait-idle on a shared machine.

Worker model, measured on the 2-core machine (PostgreSQL 15, Redis, 8 clients in flight): gthread with
2 processes x 4 threads equals sync with 4 processes on client credentials (~378 grants/s) and beats it
on refresh (+18 %) and password sign-in (+7 %), with keep-alive for relying parties' back ends:
    .venv/bin/python benchmarks/mtlogin_bench.py --worker-class gthread --workers 2 --threads 4
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mtlogin_load import CaseSpec, run_process  # noqa: E402
from mtlogin_setup import BENCH_ENV, mint_refresh_tokens, prepare_database  # noqa: E402

KEYCLOAK_PER_VCPU = {"client_credentials": 120.0, "sign_in": 15.0}


def _argparser() -> argparse.ArgumentParser:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mtlogin_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--workers", type=int, default=2 * cores, help="gunicorn worker processes")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument(
        "--wsgi-app", default="plataforma.wsgi:application", help="WSGI application gunicorn serves"
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per measured case")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load first")
    parser.add_argument(
        "--concurrency", type=int, default=0, help="clients in flight (0: 2 x workers x threads)"
    )
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--users", type=int, default=3000, help="accounts for the sign-in case")
    parser.add_argument("--refresh-pool", type=int, default=8000, help="refresh tokens minted")
    parser.add_argument(
        "--cases", default="client_credentials,refresh,sign_in", help="comma-separated subset to run"
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        help="before measuring, wait up to this many minutes for the 1-minute load average to drop below 0.5",
    )
    return parser


# --- CPU accounting from /proc ---------------------------------------------------------------
def _machine_jiffies() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


def _tree_cpu_seconds(pid: int) -> float:
    """utime+stime of a process and its live descendants (gunicorn master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
            parts = stat.rsplit(")", 1)[1].split()
            total += int(parts[11]) + int(parts[12])
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / ticks


def _services_cpu_seconds(database: str) -> float:
    """utime+stime of Redis and of the PostgreSQL processes that serve this benchmark: the
    backends connected to `database` and the server's own background processes (backends of other
    databases on a shared server are left out)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
            if name == "postgres":
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
                is_backend = "(" in command or "[local]" in command
                if is_backend and f" {database} " not in command:
                    continue
            elif name != "redis-server":
                continue
            parts = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(parts[11]) + int(parts[12])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / ticks


# --- gunicorn --------------------------------------------------------------------------------
def start_gunicorn(args, env: dict[str, str]) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        args.wsgi_app,
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    # stderr goes to a file, never to a pipe nobody reads while the load runs: a full pipe would
    # block the workers on their first long log message.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop_gunicorn
    server = subprocess.Popen(  # noqa: S603 - fixed command line
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True
    )
    server.log = log
    import httpx

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
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz in 60 s")


def stop_gunicorn(server: subprocess.Popen) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    server.log.seek(0)
    errors = server.log.read().decode(errors="replace")
    server.log.close()
    return errors


# --- one measured case -----------------------------------------------------------------------
def run_case(args, kind: str, duration: float, items: list[str], data: dict, server_pid: int) -> dict:
    concurrency = args.concurrency or 2 * args.workers * args.threads
    database = urlparse(args.database_url).path.lstrip("/")
    processes = max(1, min(args.client_processes, concurrency))
    threads = [concurrency // processes + (1 if i < concurrency % processes else 0) for i in range(processes)]
    start_at = time.time() + (3.0 if kind == "sign_in" else 1.5)  # time for every thread to prepare
    specs = [
        CaseSpec(
            kind=kind,
            host="127.0.0.1",
            port=args.port,
            threads=threads[i],
            start_at=start_at,
            duration=duration,
            client_id=data["code_client_id"] if kind == "refresh" else data["client_id"],
            client_secret=data["code_client_secret"] if kind == "refresh" else data["client_secret"],
            password=data["password"],
            items=items[i::processes],
        )
        for i in range(processes)
    ]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        pending = pool.map_async(run_process, specs)
        time.sleep(max(0.0, start_at - time.time()))
        jiffies0, idle0 = _machine_jiffies()
        server0 = _tree_cpu_seconds(server_pid)
        services0 = _services_cpu_seconds(database)
        wall0 = time.time()
        results = pending.get()
        wall = time.time() - wall0
        jiffies1, idle1 = _machine_jiffies()
        server1 = _tree_cpu_seconds(server_pid)
        services1 = _services_cpu_seconds(database)
    ends = [r["exhausted_at"] for r in results]
    elapsed = duration
    if all(ends):  # the work items ran out before the deadline
        elapsed = max(ends) - start_at
    latencies = sorted(x for r in results for x in r["latencies"])
    ok = sum(r["ok"] for r in results)
    failures: dict[str, int] = {}
    for r in results:
        for k, v in r["failures"].items():
            failures[k] = failures.get(k, 0) + v
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    busy = 1 - (idle1 - idle0) / max(1, jiffies1 - jiffies0)
    cores = os.cpu_count() or 1
    client_cpu = sum(r["cpu"] for r in results) / wall
    server_cpu = (server1 - server0) / wall
    services_cpu = max(0.0, services1 - services0) / wall
    return {
        "kind": kind,
        "ok": ok,
        "requests": len(latencies),
        "elapsed": elapsed,
        "rate": ok / elapsed if elapsed else 0.0,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "failures": failures,
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
        "services_cpu": services_cpu,
        "other_cpu": max(0.0, busy * cores - client_cpu - server_cpu - services_cpu),
        "machine_busy": busy,
        "concurrency": concurrency,
        "processes": processes,
    }


def _print_results(args, results: list[dict], data: dict) -> None:
    cores = os.cpu_count() or 1
    print()
    print(
        f"Machine: {cores} CPUs, Python {sys.version.split()[0]}; load average before the run "
        f"{tuple(round(x, 2) for x in data['load_at_start'])}, "
        f"after {tuple(round(x, 2) for x in os.getloadavg())}"
    )
    print(f"Database: PostgreSQL ({args.database_url}); cache and rate limits: Redis ({args.cache_url})")
    print(
        f"gunicorn: {args.workers} workers, worker class {args.worker_class}"
        + (f", {args.threads} threads each" if args.worker_class == "gthread" else "")
        + f"; DEBUG=false; DB_CONN_MAX_AGE={BENCH_ENV['DB_CONN_MAX_AGE']}"
    )
    print(f"Password hasher: {data['hasher']}")
    print(
        f"Raised for the benchmark (environment): {', '.join(f'{k}={v}' for k, v in data['raised'].items())}"
    )
    print(
        f"Refresh-token pool: {data['pool']} ({data.get('minted_over_http', 0)} through the code flow over"
        f" HTTP, the rest cloned from them in the database) in {data['mint_seconds']:.1f} s"
    )
    print()
    header = (
        f"{'case':30} {'ok':>7} {'req/s':>8} {'per core':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'conc':>5} {'web':>6} {'pg+rd':>6} {'client':>6} {'other':>6}  failures"
    )
    print(header)
    print("-" * len(header))
    labels = {
        "client_credentials": "client credentials (token)",
        "refresh": "refresh token (token)",
        "sign_in": "password sign-in (/conta/entrar/)",
    }
    for r in results:
        print(
            f"{labels[r['kind']]:30} {r['ok']:>7} {r['rate']:>8.1f} {r['rate'] / cores:>9.1f} "
            f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['concurrency']:>5} "
            f"{r['server_cpu']:>6.2f} {r['services_cpu']:>6.2f} {r['client_cpu']:>6.2f} "
            f"{r['other_cpu']:>6.2f}  "
            f"{r['failures'] or '-'}"
        )
    print()
    print(
        "CPU cores used during the case: web = gunicorn (all workers), pg+rd = PostgreSQL and Redis,\n"
        "client = the load generator, other = everything else on the machine (should be ~0)."
    )
    print()
    print("CPU cost per successful operation (robust to other load on the machine) and the capacity")
    print("it implies for one core doing only server work (web + PostgreSQL + Redis):")
    for r in results:
        if r["rate"]:
            web_ms = 1000 * r["server_cpu"] / r["rate"]
            services_ms = 1000 * r["services_cpu"] / r["rate"]
            print(
                f"  {labels[r['kind']]:34} web {web_ms:6.2f} ms + pg/redis {services_ms:5.2f} ms"
                f" -> {1000 / (web_ms + services_ms):7.1f}/s per core"
            )
    print()
    print("Keycloak's published sizing per vCPU, the target (2x) and this run per core:")
    for r in results:
        if r["kind"] in KEYCLOAK_PER_VCPU:
            base = KEYCLOAK_PER_VCPU[r["kind"]]
            per_core = r["rate"] / cores
            verdict = "MET" if per_core >= 2 * base else "NOT MET"
            print(
                f"  {labels[r['kind']]:34} Keycloak {base:6.1f}/s  target {2 * base:6.1f}/s  "
                f"here {per_core:7.1f}/s per core -> {verdict} ({per_core / base:.1f}x Keycloak)"
            )
    print(
        "  (per core = total rate / all CPUs of the machine, though the load generator, PostgreSQL and"
        " Redis share them.)"
    )


def main() -> None:
    args = _argparser().parse_args()
    name = urlparse(args.database_url).path.lstrip("/")
    if "bench" not in name.split("_"):
        raise SystemExit(f"Refusing to drop {name!r}: the database name must contain 'bench' as a word.")
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    password = "senha-do-benchmark-" + secrets.token_hex(4)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ENV"}
    env.update(BENCH_ENV)
    env["DJANGO_SETTINGS_MODULE"] = "plataforma.settings"
    env.update(
        {"DATABASE_URL": args.database_url, "CACHE_URL": args.cache_url, "CELERY_BROKER_URL": args.cache_url}
    )
    os.environ.update(env)
    os.environ.pop("DJANGO_ENV", None)

    if args.wait_idle:
        deadline = time.time() + 60 * args.wait_idle
        while os.getloadavg()[0] >= 0.5 and time.time() < deadline:
            time.sleep(10)
    load_at_start = os.getloadavg()
    data = prepare_database(args, password)  # migrate, client, users (Django set up in this process)
    server = start_gunicorn(args, env)
    try:
        base = f"http://127.0.0.1:{args.port}"
        start = time.perf_counter()
        pool = mint_refresh_tokens(base, data, args.refresh_pool if "refresh" in cases else 0)
        data["pool"], data["mint_seconds"] = len(pool), time.perf_counter() - start
        cpfs = list(data["cpfs"])
        results = []
        for kind in cases:
            if args.warmup and kind == "client_credentials":
                run_case(args, kind, args.warmup, [], data, server.pid)
            if kind == "refresh":
                if args.warmup:
                    warm = max(50, len(pool) // 20)
                    run_case(args, kind, args.warmup, pool[:warm], data, server.pid)
                    pool = pool[warm:]
                results.append(run_case(args, kind, args.duration, pool, data, server.pid))
            elif kind == "sign_in":
                if args.warmup:
                    warm = max(20, len(cpfs) // 20)
                    run_case(args, kind, args.warmup, cpfs[:warm], data, server.pid)
                    cpfs = cpfs[warm:]
                results.append(run_case(args, kind, args.duration, cpfs, data, server.pid))
            else:
                results.append(run_case(args, kind, args.duration, [], data, server.pid))
    finally:
        errors = stop_gunicorn(server)
    data["load_at_start"] = load_at_start
    _print_results(args, results, data)
    if "Traceback" in errors:
        print("\nServer errors (stderr of gunicorn, last lines):\n" + errors[-3000:])
    import redis

    redis.Redis.from_url(args.cache_url).flushdb()  # benchmark counters and queued e-mails


if __name__ == "__main__":
    main()
