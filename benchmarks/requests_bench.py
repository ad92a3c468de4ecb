"""Service-request benchmark (issue #4, Performance): with N requests in PostgreSQL, the
requester's list, the agency inbox and the panel pages (p50/p95, server-side), then sustained
submissions per second over real HTTP (gunicorn) with no duplicate protocol number.

    .venv/bin/python benchmarks/requests_bench.py                       # 1,000,000 requests
    .venv/bin/python benchmarks/requests_bench.py --requests 100000     # quicker
    .venv/bin/python benchmarks/requests_bench.py --reuse               # skip the load, re-measure

1. DROPS and re-creates the database of --database-url (its name must contain "bench" as a word),
   migrates it, creates 20 agencies x 10 digital services with request forms, --citizens accounts,
   an analyst+gestor per agency, and COPYs --requests requests (a quarter to the first agency; one
   heavy requester with 500; most concluded, recent ones in progress or pending). ANALYZE, then the
   panel's indicators are rebuilt from all of them (timed: the hourly job recomputes two months).
2. Measures with Django's test Client in this process (no network, DEBUG off): the requester's
   list (300 different people + the heavy one), the inbox of the largest agency with each filter,
   the public panel pages and open data. Prints p50/p95/mean and SQL queries per page.
3. Starts gunicorn (--workers x --threads, gthread, Redis cache) and drives POST
   /api/v1/servicos/<slug>/solicitacoes with MT Login bearer tokens (one per person, scope
   solicitacoes) from --client-processes processes for --duration seconds; each submission has
   its own Idempotency-Key and every 10th is sent twice (a retry). Prints submissions/s, latency,
   and checks in the database that protocol numbers are unique and that retries created nothing.
Not a test. Writes nothing to the repository.
Targets (2-core machine): list p95 <= 50 ms, inbox p95 <= 100 ms, panel p95 <= 100 ms,
>= 100 submissions/s with no duplicate protocol.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _argparser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/requests_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("-n", type=int, default=300, help="page loads per measured case")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--reuse", action="store_true", help="measure an already loaded database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8392)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of submissions")
    parser.add_argument("--concurrency", type=int, default=16, help="submissions in flight")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--skip-submit", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    return parser


def _fresh_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name.split("_"):
        raise SystemExit(f"Refusing to drop {name!r}: the database name must contain 'bench' as a word.")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100)
    return statistics.median(values), cuts[94], statistics.fmean(values)


def measure(client, label: str, urls: list[str], n: int, *, login=None) -> dict:
    """GET each url (cycling), optionally signing a different person in before each one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i, url in enumerate(urls[:10]):  # warm-up
        if login:
            login(i)
        client.get(url)
    times, queries, statuses = [], [], set()
    for i in range(n):
        url = urls[i % len(urls)]
        if login:
            login(i)
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
        statuses.add(response.status_code)
    p50, p95, mean = _percentiles(times)
    q = f"{min(queries)}-{max(queries)}" if min(queries) != max(queries) else str(queries[0])
    return {"label": label, "n": n, "p50": p50, "p95": p95, "mean": mean, "queries": q, "status": statuses}


def print_table(results: list[dict]) -> None:
    header = f"{'case':50} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'queries':>8} {'status':>8}"
    print(header)
    print("-" * len(header))
    for r in results:
        status = ",".join(str(s) for s in sorted(r["status"]))
        print(
            f"{r['label']:50} {r['n']:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['mean']:>8.1f} "
            f"{r['queries']:>8} {status:>8}"
        )


