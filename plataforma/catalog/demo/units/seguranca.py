"""Units of the segurança pública agencies: SESP, PJC, PMMT, Bombeiros and Politec."""

from __future__ import annotations

from .records import cpa, ganha_tempo, unit

UNITS: dict[str, list[dict]] = {
    "SESP": [
        cpa(
            "sede", "Sede da Secretaria de Segurança Pública", "Rua Seis, Bloco Sesp", phone="(65) 3613-5500"
        ),
        unit(
            "visitantes",
            "Central de Cadastro de Visitantes do Sistema Penitenciário",
            "Avenida Dante Martins de Oliveira",
            "1100",
            "Carumbé",
            "Cuiabá",
            "78053000",
            phone="(65) 3613-5900",
        ),
    ],
    "PJC": [
        unit(
            "flagrantes",
            "Central de Flagrantes de Cuiabá",
            "Avenida Carmindo de Campos",
            "1000",
            "Planalto",
            "Cuiabá",
            "78045000",
            "Todos os dias, 24 horas",
            "197",
        ),
        unit(
            "mulher",
            "Delegacia Especializada de Defesa da Mulher de Cuiabá",
            "Rua Comandante Costa",
            "300",
            "Centro Sul",
            "Cuiabá",
            "78020400",
            "Todos os dias, 24 horas",
            "(65) 3613-5650",
        ),
        unit(
            "roo",
            "Delegacia Regional de Rondonópolis",
            "Avenida Presidente Médici",
            "2000",
            "Centro",
            "Rondonópolis",
            "78700500",
            "Todos os dias, 24 horas",
            "(66) 3411-5600",
        ),
        unit(
            "sinop",
            "Delegacia Regional de Sinop",
            "Avenida das Acácias",
            "1000",
            "Setor Residencial Sul",
            "Sinop",
            "78550600",
            "Todos os dias, 24 horas",
            "(66) 3511-5600",
        ),
    ],
    "PMMT": [
        unit(
            "qcg",
            "Quartel do Comando-Geral da Polícia Militar",
            "Avenida Historiador Rubens de Mendonça",
            "5000",
            "Morada da Serra",
            "Cuiabá",
            "78055000",
            phone="(65) 3613-8600",
        ),
    ],
    "CBM-MT": [
        unit(
            "dsci",
            "Diretoria de Segurança Contra Incêndio e Pânico — Cuiabá",
            "Avenida Historiador Rubens de Mendonça",
            "3900",
            "Bosque da Saúde",
            "Cuiabá",
            "78050000",
            phone="(65) 3613-8400",
        ),
        unit(
            "roo",
            "Seção de Segurança Contra Incêndio de Rondonópolis",
            "Avenida Fernando Corrêa da Costa",
            "2500",
            "Vila Aurora",
            "Rondonópolis",
            "78740200",
            phone="(66) 3411-8400",
        ),
    ],
    "POLITEC": [
        unit(
            "identificacao",
            "Instituto de Identificação — Sede",
            "Avenida Gonçalo Antunes de Barros",
            "3245",
            "Carumbé",
            "Cuiabá",
            "78058743",
            phone="(65) 3613-8100",
        ),
        unit(
            "iml",
            "Instituto Médico Legal de Cuiabá",
            "Avenida Gonçalo Antunes de Barros",
            "3245",
            "Carumbé",
            "Cuiabá",
            "78058743",
            "Todos os dias, 24 horas",
            "(65) 3613-8150",
        ),
        *ganha_tempo(),
    ],
}
