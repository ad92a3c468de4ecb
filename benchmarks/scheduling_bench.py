"""Scheduling benchmark (issue #5, Performance): availability of a service across 50 units over
30 days (p50/p95), and sustained bookings per second with zero overbooking, on PostgreSQL.

    .venv/bin/python benchmarks/scheduling_bench.py                 # load + measure
    .venv/bin/python benchmarks/scheduling_bench.py --reuse         # re-measure the loaded database

1. DROPS and re-creates the database of --database-url (its name must contain "bench" as a word),
   migrates it, creates one agency, --services in-person services and --units units (weekday hours
   08-12 and 14-18, 30-minute slots, --capacity desks, one seat reserved for legal priorities), every
   service offered at every unit with a 30-day window, and materialises the slots
   (services.slots.offering_slots_refresh, the code the platform runs).
2. Availability: selectors.availability.service_availability for a random service, 30 days, nearest
   first from a random point of Mato Grosso, in this process (DEBUG off): p50/p95/mean and queries.
3. Bookings: --processes worker processes x --threads threads call services.booking.appointment_book
   (the whole booking: seat, per-person quota, appointment, audit row, notification, e-mail task
   queued to Redis) for --duration seconds, each booking a random free slot of the next days for
   its own person; every 10th is sent twice with the same key. Then the database is checked: no slot
   holds more bookings than seats, counters equal the appointments, one appointment per key.
Not a test. Writes nothing to the repository.
Targets (2-core machine): availability p95 <= 100 ms; >= 200 bookings/s with zero overbooking.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
BROKER = "redis://127.0.0.1:6379/12"


def _argparser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/scheduling_bench")
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--capacity", type=int, default=3)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("-n", type=int, default=300, help="availability queries measured")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--http", action="store_true", help="book over HTTP (gunicorn + the API) instead")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (--http)")
    parser.add_argument("--port", type=int, default=8393)
    parser.add_argument("--concurrency", type=int, default=16, help="bookings in flight (--http)")
    parser.add_argument("--client-processes", type=int, default=2)
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


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plataforma.settings")
    os.environ.update(
        {"DEBUG": "false", "LOG_LEVEL": "WARNING", "EMAIL_URL": "dummymail://", "CELERY_BROKER_URL": BROKER}
    )
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()


def load(args) -> None:
    from datetime import time as clock
    from decimal import Decimal

    from django.core.management import call_command

    from plataforma.catalog.models import Agency, ServiceUnit
    from plataforma.catalog.tests.factories import published_service
    from plataforma.identity.tests.factories import make_editor
    from plataforma.scheduling.models import Offering, OpeningHours, UnitCalendar
    from plataforma.scheduling.services.slots import offering_slots_refresh

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    agency = Agency.objects.create(
        name="Ganha Tempo (benchmark)", acronym="GTBENCH", slug="ganha-tempo-bench"
    )
    editor = make_editor(agency)
    services = [
        published_service(
            agency=agency, editor=editor, name=f"Atendimento presencial {i:02d}", is_digital=False
        )
        for i in range(args.services)
    ]
    calendars = []
    for i in range(args.units):
        unit = ServiceUnit.objects.create(
            agency=agency,
            name=f"Unidade {i:02d}",
            street="Rua A",
            city=f"Cidade {i:02d}",
            opening_hours="8h-18h",
        )
        calendar = UnitCalendar.objects.create(
            unit=unit,
            latitude=Decimal(f"{rng.uniform(-17.5, -8.0):.6f}"),
            longitude=Decimal(f"{rng.uniform(-61.5, -50.5):.6f}"),
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(calendar=calendar, weekday=d, opens=o, closes=c)
            for d in range(5)
            for o, c in ((clock(8), clock(12)), (clock(14), clock(18)))
        )
        calendars.append(calendar)
    start = time.perf_counter()
    slots = 0
    for calendar in calendars:
        for service in services:
            offering = Offering.objects.create(
                calendar=calendar,
                service=service,
                duration_minutes=30,
                capacity=args.capacity,
                priority_reserved=1,
                horizon_days=30,
                min_notice_hours=1,
                per_person_limit=1,
            )
            slots += offering_slots_refresh(offering=offering)
    print(f"  slots materialised: {slots:,} in {time.perf_counter() - start:.1f} s")
    _add_people(args.people, start=0)
    print(f"  people: {args.people:,}")


def _add_people(count: int, *, start: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from plataforma.identity.models import Level, User

    password = make_password("benchmark-not-used")
    User.objects.bulk_create(
        [
            User(
                cpf=f"{90000000000 + i:011d}",
                full_name=f"Pessoa {i}",
                email=f"p{i}@bench.example.org",
                email_verified_at=timezone.now(),
                level=Level.PRATA,
                password=password,
            )
            for i in range(start, start + count)
        ],
        batch_size=2000,
    )


def availability(args) -> None:
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plataforma.catalog.models import Service
    from plataforma.scheduling.selectors.availability import service_availability
    from plataforma.scheduling.services.slots import local_today

    rng = random.Random(args.seed)
    services = list(Service.objects.filter(offerings__isnull=False).distinct())
    start = local_today() + timedelta(days=1)
    times, queries, units = [], 0, 0
    for i in range(args.n + 10):
        service = rng.choice(services)
        near = (rng.uniform(-17.5, -8.0), rng.uniform(-61.5, -50.5))
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            result = service_availability(service=service, start=start, days=30, near=near)
            elapsed = (time.perf_counter() - t0) * 1000
        if i >= 10:  # warm-up
            times.append(elapsed)
            queries = len(ctx.captured_queries)
            units = len(result)
    cuts = statistics.quantiles(times, n=100)
    print(
        f"\nAvailability of one service, {units} units x 30 days, nearest first ({args.n} calls): "
        f"p50 {statistics.median(times):.1f} ms, p95 {cuts[94]:.1f} ms, "
        f"mean {statistics.fmean(times):.1f} ms, "
        f"{queries} queries"
    )


def _worker(
    url: str, people: list[int], slot_ids: list[int], threads: int, start_at: float, duration: float, queue
):
    import threading

    _setup_django(url)
    from django.core.exceptions import ValidationError
    from django.db import close_old_connections

    from plataforma.identity.models import User
    from plataforma.scheduling.services.booking import BookingConflict, appointment_book

    users = {u.pk: u for u in User.objects.filter(pk__in=people)}
    close_old_connections()
    results = {"created": 0, "repeated": 0, "full": 0, "refused": 0, "latencies": []}
    lock = threading.Lock()

    def run(offset: int) -> None:
        rng = random.Random(f"{os.getpid()}-{offset}-{time.time_ns()}")  # fresh slots on each run
        mine = people[offset::threads]
        time.sleep(max(0.0, start_at - time.time()))
        end = start_at + duration
        i = 0
        while time.time() < end and i < len(mine):
            who = users[mine[i]]
            key = uuid.uuid4().hex
            slot_id = rng.choice(slot_ids)
            sends = 2 if i % 10 == 0 else 1
            for attempt in range(sends):
                t0 = time.perf_counter()
                try:
                    _appointment, created = appointment_book(person=who, slot_id=slot_id, idempotency_key=key)
                    outcome = "created" if created else "repeated"
                except BookingConflict:
                    outcome = "full"
                except ValidationError:
                    outcome = "refused"
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    results[outcome] += 1
                    if outcome == "created" and attempt == 0:
                        results["latencies"].append(elapsed)
            i += 1
        close_old_connections()

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put(results)


def bookings(args) -> None:
    from datetime import timedelta

    from django.db import connection

    from plataforma.common.calendar import CUIABA
    from plataforma.identity.models import User
    from plataforma.scheduling.models import Appointment, Slot
    from plataforma.scheduling.services.slots import local_today

    first_day = local_today() + timedelta(days=1)
    from datetime import datetime
    from datetime import time as clock

    low = datetime.combine(first_day, clock.min, CUIABA)
    # the next 5 days' slots of every unit and service: contention like a busy week
    slot_ids = list(
        Slot.objects.filter(starts_at__gte=low, starts_at__lt=low + timedelta(days=7), open=True).values_list(
            "id", flat=True
        )
    )
    taken = set(Appointment.objects.values_list("person_id", flat=True))
    people = [
        pk for pk in User.objects.filter(cpf__startswith="9").values_list("pk", flat=True) if pk not in taken
    ]
    if len(people) < args.people // 2:
        # earlier runs used most people up (one booking each): add a fresh batch
        _add_people(args.people, start=User.objects.filter(cpf__startswith="9").count())
        people = [
            pk
            for pk in User.objects.filter(cpf__startswith="9").values_list("pk", flat=True)
            if pk not in taken
        ]
    if args.http:
        from scheduling_http import run_http_bookings

        run_http_bookings(args, people[:20000], slot_ids)
        print_database_checks()
        return
    connection.close()
    per = len(people) // args.processes
    queue = multiprocessing.Queue()
    start_at = time.time() + 3.0
    procs = [
        multiprocessing.Process(
            target=_worker,
            args=(
                args.database_url,
                people[p * per : (p + 1) * per],
                slot_ids,
                args.threads,
                start_at,
                args.duration,
                queue,
            ),
        )
        for p in range(args.processes)
    ]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    created = sum(r["created"] for r in results)
    latencies = [x for r in results for x in r["latencies"]]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0] * 99
    print(
        f"\nBookings: {args.processes} processes x {args.threads} threads calling appointment_book, "
        f"{args.duration:.0f} s, {len(slot_ids):,} slots of the next 7 days"
    )
    print(
        f"  booked: {created} ({created / args.duration:.1f} bookings/s); repeats answered with the same "
        f"appointment: {sum(r['repeated'] for r in results)}; slot full: {sum(r['full'] for r in results)}; "
        f"other refusals: {sum(r['refused'] for r in results)}"
    )
    print(
        f"  latency of a booking: p50 {statistics.median(latencies):.1f} ms, p95 {cuts[94]:.1f} ms, "
        f"p99 {cuts[98]:.1f} ms"
    )
    print_database_checks()


def print_database_checks() -> None:
    """The invariants after a run: no slot above its seats, counters equal to the appointments
    holding a seat, one appointment per (person, key)."""
    from django.db.models import Count, F, Q

    from plataforma.scheduling.models import Appointment, Slot

    overbooked = Slot.objects.filter(
        Q(booked_regular__gt=F("capacity") - F("reserved"))
        | Q(booked_regular__gt=F("capacity") - F("booked_priority"))
    ).count()
    mismatched = (
        Slot.objects.annotate(n=Count("appointments", filter=~Q(appointments__status__in=RELEASED)))
        .exclude(n=F("booked_regular") + F("booked_priority"))
        .count()
    )
    keys = (
        Appointment.objects.values("person_id", "idempotency_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    print(
        f"  database: overbooked slots {overbooked}; slots whose counters differ from their appointments "
        f"{mismatched}; keys with two appointments {keys}"
    )


RELEASED = ["cancelado", "remarcado"]  # appointments that gave their seat back


def main() -> None:
    args = _argparser().parse_args()
    if not args.reuse:
        _fresh_database(args.database_url)
    _setup_django(args.database_url)
    from django.db import connection

    if not args.reuse:
        start = time.perf_counter()
        load(args)
        print(f"  load: {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"\nDatabase: {connection.vendor} {connection.pg_version}; CPUs: {os.cpu_count()}; "
        f"load {os.getloadavg()}"
    )
    availability(args)
    connection.close()
    bookings(args)
    import subprocess

    subprocess.run(["redis-cli", "-n", "12", "FLUSHDB"], capture_output=True, check=False)  # noqa: S607


if __name__ == "__main__":
    main()
