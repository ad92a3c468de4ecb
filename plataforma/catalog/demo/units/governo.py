"""Units of MTI, CGE and Casa Civil (which attends no one in person)."""

from __future__ import annotations

from .records import cpa

UNITS: dict[str, list[dict]] = {
    "MTI": [
        cpa("sede", "Sede da MTI — Autoridade de Registro", "Rua Dez, Quadra 13", phone="(65) 3617-3000"),
    ],
    "CGE": [
        cpa(
            "sede",
            "Ouvidoria-Geral do Estado — atendimento presencial",
            "Rua Seis, Edifício Ouvidoria",
            phone="162",
        ),
    ],
    "CASA CIVIL": [],
}
