"""Ouvidoria benchmark (issue #6, Performance): with N manifestações in PostgreSQL, the ouvidoria's
inbox in the Área do Servidor (p50/p95, server-side) for the Ouvidoria-Geral and for one agency's
ouvidor with every filter, the yearly relatório de gestão (page, open data, PDF, the figures
computed cold), and the panel's ranking of complaints.

    .venv/bin/python benchmarks/ombudsman_bench.py                          # 500,000 manifestações
    .venv/bin/python benchmarks/ombudsman_bench.py --manifestations 100000  # quicker
    .venv/bin/python benchmarks/ombudsman_bench.py --reuse                  # skip the load, re-measure
    .venv/bin/python benchmarks/ombudsman_bench.py --reuse --explain        # + EXPLAIN ANALYZE of slow pages

1. DROPS and re-creates the database of --database-url (its name must contain "bench" as a word),
   migrates it, creates 30 agencies with an ouvidor and 4 published services each, the CGE with the
   Ouvidoria-Geral's ouvidora, --citizens accounts, and COPYs --manifestações manifestações over five
   years (benchmarks/ombudsman_data.py) with their answers, ratings, measures and requests to the
   areas. ANALYZE. Publishes last year's state report (its figures computed once, timed) and
   rebuilds the panel's indicators (timed).
2. Measures with Django's test Client in this process (no network, DEBUG off, the cache of
   --cache-url): /servidor/ouvidoria/ for the Ouvidoria-Geral (every agency) and for the ouvidor
   of the largest agency, with each filter (status, kind, channel, deadline, agency, protocol, the
   next page); then the report pages, open data and PDF, the panel and its ouvidoria files. Prints
   p50/p95/mean and the SQL queries per page. With --explain, prints EXPLAIN (ANALYZE, BUFFERS) of
   the slowest query of every inbox case whose p95 is over the target.
Not a test. Writes nothing to the repository.
Targets (2-core machine): inbox p95 <= 100 ms; report page and open data p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
INBOX_TARGET_MS = 100.0


def _argparser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ombudsman_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--manifestations", type=int, default=500_000)
    parser.add_argument("--citizens", type=int, default=50_000)
    parser.add_argument("-n", type=int, default=200, help="page loads per measured case")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--reuse", action="store_true", help="measure an already loaded database")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slow inbox queries")
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
    if len(values) < 2:
        return values[0], values[0], values[0]
    cuts = statistics.quantiles(values, n=100)
    return statistics.median(values), cuts[94], statistics.fmean(values)


def measure(client, label: str, urls: list[str], n: int) -> dict:
    """GET each url (cycling) n times after a warm-up; times, queries and the slowest query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:5]:
        client.get(url)
    times, queries, statuses = [], [], set()
    slowest: tuple[float, str] = (0.0, "")
    for i in range(n):
        url = urls[i % len(urls)]
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
        statuses.add(response.status_code)
        for q in ctx.captured_queries:
            if float(q["time"]) * 1000 > slowest[0]:
                slowest = (float(q["time"]) * 1000, q["sql"])
    p50, p95, mean = _percentiles(times)
    q = f"{min(queries)}-{max(queries)}" if min(queries) != max(queries) else str(queries[0])
    return {
        "label": label,
        "n": n,
        "p50": p50,
        "p95": p95,
        "mean": mean,
        "queries": q,
        "status": statuses,
        "slowest": slowest,
    }


