"""Categories (áreas de interesse) of the demo, and the short names the service modules use
for them."""

from __future__ import annotations

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
