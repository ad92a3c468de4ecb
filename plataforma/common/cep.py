"""CEP (Código de Endereçamento Postal): the format, Mato Grosso's range, and the municipality of
a CEP through a pluggable provider (scheduling's "nearest unit first from the user's CEP or city",
issue #5; ADR 0028).

The registry follows the meeting rooms' one (scheduling/meetings.py):

    CEP_PROVIDERS = {"viacep": "plataforma.common.cep.ViaCepProvider",
                     "none": "plataforma.common.cep.NoCepProvider"}
    CEP_PROVIDER = "viacep"                       # "none" for an installation without internet
    CEP_VIACEP_URL = "https://viacep.com.br/ws/"  # or a mirror the state runs

- `ViaCepProvider` asks ViaCEP (`GET {base}/{cep}/json/`, the Correios' base; documented answer:
  `{"cep": "78005-100", "localidade": "Cuiabá", "uf": "MT", "ibge": "5103403", ...}`, and
  `{"erro": true}` for a CEP that does not exist) with httpx: 2 s timeout, no redirects followed,
  the answer checked field by field. Anything else — a timeout, another status, a body that is not
  that JSON — is `CepUnavailable`, never "not found".
- `NoCepProvider` never calls anything: the page asks for the municipality's name instead.

`cep_lookup` caches what the provider said (Django cache: 30 days for a CEP found, 1 day for one
that does not exist), never a failure. After a failure the provider is left alone for
`PAUSE_AFTER_FAILURE` seconds, so an outage costs each page at most one timeout a while instead of
holding every web worker for 2 s. Nothing here logs a CEP.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

VIACEP = "viacep"
NONE = "none"
DEFAULT_PROVIDERS = {
    VIACEP: "plataforma.common.cep.ViaCepProvider",
    NONE: "plataforma.common.cep.NoCepProvider",
}
DEFAULT_VIACEP_URL = "https://viacep.com.br/ws/"
TIMEOUT_SECONDS = 2.0
MAX_ANSWER_BYTES = 16 * 1024
FOUND_SECONDS = 30 * 24 * 3600
NOT_FOUND_SECONDS = 24 * 3600
PAUSE_AFTER_FAILURE = 30
CACHE_PREFIX = "cep:v1"

# Mato Grosso's CEPs (Correios' ranges per state): 78000-000 to 78899-999. (78900-000 to
# 78999-999 belonged to Rondônia until 2008 and are no longer assigned to Mato Grosso.)
MT_FIRST = "78000000"
MT_LAST = "78899999"

# Digits only (ASCII: str.isdigit and \d also take other scripts' digits), with the usual
# punctuation: "78005100", "78005-100", "78.005-100".
_CEP = re.compile(r"([0-9]{2})\.?([0-9]{3})-?([0-9]{3})")
_IBGE = re.compile(r"[0-9]{7}")
_UF = re.compile(r"[A-Z]{2}")


def cep_normalise(text: Any) -> str | None:
    """The CEP's 8 digits from what a person typed ("78.005-100", "78005-100", " 78005100 "), or
    None for anything else."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    match = _CEP.fullmatch(text.strip())
    return "".join(match.groups()) if match else None


def cep_format(cep: str) -> str:
    """ "78005100" → "78005-100"."""
    return f"{cep[:5]}-{cep[5:]}" if len(cep) == 8 else cep


def cep_in_mato_grosso(cep: str) -> bool:
    """Whether a normalised CEP is in Mato Grosso's range (no lookup)."""
    return len(cep) == 8 and cep.isascii() and cep.isdigit() and MT_FIRST <= cep <= MT_LAST


@dataclass(frozen=True)
class CepPlace:
    """The municipality of a CEP, as the provider gave it."""

    cep: str
    ibge_code: str  # 7 digits: the IBGE municipality code
    city: str
    state: str  # UF


class CepUnavailable(Exception):
    """The provider could not answer (down, slow, a reply that is not what it documents). The
    person is asked for the municipality's name instead; nothing is cached."""


class CepLookupDisabled(CepUnavailable):
    """This installation looks up no CEP (provider "none")."""


@runtime_checkable
class CepProvider(Protocol):
    key: str

    def lookup(self, cep: str) -> CepPlace | None:
        """The municipality of an 8-digit CEP; None when the CEP does not exist; CepUnavailable
        when the provider cannot say."""
        ...


def viacep_base_url() -> str:
    """The configured ViaCEP base, checked: an absolute https address (http only outside
    production) without query or fragment."""
    base = (getattr(settings, "CEP_VIACEP_URL", "") or DEFAULT_VIACEP_URL).strip()
    parts = urlsplit(base)
    allowed = ("https",) if getattr(settings, "PRODUCTION", False) else ("https", "http")
    if parts.scheme not in allowed or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured("CEP_VIACEP_URL must be an absolute https:// address without query.")
    return base.rstrip("/")


def _environment_proxy(url: httpx.URL) -> str | None:
    """The proxy the environment names for `url` (HTTPS_PROXY, NO_PROXY…), as httpx.Client would
    use: a data centre's way out to the internet."""
    proxies = urllib.request.getproxies()
    if not proxies or urllib.request.proxy_bypass(url.host):
        return None
    return proxies.get(url.scheme) or proxies.get("all")


