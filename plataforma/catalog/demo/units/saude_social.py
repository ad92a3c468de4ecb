"""Units of SES, SETASC and Procon-MT."""

from __future__ import annotations

from .records import cpa, ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "SES": [
        unit(
            "alto-custo",
            "Farmácia Estadual de Alto Custo — Cuiabá",
            "Rua Thogo da Silva Pereira",
            "63",
            "Centro Sul",
            "Cuiabá",
            "78020500",
            "Segunda a sexta, das 7h às 17h",
            "(65) 3613-5400",
        ),
        unit(
            "hemocentro",
            "MT Hemocentro",
            "Rua Treze de Junho",
            "1055",
            "Porto",
            "Cuiabá",
            "78020000",
            "Segunda a sexta, das 7h às 18h; sábado, das 7h às 12h",
            "(65) 3623-0044",
        ),
        unit(
            "ers-roo",
            "Escritório Regional de Saúde de Rondonópolis",
            "Rua Dom Pedro II",
            "1500",
            "Centro",
            "Rondonópolis",
            "78700100",
            phone="(66) 3411-5200",
        ),
        unit(
            "ers-sinop",
            "Escritório Regional de Saúde de Sinop",
            "Avenida das Figueiras",
            "800",
            "Setor Comercial",
            "Sinop",
            "78550300",
            phone="(66) 3511-6000",
        ),
    ],
    "SETASC": [
        cpa("sede", "Sede da SETASC", "Rua Dois, Quadra 04", phone="(65) 3613-5700"),
        *ganha_tempo("gt-cuiaba", "gt-vg"),
    ],
    "PROCON-MT": [
        unit(
            "sede",
            "Sede do Procon Estadual",
            "Rua Barão de Melgaço",
            "1500",
            "Centro Sul",
            "Cuiabá",
            "78020800",
            phone="151",
        ),
        *ganha_tempo("gt-cuiaba", "gt-vg", "gt-roo"),
    ],
}
