"""Where the person is, for "nearest unit first" (through the gazetteer, scheduling/geo.py): the
municipality or the CEP they type, or their saved address; and when a unit attends, as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plataforma.common import cep as ceps

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
# What a person types when they mean a CEP (digits and its punctuation): never a municipality's name.
_CEP_LIKE = re.compile(r"[0-9][0-9.\-\s]*")


@dataclass(frozen=True)
class Place:
    """Where to order units from. `name` is the municipality shown ("" when unknown); `point` its
    seat; `cep` the CEP it came from (formatted), if any. `error`: what was typed names no place
    (a field error, 400); `notice`: the CEP could not be looked up now (ask for the name, 200)."""

    name: str = ""
    point: tuple[float, float] | None = None
    cep: str = ""
    from_address: bool = False
    error: str = ""
    notice: str = ""


def place_from_text(text: str) -> Place:
    """The place of what the person typed in "CEP ou município": a CEP (8 digits, with or
    without punctuation) through the CEP provider, anything else as a municipality's name."""
    text = " ".join((text or "").split())
    if not text:
        return Place()
    if _CEP_LIKE.fullmatch(text):
        try:
            found = geo.municipality_from_cep(text)
        except geo.CepProblem as problem:
            if problem.reason in (geo.CepProblem.UNAVAILABLE, geo.CepProblem.DISABLED):
                return Place(notice=problem.message)
            return Place(error=problem.message)
        return Place(name=found.name, point=found.point, cep=ceps.cep_format(ceps.cep_normalise(text) or ""))
    found = geo.municipality(text)
    if found is None:
        return Place(
            name=text,
            error=_(
                "Não encontramos o município “%(city)s” em Mato Grosso. Confira o nome, escolha da "
                "lista ou digite o CEP."
            )
            % {"city": text},
        )
    return Place(name=found.name, point=found.point)


def person_place(user) -> Place:
    """The municipality of the person's saved address (Minha conta → Endereço) and its point: by
    the city written there when it is a municipality of Mato Grosso, else by its CEP when that is
    a Mato Grosso CEP (looked up; a failure just leaves the units unordered). Place() without an
    address; a name without a point for an address elsewhere."""
    if not getattr(user, "is_authenticated", False):
        return Place()
    from plataforma.identity.models import PostalAddress

    address = PostalAddress.objects.filter(user=user).values_list("city", "state", "cep").first()
    if address is None:
        return Place()
    city, state, cep = address
    found = geo.municipality(city) if state == geo.MT_STATE else None
    if found is None and ceps.cep_in_mato_grosso(cep or ""):
        try:
            found = geo.municipality_from_cep(cep)
        except geo.CepProblem:
            found = None
    if found is None:
        return Place(name=city, from_address=True)
    return Place(name=found.name, point=found.point, from_address=True)


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
