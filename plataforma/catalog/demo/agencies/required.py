"""The 13 agencies the brief lists as mandatory for the demo (REQUIRED_ACRONYMS), in that order."""

from __future__ import annotations

from .record import AUTARQUIA, DIRECT, INDIRECT, ORGAO, agency

AGENCIES: list[dict] = [
    agency(
        1,
        "SEPLAG",
        "Secretaria de Estado de Planejamento e Gestão",
        DIRECT,
        ORGAO,
        "Planeja e acompanha o orçamento do Estado, faz a gestão de pessoas, patrimônio, compras e "
        "logística do Poder Executivo e coordena a rede de atendimento Ganha Tempo.",
        "https://www.seplag.mt.gov.br/",
        "(65) 3613-3500",
        "(65) 3613-3510",
    ),
    agency(
        2,
        "SEFAZ",
        "Secretaria de Estado de Fazenda",
        DIRECT,
        ORGAO,
        "Arrecada e fiscaliza os tributos estaduais (ICMS, IPVA e ITCD), administra o cadastro de "
        "contribuintes e cuida das finanças e da contabilidade do Estado.",
        "https://www.sefaz.mt.gov.br/",
        "0800 646 8666",
        "(65) 3617-2900",
    ),
    agency(
        3,
        "DETRAN-MT",
        "Departamento Estadual de Trânsito de Mato Grosso",
        INDIRECT,
        AUTARQUIA,
        "Registra e licencia veículos, habilita condutores, fiscaliza o trânsito e promove a educação "
        "para o trânsito em todo o Estado.",
        "https://www.detran.mt.gov.br/",
        "(65) 3615-4800",
        "(65) 3615-4646",
        slug="detran-mt",
    ),
    agency(
        4,
        "SESP",
        "Secretaria de Estado de Segurança Pública",
        DIRECT,
        ORGAO,
        "Coordena as forças de segurança do Estado (Polícia Militar, Polícia Judiciária Civil, Corpo de "
        "Bombeiros Militar e Politec), o sistema penitenciário e o Centro Integrado de Operações de "
        "Segurança Pública (Ciosp).",
        "https://www.sesp.mt.gov.br/",
        "(65) 3613-5500",
        "(65) 3613-5583",
    ),
    agency(
        5,
        "SES",
        "Secretaria de Estado de Saúde",
        DIRECT,
        ORGAO,
        "Coordena o Sistema Único de Saúde (SUS) em Mato Grosso: hospitais regionais, regulação de "
        "consultas e cirurgias, farmácia de alto custo, vigilância em saúde e apoio aos municípios.",
        "https://www.saude.mt.gov.br/",
        "(65) 3613-5300",
        "0800 647 1500",
        slug="ses",
    ),
    agency(
        6,
        "SEDUC",
        "Secretaria de Estado de Educação",
        DIRECT,
        ORGAO,
        "Mantém a rede estadual de ensino (ensino fundamental, médio, educação de jovens e adultos, "
        "educação indígena, quilombola e do campo) e apoia os municípios na educação básica.",
        "https://www.seduc.mt.gov.br/",
        "(65) 3613-6300",
        "(65) 3613-6301",
    ),
    agency(
        7,
        "JUCEMAT",
        "Junta Comercial do Estado de Mato Grosso",
        INDIRECT,
        AUTARQUIA,
        "Faz o registro público de empresas mercantis: abertura, alteração e encerramento de "
        "empresas, autenticação de livros e emissão de certidões.",
        "https://www.jucemat.mt.gov.br/",
        "(65) 3613-9500",
        "(65) 3613-9511",
    ),
    agency(
        8,
        "INDEA",
        "Instituto de Defesa Agropecuária do Estado de Mato Grosso",
        INDIRECT,
        AUTARQUIA,
        "Protege a saúde dos rebanhos e das lavouras: vacinação e controle do trânsito de animais e "
        "vegetais, fiscalização de agrotóxicos e sementes e inspeção de produtos de origem animal.",
        "https://www.indea.mt.gov.br/",
        "(65) 3613-8900",
        "(65) 3613-8910",
    ),
    agency(
        9,
        "MTI",
        "Empresa Mato-grossense de Tecnologia da Informação",
        INDIRECT,
        "Sociedade de economia mista",
        "Presta os serviços de tecnologia da informação do Estado: hospedagem e processamento de "
        "sistemas, rede de dados, interoperabilidade (X-VIA), certificação digital e apoio técnico aos "
        "órgãos.",
        "https://www.mti.mt.gov.br/",
        "(65) 3617-3000",
        "(65) 3617-3010",
    ),
    agency(
        10,
        "PGE",
        "Procuradoria-Geral do Estado",
        DIRECT,
        ORGAO,
        "Representa o Estado em juízo, dá consultoria jurídica ao Poder Executivo e cobra a dívida "
        "ativa estadual, inclusive por protesto e parcelamento.",
        "https://www.pge.mt.gov.br/",
        "(65) 3613-7800",
        "(65) 3613-7801",
    ),
    agency(
        11,
        "CGE",
        "Controladoria-Geral do Estado",
        DIRECT,
        ORGAO,
        "Faz o controle interno do Poder Executivo (auditoria, corregedoria, transparência e "
        "integridade) e coordena a Ouvidoria-Geral do Estado e o acesso à informação.",
        "https://www.controladoria.mt.gov.br/",
        "(65) 3613-4100",
        "162",
    ),
    agency(
        12,
        "SETASC",
        "Secretaria de Estado de Assistência Social e Cidadania",
        DIRECT,
        ORGAO,
        "Coordena a política de assistência social, os programas de transferência de renda e de "
        "segurança alimentar do Estado e a emissão de documentos básicos para quem precisa.",
        "https://www.setasc.mt.gov.br/",
        "(65) 3613-5700",
        "(65) 3613-5701",
    ),
    agency(
        13,
        "SEMA",
        "Secretaria de Estado de Meio Ambiente",
        DIRECT,
        ORGAO,
        "Licencia e fiscaliza atividades que usam recursos naturais, administra o Cadastro Ambiental "
        "Rural, as outorgas de uso da água e as unidades de conservação estaduais.",
        "https://www.sema.mt.gov.br/",
        "(65) 3613-7200",
        "0800 065 3838",
    ),
]
