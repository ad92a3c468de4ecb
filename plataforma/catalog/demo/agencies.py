"""Agencies (órgãos e entidades of the Executive of Mato Grosso) and categories of the demo.

The names, acronyms, kind of administration and competences are those of the real agencies.
The CNPJs are ILLUSTRATIVE, not the agencies' real ones: they are generated with
`make_cnpj` so that they pass the check digits. Telephone numbers and e-mail addresses follow
the agencies' usual patterns but are also illustrative; check the agency's site before using them.
The Defensoria Pública is not part of the Executive and is therefore not listed.
"""

from __future__ import annotations

from plataforma.common.documents import make_cnpj

DIRECT, INDIRECT = "direta", "indireta"
_ORGAO = "Órgão da administração direta"
_AUTARQUIA = "Autarquia estadual"


def _agency(
    n: int,
    acronym: str,
    name: str,
    administration: str,
    legal_nature: str,
    description: str,
    website: str,
    phone: str,
    ombudsman_phone: str,
    slug: str | None = None,
) -> dict:
    domain = website.removeprefix("https://").removeprefix("www.").rstrip("/")
    return {
        "acronym": acronym,
        "name": name,
        "slug": slug or acronym.lower().replace(" ", "-"),
        # Illustrative CNPJ (root 7xxxxxxx, branch 0001), valid check digits.
        "cnpj": make_cnpj(f"7{n:07d}0001"),
        "administration": administration,
        "legal_nature": legal_nature,
        "description": description,
        "website": website,
        "phone": phone,
        "ombudsman_email": f"ouvidoria@{domain}",
        "ombudsman_phone": ombudsman_phone,
        "ombudsman_url": f"{website}ouvidoria",
    }


