"""Catalogue benchmark: search and service page with 10,000 published services.

Creates a THROW-AWAY database, migrates it, bulk-loads synthetic but realistic published services
(search columns filled by services.search_fields_for, exactly as publishing does), then measures
server-side with Django's test Client (no network): p50 / p95 / mean and queries per request.

    .venv/bin/python benchmarks/catalog_bench.py                       # SQLite under /tmp
    .venv/bin/python benchmarks/catalog_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/plataforma_bench   # PostgreSQL

The PostgreSQL database named in --database-url is DROPPED and re-created (its name must contain
"bench" as a word: plataforma_bench, plataforma_bench_g). Not a test.
Targets (2-core machine): search p95 <= 50 ms, service page p95 <= 25 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from catalog_data import load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _argparser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="sqlite:////tmp/catalog_bench.sqlite3")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("-n", "--requests", type=int, default=300, help="requests per measured case")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--sqlite-cache-mb",
        type=int,
        default=0,
        help="SQLite only: PRAGMA cache_size for each connection (0 = the settings' default)",
    )
    return parser


def _fresh_database(url: str) -> None:
    if url.startswith("sqlite:"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name.split("_"):
        raise SystemExit(
            f"Refusing to drop {name!r}: the benchmark database name must contain 'bench' as a word "
            "(plataforma_bench, plataforma_bench_g)."
        )
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def measure(client, label: str, urls: list[str], n: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:10]:  # warm-up (templates, caches, connection)
        client.get(url)
    times, cpu, queries, statuses = [], [], [], set()
    for i in range(n):
        url = urls[i % len(urls)]
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - start) * 1000
            cpu.append((time.process_time() - start_cpu) * 1000)
        times.append(elapsed)
        queries.append(len(ctx.captured_queries))
        statuses.add(response.status_code)
    cuts = statistics.quantiles(times, n=100)
    return {
        "label": label,
        "n": n,
        "p50": statistics.median(times),
        "p95": cuts[94],
        "mean": statistics.fmean(times),
        "cpu95": statistics.quantiles(cpu, n=100)[94],
        "queries": f"{min(queries)}-{max(queries)}" if min(queries) != max(queries) else str(queries[0]),
        "status": ",".join(str(s) for s in sorted(statuses)),
    }


SEARCHES = [
    "licença",
    "certidão",
    "carteira",
    "imposto",
    "matrícula escolar",
    "licenca ambiental",
    "certidao negativa",
    "habilitacao",
    "inscricao estadual",
    "CNH",
    "RG",
    "IPVA",
    "segunda via",
    "nada consta",
    "carteira de motorista",
    "holerite",
    "xyzzy plugh",
    "passaporte",
    "licensa ambientau",
    "renovar cnh pela internet",
]
FILTERS = [
    "",
    "&publico=cidadao",
    "&orgao=detran-mt",
    "&area=saude&digital=on",
    "&gratuito=on&publico=empresa",
]


def main() -> None:
    args = _argparser().parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    _fresh_database(args.database_url)

    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from plataforma.catalog.models import Service

    if args.sqlite_cache_mb and connection.vendor == "sqlite":
        from django.db.backends.signals import connection_created

        def _cache(sender, connection, **kwargs):
            connection.cursor().execute(f"PRAGMA cache_size=-{args.sqlite_cache_mb * 1024}")

        connection_created.connect(_cache)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    slugs = load(args.services, args.seed)
    load_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    published = Service.objects.filter(is_published=True).count()

    rng = random.Random(args.seed)
    client = Client()
    search_urls = [f"/busca/?q={q}{f}" for q in SEARCHES for f in FILTERS]
    api_search_urls = [
        u.replace("/busca/?", "/api/v1/servicos?").replace("=on", "=true") for u in search_urls
    ]
    rng.shuffle(search_urls)
    rng.shuffle(api_search_urls)
    sample = rng.sample(slugs, min(len(slugs), 500))
    results = [
        measure(client, "search page /busca/?q=…", search_urls, args.requests),
        measure(client, "API search /api/v1/servicos?q=…", api_search_urls, args.requests),
        measure(client, "service page /servicos/<slug>/", [f"/servicos/{s}/" for s in sample], args.requests),
        measure(
            client,
            "API service /api/v1/servicos/<slug>",
            [f"/api/v1/servicos/{s}" for s in sample],
            args.requests,
        ),
    ]
    export_n = max(3, args.requests // 100)
    results += [
        measure(client, "export /api/v1/servicos.csv", ["/api/v1/servicos.csv"], export_n),
        measure(client, "export /api/v1/servicos.json", ["/api/v1/servicos.json"], export_n),
        measure(client, "export /api/v1/govbr/servicos.json", ["/api/v1/govbr/servicos.json"], export_n),
    ]

    print(f"\nDatabase: {connection.vendor} ({args.database_url})")
    print(f"Services: {published} published of {args.services} ({load_seconds:.1f} s to load)")
    print(f"CPUs: {os.cpu_count()}  Python: {sys.version.split()[0]}  load average: {os.getloadavg()}")
    if args.sqlite_cache_mb:
        print(f"SQLite cache_size: {args.sqlite_cache_mb} MB")
    print(
        "cpu p95 = CPU time of this process (for SQLite: all the work; for PostgreSQL: without the server)\n"
    )
    header = (
        f"{'case':42} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'cpu p95':>8} {'queries':>8} "
        f"{'status':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['label']:42} {r['n']:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['mean']:>8.1f} "
            f"{r['cpu95']:>8.1f} {r['queries']:>8} {r['status']:>7}"
        )


if __name__ == "__main__":
    main()
