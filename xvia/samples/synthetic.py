"""Deterministic synthetic records: the same key always gives the same record."""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta

MODELS = (
    ("FIAT/ARGO DRIVE 1.0", 2021),
    ("VW/GOL 1.6", 2016),
    ("CHEVROLET/ONIX 1.0T", 2022),
    ("TOYOTA/HILUX CD 4X4", 2019),
    ("HONDA/CG 160 FAN", 2020),
    ("FORD/RANGER XLS", 2018),
    ("HYUNDAI/HB20 1.0", 2023),
    ("RENAULT/KWID ZEN", 2021),
)
CITIES = ("Cuiabá", "Várzea Grande", "Rondonópolis", "Sinop", "Tangará da Serra", "Cáceres", "Sorriso")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def rng(*parts: str) -> random.Random:
    seed = hashlib.sha256("|".join(parts).encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))  # noqa: S311 - synthetic demo data


def plate(r: random.Random) -> str:
    """A Mercosul plate of Mato Grosso's range (Q**, R** are illustrative)."""
    return (
        "Q"
        + "".join(r.choice(LETTERS) for _ in range(2))
        + str(r.randint(0, 9))
        + r.choice(LETTERS)
        + (f"{r.randint(0, 99):02d}")
    )


def vehicle(placa: str) -> dict:
    r = rng("vehicle", placa)
    model, year = r.choice(MODELS)
    return {
        "placa": placa,
        "renavam": "".join(str(r.randint(0, 9)) for _ in range(11)),
        "marca_modelo": model,
        "ano_fabricacao": year,
        "municipio": r.choice(CITIES),
        "situacao": r.choices(["regular", "restricao", "baixado"], weights=[85, 12, 3])[0],
    }


def debts(placa: str, today: date) -> dict:
    r = rng("debts", placa)
    items = []
    if r.random() < 0.4:
        items.append({"tipo": "IPVA", "exercicio": today.year, "valor": round(r.uniform(300, 4000), 2)})
    if r.random() < 0.3:
        items.append(
            {
                "tipo": "Multa",
                "exercicio": today.year,
                "valor": r.choice([88.38, 130.16, 195.23, 293.47]),
                "vencimento": (today + timedelta(days=r.randint(5, 40))).isoformat(),
            }
        )
    return {"placa": placa, "debitos": items, "total": round(sum(i["valor"] for i in items), 2)}


def owned_vehicles(cpf: str) -> list[dict]:
    r = rng("owner", cpf)
    return [vehicle(plate(r)) for _ in range(r.choice([0, 1, 1, 1, 2, 2, 3]))]


def tax_status(document: str, now: datetime) -> dict:
    r = rng("tax", document)
    regular = r.random() < 0.8
    return {
        "documento": document,
        "situacao": "regular" if regular else "pendente",
        "certidao_negativa": regular,
        "consultado_em": now.isoformat(timespec="seconds"),
    }
