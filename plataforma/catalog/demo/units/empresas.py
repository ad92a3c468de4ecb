"""Units of JUCEMAT, SEDEC, SINFRA, Desenvolve MT and AGER."""

from __future__ import annotations

from .records import cpa, ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "JUCEMAT": [
        unit(
            "sede",
            "Sede da JUCEMAT",
            "Avenida Historiador Rubens de Mendonça",
            "3920",
            "Bosque da Saúde",
            "Cuiabá",
            "78050000",
            phone="(65) 3613-9500",
        ),
        *ganha_tempo("gt-vg", "gt-roo", "gt-sinop"),
    ],
    "SEDEC": [
        cpa("sede", "Sede da SEDEC", "Rua Um, Bloco Sedec", phone="(65) 3613-0000"),
        unit(
            "sine-cuiaba",
            "Sine Cuiabá",
            "Rua Barão de Melgaço",
            "1300",
            "Centro Sul",
            "Cuiabá",
            "78020800",
            "Segunda a sexta, das 7h às 17h",
            "(65) 3613-0050",
        ),
    ],
    "SINFRA": [cpa("sede", "Sede da SINFRA", "Rua Dois, Bloco Sinfra", phone="(65) 3613-0500")],
    "DESENVOLVE MT": [
        unit(
            "sede",
            "Sede da Desenvolve MT",
            "Avenida Historiador Rubens de Mendonça",
            "1700",
            "Bosque da Saúde",
            "Cuiabá",
            "78050000",
            phone="(65) 3613-4900",
        ),
    ],
    "AGER": [
        unit(
            "sede",
            "Sede da AGER",
            "Avenida Rubens de Mendonça",
            "1800",
            "Bosque da Saúde",
            "Cuiabá",
            "78050000",
            phone="0800 647 3636",
        ),
    ],
}