AGENCIES: list[dict] = [
    _agency(
        1,
        "SEPLAG",
        "Secretaria de Estado de Planejamento e Gestão",
        DIRECT,
        _ORGAO,
        "Planeja e acompanha o orçamento do Estado, faz a gestão de pessoas, patrimônio, compras e "
        "logística do Poder Executivo e coordena a rede de atendimento Ganha Tempo.",
        "https://www.seplag.mt.gov.br/",
        "(65) 3613-3500",
        "(65) 3613-3510",
    ),
    _agency(
        2,
        "SEFAZ",
        "Secretaria de Estado de Fazenda",
        DIRECT,
        _ORGAO,
        "Arrecada e fiscaliza os tributos estaduais (ICMS, IPVA e ITCD), administra o cadastro de "
        "contribuintes e cuida das finanças e da contabilidade do Estado.",
        "https://www.sefaz.mt.gov.br/",
        "0800 646 8666",
        "(65) 3617-2900",
    ),
    _agency(
        3,
        "DETRAN-MT",
        "Departamento Estadual de Trânsito de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Registra e licencia veículos, habilita condutores, fiscaliza o trânsito e promove a educação "
        "para o trânsito em todo o Estado.",
        "https://www.detran.mt.gov.br/",
        "(65) 3615-4800",
        "(65) 3615-4646",
        slug="detran-mt",
    ),
    _agency(
        4,
        "SESP",
        "Secretaria de Estado de Segurança Pública",
        DIRECT,
        _ORGAO,
        "Coordena as forças de segurança do Estado (Polícia Militar, Polícia Judiciária Civil, Corpo de "
        "Bombeiros Militar e Politec), o sistema penitenciário e o Centro Integrado de Operações de "
        "Segurança Pública (Ciosp).",
        "https://www.sesp.mt.gov.br/",
        "(65) 3613-5500",
        "(65) 3613-5583",
    ),
    _agency(
        5,
        "SES",
        "Secretaria de Estado de Saúde",
        DIRECT,
        _ORGAO,
        "Coordena o Sistema Único de Saúde (SUS) em Mato Grosso: hospitais regionais, regulação de "
        "consultas e cirurgias, farmácia de alto custo, vigilância em saúde e apoio aos municípios.",
        "https://www.saude.mt.gov.br/",
        "(65) 3613-5300",
        "0800 647 1500",
        slug="ses",
    ),
    _agency(
        6,
        "SEDUC",
        "Secretaria de Estado de Educação",
        DIRECT,
        _ORGAO,
        "Mantém a rede estadual de ensino (ensino fundamental, médio, educação de jovens e adultos, "
        "educação indígena, quilombola e do campo) e apoia os municípios na educação básica.",
        "https://www.seduc.mt.gov.br/",
        "(65) 3613-6300",
        "(65) 3613-6301",
    ),
    _agency(
        7,
        "JUCEMAT",
        "Junta Comercial do Estado de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Faz o registro público de empresas mercantis: abertura, alteração e encerramento de "
        "empresas, autenticação de livros e emissão de certidões.",
        "https://www.jucemat.mt.gov.br/",
        "(65) 3613-9500",
        "(65) 3613-9511",
    ),
    _agency(
        8,
        "INDEA",
        "Instituto de Defesa Agropecuária do Estado de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Protege a saúde dos rebanhos e das lavouras: vacinação e controle do trânsito de animais e "
        "vegetais, fiscalização de agrotóxicos e sementes e inspeção de produtos de origem animal.",
        "https://www.indea.mt.gov.br/",
        "(65) 3613-8900",
        "(65) 3613-8910",
    ),
    _agency(
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
    _agency(
        10,
        "PGE",
        "Procuradoria-Geral do Estado",
        DIRECT,
        _ORGAO,
        "Representa o Estado em juízo, dá consultoria jurídica ao Poder Executivo e cobra a dívida "
        "ativa estadual, inclusive por protesto e parcelamento.",
        "https://www.pge.mt.gov.br/",
        "(65) 3613-7800",
        "(65) 3613-7801",
    ),
    _agency(
        11,
        "CGE",
        "Controladoria-Geral do Estado",
        DIRECT,
        _ORGAO,
        "Faz o controle interno do Poder Executivo (auditoria, corregedoria, transparência e "
        "integridade) e coordena a Ouvidoria-Geral do Estado e o acesso à informação.",
        "https://www.controladoria.mt.gov.br/",
        "(65) 3613-4100",
        "162",
    ),
    _agency(
        12,
        "SETASC",
        "Secretaria de Estado de Assistência Social e Cidadania",
        DIRECT,
        _ORGAO,
        "Coordena a política de assistência social, os programas de transferência de renda e de "
        "segurança alimentar do Estado e a emissão de documentos básicos para quem precisa.",
        "https://www.setasc.mt.gov.br/",
        "(65) 3613-5700",
        "(65) 3613-5701",
    ),
    _agency(
        13,
        "SEMA",
        "Secretaria de Estado de Meio Ambiente",
        DIRECT,
        _ORGAO,
        "Licencia e fiscaliza atividades que usam recursos naturais, administra o Cadastro Ambiental "
        "Rural, as outorgas de uso da água e as unidades de conservação estaduais.",
        "https://www.sema.mt.gov.br/",
        "(65) 3613-7200",
        "0800 065 3838",
    ),
    _agency(
        14,
        "SECITECI",
        "Secretaria de Estado de Ciência, Tecnologia e Inovação",
        DIRECT,
        _ORGAO,
        "Oferece educação profissional e tecnológica nas escolas técnicas estaduais e apoia a "
        "pesquisa e a inovação em Mato Grosso.",
        "https://www.secitec.mt.gov.br/",
        "(65) 3613-0100",
        "(65) 3613-0101",
    ),
    _agency(
        15,
        "SEDEC",
        "Secretaria de Estado de Desenvolvimento Econômico",
        DIRECT,
        _ORGAO,
        "Atrai investimentos, concede incentivos fiscais do Prodeic, apoia o comércio, a indústria, "
        "o turismo e a mineração e promove o trabalho e o emprego (Sine-MT).",
        "https://www.sedec.mt.gov.br/",
        "(65) 3613-0000",
        "(65) 3613-0010",
    ),
    _agency(
        16,
        "SINFRA",
        "Secretaria de Estado de Infraestrutura e Logística",
        DIRECT,
        _ORGAO,
        "Constrói e mantém rodovias, pontes e obras públicas estaduais e autoriza o uso das faixas de "
        "domínio das rodovias.",
        "https://www.sinfra.mt.gov.br/",
        "(65) 3613-0500",
        "(65) 3613-0501",
    ),
    _agency(
        17,
        "SECEL",
        "Secretaria de Estado de Cultura, Esporte e Lazer",
        DIRECT,
        _ORGAO,
        "Fomenta a cultura, o esporte e o lazer: editais de incentivo, bolsa atleta, museus, teatros e "
        "bibliotecas estaduais e o patrimônio histórico de Mato Grosso.",
        "https://www.cultura.mt.gov.br/",
        "(65) 3613-9200",
        "(65) 3613-9201",
    ),
    _agency(
        18,
        "SEAF",
        "Secretaria de Estado de Agricultura Familiar",
        DIRECT,
        _ORGAO,
        "Apoia os agricultores familiares, assentados, povos indígenas e comunidades tradicionais com "
        "crédito, equipamentos, sementes e acesso a mercados.",
        "https://www.seaf.mt.gov.br/",
        "(65) 3613-6200",
        "(65) 3613-6201",
    ),
    _agency(
        19,
        "CASA CIVIL",
        "Casa Civil",
        DIRECT,
        _ORGAO,
        "Coordena a ação do governo, a relação com os demais Poderes e municípios e publica os atos "
        "oficiais do Governador.",
        "https://www.casacivil.mt.gov.br/",
        "(65) 3613-4000",
        "(65) 3613-4001",
        slug="casa-civil",
    ),
    _agency(
        20,
        "MT SAÚDE",
        "Instituto de Assistência à Saúde dos Servidores do Estado de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Administra o plano de saúde dos servidores públicos estaduais e de seus dependentes.",
        "https://www.mtsaude.mt.gov.br/",
        "(65) 3613-2900",
        "(65) 3613-2901",
        slug="mt-saude",
    ),
    _agency(
        21,
        "MTPREV",
        "Mato Grosso Previdência",
        INDIRECT,
        _AUTARQUIA,
        "Gere o regime próprio de previdência dos servidores do Estado: aposentadorias, pensões e o "
        "cadastro previdenciário.",
        "https://www.mtprev.mt.gov.br/",
        "(65) 3613-4400",
        "(65) 3613-4401",
    ),
    _agency(
        22,
        "PJC",
        "Polícia Judiciária Civil do Estado de Mato Grosso",
        DIRECT,
        _ORGAO,
        "Investiga crimes e registra ocorrências, por meio das delegacias de polícia, da Delegacia "
        "Virtual e das delegacias especializadas, como as de defesa da mulher.",
        "https://www.pjc.mt.gov.br/",
        "(65) 3613-5600",
        "(65) 3613-5601",
    ),
    _agency(
        23,
        "PMMT",
        "Polícia Militar do Estado de Mato Grosso",
        DIRECT,
        _ORGAO,
        "Faz o policiamento ostensivo e a preservação da ordem pública, atende as emergências do 190 e "
        "mantém programas de prevenção, como o Proerd e a Patrulha Maria da Penha.",
        "https://www.pm.mt.gov.br/",
        "(65) 3613-8600",
        "(65) 3613-8601",
    ),
    _agency(
        24,
        "CBM-MT",
        "Corpo de Bombeiros Militar do Estado de Mato Grosso",
        DIRECT,
        _ORGAO,
        "Atende emergências (193), combate incêndios urbanos e florestais, faz salvamentos e aprova os "
        "projetos e vistorias de segurança contra incêndio e pânico.",
        "https://www.bombeiros.mt.gov.br/",
        "193",
        "(65) 3613-8401",
        slug="cbm-mt",
    ),
    _agency(
        25,
        "POLITEC",
        "Perícia Oficial e Identificação Técnica",
        DIRECT,
        _ORGAO,
        "Emite a carteira de identidade e faz as perícias oficiais: criminal, médico-legal e de "
        "laboratório, incluindo exames de DNA.",
        "https://www.politec.mt.gov.br/",
        "(65) 3613-8100",
        "(65) 3613-8101",
    ),
    _agency(
        26,
        "UNEMAT",
        "Universidade do Estado de Mato Grosso Carlos Alberto Reyes Maldonado",
        INDIRECT,
        "Fundação pública",
        "Oferece graduação, pós-graduação e extensão, com sede em Cáceres e câmpus em diversas regiões "
        "do Estado.",
        "https://www.unemat.br/",
        "(65) 3221-0000",
        "(65) 3221-0001",
    ),
    _agency(
        27,
        "INTERMAT",
        "Instituto de Terras de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Faz a regularização fundiária das terras do Estado e emite títulos de propriedade rural e urbana.",
        "https://www.intermat.mt.gov.br/",
        "(65) 3613-2700",
        "(65) 3613-2701",
    ),
    _agency(
        28,
        "EMPAER",
        "Empresa Mato-grossense de Pesquisa, Assistência e Extensão Rural",
        INDIRECT,
        "Empresa pública",
        "Presta assistência técnica e extensão rural gratuita ao produtor familiar e faz pesquisa "
        "agropecuária adaptada a Mato Grosso.",
        "https://www.empaer.mt.gov.br/",
        "(65) 3613-6000",
        "(65) 3613-6001",
    ),
    _agency(
        29,
        "DESENVOLVE MT",
        "Agência de Fomento do Estado de Mato Grosso",
        INDIRECT,
        "Sociedade de economia mista",
        "Oferece crédito e microcrédito com juros reduzidos a empreendedores, cooperativas e "
        "municípios de Mato Grosso.",
        "https://www.desenvolve.mt.gov.br/",
        "(65) 3613-4900",
        "(65) 3613-4901",
        slug="desenvolve-mt",
    ),
    _agency(
        30,
        "AGER",
        "Agência Estadual de Regulação dos Serviços Públicos Delegados de Mato Grosso",
        INDIRECT,
        _AUTARQUIA,
        "Regula e fiscaliza os serviços públicos delegados pelo Estado: transporte intermunicipal de "
        "passageiros, rodovias concedidas, gás canalizado e saneamento.",
        "https://www.ager.mt.gov.br/",
        "0800 647 3636",
        "(65) 3613-6701",
    ),
    _agency(
        31,
        "PROCON-MT",
        "Secretaria Adjunta de Proteção e Defesa dos Direitos do Consumidor (Procon Estadual)",
        DIRECT,
        _ORGAO,
        "Orienta consumidores, recebe e media reclamações contra fornecedores e fiscaliza as relações "
        "de consumo em Mato Grosso.",
        "https://www.procon.mt.gov.br/",
        "151",
        "(65) 3613-8501",
        slug="procon-mt",
    ),
]

# How the agency's telephone line works, where it is not an ordinary office line.
PHONE_NOTES: dict[str, str] = {
    "CBM-MT": "Emergências: 193, ligação gratuita, 24 horas por dia",
    "PROCON-MT": "Disque Procon 151, ligação gratuita, de segunda a sexta, das 8h às 17h",
}


def phone_note(acronym: str, phone: str) -> str:
    if acronym in PHONE_NOTES:
        return PHONE_NOTES[acronym]
    if phone.startswith("0800"):
        return "Ligação gratuita, de segunda a sexta, das 8h às 18h"
    return "Central de atendimento, de segunda a sexta, das 8h às 18h"


# The agencies the brief lists as mandatory for the demo; tests check all of them are loaded.
REQUIRED_ACRONYMS = [
    "SEPLAG",
    "SEFAZ",
    "DETRAN-MT",
    "SESP",
    "SES",
    "SEDUC",
    "JUCEMAT",
    "INDEA",
    "MTI",
    "PGE",
    "CGE",
    "SETASC",
    "SEMA",
]

CATEGORIES: list[tuple[str, str, str]] = [
    (
        "transito-e-veiculos",
        "Trânsito e veículos",
        "Habilitação, documentos de veículos, multas e educação para o trânsito.",
    ),
    ("saude", "Saúde", "Atendimento no SUS, medicamentos, exames, vacinação e vigilância em saúde."),
    ("educacao", "Educação", "Matrícula, documentos escolares, ensino técnico e superior."),
    ("tributos-e-financas", "Tributos e finanças", "ICMS, IPVA, ITCD, certidões e dívida ativa."),
    ("empresas-e-negocios", "Empresas e negócios", "Abrir, alterar e fechar empresas, incentivos e crédito."),
    ("seguranca-publica", "Segurança pública", "Ocorrências, denúncias, perícias e prevenção."),
    (
        "meio-ambiente",
        "Meio ambiente",
        "Licenciamento, Cadastro Ambiental Rural, água e fiscalização ambiental.",
    ),
    (
        "agropecuaria",
        "Agropecuária",
        "Defesa sanitária animal e vegetal, assistência técnica e agricultura familiar.",
    ),
    ("assistencia-social", "Assistência social", "Programas sociais, segurança alimentar e proteção social."),
    ("trabalho-e-emprego", "Trabalho e emprego", "Vagas de emprego, qualificação profissional e estágio."),
    ("servidor-publico", "Servidor público", "Vida funcional, remuneração, licenças e saúde do servidor."),
    (
        "documentos-e-identificacao",
        "Documentos e identificação",
        "Carteira de identidade, certidões e atestados.",
    ),
    (
        "cultura-esporte-e-lazer",
        "Cultura, esporte e lazer",
        "Editais, incentivo, equipamentos culturais e esporte.",
    ),
    (
        "ciencia-e-tecnologia",
        "Ciência e tecnologia",
        "Inovação, certificação digital e serviços de tecnologia.",
    ),
    ("habitacao-e-terras", "Habitação e terras", "Regularização fundiária e títulos de terra."),
    (
        "infraestrutura-e-transporte",
        "Infraestrutura e transporte",
        "Rodovias, obras e transporte intermunicipal.",
    ),
    (
        "justica-e-cidadania",
        "Justiça e cidadania",
        "Direitos do consumidor, ouvidoria, transparência e cidadania.",
    ),
    ("previdencia", "Previdência", "Aposentadorias, pensões e cadastro previdenciário do servidor."),
]

# Short names used by the service modules for the categories above.
CATEGORY_ALIASES: dict[str, str] = {
    "transito": "transito-e-veiculos",
    "saude": "saude",
    "educacao": "educacao",
    "tributos": "tributos-e-financas",
    "empresas": "empresas-e-negocios",
    "seguranca": "seguranca-publica",
    "ambiente": "meio-ambiente",
    "agro": "agropecuaria",
    "social": "assistencia-social",
    "trabalho": "trabalho-e-emprego",
    "servidor": "servidor-publico",
    "documentos": "documentos-e-identificacao",
    "cultura": "cultura-esporte-e-lazer",
    "ciencia": "ciencia-e-tecnologia",
    "terras": "habitacao-e-terras",
    "infraestrutura": "infraestrutura-e-transporte",
    "cidadania": "justica-e-cidadania",
    "previdencia": "previdencia",
}
