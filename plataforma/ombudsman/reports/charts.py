"""A horizontal bar chart drawn on the server as SVG (no JavaScript, no inline styles: the sizes
are SVG attributes). The page always shows the same figures in a table beside the chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format

WIDTH = 640
LABEL = 190
ROW = 26
TOP = 8
VALUE_ROOM = 70


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list[dict] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0

    @property
    def empty(self) -> bool:
        return not any(bar["value"] for bar in self.bars)

    @classmethod
    def build(cls, id: str, title: str, description: str, values: list[tuple[str, int]]) -> BarChart:
        chart = cls(id=id, title=title, description=description)
        top = max((v for _label, v in values), default=0) or 1
        plot = WIDTH - LABEL - VALUE_ROOM
        for i, (label, value) in enumerate(values):
            y = TOP + i * ROW
            length = round(plot * value / top, 1)
            chart.bars.append(
                {
                    "label": label,
                    "value": value,
                    "text": number_format(value, decimal_pos=0, force_grouping=True),
                    "y": y + 4,
                    "h": ROW - 8,
                    "x": LABEL,
                    "w": length,
                    "ly": y + ROW / 2 + 4,
                    "lx": LABEL - 8,
                    "tx": LABEL + length + 6,
                }
            )
        chart.height = TOP * 2 + len(values) * ROW
        return chart
