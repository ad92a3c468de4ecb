"""Units of SEFAZ (agências fazendárias) and PGE."""

from __future__ import annotations

from .records import ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "SEFAZ": [
        unit(
            "cuiaba",
            "Agência Fazendária de Cuiabá",
            "Avenida Coronel Escolástico",
            "346",
            "Bandeirantes",
            "Cuiabá",
            "78010200",
            phone="(65) 3617-2000",
        ),
        unit(
            "roo",
            "Agência Fazendária de Rondonópolis",
            "Rua Fernando Corrêa da Costa",
            "800",
            "Centro",
            "Rondonópolis",
            "78700040",
            phone="(66) 3411-4600",
        ),
        unit(
            "sinop",
            "Agência Fazendária de Sinop",
            "Avenida dos Jacarandás",
            "1200",
            "Setor Comercial",
            "Sinop",
            "78550200",
            phone="(66) 3511-4500",
        ),
        *ganha_tempo("gt-cuiaba", "gt-roo", "gt-sinop"),
    ],
    "PGE": [
        unit(
            "sede",
            "Sede da Procuradoria-Geral do Estado",
            "Avenida República do Líbano",
            "2258",
            "Jardim Monte Líbano",
            "Cuiabá",
            "78048196",
            phone="(65) 3613-7800",
        ),
        unit(
            "roo",
            "Procuradoria Regional de Rondonópolis",
            "Rua Pedro Ferrer",
            "900",
            "Centro",
            "Rondonópolis",
            "78700300",
            phone="(66) 3411-7800",
        ),
    ],
}
