"""The figures of the relatório de gestão (Lei 13.460 art. 15 I-IV; art. 23 III-V), for one year and
the whole state or one agency, computed with a fixed number of aggregate queries (GROUP BY and
filtered COUNTs over indexed time ranges): never one row per manifestação in Python.

Definitions (also on the report page, "Como os números são calculados"; ADR 0032):
- Year: calendar year in Cuiabá time. A manifestação belongs to the year it was received
  (`received_at`) and to the agency that holds it now (`agency`; empty = awaiting the
  Ouvidoria-Geral's triage).
- Deadlines: the conclusions (answers and archivings, `ManifestationAnswer`) made in the year,
  counted for the agency that concluded them; "no prazo" is the `on_time` recorded when it was
  concluded (art. 16). Answer time: calendar days from receipt to the first conclusion (cycle 1).
- Requests to the responsible areas (art. 16 §único): those sent in the year.
- Satisfaction: the ratings given in the year, counted for the manifestação's agency, published
  only under the disclosure rule of disclosure.py (at least k ratings, ADR 0023).
- Measures adopted (art. 15 IV): those recorded in the year, for the agency recorded on them.
The result is a JSON-ready dict (`FIGURES_VERSION`), stored as the published report's snapshot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.apps import apps
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from plataforma.common.calendar import CUIABA

from ...models import (
    OPEN_STATUSES,
    AdoptedMeasure,
    AnswerRating,
    Channel,
    Forwarding,
    Kind,
    Manifestation,
    ManifestationAnswer,
    Status,
)
from . import disclosure

FIGURES_VERSION = 1
KINDS = [k.value for k in Kind]
CHANNELS = [c.value for c in Channel]
STATUSES = [s.value for s in Status]
MEASURE_KINDS = [k.value for k in AdoptedMeasure.Kind]
OPEN = [s.value for s in OPEN_STATUSES]
SCORES = (1, 2, 3, 4, 5)
SECONDS_PER_DAY = 86_400


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[1 January 00:00, next 1 January 00:00) in Cuiabá time, aware."""
    return datetime(year, 1, 1, tzinfo=CUIABA), datetime(year + 1, 1, 1, tzinfo=CUIABA)


def _in_year(field: str, start: datetime, end: datetime) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _received_by_agency(start, end, agency_id, now) -> tuple[list[dict[str, Any]], list[int]]:
    """One scan of the year's manifestações, grouped by agency and month of receipt (at most
    agencies x 12 groups), every count filtered in SQL: the agencies' rows and the months."""
    overdue = Q(status__in=OPEN) & (
        Q(clock_paused_at__isnull=True, answer_due_at__lt=now)
        | Q(clock_paused_at__isnull=False, answer_due_at__lt=F("clock_paused_at"))
    )
    counts = {
        "total": Count("id"),
        "anonymous": Count("id", filter=Q(is_anonymous=True)),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
        "reopenings": Sum("reopen_count"),
        "open": Count("id", filter=Q(status__in=OPEN)),
        "open_overdue": Count("id", filter=overdue),
        "with_service": Count("id", filter=Q(service__isnull=False)),
        **{f"kind_{k}": Count("id", filter=Q(kind=k)) for k in KINDS},
        **{f"channel_{c}": Count("id", filter=Q(channel=c)) for c in CHANNELS},
        **{f"status_{s}": Count("id", filter=Q(status=s)) for s in STATUSES},
    }
    qs = Manifestation.objects.filter(_in_year("received_at", start, end))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    groups = (
        qs.order_by()
        .annotate(m=ExtractMonth("received_at", tzinfo=CUIABA))
        .values("agency_id", "m")
        .annotate(**counts)
    )
    by_agency: dict[Any, dict[str, Any]] = {}
    months = [0] * 12
    for group in groups:
        months[group["m"] - 1] += group["total"]
        row = by_agency.setdefault(group["agency_id"], {"agency_id": group["agency_id"]})
        for key in counts:
            row[key] = row.get(key, 0) + (group[key] or 0)
    return list(by_agency.values()), months


def _by_service(start, end, agency_id) -> list[dict[str, Any]]:
    qs = Manifestation.objects.filter(_in_year("received_at", start, end), service__isnull=False)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    rows = list(
        qs.order_by()
        .values("service_id")
        .annotate(received=Count("id"), complaints=Count("id", filter=Q(kind=Kind.COMPLAINT)))
    )
    Service = apps.get_model("catalog", "Service")
    names = {
        s["id"]: s
        for s in Service.objects.filter(pk__in=[r["service_id"] for r in rows]).values(
            "id", "name", "slug", "is_published", "agency__acronym"
        )
    }
    out = []
    for row in rows:
        service = names.get(row["service_id"])
        if service is None:
            continue
        out.append(
            {
                "id": str(row["service_id"]),
                "name": service["name"],
                "slug": service["slug"] if service["is_published"] else "",
                "agency": service["agency__acronym"],
                "received": row["received"],
                "complaints": row["complaints"],
            }
        )
    out.sort(key=lambda s: (-s["received"], s["name"]))
    return out


