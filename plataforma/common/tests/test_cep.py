"""CEPs: the format people type, Mato Grosso's range, and the municipality of a CEP through the
ViaCEP provider (over httpx.MockTransport: no network), its checks of the answer and its cache."""

from __future__ import annotations

import logging
from unittest import mock

import httpx
import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from plataforma.common import cep as ceps

from .cep_fakes import KEY, fake_viacep

CUIABA_CEP = "78005100"


@pytest.fixture
def viacep():
    with fake_viacep() as fake:
        yield fake


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("78005100", "78005100"),
        ("78005-100", "78005100"),
        ("78.005-100", "78005100"),
        ("  78.005100 ", "78005100"),
        ("78005100\n", "78005100"),
    ],
)
def test_a_cep_is_normalised_to_its_eight_digits(typed, digits):
    assert ceps.cep_normalise(typed) == digits


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7800510",
        "780051000",
        "78005 100",
        "78.005.100",
        "78005_100",
        "7800-5100",
        "\uff17\uff18\uff10\uff10\uff15\uff11\uff10\uff10",  # full-width digits: str.isdigit says yes
        "\u0667\u0668\u0660\u0660\u0665\u0661\u0660\u0660",  # Arabic-Indic digits
        "CEP 78005-100",
        "1" * 30,
        None,
        78005100,
    ],
)
def test_anything_else_is_not_a_cep(typed):
    assert ceps.cep_normalise(typed) is None


def test_mato_grosso_range_is_78000_000_to_78899_999():
    assert ceps.cep_in_mato_grosso("78000000") and ceps.cep_in_mato_grosso("78899999")
    assert not ceps.cep_in_mato_grosso("77999999")  # Tocantins
    assert not ceps.cep_in_mato_grosso("78900000")  # Rondônia's old range
    assert not ceps.cep_in_mato_grosso("79002000")  # Campo Grande, MS
    assert not ceps.cep_in_mato_grosso("7800510")
    assert ceps.cep_format("78005100") == "78005-100"


def test_a_cep_found_gives_its_municipality_asked_once_with_a_short_timeout(viacep):
    viacep.found(CUIABA_CEP, "Cuiabá", "5103403")
    place = ceps.cep_lookup("78.005-100")
    assert place == ceps.CepPlace(cep=CUIABA_CEP, ibge_code="5103403", city="Cuiabá", state="MT")
    request = viacep.requests[0]
    assert str(request.url) == "https://viacep.test/ws/78005100/json/"
    assert request.method == "GET" and request.headers["Accept"] == "application/json"
    assert request.extensions["timeout"] == {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}
    # the second time from the cache: the provider is not asked again
    assert ceps.cep_lookup(CUIABA_CEP) == place
    assert viacep.calls == [CUIABA_CEP]


def test_found_is_cached_for_30_days_and_not_found_for_a_day(viacep):
    viacep.found(CUIABA_CEP, "Cuiabá", "5103403")
    viacep.missing("78899000")
    with mock.patch.object(ceps.cache, "set", wraps=cache.set) as cache_set:
        ceps.cep_lookup(CUIABA_CEP)
        assert ceps.cep_lookup("78899000") is None
    timeouts = {call.args[0].rsplit(":", 1)[1]: call.args[2] for call in cache_set.call_args_list}
    assert timeouts == {CUIABA_CEP: 30 * 24 * 3600, "78899000": 24 * 3600}
    assert ceps.cep_lookup("78899000") is None
    assert viacep.calls == [CUIABA_CEP, "78899000"]


def test_the_string_true_also_means_not_found(viacep):
    viacep.answer("78899001", 200, {"erro": "true"})
    assert ceps.cep_lookup("78899001") is None


