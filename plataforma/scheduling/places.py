"""Where the person is, for "nearest unit first" (through the gazetteer, scheduling/geo.py): the
municipality they type or choose, or the one of their saved address; and when a unit attends,
as text."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import geo

WEEKDAY_NAMES = [
    gettext_lazy("segunda-feira"),
    gettext_lazy("terça-feira"),
    gettext_lazy("quarta-feira"),
    gettext_lazy("quinta-feira"),
    gettext_lazy("sexta-feira"),
    gettext_lazy("sábado"),
    gettext_lazy("domingo"),
]


def city_point(city: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a municipality of Mato Grosso by name (accents and case ignored),
    or None when there is no such municipality."""
    if not city:
        return None
    return geo.city_coordinates(city)


def person_place(user) -> tuple[str, tuple[float, float] | None]:
    """The municipality of the person's saved address (Minha conta → Endereço) and its point —
    ("", None) without an address, (name, None) for an address outside Mato Grosso."""
    if not getattr(user, "is_authenticated", False):
        return "", None
    from plataforma.identity.models import PostalAddress

    city = PostalAddress.objects.filter(user=user).values_list("city", flat=True).first() or ""
    return city, (geo.person_coordinates(user) if city else None)


def municipality_names() -> list[str]:
    """Every municipality of Mato Grosso, for the list the person chooses from."""
    return [item.name for item in geo.municipalities()]


def opening_hours_lines(calendar) -> list[tuple[str, str]]:
    """The unit's weekly hours as (days, intervals) lines, consecutive weekdays with the same
    intervals together: [("segunda-feira a sexta-feira", "08:00 às 12:00 e 14:00 às 18:00")]."""
    by_day: dict[int, list[str]] = {}
    for row in sorted(calendar.hours.all(), key=lambda r: (r.weekday, r.opens)):
        by_day.setdefault(row.weekday, []).append(
            _("%(opens)s às %(closes)s") % {"opens": f"{row.opens:%H:%M}", "closes": f"{row.closes:%H:%M}"}
        )
    lines: list[tuple[str, str]] = []
    weekday = 0
    while weekday < 7:
        intervals = by_day.get(weekday)
        if not intervals:
            weekday += 1
            continue
        last = weekday
        while last + 1 < 7 and by_day.get(last + 1) == intervals:
            last += 1
        label = WEEKDAY_NAMES[weekday]
        if last > weekday:
            label = _("%(first)s a %(last)s") % {"first": label, "last": WEEKDAY_NAMES[last]}
        lines.append((label, _(" e ").join(intervals)))
        weekday = last + 1
    return lines
