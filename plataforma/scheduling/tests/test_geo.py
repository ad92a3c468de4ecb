"""Municipalities of Mato Grosso and distances, for "nearest unit first"."""

from __future__ import annotations

import csv

import pytest

from plataforma.identity.models import PostalAddress
from plataforma.scheduling import geo

from .factories_core import person


def _check_digit_ok(code: str) -> bool:
    """IBGE municipality codes end with a check digit (weights 1,2,1,2,1,2; digits of products)."""
    total = 0
    for digit, weight in zip(code[:6], (1, 2, 1, 2, 1, 2), strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(code[6])


def test_the_data_file_has_the_141_municipalities_of_mato_grosso_with_valid_codes_and_coordinates():
    with geo.DATA_FILE.open(encoding="utf-8") as handle:
        header_comments = [line for line in handle if line.startswith("#")]
    assert any("IBGE" in line for line in header_comments) and any("MIT" in line for line in header_comments)
    items = geo.municipalities()
    assert len(items) == 141
    assert len({m.ibge_code for m in items}) == 141
    for item in items:
        assert item.ibge_code.startswith("51") and len(item.ibge_code) == 7
        assert _check_digit_ok(item.ibge_code), item
        # Mato Grosso's bounding box (IBGE): every seat lies inside it
        assert -18.1 <= item.latitude <= -7.3 and -61.7 <= item.longitude <= -50.2, item
    with geo.DATA_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert {"codigo_ibge", "nome", "latitude", "longitude"} == set(rows[0])


@pytest.mark.parametrize(
    "typed",
    ["Cuiabá", "cuiaba", "CUIABÁ", "  Cuiabá  ", "Cuiabá/MT", "cuiaba - mt", "Cuiabá, Mato Grosso"],
)
def test_city_coordinates_ignore_accents_case_spaces_and_the_state(typed):
    assert geo.city_coordinates(typed) == (-15.601, -56.0974)


def test_apostrophes_old_spellings_and_unknown_names():
    assert geo.city_coordinates("Mirassol D Oeste") == geo.city_coordinates("Mirassol d'Oeste")
    assert geo.city_coordinates("Poxoréo") == geo.city_coordinates("Poxoréu")
    assert geo.city_coordinates("Santo Antônio de Leverger") == geo.city_coordinates(
        "Santo Antônio do Leverger"
    )
    assert geo.city_coordinates("São Paulo") is None
    assert geo.city_coordinates("") is None
    assert geo.city_coordinates(None) is None


def test_haversine_matches_known_distances():
    assert geo.haversine_km((0, 0), (0, 0)) == 0
    # one degree of longitude on the equator: 2πR/360
    assert geo.haversine_km((0, 0), (0, 1)) == pytest.approx(111.195, abs=0.01)
    cuiaba, sinop = geo.city_coordinates("Cuiabá"), geo.city_coordinates("Sinop")
    assert geo.haversine_km(cuiaba, sinop) == pytest.approx(420.8, abs=1)
    assert geo.haversine_km(cuiaba, sinop) == pytest.approx(geo.haversine_km(sinop, cuiaba))
    # Cuiabá and Várzea Grande are neighbours across the river
    assert geo.haversine_km(cuiaba, geo.city_coordinates("Várzea Grande")) < 10


def test_distance_from_handles_missing_points():
    assert geo.distance_from(None, -15.6, -56.1) is None
    assert geo.distance_from((-15.6, -56.1), None, None) is None
    assert geo.distance_from((-15.6, -56.1), "-15.6", "-56.1") == pytest.approx(0)


@pytest.mark.django_db
def test_person_coordinates_come_from_the_saved_address_in_mato_grosso_only():
    someone = person()
    assert geo.person_coordinates(someone) is None
    address = PostalAddress.objects.create(
        user=someone,
        cep="78550100",
        street="Avenida das Itaúbas",
        number="10",
        district="Centro",
        city="Sinop",
        state="MT",
    )
    assert geo.person_coordinates(someone) == geo.city_coordinates("Sinop")
    # Rio Branco is also a town of Mato Grosso: an address in Acre must not count as that one
    address.city, address.state = "Rio Branco", "AC"
    address.save()
    assert geo.person_coordinates(someone) is None


def test_person_coordinates_of_anonymous_is_none():
    from django.contrib.auth.models import AnonymousUser

    assert geo.person_coordinates(AnonymousUser()) is None
    assert geo.person_coordinates(None) is None
