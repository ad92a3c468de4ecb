"""An in-memory ViaCEP for tests: the real ViaCepProvider (request, checks, cache) over an
httpx.MockTransport, never the network.

    with fake_viacep() as viacep:          # installs it as the configured CEP provider
        viacep.found("78005100", "Cuiabá", "5103403")
        viacep.missing("78999000")
        viacep.fail("78556000", httpx.ConnectTimeout)
        ...                                # pages and API calls now look CEPs up here
        assert viacep.calls == ["78005100"]

A CEP the test did not declare fails the test (the handler raises AssertionError), so nothing is
ever answered by accident.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from django.core.cache import cache
from django.test import override_settings

from plataforma.common.cep import ViaCepProvider

KEY = "viacep-teste"
BASE_URL = "https://viacep.test/ws"
_PATH = re.compile(r"/ws/([0-9]{8})/json/")


class FakeViaCep:
    def __init__(self) -> None:
        self.answers: dict[str, Any] = {}
        self.calls: list[str] = []
        self.requests: list[httpx.Request] = []

    def found(self, cep: str, city: str, ibge: str, uf: str = "MT") -> None:
        """ViaCEP's documented answer for an existing CEP."""
        self.answer(
            cep,
            200,
            {
                "cep": f"{cep[:5]}-{cep[5:]}",
                "logradouro": "Rua Barão de Melgaço",
                "complemento": "",
                "unidade": "",
                "bairro": "Centro Sul",
                "localidade": city,
                "uf": uf,
                "estado": "Mato Grosso",
                "regiao": "Centro-Oeste",
                "ibge": ibge,
                "gia": "",
                "ddd": "65",
                "siafi": "9067",
            },
        )

    def missing(self, cep: str) -> None:
        """ViaCEP's answer for a well-formed CEP that does not exist."""
        self.answer(cep, 200, {"erro": True})

    def answer(self, cep: str, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.answers[cep] = (status, body, headers or {})

    def fail(self, cep: str, error: type[Exception]) -> None:
        """The service cannot be reached for this CEP (e.g. httpx.ConnectTimeout, httpx.ConnectError)."""
        self.answers[cep] = error

    def handle(self, request: httpx.Request) -> httpx.Response:
        match = _PATH.fullmatch(request.url.path)
        assert match, f"unexpected ViaCEP path {request.url.path}"
        cep = match.group(1)
        self.calls.append(cep)
        self.requests.append(request)
        assert cep in self.answers, f"the test declared no ViaCEP answer for {cep}"
        answer = self.answers[cep]
        if isinstance(answer, type) and issubclass(answer, Exception):
            raise answer("simulated failure", request=request)
        status, body, headers = answer
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(
            status, content=content, headers={"Content-Type": "application/json", **headers}
        )


_current: FakeViaCep | None = None


class MockViaCepProvider(ViaCepProvider):
    """ViaCepProvider whose transport is the installed FakeViaCep (configured under KEY)."""

    def __init__(self) -> None:
        if _current is None:
            raise RuntimeError("no fake ViaCEP installed: use fake_viacep()")
        super().__init__(base_url=BASE_URL, transport=httpx.MockTransport(_current.handle))


@contextmanager
def fake_viacep() -> Iterator[FakeViaCep]:
    """Make a FakeViaCep the configured CEP provider, with an empty cache before and after."""
    global _current
    fake = FakeViaCep()
    _current = fake
    cache.clear()
    try:
        with override_settings(
            CEP_PROVIDERS={KEY: f"{__name__}.MockViaCepProvider"},
            CEP_PROVIDER=KEY,
        ):
            yield fake
    finally:
        _current = None
        cache.clear()
