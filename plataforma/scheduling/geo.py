"""Where people and units are, for "nearest unit first" in the citizen flow (issue #5).

The municipalities of Mato Grosso come from `data/municipios_mt.csv` (IBGE code, name and the
coordinates of the municipal seat, public IBGE data; the file's header says where it was taken
from). Distances are great-circle distances between municipal seats or unit coordinates: good
enough to order units, never shown as a route.

There is no offline CEP → municipality table in the platform, and we do not invent one: a person's
position is the municipality of the postal address saved in MT Login (identity.PostalAddress), or
the municipality they type or choose on the page.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.apps import apps

from plataforma.common.text import fold

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipios_mt.csv"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
MT_STATE = "MT"

# Other spellings people still use for a municipality (old or informal names) → official name.
ALIASES = {
    "Poxoréo": "Poxoréu",
    "Santo Antônio de Leverger": "Santo Antônio do Leverger",
    "Vila Bela": "Vila Bela da Santíssima Trindade",
}
_STATE_SUFFIX = re.compile(r"[\s/,-]+(mt|mato grosso)$")

Point = tuple[float, float]


@dataclass(frozen=True)
class Municipality:
    ibge_code: str
    name: str
    latitude: float
    longitude: float

    @property
    def point(self) -> Point:
        return (self.latitude, self.longitude)


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (latitude, longitude) points in degrees, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def name_key(name: str) -> str:
    """The comparison key of a municipality's name: accents, case, spaces and punctuation ignored,
    and a trailing "/MT", "- MT" or "Mato Grosso" dropped ("Mirassol d'Oeste" = "mirassol doeste")."""
    folded = " ".join(fold(name or "").split())
    folded = _STATE_SUFFIX.sub("", folded)
    return "".join(ch for ch in folded if ch.isalnum())


@lru_cache(maxsize=1)
def _table() -> dict[str, Municipality]:
    by_key: dict[str, Municipality] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            item = Municipality(
                ibge_code=row["codigo_ibge"],
                name=row["nome"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            by_key[name_key(item.name)] = item
    for alias, official in ALIASES.items():
        by_key.setdefault(name_key(alias), by_key[name_key(official)])
    return by_key


def municipalities() -> list[Municipality]:
    """Every municipality of Mato Grosso, by name (for a list the person chooses from)."""
    unique = {item.ibge_code: item for item in _table().values()}
    return sorted(unique.values(), key=lambda item: fold(item.name))


def municipality(name: str) -> Municipality | None:
    return _table().get(name_key(name))


def city_coordinates(name: str) -> Point | None:
    """(latitude, longitude) of the seat of the Mato Grosso municipality called `name` (accents,
    case and a "/MT" suffix ignored), or None when there is no such municipality."""
    found = municipality(name)
    return found.point if found else None


def person_coordinates(person) -> Point | None:
    """The seat of the municipality of the person's saved postal address, when it is in Mato
    Grosso (a same-named town elsewhere — Rio Branco, Acre — must not count as the MT one)."""
    if person is None or not getattr(person, "is_authenticated", False):
        return None
    PostalAddress = apps.get_model("identity", "PostalAddress")
    address = PostalAddress.objects.filter(user=person).values_list("city", "state").first()
    if address is None or address[1] != MT_STATE:
        return None
    return city_coordinates(address[0])


def distance_from(origin: Point | None, latitude, longitude) -> float | None:
    """km from `origin` to a unit's coordinates (Decimal or float), or None when either is missing."""
    if origin is None or latitude is None or longitude is None:
        return None
    return haversine_km(origin, (float(latitude), float(longitude)))