def pages(args) -> list[dict]:
    from django.test import Client

    from plataforma.catalog.models import Agency, Service
    from plataforma.identity.models import AgencyRole, User
    from plataforma.service_requests.models import ServiceRequest

    rng = random.Random(args.seed)
    results = []
    client = Client()
    # Requesters: people who have requests, and the heaviest requester.
    sample_ids = (
        list(ServiceRequest.objects.order_by("?").values_list("requester_id", flat=True)[: args.n])
        if args.requests <= 200_000
        else _sample_requesters(args.n, rng)
    )
    people = list(User.objects.filter(pk__in=sample_ids))
    heavy = (
        ServiceRequest.objects.values("requester_id")
        .order_by()
        .annotate(n=__import__("django").db.models.Count("id"))
        .order_by("-n")
        .first()
    )
    heavy_user = User.objects.get(pk=heavy["requester_id"])
    results.append(
        measure(
            client,
            "my requests /conta/solicitacoes/ (300 people)",
            ["/conta/solicitacoes/"],
            args.n,
            login=lambda i: client.force_login(people[i % len(people)]),
        )
    )
    client.force_login(heavy_user)
    results.append(
        measure(
            client,
            f"my requests, heavy requester ({heavy['n']}), pages 1-3",
            ["/conta/solicitacoes/", "/conta/solicitacoes/?pagina=2", "/conta/solicitacoes/?page=3"],
            args.n,
        )
    )
    # The inbox of the largest agency.
    biggest = (
        ServiceRequest.objects.values("agency_id")
        .order_by()
        .annotate(n=__import__("django").db.models.Count("id"))
        .order_by("-n")
        .first()
    )
    agency = Agency.objects.get(pk=biggest["agency_id"])
    analyst = AgencyRole.objects.filter(agency=agency, role="analista", revoked_at__isnull=True).first().user
    client.force_login(analyst)
    service = Service.objects.filter(agency=agency).first()
    a_protocol = ServiceRequest.objects.filter(agency=agency).values_list("protocol", flat=True).first()
    base = "/servidor/solicitacoes/"
    inbox_urls = {
        "open (default)": [base],
        "status em andamento": [f"{base}?situacao=situacao:em_andamento"],
        "overdue": [f"{base}?prazo=vencidos"],
        "due in 3 business days": [f"{base}?prazo=em_breve"],
        "assigned to me": [f"{base}?responsavel=eu"],
        "unassigned": [f"{base}?responsavel=ninguem"],
        "one service": [f"{base}?servico={service.pk}&situacao=todas"],
        "all, page 20": [f"{base}?situacao=todas&pagina=20"],
        "protocol search": [f"{base}?protocolo={a_protocol}&situacao=todas"],
    }
    for label, urls in inbox_urls.items():
        results.append(
            measure(client, f"inbox {agency.acronym} ({biggest['n']}): {label}", urls, args.n // 3)
        )
    results.append(
        measure(
            client,
            "inbox: request detail (audited read)",
            [
                f"{base}{p}/"
                for p in ServiceRequest.objects.filter(agency=agency).values_list("protocol", flat=True)[:100]
            ],
            args.n // 3,
        )
    )
    # The public panel (anonymous).
    client.logout()
    slugs = list(Service.objects.filter(is_published=True).values_list("slug", flat=True)[:50])
    agencies = list(Agency.objects.values_list("slug", flat=True)[:20])
    results += [
        measure(client, "panel /painel/", ["/painel/"], args.n),
        measure(
            client,
            "panel per agency /painel/orgaos/<slug>/",
            [f"/painel/orgaos/{s}/" for s in agencies],
            args.n,
        ),
        measure(
            client,
            "panel per service /painel/servicos/<slug>/",
            [f"/painel/servicos/{s}/" for s in slugs],
            args.n,
        ),
        measure(
            client,
            "open data indicadores.json (agencies)",
            ["/painel/dados/indicadores.json?escopo=orgao"],
            args.n // 3,
        ),
        measure(
            client,
            "open data indicadores.csv (services)",
            ["/painel/dados/indicadores.csv?escopo=servico"],
            args.n // 3,
        ),
    ]
    return results


def _sample_requesters(n: int, rng: random.Random) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT requester_id FROM service_requests_servicerequest TABLESAMPLE SYSTEM (1) LIMIT %s",
            [n * 3],
        )
        ids = [row[0] for row in cursor.fetchall()]
    rng.shuffle(ids)
    return ids[:n]


def main() -> None:
    args = _argparser().parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    if not args.reuse:
        _fresh_database(args.database_url)
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from plataforma.service_requests.models import ServiceRequest

    timings = {}
    if not args.reuse:
        call_command("migrate", verbosity=0)
        from requests_data import load_requests, setup_reference

        start = time.perf_counter()
        loaded = setup_reference(citizens=args.citizens, seed=args.seed)
        timings["reference data"] = time.perf_counter() - start
        start = time.perf_counter()
        load_requests(loaded, total=args.requests, seed=args.seed)
        timings["COPY requests"] = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE") if connection.connection.autocommit else cursor.execute(
                "ANALYZE"
            )
        start = time.perf_counter()
        call_command("monitoring_rebuild", verbosity=0)
        timings["panel: rebuild all indicators"] = time.perf_counter() - start
    if not args.skip_pages:
        from plataforma.monitoring.services import indicators_refresh

        start = time.perf_counter()
        indicators_refresh()
        timings["panel: hourly refresh (2 months)"] = time.perf_counter() - start

    total = ServiceRequest.objects.count()
    version = connection.pg_version if connection.vendor == "postgresql" else ""
    print(f"\nDatabase: {connection.vendor} {version} ({args.database_url}); requests: {total:,}")
    print(f"CPUs: {os.cpu_count()}  Python: {sys.version.split()[0]}  load average: {os.getloadavg()}")
    for label, seconds in timings.items():
        print(f"  {label}: {seconds:.1f} s")
    if not args.skip_pages:
        print()
        print_table(pages(args))
    if not args.skip_submit:
        from requests_submit import run_submissions

        connection.close()
        run_submissions(args)


if __name__ == "__main__":
    main()
