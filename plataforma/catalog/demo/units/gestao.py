"""Units of SEPLAG (with the Ganha Tempo network it runs), MT Saúde and MTPREV."""

from __future__ import annotations

from .records import cpa, ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "SEPLAG": [
        cpa(
            "sede",
            "Atendimento ao Servidor — SEPLAG",
            "Rua C, Palácio Paiaguás, Bloco III",
            phone="(65) 3613-3500",
        ),
        *ganha_tempo(),
    ],
    "MT SAÚDE": [
        unit(
            "sede",
            "Sede do MT Saúde",
            "Avenida Getúlio Vargas",
            "1200",
            "Centro Norte",
            "Cuiabá",
            "78005600",
            phone="(65) 3613-2900",
        ),
    ],
    "MTPREV": [
        unit(
            "sede",
            "Sede do MTPREV",
            "Avenida Miguel Sutil",
            "8000",
            "Santa Rosa",
            "Cuiabá",
            "78040365",
            phone="(65) 3613-4400",
        ),
    ],
}
