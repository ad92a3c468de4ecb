"""Legislation shared by many services: key → (title, URL or None). A service names the keys in
its `laws`; Lei 13.460/2017 is added to every service."""

from __future__ import annotations

_PLANALTO = "https://www.planalto.gov.br/ccivil_03"
LAWS: dict[str, tuple[str, str | None]] = {
    "13460": (
        "Lei nº 13.460/2017 — direitos dos usuários dos serviços públicos",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13460.htm",
    ),
    "14129": ("Lei nº 14.129/2021 — Governo Digital", f"{_PLANALTO}/_ato2019-2022/2021/lei/l14129.htm"),
    "10048": ("Lei nº 10.048/2000 — atendimento prioritário", f"{_PLANALTO}/leis/l10048.htm"),
    "idoso": ("Lei nº 10.741/2003 — Estatuto da Pessoa Idosa", f"{_PLANALTO}/leis/2003/l10.741.htm"),
    "lbi": (
        "Lei nº 13.146/2015 — Lei Brasileira de Inclusão da Pessoa com Deficiência",
        f"{_PLANALTO}/_ato2015-2018/2015/lei/l13146.htm",
    ),
    "lai": (
        "Lei nº 12.527/2011 — Lei de Acesso à Informação",
        f"{_PLANALTO}/_ato2011-2014/2011/lei/l12527.htm",
    ),
    "lgpd": (
        "Lei nº 13.709/2018 — Lei Geral de Proteção de Dados Pessoais",
        f"{_PLANALTO}/_ato2015-2018/2018/lei/l13709.htm",
    ),
    "ctb": ("Lei nº 9.503/1997 — Código de Trânsito Brasileiro", f"{_PLANALTO}/leis/l9503compilado.htm"),
    "contran789": ("Resolução CONTRAN nº 789/2020 — processo de habilitação de condutores", None),
    "sus": ("Lei nº 8.080/1990 — Lei Orgânica da Saúde (SUS)", f"{_PLANALTO}/leis/l8080.htm"),
    "ldb": (
        "Lei nº 9.394/1996 — Lei de Diretrizes e Bases da Educação Nacional",
        f"{_PLANALTO}/leis/l9394.htm",
    ),
    "eca": ("Lei nº 8.069/1990 — Estatuto da Criança e do Adolescente", f"{_PLANALTO}/leis/l8069.htm"),
    "loas": ("Lei nº 8.742/1993 — Lei Orgânica da Assistência Social", f"{_PLANALTO}/leis/l8742.htm"),
    "cdc": ("Lei nº 8.078/1990 — Código de Defesa do Consumidor", f"{_PLANALTO}/leis/l8078compilado.htm"),
    "dec2181": (
        "Decreto nº 2.181/1997 — Sistema Nacional de Defesa do Consumidor",
        f"{_PLANALTO}/decreto/d2181.htm",
    ),
    "8934": ("Lei nº 8.934/1994 — Registro Público de Empresas Mercantis", f"{_PLANALTO}/leis/l8934.htm"),
    "dec1800": (
        "Decreto nº 1.800/1996 — regulamento do registro de empresas",
        f"{_PLANALTO}/decreto/d1800.htm",
    ),
    "redesim": ("Lei nº 11.598/2007 — Redesim", f"{_PLANALTO}/_ato2007-2010/2007/lei/l11598.htm"),
    "14195": (
        "Lei nº 14.195/2021 — melhoria do ambiente de negócios",
        f"{_PLANALTO}/_ato2019-2022/2021/lei/l14195.htm",
    ),
    "lc123": (
        "Lei Complementar nº 123/2006 — Estatuto da Microempresa e da Empresa de Pequeno Porte",
        f"{_PLANALTO}/leis/lcp/lcp123.htm",
    ),
    "lc87": ("Lei Complementar nº 87/1996 — ICMS (Lei Kandir)", f"{_PLANALTO}/leis/lcp/lcp87.htm"),
    "ctn": ("Lei nº 5.172/1966 — Código Tributário Nacional", f"{_PLANALTO}/leis/l5172compilado.htm"),
    "lef": ("Lei nº 6.830/1980 — cobrança judicial da dívida ativa", f"{_PLANALTO}/leis/l6830.htm"),
    "protesto": (
        "Lei nº 9.492/1997 — protesto de títulos e outros documentos de dívida",
        f"{_PLANALTO}/leis/l9492.htm",
    ),
    "icms-mt": ("Lei estadual nº 7.098/1998 — ICMS em Mato Grosso", None),
    "ipva-mt": ("Lei estadual nº 7.301/2000 — IPVA em Mato Grosso", None),
    "itcd-mt": ("Lei estadual nº 7.850/2002 — ITCD em Mato Grosso", None),
    "estatuto-mt": (
        "Lei Complementar estadual nº 04/1990 — Estatuto dos Servidores Públicos Civis de Mato Grosso",
        None,
    ),
    "mtprev": ("Lei Complementar estadual nº 560/2014 — cria o MTPREV", None),
    "ec103": (
        "Emenda Constitucional nº 103/2019 — reforma da previdência",
        f"{_PLANALTO}/constituicao/emendas/emc/emc103.htm",
    ),
    "9717": ("Lei nº 9.717/1998 — regimes próprios de previdência", f"{_PLANALTO}/leis/l9717.htm"),
    "florestal": ("Lei nº 12.651/2012 — Código Florestal", f"{_PLANALTO}/_ato2011-2014/2012/lei/l12651.htm"),
    "pnma": ("Lei nº 6.938/1981 — Política Nacional do Meio Ambiente", f"{_PLANALTO}/leis/l6938.htm"),
    "lc140": ("Lei Complementar nº 140/2011 — competências ambientais", f"{_PLANALTO}/leis/lcp/lcp140.htm"),
    "aguas": ("Lei nº 9.433/1997 — Política Nacional de Recursos Hídricos", f"{_PLANALTO}/leis/l9433.htm"),
    "codigo-ambiental-mt": ("Lei Complementar estadual nº 38/1995 — Código Estadual do Meio Ambiente", None),
    "lc592": ("Lei Complementar estadual nº 592/2017 — Programa de Regularização Ambiental e CAR", None),
    "aguas-mt": ("Lei estadual nº 6.945/1997 — Política Estadual de Recursos Hídricos", None),
    "dec24548": (
        "Decreto nº 24.548/1934 — Regulamento do Serviço de Defesa Sanitária Animal",
        f"{_PLANALTO}/decreto/1930-1949/d24548.htm",
    ),
    "suasa": (
        "Decreto nº 5.741/2006 — Sistema Unificado de Atenção à Sanidade Agropecuária",
        f"{_PLANALTO}/_ato2004-2006/2006/decreto/d5741.htm",
    ),
    "riispoa": (
        "Decreto nº 9.013/2017 — RIISPOA (inspeção de produtos de origem animal)",
        f"{_PLANALTO}/_ato2015-2018/2017/decreto/d9013.htm",
    ),
    "agrotoxicos": (
        "Lei nº 14.785/2023 — agrotóxicos e produtos de controle ambiental",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14785.htm",
    ),
    "sementes": (
        "Lei nº 10.711/2003 — Sistema Nacional de Sementes e Mudas",
        f"{_PLANALTO}/leis/2003/l10.711.htm",
    ),
    "identidade": ("Lei nº 7.116/1983 — carteiras de identidade", f"{_PLANALTO}/leis/l7116.htm"),
    "cin": (
        "Decreto nº 10.977/2022 — Carteira de Identidade Nacional",
        f"{_PLANALTO}/_ato2019-2022/2022/decreto/D10977.htm",
    ),
    "14534": (
        "Lei nº 14.534/2023 — CPF como número único de identificação",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14534.htm",
    ),
    "maria-da-penha": (
        "Lei nº 11.340/2006 — Lei Maria da Penha",
        f"{_PLANALTO}/_ato2004-2006/2006/lei/l11340.htm",
    ),
    "kiss": (
        "Lei nº 13.425/2017 — prevenção e combate a incêndio (Lei Kiss)",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13425.htm",
    ),
    "anticorrupcao": (
        "Lei nº 12.846/2013 — Lei Anticorrupção",
        f"{_PLANALTO}/_ato2011-2014/2013/lei/l12846.htm",
    ),
    "licitacoes": (
        "Lei nº 14.133/2021 — licitações e contratos administrativos",
        f"{_PLANALTO}/_ato2019-2022/2021/lei/l14133.htm",
    ),
    "reurb": (
        "Lei nº 13.465/2017 — regularização fundiária",
        f"{_PLANALTO}/_ato2015-2018/2017/lei/l13465.htm",
    ),
    "concessoes": (
        "Lei nº 8.987/1995 — concessões e permissões de serviços públicos",
        f"{_PLANALTO}/leis/l8987cons.htm",
    ),
    "saneamento": (
        "Lei nº 11.445/2007 — diretrizes do saneamento básico",
        f"{_PLANALTO}/_ato2007-2010/2007/lei/l11445.htm",
    ),
    "bolsa-familia": (
        "Lei nº 14.601/2023 — Programa Bolsa Família",
        f"{_PLANALTO}/_ato2023-2026/2023/lei/l14601.htm",
    ),
    "icp": ("Medida Provisória nº 2.200-2/2001 — ICP-Brasil", f"{_PLANALTO}/mpv/antigas_2001/2200-2.htm"),
    "cultura-rouanet": (
        "Lei nº 14.399/2022 — Política Nacional Aldir Blanc de Fomento à Cultura",
        f"{_PLANALTO}/_ato2019-2022/2022/lei/l14399.htm",
    ),
    "ater": (
        "Lei nº 12.188/2010 — Política Nacional de Assistência Técnica e Extensão Rural",
        f"{_PLANALTO}/_ato2007-2010/2010/lei/l12188.htm",
    ),
    "agricultura-familiar": (
        "Lei nº 11.326/2006 — Política Nacional da Agricultura Familiar",
        f"{_PLANALTO}/_ato2004-2006/2006/lei/l11326.htm",
    ),
    "carta-mt": ("Decreto estadual nº 797/2021 — Carta de Serviços ao Usuário em Mato Grosso", None),
    "transplantes": ("Lei nº 9.434/1997 — transplante de órgãos e tecidos", f"{_PLANALTO}/leis/l9434.htm"),
    "cartao-sus": ("Portaria GM/MS nº 940/2011 — Sistema Cartão Nacional de Saúde", None),
    "ceaf": ("Portaria GM/MS nº 1.554/2013 — Componente Especializado da Assistência Farmacêutica", None),
    "estagio": (
        "Lei nº 11.788/2008 — estágio de estudantes",
        f"{_PLANALTO}/_ato2007-2010/2008/lei/l11788.htm",
    ),
    "pcd-iptu": (
        "Lei nº 8.989/1995 — isenção para veículos de pessoas com deficiência",
        f"{_PLANALTO}/leis/l8989.htm",
    ),
}
