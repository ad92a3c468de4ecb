"""The two sample backends as Starlette applications. They answer JSON, validate what they are
asked (400 with a message in Portuguese), and know nothing of X-VIA: the security server in
front of them is what authenticates, authorises and logs."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from xvia.protocol.personal import normalize_cpf

from . import synthetic

PLATE_RE = re.compile(r"^[A-Z]{3}[0-9][A-Z0-9][0-9]{2}$")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"erro": message}, status_code=status)


def normalize_cnpj(value: str) -> str | None:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 14 or digits == digits[0] * 14:
        return None

    def digit(base: str) -> int:
        weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2][-len(base) :]
        rest = sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        return 0 if rest < 2 else 11 - rest

    if digit(digits[:12]) != int(digits[12]) or digit(digits[:13]) != int(digits[13]):
        return None
    return digits


# --- DETRAN-MT ---------------------------------------------------------------------------------


async def vehicle(request: Request) -> JSONResponse:
    placa = request.path_params["placa"].upper()
    if not PLATE_RE.match(placa):
        return _error(400, "Placa inválida: use o formato ABC1D23.")
    return JSONResponse(synthetic.vehicle(placa))


async def vehicle_debts(request: Request) -> JSONResponse:
    placa = request.path_params["placa"].upper()
    if not PLATE_RE.match(placa):
        return _error(400, "Placa inválida: use o formato ABC1D23.")
    return JSONResponse(synthetic.debts(placa, date.today()))  # noqa: DTZ011 - the backend's local day


async def owner_vehicles(request: Request) -> JSONResponse:
    cpf = normalize_cpf(request.path_params["cpf"])
    if cpf is None:
        return _error(400, "CPF inválido.")
    return JSONResponse({"proprietario": cpf, "veiculos": synthetic.owned_vehicles(cpf)})


detran = Starlette(
    routes=[
        Route("/veiculos/{placa}", vehicle, methods=["GET"]),
        Route("/veiculos/{placa}/debitos", vehicle_debts, methods=["GET"]),
        Route("/proprietarios/{cpf}/veiculos", owner_vehicles, methods=["GET"]),
    ]
)


# --- SEFAZ-MT ----------------------------------------------------------------------------------


async def tax_status(request: Request) -> JSONResponse:
    raw = request.path_params["documento"]
    document = normalize_cpf(raw) or normalize_cnpj(raw)
    if document is None:
        return _error(400, "Documento inválido: informe um CPF ou CNPJ válido.")
    return JSONResponse(synthetic.tax_status(document, datetime.now(UTC)))


sefaz = Starlette(routes=[Route("/situacao-fiscal/{documento}", tax_status, methods=["GET"])])

APPS = {"detran": detran, "sefaz": sefaz}
