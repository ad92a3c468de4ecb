"""Units of SEDUC, SECITECI, SECEL and the UNEMAT câmpus."""

from __future__ import annotations

from .records import cpa, unit

UNITS: dict[str, list[dict]] = {
    "SEDUC": [
        cpa(
            "sede",
            "Sede da SEDUC",
            "Rua Engenheiro Edgar Prado Arze, Quadra 01, Lote 02",
            phone="(65) 3613-6300",
        ),
        unit(
            "dre-cuiaba",
            "Diretoria Regional de Educação de Cuiabá",
            "Rua Barão de Melgaço",
            "2000",
            "Centro Norte",
            "Cuiabá",
            "78005300",
            phone="(65) 3613-6500",
        ),
        unit(
            "dre-roo",
            "Diretoria Regional de Educação de Rondonópolis",
            "Avenida Marechal Rondon",
            "1500",
            "Centro",
            "Rondonópolis",
            "78700200",
            phone="(66) 3411-5300",
        ),
        unit(
            "dre-sinop",
            "Diretoria Regional de Educação de Sinop",
            "Avenida das Embaúbas",
            "1300",
            "Setor Comercial",
            "Sinop",
            "78550400",
            phone="(66) 3511-6100",
        ),
    ],
    "SECITECI": [
        cpa("sede", "Sede da SECITECI", "Rua Três, Edifício Secitec", phone="(65) 3613-0100"),
        unit(
            "ete-cuiaba",
            "Escola Técnica Estadual de Cuiabá",
            "Avenida Fernando Corrêa da Costa",
            "3000",
            "Coxipó",
            "Cuiabá",
            "78060900",
            "Segunda a sexta, das 7h às 22h",
            "(65) 3613-0150",
        ),
    ],
    "SECEL": [
        cpa("sede", "Sede da SECEL", "Rua Cinco, Bloco Secel", phone="(65) 3613-9200"),
        unit(
            "biblioteca",
            "Biblioteca Pública Estadual Estevão de Mendonça",
            "Rua Pedro Celestino",
            "300",
            "Centro",
            "Cuiabá",
            "78005010",
            "Segunda a sexta, das 8h às 18h",
            "(65) 3613-9250",
        ),
    ],
    "UNEMAT": [
        unit(
            "reitoria",
            "Reitoria da UNEMAT — Cáceres",
            "Avenida Tancredo Neves",
            "1095",
            "Cavalhada II",
            "Cáceres",
            "78217900",
            phone="(65) 3221-0000",
        ),
        unit(
            "sinop",
            "Câmpus Universitário de Sinop",
            "Avenida dos Ingás",
            "3001",
            "Jardim Imperial",
            "Sinop",
            "78555000",
            phone="(66) 3511-2100",
        ),
        unit(
            "tangara",
            "Câmpus Universitário de Tangará da Serra",
            "Rodovia MT-358",
            "km 7",
            "Jardim Aeroporto",
            "Tangará da Serra",
            "78300000",
            phone="(65) 3311-4900",
        ),
    ],
}