class ViaCepProvider:
    """ViaCEP's web service (https://viacep.com.br). `transport` replaces the network (tests use
    httpx.MockTransport; a deployment may route through its proxy)."""

    key = VIACEP

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = (base_url or viacep_base_url()).rstrip("/")
        self.timeout = timeout
        self.transport = transport

    def lookup(self, cep: str) -> CepPlace | None:
        if not (len(cep) == 8 and cep.isascii() and cep.isdigit()):
            raise ValueError("cep must be 8 digits")
        # The transport is called directly, not through httpx.Client: the client logs every
        # request's URL at INFO ("HTTP Request: GET …/78005100/json/"), and the URL holds the CEP.
        # A transport follows no redirect.
        request = httpx.Request(
            "GET",
            f"{self.base_url}/{cep}/json/",
            headers={"Accept": "application/json", "User-Agent": "plataforma-mt"},
            extensions={"timeout": httpx.Timeout(self.timeout).as_dict()},
        )
        transport = self.transport or httpx.HTTPTransport(retries=0, proxy=_environment_proxy(request.url))
        try:
            response = transport.handle_request(request)
            try:
                status = response.status_code
                content = b""
                for chunk in response.iter_bytes():
                    content += chunk
                    if len(content) > MAX_ANSWER_BYTES:  # a ViaCEP answer is under 1 KB
                        break
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            logger.warning("CEP provider %s timed out", self.key)
            raise CepUnavailable("timeout") from exc
        except (httpx.HTTPError, OSError) as exc:
            logger.warning("CEP provider %s unreachable: %s", self.key, type(exc).__name__)
            raise CepUnavailable("unreachable") from exc
        finally:
            if self.transport is None:
                transport.close()
        return self._read(cep, status, content)

    def _read(self, cep: str, status: int, content: bytes) -> CepPlace | None:
        if status != 200 or len(content) > MAX_ANSWER_BYTES:
            logger.warning("CEP provider %s answered HTTP %s", self.key, status)
            raise CepUnavailable(f"status {status}")
        try:
            data = json.loads(content)
        except (ValueError, UnicodeDecodeError) as exc:
            logger.warning("CEP provider %s answered something that is not JSON", self.key)
            raise CepUnavailable("not json") from exc
        if not isinstance(data, dict):
            raise self._bad()
        if "erro" in data:
            # {"erro": true} (the documentation; some versions send the string "true")
            if data["erro"] is True or data["erro"] == "true":
                return None
            raise self._bad()
        answered = data.get("cep")
        ibge, city, state = data.get("ibge"), data.get("localidade"), data.get("uf")
        if not (
            isinstance(answered, str)
            and cep_normalise(answered) == cep
            and isinstance(ibge, str)
            and _IBGE.fullmatch(ibge)
            and isinstance(state, str)
            and _UF.fullmatch(state)
            and isinstance(city, str)
            and 0 < len(city.strip()) <= 100
            and city.isprintable()
        ):
            raise self._bad()
        return CepPlace(cep=cep, ibge_code=ibge, city=city.strip(), state=state)

    def _bad(self) -> CepUnavailable:
        logger.warning("CEP provider %s answered JSON of an unexpected shape", self.key)
        return CepUnavailable("unexpected answer")


class NoCepProvider:
    """No lookup at all (an installation without internet access)."""

    key = NONE

    def lookup(self, cep: str) -> CepPlace | None:
        raise CepLookupDisabled("no CEP provider")


class UnknownCepProvider(LookupError):
    pass


def providers_configured() -> dict[str, str]:
    """The registry; "none" is always there (turning lookups off needs no code)."""
    return {NONE: DEFAULT_PROVIDERS[NONE], **(getattr(settings, "CEP_PROVIDERS", None) or DEFAULT_PROVIDERS)}


def default_provider_key() -> str:
    return getattr(settings, "CEP_PROVIDER", VIACEP) or VIACEP


def provider_get(key: str) -> CepProvider:
    """The provider configured under `key`; UnknownCepProvider when there is none."""
    path = providers_configured().get(key)
    if path is None:
        raise UnknownCepProvider(key)
    provider = import_string(path)()
    provider.key = key
    return provider


def provider_default() -> CepProvider:
    return provider_get(default_provider_key())


def _key(provider: CepProvider, what: str) -> str:
    return f"{CACHE_PREFIX}:{provider.key}:{what}"


def cep_lookup(cep: str, *, provider: CepProvider | None = None) -> CepPlace | None:
    """The municipality of `cep` (any format cep_normalise accepts) from the cache or the
    provider (default: the configured one). None when the CEP does not exist. Raises ValueError
    for a malformed CEP (check it first) and CepUnavailable when the provider cannot answer."""
    digits = cep_normalise(cep)
    if digits is None:
        raise ValueError("malformed CEP")
    provider = provider or provider_default()
    cached = cache.get(_key(provider, digits))
    if isinstance(cached, dict):
        if not cached.get("found"):
            return None
        return CepPlace(cep=digits, ibge_code=cached["ibge"], city=cached["city"], state=cached["state"])
    pause = _key(provider, "pausa")
    if cache.get(pause):
        raise CepUnavailable("paused after a failure")
    try:
        place = provider.lookup(digits)
    except CepLookupDisabled:
        raise
    except CepUnavailable:
        cache.set(pause, True, PAUSE_AFTER_FAILURE)
        raise
    if place is None:
        cache.set(_key(provider, digits), {"found": False}, NOT_FOUND_SECONDS)
    else:
        cache.set(
            _key(provider, digits),
            {"found": True, "ibge": place.ibge_code, "city": place.city, "state": place.state},
            FOUND_SECONDS,
        )
    return place


__all__ = [
    "CepLookupDisabled",
    "CepPlace",
    "CepProvider",
    "CepUnavailable",
    "NoCepProvider",
    "ViaCepProvider",
    "cep_format",
    "cep_in_mato_grosso",
    "cep_lookup",
    "cep_normalise",
    "provider_default",
    "provider_get",
]
