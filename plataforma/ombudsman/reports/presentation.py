"""From the figures of a report (selectors/figures.py, a JSON dict) to what the page, the PDF and
the open data show: labels in Portuguese, shares, trends, and the text that replaces a withheld
satisfaction figure. Pure functions: no queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AdoptedMeasure, Channel, Kind, Status
from .charts import BarChart
from .selectors import disclosure

MONTHS = [
    gettext_lazy("janeiro"),
    gettext_lazy("fevereiro"),
    gettext_lazy("março"),
    gettext_lazy("abril"),
    gettext_lazy("maio"),
    gettext_lazy("junho"),
    gettext_lazy("julho"),
    gettext_lazy("agosto"),
    gettext_lazy("setembro"),
    gettext_lazy("outubro"),
    gettext_lazy("novembro"),
    gettext_lazy("dezembro"),
]
TOP_SERVICES = 20


def ratio(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return part / whole


def withheld_label(reason: str, k: int) -> str:
    if reason == disclosure.FEW:
        return _("menos de %(k)d avaliações") % {"k": k}
    if reason == disclosure.COMPLEMENTARY:
        return _("não publicada (anonimato)")
    if reason == disclosure.OPEN:
        return _("publicada após o fim do ano")
    return ""


@dataclass
class Line:
    key: str
    label: str
    count: int
    share: float | None = None


@dataclass
class Satisfaction:
    withheld: str
    label: str
    ratings: int | None
    resolved_share: float | None
    mean: float | None
    distribution: list[tuple[int, int | None]] = field(default_factory=list)


def satisfaction(group: dict[str, Any], k: int) -> Satisfaction:
    reason = group.get("withheld", "")
    if reason:
        return Satisfaction(reason, withheld_label(reason, k), None, None, None)
    n = group.get("ratings") or 0
    return Satisfaction(
        "",
        "",
        n,
        ratio(group.get("resolved"), n),
        ratio(group.get("satisfaction_sum"), n),
        [(s, group.get(f"score_{s}")) for s in (1, 2, 3, 4, 5)],
    )


def _lines(counts: dict[str, int], choices, total: int) -> list[Line]:
    labels = dict(choices)
    return [Line(key, str(labels.get(key, key)), n, ratio(n, total)) for key, n in counts.items()]


def trend(received: int, previous: int) -> tuple[float | None, str]:
    """The change from the previous year, as a share, and in words (never colour alone)."""
    if previous == 0:
        return None, (_("novo neste ano") if received else _("sem registros"))
    change = (received - previous) / previous
    if change > 0:
        return change, _("aumentou")
    if change < 0:
        return change, _("diminuiu")
    return 0.0, _("igual")


def report_view(figures: dict[str, Any]) -> dict[str, Any]:
    """Everything the report shows, ready for the template."""
    k = figures.get("min_ratings", disclosure.min_ratings())
    received = figures["received"]
    total = received["total"]
    previous_change, previous_words = trend(total, received["previous_year"])
    deadlines = figures["deadlines"]
    forwardings = figures["forwardings"]
    kinds = _lines(figures["by_kind"], Kind.choices, total)
    months = [Line(str(i + 1), str(MONTHS[i]), n, ratio(n, total)) for i, n in enumerate(figures["by_month"])]
    services = figures["by_service"]
    subjects = []
    for subject in figures["subjects"]:
        change, words = trend(subject["received"], subject["previous"])
        subjects.append(
            {**subject, "share": ratio(subject["received"], total), "change": change, "trend": words}
        )
    unclassified = figures["unclassified"]
    agencies = []
    for row in figures.get("by_agency", []):
        agencies.append(
            {
                **row,
                "label": row["acronym"] or _("Sem órgão definido (triagem da Ouvidoria-Geral)"),
                "on_time_share": ratio(row["on_time"], row["concluded"]),
                "satisfaction_view": satisfaction(row["satisfaction"], k),
            }
        )
    measures = figures["measures"]
    return {
        "year": figures["year"],
        "agency": figures.get("agency"),
        "k": k,
        "computed_at": datetime.fromisoformat(figures["computed_at"]),
        "received": received,
        "identified": total - received["anonymous"],
        "previous_change": previous_change,
        "previous_words": previous_words,
        "kinds": kinds,
        "complaints": figures["by_kind"].get(Kind.COMPLAINT, 0),
        "channels": _lines(figures["by_channel"], Channel.choices, total),
        "statuses": _lines(figures["by_status"], Status.choices, total),
        "months": months,
        "kind_chart": BarChart.build(
            "grafico-tipos",
            _("Manifestações por tipo"),
            _("Quantas manifestações de cada tipo foram recebidas no ano."),
            [(line.label, line.count) for line in kinds],
        ),
        "month_chart": BarChart.build(
            "grafico-meses",
            _("Manifestações por mês"),
            _("Quantas manifestações foram recebidas em cada mês do ano."),
            [(line.label, line.count) for line in months],
        ),
        "agencies": agencies,
        "services": services[:TOP_SERVICES],
        "services_count": len(services),
        "services_rest": sum(s["received"] for s in services[TOP_SERVICES:]),
        "services_rest_count": max(0, len(services) - TOP_SERVICES),
        "without_service": total - received.get("with_service", sum(s["received"] for s in services)),
        "subjects": subjects,
        "unclassified": {**unclassified, "share": ratio(unclassified["received"], total)},
        "deadlines": {
            **deadlines,
            "on_time_share": ratio(deadlines["on_time"], deadlines["concluded"]),
            "late": deadlines["concluded"] - deadlines["on_time"],
        },
        "forwardings": {
            **forwardings,
            "on_time_share": ratio(forwardings["on_time"], forwardings["answered"]),
        },
        "reopenings": figures["reopenings"],
        "satisfaction": satisfaction(figures["satisfaction"], k),
        "measures_total": measures["total"],
        "measure_kinds": _lines(measures["by_kind"], AdoptedMeasure.Kind.choices, measures["total"]),
    }
