"""Units of DETRAN-MT: the Cuiabá headquarters, the ciretrans and Ganha Tempo counters."""

from __future__ import annotations

from .records import ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "DETRAN-MT": [
        unit(
            "sede",
            "Sede do DETRAN-MT",
            "Avenida Doutor Hélio Ribeiro",
            "1000",
            "Centro Político Administrativo",
            "Cuiabá",
            "78049250",
            phone="(65) 3615-4800",
        ),
        unit(
            "roo",
            "Ciretran de Rondonópolis",
            "Avenida Lions Internacional",
            "1500",
            "Vila Birigui",
            "Rondonópolis",
            "78705000",
            phone="(66) 3439-2000",
        ),
        unit(
            "sinop",
            "Ciretran de Sinop",
            "Avenida dos Tarumãs",
            "900",
            "Setor Residencial Norte",
            "Sinop",
            "78556000",
            phone="(66) 3531-2300",
        ),
        unit(
            "tangara",
            "Ciretran de Tangará da Serra",
            "Avenida Brasil",
            "1800",
            "Jardim Europa",
            "Tangará da Serra",
            "78300000",
            phone="(65) 3311-4200",
        ),
        unit(
            "bdg",
            "Ciretran de Barra do Garças",
            "Avenida Ministro João Alberto",
            "1300",
            "Centro",
            "Barra do Garças",
            "78600000",
            phone="(66) 3401-4100",
        ),
        unit(
            "caceres",
            "Ciretran de Cáceres",
            "Avenida Getúlio Vargas",
            "700",
            "Cavalhada",
            "Cáceres",
            "78200000",
            phone="(65) 3223-3100",
        ),
        *ganha_tempo("gt-cuiaba", "gt-vg", "gt-roo", "gt-sinop"),
    ],
}
