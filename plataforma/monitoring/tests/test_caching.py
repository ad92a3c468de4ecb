"""The panel's figures and its open data are cached between two refreshes of the indicators:
served again from the cache, never personal, and moved by the next refresh."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from plataforma.monitoring.services import indicators_refresh
from plataforma.monitoring.tests.factories import local, make_request

from .test_panel import PERIODS_2025, _csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshed(known):
    indicators_refresh(months=PERIODS_2025)
    return known


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_exports_are_cached_until_the_next_refresh(client, refreshed, person, django_assert_num_queries):
    url = reverse("monitoring:data_csv")
    params = {"escopo": "plataforma", "ano": "2025"}
    first = _body(client.get(url, params))
    # Served again from the cache: one query (the time of the last refresh), the same bytes.
    with django_assert_num_queries(1):
        again = _body(client.get(url, params))
    assert again == first
    # Other filters, another format: computed on their own.
    other = _body(client.get(url, {"escopo": "orgao", "ano": "2025"}))
    assert other != first
    # New requests change nothing until the indicators are refreshed; then the export moves.
    make_request(service=refreshed["s1"], requester=person, submitted_at=local(2025, 3, 20))
    assert _body(client.get(url, params)) == first
    indicators_refresh(months=PERIODS_2025)
    rows = _csv(client.get(url, params))
    march = next(r for r in rows if r["mes"] == "3")
    assert march["pedidos_recebidos"] == "10"


def test_json_export_is_cached_too(client, refreshed, django_assert_num_queries):
    url = reverse("monitoring:data_json")
    first = _body(client.get(url, {"escopo": "servico"}))
    with django_assert_num_queries(1):
        again = _body(client.get(url, {"escopo": "servico"}))
    assert again == first
    assert json.loads(again)["total"] == len(json.loads(first)["itens"])


def test_a_cut_download_is_not_cached(db):
    from django.core.cache import cache

    from plataforma.monitoring import opendata

    stream = opendata._encoded(iter(["a", "b", "c"]), "monitoring:test-cut")
    assert next(stream) == b"a"
    stream.close()  # the client went away after the first chunk
    assert cache.get("monitoring:test-cut") is None
    assert b"".join(opendata._encoded(iter(["a", "b"]), "monitoring:test-whole")) == b"ab"
    assert cache.get("monitoring:test-whole") == b"ab"


def test_a_body_too_large_is_streamed_but_not_cached(db, monkeypatch):
    from django.core.cache import cache

    from plataforma.monitoring import opendata

    monkeypatch.setattr(opendata, "CACHE_MAX_BYTES", 3)
    assert b"".join(opendata._encoded(iter(["ab", "cd"]), "monitoring:test-large")) == b"abcd"
    assert cache.get("monitoring:test-large") is None


def test_nothing_is_cached_before_the_first_refresh(client, db, django_assert_num_queries):
    _body(client.get(reverse("monitoring:data_csv")))
    with django_assert_num_queries(2):
        _body(client.get(reverse("monitoring:data_csv")))


def test_panel_figures_are_cached_until_the_next_refresh(
    client, refreshed, person, django_assert_num_queries
):
    url = reverse("monitoring:panel_agency", args=["detran-mt"])
    first = client.get(url, {"ano": "2025"})
    assert first.context["summary"].total.submitted == 8
    # Again: the agency and the time of the last refresh; the figures come from the cache.
    with django_assert_num_queries(2):
        again = client.get(url, {"ano": "2025"})
    assert again.content == first.content
    assert again["Cache-Control"] == "public, max-age=300"
    # Another year is another entry.
    assert client.get(url, {"ano": "2024"}).content != first.content
    # New requests show after the next refresh, not before.
    make_request(service=refreshed["s1"], requester=person, submitted_at=local(2025, 3, 20))
    assert client.get(url, {"ano": "2025"}).content == first.content
    indicators_refresh(months=PERIODS_2025)
    response = client.get(url, {"ano": "2025"})
    assert response.content != first.content
    assert response.context["summary"].total.submitted == 9


def test_the_cached_figures_hold_nothing_personal(client, refreshed, person):
    client.force_login(person)
    signed_in = client.get(reverse("monitoring:panel"), {"ano": "2025"}).content.decode()
    assert "Minha conta" in signed_in and "Entrar" not in signed_in
    client.logout()
    anonymous = client.get(reverse("monitoring:panel"), {"ano": "2025"}).content.decode()
    assert "Minha conta" not in anonymous and "Entrar" in anonymous
    assert "DETRAN-MT" in anonymous and "66,7%" in anonymous