def _subjects(year, agency_id) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Subjects of this year and the previous one in one scan (the trend of art. 15 III)."""
    start, end = year_bounds(year)
    previous_start, _ = year_bounds(year - 1)
    qs = Manifestation.objects.filter(_in_year("received_at", previous_start, end))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    this_year = Q(received_at__gte=start)
    rows = list(
        qs.order_by()
        .values("subject_id")
        .annotate(
            received=Count("id", filter=this_year),
            previous=Count("id", filter=~this_year),
            complaints=Count("id", filter=this_year & Q(kind=Kind.COMPLAINT)),
        )
    )
    Subject = apps.get_model("ombudsman", "Subject")
    names = {
        s["id"]: s
        for s in Subject.objects.filter(pk__in=[r["subject_id"] for r in rows if r["subject_id"]]).values(
            "id", "name", "slug"
        )
    }
    unclassified = {"received": 0, "previous": 0}
    subjects = []
    for row in rows:
        if row["subject_id"] is None:
            unclassified = {"received": row["received"], "previous": row["previous"]}
            continue
        subject = names.get(row["subject_id"])
        if subject is None:
            continue
        subjects.append(
            {
                "slug": subject["slug"],
                "name": subject["name"],
                "received": row["received"],
                "previous": row["previous"],
                "complaints": row["complaints"],
            }
        )
    subjects.sort(key=lambda s: (-s["received"], -s["previous"], s["name"]))
    return subjects, unclassified


def _conclusions_by_agency(start, end, agency_id) -> list[dict[str, Any]]:
    qs = ManifestationAnswer.objects.filter(_in_year("answered_at", start, end))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return list(
        qs.order_by()
        .values("agency_id")
        .annotate(
            concluded=Count("id"),
            on_time=Count("id", filter=Q(on_time=True)),
            extended=Count("id", filter=Q(extended=True)),
            archived=Count("id", filter=Q(kind=ManifestationAnswer.Kind.ARCHIVE)),
            first_cycle=Count("id", filter=Q(cycle=1)),
        )
    )


def _median_days(start, end, agency_id, n: int) -> float | None:
    """Median calendar days from receipt to the first conclusion: the middle value(s) read with
    ORDER BY ... LIMIT 2 OFFSET (n-1)/2 — the same on PostgreSQL and SQLite, no rows in Python."""
    if n <= 0:
        return None
    qs = ManifestationAnswer.objects.filter(_in_year("answered_at", start, end), cycle=1)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    duration = ExpressionWrapper(
        F("answered_at") - F("manifestation__received_at"), output_field=DurationField()
    )
    low, high = (n - 1) // 2, n // 2
    values = list(qs.annotate(d=duration).order_by("d").values_list("d", flat=True)[low : high + 1])
    if not values:
        return None
    seconds = sum(v.total_seconds() for v in values) / len(values)
    return round(seconds / SECONDS_PER_DAY, 2)


def _forwardings(start, end, agency_id) -> dict[str, int]:
    qs = Forwarding.objects.filter(_in_year("sent_at", start, end))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return qs.aggregate(
        sent=Count("id"),
        answered=Count("id", filter=Q(status=Forwarding.Status.ANSWERED)),
        on_time=Count("id", filter=Q(answered_on_time=True)),
        extended=Count("id", filter=Q(extended_at__isnull=False)),
    )


def rating_groups(year: int) -> dict[UUID | None, dict[str, int]]:
    """The year's ratings per agency of the manifestação (every agency: the disclosure decision of
    one agency depends on the others)."""
    start, end = year_bounds(year)
    rows = (
        AnswerRating.objects.filter(_in_year("created_at", start, end))
        .order_by()
        .values("manifestation__agency_id")
        .annotate(
            ratings=Count("id"),
            resolved=Count("id", filter=Q(resolved=True)),
            satisfaction_sum=Sum("satisfaction"),
            **{f"score_{n}": Count("id", filter=Q(satisfaction=n)) for n in SCORES},
        )
    )
    return {row.pop("manifestation__agency_id"): row for row in rows}


def _measures(start, end, agency_id) -> list[dict[str, Any]]:
    qs = AdoptedMeasure.objects.filter(_in_year("created_at", start, end))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return list(qs.order_by().values("agency_id", "kind").annotate(n=Count("id")))


def _sum(rows: list[dict[str, Any]], key: str) -> int:
    return sum(row.get(key) or 0 for row in rows)


def compute_figures(*, year: int, agency=None, now: datetime | None = None) -> dict[str, Any]:
    """Every figure of the report of `year` for the state (agency None) or `agency`."""
    now = now or timezone.now()
    agency_id = getattr(agency, "pk", None)
    start, end = year_bounds(year)
    received_rows, months = _received_by_agency(start, end, agency_id, now)
    conclusion_rows = _conclusions_by_agency(start, end, agency_id)
    measure_rows = _measures(start, end, agency_id)
    previous_start, _ = year_bounds(year - 1)
    previous_qs = Manifestation.objects.filter(_in_year("received_at", previous_start, start))
    if agency_id is not None:
        previous_qs = previous_qs.filter(agency_id=agency_id)
    subjects, unclassified = _subjects(year, agency_id)
    groups = rating_groups(year)
    decisions = disclosure.decide(
        {key: g["ratings"] for key, g in groups.items()}, year=year, now=now, k=disclosure.min_ratings()
    )
    first_cycle = _sum(conclusion_rows, "first_cycle")

    figures: dict[str, Any] = {
        "version": FIGURES_VERSION,
        "year": year,
        "agency": None
        if agency is None
        else {"id": str(agency.pk), "acronym": agency.acronym, "name": agency.name, "slug": agency.slug},
        "computed_at": now.isoformat(),
        "min_ratings": disclosure.min_ratings(),
        "received": {
            "total": _sum(received_rows, "total"),
            "anonymous": _sum(received_rows, "anonymous"),
            "with_service": _sum(received_rows, "with_service"),
            "previous_year": previous_qs.count(),
            "open": _sum(received_rows, "open"),
            "open_overdue": _sum(received_rows, "open_overdue"),
        },
        "by_kind": {k: _sum(received_rows, f"kind_{k}") for k in KINDS},
        "by_channel": {c: _sum(received_rows, f"channel_{c}") for c in CHANNELS},
        "by_status": {s: _sum(received_rows, f"status_{s}") for s in STATUSES},
        "by_month": months,
        "by_service": _by_service(start, end, agency_id),
        "subjects": subjects,
        "unclassified": unclassified,
        "deadlines": {
            "concluded": _sum(conclusion_rows, "concluded"),
            "on_time": _sum(conclusion_rows, "on_time"),
            "extended": _sum(conclusion_rows, "extended"),
            "archived": _sum(conclusion_rows, "archived"),
            "first_cycle": first_cycle,
            "median_days": _median_days(start, end, agency_id, first_cycle),
        },
        "forwardings": _forwardings(start, end, agency_id),
        "reopenings": {
            "manifestations": _sum(received_rows, "reopened"),
            "total": _sum(received_rows, "reopenings"),
        },
        "satisfaction": disclosure.published_group(
            disclosure.total_of(groups) if agency is None else groups.get(agency_id),
            decisions.total if agency is None else decisions.part(agency_id),
        ),
        "measures": {
            "total": _sum(measure_rows, "n"),
            "by_kind": {k: sum(r["n"] for r in measure_rows if r["kind"] == k) for k in MEASURE_KINDS},
        },
    }
    if agency is None:
        figures["by_agency"] = _agency_rows(received_rows, conclusion_rows, measure_rows, groups, decisions)
    return figures


def _agency_rows(received_rows, conclusion_rows, measure_rows, groups, decisions) -> list[dict[str, Any]]:
    """The state report's table of agencies (the empty agency = awaiting triage)."""
    keys = {r["agency_id"] for r in received_rows} | {r["agency_id"] for r in conclusion_rows}
    keys |= {r["agency_id"] for r in measure_rows} | set(groups)
    Agency = apps.get_model("catalog", "Agency")
    names = {
        a["id"]: a
        for a in Agency.objects.filter(pk__in=[k for k in keys if k]).values("id", "acronym", "name", "slug")
    }
    received = {r["agency_id"]: r for r in received_rows}
    concluded = {r["agency_id"]: r for r in conclusion_rows}
    rows = []
    for key in keys:
        if key is not None and key not in names:
            continue
        got, done = received.get(key, {}), concluded.get(key, {})
        rows.append(
            {
                "id": str(key) if key else None,
                "acronym": names[key]["acronym"] if key else "",
                "name": names[key]["name"] if key else "",
                "slug": names[key]["slug"] if key else "",
                "received": got.get("total", 0),
                "complaints": got.get(f"kind_{Kind.COMPLAINT}", 0),
                "denunciations": got.get(f"kind_{Kind.DENUNCIATION}", 0),
                "open_overdue": got.get("open_overdue", 0),
                "reopened": got.get("reopened", 0),
                "concluded": done.get("concluded", 0),
                "on_time": done.get("on_time", 0),
                "extended": done.get("extended", 0),
                "measures": sum(r["n"] for r in measure_rows if r["agency_id"] == key),
                "satisfaction": disclosure.published_group(groups.get(key), decisions.part(key)),
            }
        )
    rows.sort(key=lambda r: (r["id"] is None, -r["received"], r["acronym"]))
    return rows
