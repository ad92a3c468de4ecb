"""Where people and units are, for "nearest unit first" in the citizen flow (issue #5).

The municipalities of Mato Grosso come from `data/municipios_mt.csv` (IBGE code, name and the
coordinates of the municipal seat, public IBGE data; the file's header says where it was taken
from). Distances are great-circle distances between municipal seats or unit coordinates: good
enough to order units, never shown as a route.

A person's position is the municipality they type or choose on the page, the municipality of a
CEP they type (looked up through common.cep's provider, then matched here by its IBGE code), or
the municipality of the postal address saved in MT Login (identity.PostalAddress) — its CEP when
the city written there is not found. There is no offline CEP table: a CEP is never guessed from
its digits beyond Mato Grosso's range.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.utils.translation import gettext as _

from plataforma.common import cep as ceps
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


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Municipality]:
    return {item.ibge_code: item for item in _table().values()}


def municipality_by_code(ibge_code: str) -> Municipality | None:
    """The municipality of Mato Grosso with this 7-digit IBGE code, or None."""
    return _by_code().get(ibge_code or "")


class CepProblem(Exception):
    """Why a CEP gives no municipality to order units by. `reason` tells the cases apart (the
    API answers 503 only for UNAVAILABLE); `message` is what the person reads."""

    MALFORMED = "malformado"
    OUTSIDE = "fora_de_mt"
    NOT_FOUND = "inexistente"
    UNLISTED = "fora_da_lista"
    UNAVAILABLE = "indisponivel"
    DISABLED = "desativado"

    def __init__(self, reason: str, message: str):
        super().__init__(reason)
        self.reason = reason
        self.message = message


def municipality_from_cep(text: str, *, provider=None) -> Municipality:
    """The municipality of Mato Grosso of a CEP (in any usual format): checked against Mato
    Grosso's range first (no lookup for another state's CEP), then looked up through the CEP
    provider (common.cep, cached) and matched to the gazetteer by its IBGE code. CepProblem with a
    message in Portuguese otherwise."""
    cep = ceps.cep_normalise(text)
    if cep is None:
        raise CepProblem(
            CepProblem.MALFORMED, _("Digite o CEP com 8 algarismos, como 78005-100 ou 78005100.")
        )
    outside = _(
        "Este CEP não é de Mato Grosso (os CEPs do estado vão de 78000-000 a 78899-999). "
        "Confira os números ou digite o nome do município."
    )
    if not ceps.cep_in_mato_grosso(cep):
        raise CepProblem(CepProblem.OUTSIDE, outside)
    try:
        place = ceps.cep_lookup(cep, provider=provider)
    except ceps.CepLookupDisabled:
        raise CepProblem(
            CepProblem.DISABLED,
            _("A busca por CEP não está disponível neste portal. Digite o nome do município."),
        ) from None
    except ceps.CepUnavailable:
        raise CepProblem(
            CepProblem.UNAVAILABLE,
            _("Não conseguimos consultar o CEP agora. Digite o nome do município ou tente mais tarde."),
        ) from None
    if place is None:
        raise CepProblem(
            CepProblem.NOT_FOUND,
            _("Não encontramos este CEP. Confira os números ou digite o nome do município."),
        )
    if place.state != MT_STATE:
        raise CepProblem(CepProblem.OUTSIDE, outside)
    found = municipality_by_code(place.ibge_code)
    if found is None:
        raise CepProblem(
            CepProblem.UNLISTED,
            _(
                "O CEP é de um município que ainda não está na nossa lista. "
                "Digite o nome de um município vizinho."
            ),
        )
    return found


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