@pytest.mark.parametrize("error", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.ConnectError])
def test_a_provider_down_or_slow_is_unavailable_and_never_cached(viacep, error, caplog):
    viacep.fail(CUIABA_CEP, error)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ceps.CepUnavailable):
        ceps.cep_lookup(CUIABA_CEP)
    # for a while the provider is left alone: no second timeout for the next person
    with pytest.raises(ceps.CepUnavailable):
        ceps.cep_lookup("78005-100")
    assert viacep.calls == [CUIABA_CEP]
    # the failure was not remembered as an answer: once the pause is over, the CEP is asked again
    cache.delete(f"{ceps.CACHE_PREFIX}:{KEY}:pausa")
    viacep.found(CUIABA_CEP, "Cuiabá", "5103403")
    assert ceps.cep_lookup(CUIABA_CEP).ibge_code == "5103403"
    assert viacep.calls == [CUIABA_CEP, CUIABA_CEP]
    # nothing logged the CEP, at any level (httpx's client logs URLs: it is not used)
    assert CUIABA_CEP not in caplog.text and "78005-100" not in caplog.text
    assert "CEP provider viacep-teste" in caplog.text


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        (500, {"erro": True}, {}),
        (429, "", {}),
        (400, "<html>Bad Request</html>", {}),
        (301, "", {"Location": "https://elsewhere.example/ws/78005100/json/"}),
        (200, b"<html>manutencao</html>", {}),
        (200, [], {}),
        (200, {"erro": False}, {}),
        (200, {"cep": "78005-100", "localidade": "Cuiabá", "uf": "MT"}, {}),  # no ibge
        (200, {"cep": "78005-100", "localidade": "Cuiabá", "uf": "MT", "ibge": "51034"}, {}),
        (200, {"cep": "78005-100", "localidade": "Cuiabá", "uf": "MT", "ibge": 5103403}, {}),
        (200, {"cep": "01001-000", "localidade": "São Paulo", "uf": "SP", "ibge": "3550308"}, {}),
        (200, {"cep": "78005-100", "localidade": "", "uf": "MT", "ibge": "5103403"}, {}),
        (200, {"cep": "78005-100", "localidade": "Cuiabá", "uf": "mt", "ibge": "5103403"}, {}),
        (200, {"cep": "78005-100", "localidade": "x" * 101, "uf": "MT", "ibge": "5103403"}, {}),
        (200, b"{" + b" " * (20 * 1024) + b"}", {}),
    ],
)
def test_an_answer_that_is_not_what_viacep_documents_is_unavailable(viacep, status, body, headers):
    viacep.answer(CUIABA_CEP, status, body, headers)
    with pytest.raises(ceps.CepUnavailable):
        ceps.cep_lookup(CUIABA_CEP)
    assert viacep.calls == [CUIABA_CEP]  # a redirect is not followed
    assert cache.get(f"{ceps.CACHE_PREFIX}:{KEY}:{CUIABA_CEP}") is None


def test_a_malformed_cep_is_refused_before_any_call(viacep):
    for typed in ("7800510", "abc", ""):
        with pytest.raises(ValueError):
            ceps.cep_lookup(typed)
    with pytest.raises(ValueError):
        ceps.ViaCepProvider(base_url="https://viacep.test/ws").lookup("7800510")
    assert viacep.calls == []


def test_the_provider_can_be_passed_explicitly():
    seen = []

    def handler(request):
        seen.append(request.url.path)
        return httpx.Response(
            200, json={"cep": "78550-000", "localidade": "Sinop", "uf": "MT", "ibge": "5107909"}
        )

    provider = ceps.ViaCepProvider(
        base_url="https://mirror.example/ws/", transport=httpx.MockTransport(handler)
    )
    cache.clear()
    try:
        assert ceps.cep_lookup("78550000", provider=provider).city == "Sinop"
    finally:
        cache.clear()
    assert seen == ["/ws/78550000/json/"]


def test_the_none_provider_looks_nothing_up_and_pauses_nothing():
    cache.clear()
    with override_settings(CEP_PROVIDER="none"):
        for _attempt in range(2):
            with pytest.raises(ceps.CepLookupDisabled):
                ceps.cep_lookup(CUIABA_CEP)
        assert cache.get(f"{ceps.CACHE_PREFIX}:none:pausa") is None


def test_viacep_is_the_default_and_the_registry_refuses_unknown_keys(settings):
    for name in ("CEP_PROVIDERS", "CEP_PROVIDER", "CEP_VIACEP_URL"):
        if hasattr(settings, name):
            delattr(settings, name)
    provider = ceps.provider_default()
    assert isinstance(provider, ceps.ViaCepProvider) and provider.key == "viacep"
    assert provider.base_url == "https://viacep.com.br/ws" and provider.timeout == 2.0
    assert provider.transport is None
    with pytest.raises(ceps.UnknownCepProvider):
        ceps.provider_get("correios")


@pytest.mark.parametrize(
    ("url", "production"),
    [("http://viacep.com.br/ws/", True), ("https://viacep.com.br/ws/?x=1", False), ("viacep.com.br", False)],
)
def test_the_viacep_address_is_checked(settings, url, production):
    settings.CEP_VIACEP_URL = url
    settings.PRODUCTION = production
    with pytest.raises(ImproperlyConfigured):
        ceps.viacep_base_url()


def test_the_environments_proxy_is_used_like_httpx_client_would(monkeypatch):
    url = httpx.URL("https://viacep.com.br/ws/78005100/json/")
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert ceps._environment_proxy(url) is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.mti.example:3128")
    assert ceps._environment_proxy(url) == "http://proxy.mti.example:3128"
    monkeypatch.setenv("NO_PROXY", "viacep.com.br")
    assert ceps._environment_proxy(url) is None
