"""Server-rendered SVG charts for the panel: column charts (one or more series per category) and
horizontal bar charts. Each chart carries its own data table, so the page shows the SAME figures
as a chart a person reads at a glance and as an accessible table (templates/monitoring/
_chart.html). No JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format

WIDTH = 720
LEFT = 48
RIGHT = 16
TOP = 16
BOTTOM = 40
COLUMN_HEIGHT = 240
BAR_ROW = 28
BAR_LABEL = 220


def format_value(value: float | None, kind: str = "int") -> str:
    """pt-BR text of a figure: "int" (1.234), "decimal" (3,4), "percent" (87,5%); "—" for none."""
    if value is None:
        return "—"
    if kind == "percent":
        return number_format(round(value * 100, 1), decimal_pos=1) + "%"
    if kind == "decimal":
        return number_format(round(value, 1), decimal_pos=1)
    return number_format(round(value), decimal_pos=0, force_grouping=True)


@dataclass
class Series:
    name: str
    values: list[float | None]
    css: str = "s1"
    # Text shown instead of a value that is not published (e.g. "menos de 5 avaliações"): in the
    # table, in the bar's tooltip and, on horizontal charts, beside the (empty) bar. "" = the value.
    labels: list[str] = field(default_factory=list)

    def text(self, i: int, kind: str) -> str:
        label = self.labels[i] if i < len(self.labels) else ""
        return label or format_value(self.values[i], kind)


@dataclass
class Chart:
    id: str
    title: str
    description: str
    categories: list[str]
    series: list[Series]
    kind: str = "int"  # how values are formatted
    horizontal: bool = False
    max_value: float | None = None  # fixed scale (5 for scores, 1 for shares)
    category_header: str = ""
    # Longer names for the table's first column (e.g. "janeiro" where the chart says "jan").
    table_categories: list[str] = field(default_factory=list)
    # More columns in the data table only (e.g. the number of ratings behind a mean).
    extra_headers: list[str] = field(default_factory=list)
    extra_cells: list[list[str]] = field(default_factory=list)
    # When set, the chart's figures are withheld as a whole: the page shows this instead.
    notice: str = ""
    # Sentences printed under the table (what a withheld cell's text means).
    notes: list[str] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    bars: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The data table: one row per category, one cell per series."""
        return [
            {
                "category": self.table_categories[i] if i < len(self.table_categories) else category,
                "cells": [s.text(i, self.kind) for s in self.series]
                + (self.extra_cells[i] if i < len(self.extra_cells) else []),
            }
            for i, category in enumerate(self.categories)
        ]

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values) and not any(
            label for s in self.series for label in s.labels
        )


def _scale_max(chart: Chart) -> float:
    if chart.max_value is not None:
        return chart.max_value
    top = max((v for s in chart.series for v in s.values if v is not None), default=0)
    if top <= 0:
        return 1
    # a round top: 1, 2 or 5 times a power of ten
    magnitude = 10 ** (len(str(int(top))) - 1)
    for step in (1, 2, 5, 10):
        if top <= step * magnitude:
            return step * magnitude
    return top


def _ticks(top: float, kind: str) -> list[float]:
    """Grid lines at values the axis can print exactly: counts never get 2.5 shown as "2"."""
    if kind == "int" and float(top).is_integer():
        for intervals in (4, 5, 2, 1):
            if int(top) % intervals == 0:
                return [top * i / intervals for i in range(intervals + 1)]
    return [top * i / 4 for i in range(5)]


def build(chart: Chart) -> Chart:
    """Compute the geometry (bars, labels and grid lines) of the chart."""
    top = _scale_max(chart)
    ticks = _ticks(top, chart.kind)
    if chart.horizontal:
        n = len(chart.categories) * len(chart.series)
        chart.height = TOP + max(n, 1) * BAR_ROW + BOTTOM
        plot = chart.width - BAR_LABEL - RIGHT - 40
        y = TOP
        for i, category in enumerate(chart.categories):
            chart.labels.append(
                {"x": BAR_LABEL - 8, "y": y + BAR_ROW * len(chart.series) / 2 + 4, "text": category}
            )
            for s in chart.series:
                value = s.values[i] or 0
                length = plot * value / top
                chart.bars.append(
                    {
                        "x": BAR_LABEL,
                        "y": y + 4,
                        "w": round(length, 1),
                        "h": BAR_ROW - 8,
                        "css": s.css,
                        "tooltip": f"{category} — {s.name}: {s.text(i, chart.kind)}",
                        "text": s.text(i, chart.kind),
                        "tx": BAR_LABEL + length + 4,
                        "ty": y + BAR_ROW / 2 + 4,
                    }
                )
                y += BAR_ROW
        for tick in ticks:
            x = BAR_LABEL + plot * tick / top
            chart.grid.append(
                {
                    "x1": x,
                    "y1": TOP,
                    "x2": x,
                    "y2": y,
                    "tx": x,
                    "ty": y + 16,
                    "text": format_value(tick, chart.kind),
                }
            )
        return chart
    chart.height = TOP + COLUMN_HEIGHT + BOTTOM
    plot_width = chart.width - LEFT - RIGHT
    slot = plot_width / max(len(chart.categories), 1)
    bar = max(min((slot - 8) / max(len(chart.series), 1), 48), 2)
    base = TOP + COLUMN_HEIGHT
    for tick in ticks:
        y = base - COLUMN_HEIGHT * tick / top
        chart.grid.append(
            {
                "x1": LEFT,
                "y1": y,
                "x2": chart.width - RIGHT,
                "y2": y,
                "tx": LEFT - 6,
                "ty": y + 4,
                "text": format_value(tick, chart.kind),
            }
        )
    for i, category in enumerate(chart.categories):
        start = LEFT + slot * i + (slot - bar * len(chart.series)) / 2
        chart.labels.append({"x": LEFT + slot * i + slot / 2, "y": base + 18, "text": category})
        for j, s in enumerate(chart.series):
            value = s.values[i] or 0
            height = COLUMN_HEIGHT * value / top
            chart.bars.append(
                {
                    "x": round(start + bar * j, 1),
                    "y": round(base - height, 1),
                    "w": round(bar - 2, 1),
                    "h": round(height, 1),
                    "css": s.css,
                    "tooltip": f"{category} — {s.name}: {s.text(i, chart.kind)}",
                }
            )
    return chart
