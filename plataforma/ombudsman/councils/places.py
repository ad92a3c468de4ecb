"""Municipalities of Mato Grosso for the applications and the regional categories. The IBGE list
lives with scheduling's geography (data/municipios_mt.csv); only its read functions are used."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plataforma.scheduling import geo

OUTSIDE_MT = "fora"
OUTSIDE_MT_LABEL = _("Moro fora de Mato Grosso")


def municipality_choices() -> list[tuple[str, str]]:
    """(IBGE code, name) of every municipality of Mato Grosso, by name, then "outside MT"."""
    return [(m.ibge_code, m.name) for m in geo.municipalities()] + [(OUTSIDE_MT, str(OUTSIDE_MT_LABEL))]


def municipality_name(code: str) -> str | None:
    """The name of the municipality with this IBGE code (or the "outside" label), None if unknown."""
    if code == OUTSIDE_MT:
        return str(OUTSIDE_MT_LABEL)
    for item in geo.municipalities():
        if item.ibge_code == code:
            return item.name
    return None


def parse_municipalities(text: str) -> tuple[list[str], list[str]]:
    """Names typed by the gestor (one per line or separated by commas or semicolons) → (IBGE codes
    found, in order and without repetition; names not found in Mato Grosso)."""
    codes: list[str] = []
    unknown: list[str] = []
    for raw in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        name = raw.strip()
        if not name:
            continue
        found = geo.municipality(name)
        if found is None:
            unknown.append(name[:60])
        elif found.ibge_code not in codes:
            codes.append(found.ibge_code)
    return codes, unknown


def names_of(codes: list[str]) -> list[str]:
    by_code = {m.ibge_code: m.name for m in geo.municipalities()}
    return [by_code.get(code, code) for code in codes]