def print_table(results: list[dict]) -> None:
    header = f"{'case':62} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'queries':>8} {'status':>7}"
    print(header)
    print("-" * len(header))
    for r in results:
        status = ",".join(str(s) for s in sorted(r["status"]))
        flag = "  <-- over target" if r.get("target") and r["p95"] > r["target"] else ""
        print(
            f"{r['label'][:62]:62} {r['n']:>4} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['mean']:>8.1f} "
            f"{r['queries']:>8} {status:>7}{flag}"
        )


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _inbox_cases(client, *, label: str, agency_slug: str | None, protocol: str) -> list[dict]:
    base = "/servidor/ouvidoria/"
    cases = {
        "open, by deadline (default)": [base],
        "all statuses": [f"{base}?situacao=todas"],
        "status concluida": [f"{base}?situacao=concluida"],
        "status encaminhada": [f"{base}?situacao=encaminhada"],
        "kind denuncia (open)": [f"{base}?tipo=denuncia"],
        "kind elogio, all statuses": [f"{base}?situacao=todas&tipo=elogio"],
        "channel telefone (open)": [f"{base}?canal=telefone"],
        "channel carta, all statuses": [f"{base}?situacao=todas&canal=carta"],
        "overdue": [f"{base}?prazo=vencidas"],
        "due in 5 days": [f"{base}?prazo=em_breve"],
        "on time": [f"{base}?prazo=no_prazo"],
        "suspended (waiting for the user)": [f"{base}?prazo=suspenso"],
        "protocol search": [f"{base}?situacao=todas&protocolo={protocol}"],
        # rare combinations: without their own indexes they read every open (or every) row
        "simplifique by carta (open)": [f"{base}?tipo=simplifique&canal=carta"],
        "simplifique by carta, all statuses": [f"{base}?situacao=todas&tipo=simplifique&canal=carta"],
        "suspended, by carta": [f"{base}?prazo=suspenso&canal=carta"],
        "archived denúncias by carta": [f"{base}?situacao=arquivada&tipo=denuncia&canal=carta"],
    }
    if agency_slug:
        cases["one agency, all statuses"] = [f"{base}?situacao=todas&orgao={agency_slug}"]
        cases["one agency, open"] = [f"{base}?orgao={agency_slug}"]
        cases["without agency (triage)"] = [f"{base}?orgao=sem-orgao"]
    results = []
    for name, urls in cases.items():
        result = measure(client, f"inbox {label}: {name}", urls, max(30, ARGS.n // 3))
        result["target"] = INBOX_TARGET_MS
        results.append(result)
    # The next page: follow the cursor of the first page of "all statuses" and of the default.
    for name, first in (("page 2, open", base), ("page 2, all statuses", f"{base}?situacao=todas")):
        found = re.search(r'href="([^"]*apos=[^"]*)" rel="next"', client.get(first).content.decode())
        if found:
            next_url = base + html.unescape(found.group(1))
            result = measure(client, f"inbox {label}: {name}", [next_url], max(30, ARGS.n // 3))
            result["target"] = INBOX_TARGET_MS
            results.append(result)
    return results


def pages(args) -> list[dict]:
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from plataforma.identity.models import AgencyRole, User
    from plataforma.ombudsman.models import Manifestation

    cache.clear()
    client = Client()
    results: list[dict] = []
    general = User.objects.get(
        cpf=AgencyRole.objects.filter(agency__acronym="CGE", role="ouvidor")
        .values_list("user__cpf", flat=True)
        .first()
    )
    biggest = (
        Manifestation.objects.exclude(agency=None)
        .values("agency_id", "agency__slug")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    ouvidor = User.objects.get(
        pk=AgencyRole.objects.filter(agency_id=biggest["agency_id"], role="ouvidor")
        .values_list("user_id", flat=True)
        .first()
    )
    protocol = (
        Manifestation.objects.filter(agency_id=biggest["agency_id"])
        .values_list("protocol", flat=True)
        .first()
    )

    client.force_login(general)
    results += _inbox_cases(
        client, label="Ouvidoria-Geral", agency_slug=biggest["agency__slug"], protocol=protocol
    )
    client.force_login(ouvidor)
    results += _inbox_cases(
        client, label=f"{biggest['agency__slug']} ({biggest['n']:,})", agency_slug=None, protocol=protocol
    )

    client.logout()
    year = timezone.localdate().year
    last = year - 1
    slug = biggest["agency__slug"]
    results += [
        measure(client, f"report {last} (published) page", [f"/ouvidoria/relatorios/{last}/"], args.n),
        measure(
            client, f"report {year} (preliminary, cached) page", [f"/ouvidoria/relatorios/{year}/"], args.n
        ),
        measure(
            client,
            f"report {last} agency {slug} (preliminary) page",
            [f"/ouvidoria/relatorios/{last}/orgaos/{slug}/"],
            args.n,
        ),
        measure(client, f"report {last} dados.csv", [f"/ouvidoria/relatorios/{last}/dados.csv"], args.n // 2),
        measure(
            client, f"report {last} dados.json", [f"/ouvidoria/relatorios/{last}/dados.json"], args.n // 2
        ),
        measure(
            client,
            f"report {last} providencias.csv",
            [f"/ouvidoria/relatorios/{last}/providencias.csv"],
            args.n // 4,
        ),
        measure(client, "reports index", ["/ouvidoria/relatorios/"], args.n),
        measure(
            client,
            f"report {last} PDF (cached after the first)",
            [f"/ouvidoria/relatorios/{last}/relatorio.pdf"],
            10,
        ),
        measure(client, "panel /painel/ (with the ranking)", ["/painel/"], args.n),
        measure(
            client,
            "panel /painel/ouvidoria/ (year and a month)",
            [f"/painel/ouvidoria/?ano={last}", f"/painel/ouvidoria/?ano={last}&mes=6"],
            args.n,
        ),
        measure(
            client, "open data /painel/dados/ouvidoria.csv", ["/painel/dados/ouvidoria.csv"], args.n // 4
        ),
    ]
    for r in results[-11:-8]:
        r["target"] = INBOX_TARGET_MS
    return results


def cold_figures() -> list[tuple[str, float]]:
    """The report's figures computed from the manifestações (what the cache hides once an hour)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from plataforma.catalog.models import Agency
    from plataforma.ombudsman.reports.selectors.figures import compute_figures

    year = timezone.localdate().year
    agency = Agency.objects.get(slug="ouvb00")
    out = []
    for label, kwargs in (
        (f"figures {year - 1}, state", {"year": year - 1}),
        (f"figures {year}, state (year so far)", {"year": year}),
        (f"figures {year - 1}, agency ouvb00", {"year": year - 1, "agency": agency}),
    ):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            compute_figures(**kwargs)
            elapsed = (time.perf_counter() - start) * 1000
        slow = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:3]
        out.append((f"{label}: {len(ctx.captured_queries)} queries", elapsed))
        for q in slow:
            out.append((f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:110]}", -1))
    return out


ARGS = None


def main() -> None:
    global ARGS
    args = ARGS = _argparser().parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["CACHE_URL"] = args.cache_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")
    os.environ.update({"DEBUG": "false", "LOG_LEVEL": "WARNING", "EMAIL_URL": "dummymail://"})
    if not args.reuse:
        _fresh_database(args.database_url)
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from plataforma.ombudsman.models import Manifestation

    timings: dict[str, float] = {}
    with override_settings(OMBUDSMAN_GENERAL_AGENCY="CGE", ALLOWED_HOSTS=["testserver"]):
        # a reused database is brought to the current schema too (new indexes are measured)
        call_command("migrate", verbosity=0)
        if not args.reuse:
            from ombudsman_data import load_manifestations, setup_reference

            start = time.perf_counter()
            loaded = setup_reference(citizens=args.citizens)
            timings["reference data"] = time.perf_counter() - start
            start = time.perf_counter()
            counts = load_manifestations(loaded, total=args.manifestations, seed=args.seed)
            timings["COPY " + ", ".join(f"{n:,} {what}" for what, n in counts.items())] = (
                time.perf_counter() - start
            )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            from plataforma.ombudsman.reports import services

            year = timezone.localdate().year - 1
            start = time.perf_counter()
            services.report_draft_save(
                actor=loaded.general,
                year=year,
                analysis="Análise de benchmark.",
                recommendations="Recomendações de benchmark.",
                addressed_to="Governador do Estado",
            )
            services.report_publish(actor=loaded.general, year=year)
            timings[f"publish the {year} state report (figures computed once)"] = time.perf_counter() - start
            start = time.perf_counter()
            call_command("monitoring_rebuild", verbosity=0)
            timings["panel: rebuild all indicators (5 years)"] = time.perf_counter() - start
        from plataforma.monitoring.services import indicators_refresh

        start = time.perf_counter()
        indicators_refresh()
        timings["panel: hourly refresh (2 months, incl. the ranking)"] = time.perf_counter() - start

        total = Manifestation.objects.count()
        print(
            f"\nDatabase: {connection.vendor} {connection.pg_version} "
            f"({args.database_url}); manifestações: {total:,}"
        )
        print(f"CPUs: {os.cpu_count()}  Python: {sys.version.split()[0]}  load average: {os.getloadavg()}")
        for label, seconds in timings.items():
            print(f"  {label}: {seconds:.1f} s")
        print("\nReport figures computed cold (no cache):")
        for label, ms in cold_figures():
            print(f"  {label}" + (f": {ms:.0f} ms" if ms >= 0 else ""))
        print()
        results = pages(args)
        print_table(results)
        slow = [r for r in results if r.get("target") and r["p95"] > r["target"]]
        print(f"\n{len(slow)} case(s) over the {INBOX_TARGET_MS:.0f} ms p95 target.")
        if args.explain:
            for r in slow:
                ms, sql = r["slowest"]
                print(f"\n=== {r['label']} — slowest query {ms:.1f} ms ===\n{sql}\n")
                print(_explain(sql))


if __name__ == "__main__":
    main()
