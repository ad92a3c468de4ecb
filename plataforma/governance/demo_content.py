"""The texts of the governance demo (demo.py): MTI's catalogue with prices and market references,
two technical justifications and three integration guides. The guides follow the repository's
integration documentation (docs/integration/mt-login.md, docs/integration/xvia.md) and the Carta's
editing workflow (ADRs 0003 and 0009), written for agencies in plain Portuguese, in the minimal
formatting of MTI's guidance pages (mti_text: "## " headings, "- " and "1. " lists, [texto](url)).

The market references are ILLUSTRATIVE: generic sources with invented prices, for the demo only.
"""

from __future__ import annotations

from pathlib import Path

# (code, name, category, unit, description, service level, [versions])
# version: (days before today it took effect, price, justification, [references]) — the last
# version is the current one; a reference: (kind, source, price, days before the version took
# effect, url, note).
CATALOGUE = [
    (
        "HOSP-01",
        "Hospedagem de aplicação em contêiner",
        "hospedagem",
        "contêiner por mês",
        "Execução de uma aplicação do órgão em contêiner no data center do Estado, com balanceamento "
        "de carga, certificado TLS e monitoramento 24 horas.",
        "Disponibilidade mensal de 99,5%. Atendimento a incidentes críticos em até 2 horas.",
        [
            (
                300,
                "420.00",
                "Custo do cluster (servidores, licenças de suporte, energia e refrigeração) dividido "
                "pela capacidade média ocupada, mais a equipe de operação.",
                [
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (região São Paulo)",
                        "512.00",
                        40,
                        "",
                        "Contêiner de 2 vCPU e 4 GB",
                    ),
                    ("cotacao", "Cotação de empresa de hospedagem gerenciada (Cuiabá)", "468.00", 35, "", ""),
                    (
                        "contratacao_publica",
                        "Painel de Preços: contrato de hospedagem de órgão federal",
                        "455.00",
                        60,
                        "",
                        "Item equivalente, 12 meses",
                    ),
                ],
            ),
        ],
    ),
    (
        "PROC-01",
        "Máquina virtual padrão (4 vCPU, 16 GB de memória)",
        "processamento",
        "máquina virtual por mês",
        "Máquina virtual com sistema operacional Linux atualizado, cópia de segurança diária e "
        "acesso restrito à rede do órgão.",
        "Disponibilidade mensal de 99,5%. Restauração de cópia de segurança em até 8 horas úteis.",
        [
            (
                420,
                "610.00",
                "Primeira versão: custo dos servidores físicos e da virtualização, mais a operação.",
                [
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (região São Paulo)",
                        "702.00",
                        30,
                        "",
                        "",
                    ),
                    ("cotacao", "Cotação de provedor nacional de data center", "655.00", 25, "", ""),
                    (
                        "contratacao_publica",
                        "Painel de Preços: contrato de nuvem de governo estadual",
                        "640.00",
                        45,
                        "",
                        "",
                    ),
                ],
            ),
            (
                60,
                "585.00",
                "Redução pela renovação do contrato de energia e pela maior ocupação do data center.",
                [
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (região São Paulo)",
                        "690.00",
                        20,
                        "",
                        "",
                    ),
                    ("cotacao", "Cotação de provedor nacional de data center", "640.00", 15, "", ""),
                    (
                        "contratacao_publica",
                        "Painel de Preços: contrato de nuvem de governo estadual",
                        "622.00",
                        30,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "ARMZ-01",
        "Armazenamento de objetos com cópia de segurança",
        "armazenamento",
        "TB por mês",
        "Armazenamento de arquivos (documentos, imagens, anexos de pedidos) com cópia em segundo "
        "local e retenção de versões por 30 dias.",
        "Durabilidade com duas cópias em locais diferentes. Recuperação de arquivo em até 4 horas úteis.",
        [
            (
                280,
                "165.00",
                "Custo dos discos e da cópia em segundo local, dividido pela capacidade útil.",
                [
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (armazenamento padrão)",
                        "138.00",
                        20,
                        "",
                        "Sem cópia em segundo local",
                    ),
                    (
                        "cotacao",
                        "Cotação de empresa de armazenamento e cópia de segurança",
                        "190.00",
                        25,
                        "",
                        "Com cópia em segundo local",
                    ),
                    (
                        "contratacao_publica",
                        "Painel de Preços: contrato de armazenamento de órgão federal",
                        "176.00",
                        50,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "ARMZ-02",
        "Banco de dados PostgreSQL gerenciado",
        "armazenamento",
        "instância por mês",
        "Banco de dados PostgreSQL com réplica, atualizações de segurança, cópia de segurança diária "
        "e recuperação a um ponto no tempo dos últimos 7 dias.",
        "Disponibilidade mensal de 99,9%. Troca automática para a réplica em caso de falha.",
        [
            (
                250,
                "890.00",
                "Dois servidores (principal e réplica), armazenamento rápido e a equipe de banco de dados.",
                [
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (banco gerenciado)",
                        "1020.00",
                        30,
                        "",
                        "",
                    ),
                    ("cotacao", "Cotação de empresa especializada em PostgreSQL", "960.00", 20, "", ""),
                    (
                        "contratacao_publica",
                        "Painel de Preços: banco de dados gerenciado, órgão federal",
                        "935.00",
                        40,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "INTE-01",
        "Servidor de segurança do X-VIA gerenciado",
        "interoperabilidade",
        "servidor de segurança por mês",
        "Instalação e operação do servidor de segurança do X-VIA para o órgão trocar dados com os "
        "outros órgãos: certificados, atualização da configuração global e guarda do registro de "
        "mensagens.",
        "Disponibilidade mensal de 99,5%. Renovação de certificados sem interrupção.",
        [
            (
                200,
                "380.00",
                "Máquina dedicada, armazenamento do registro de mensagens e operação pela MTI.",
                [
                    (
                        "cotacao",
                        "Cotação de integradora de sistemas (barramento de serviços)",
                        "520.00",
                        30,
                        "",
                        "",
                    ),
                    (
                        "contratacao_publica",
                        "Painel de Preços: operação de barramento de interoperabilidade",
                        "445.00",
                        45,
                        "",
                        "",
                    ),
                    (
                        "tabela_publica",
                        "Tabela pública de provedor de nuvem (máquina equivalente + suporte)",
                        "410.00",
                        20,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "APPS-01",
        "Personalização de aplicativo do Estado",
        "aplicativos",
        "ponto de função",
        "Desenvolvimento de novas telas e funções no aplicativo MT Cidadão para um serviço do órgão, "
        "medido em pontos de função.",
        "Entrega em ciclos de duas semanas, com homologação pelo órgão.",
        [
            (
                310,
                "620.00",
                "Custo da equipe de desenvolvimento dividido pela produtividade média medida.",
                [
                    (
                        "contratacao_publica",
                        "Painel de Preços: fábrica de software, governo estadual",
                        "710.00",
                        40,
                        "",
                        "Ponto de função, desenvolvimento",
                    ),
                    (
                        "contratacao_publica",
                        "Painel de Preços: fábrica de software, órgão federal",
                        "655.00",
                        55,
                        "",
                        "",
                    ),
                    ("cotacao", "Cotação de empresa de desenvolvimento de aplicativos", "780.00", 25, "", ""),
                ],
            ),
        ],
    ),
    (
        "REDE-01",
        "Link de dados da rede do Governo (100 Mbps)",
        "rede",
        "link por mês",
        "Conexão de uma unidade do órgão à rede do Governo do Estado, com acesso à internet e aos "
        "sistemas do data center.",
        "Disponibilidade mensal de 99%. Reparo em até 8 horas na capital e 24 horas no interior.",
        [
            (
                330,
                "1150.00",
                "Contrato com operadoras, equipamentos na unidade e monitoramento pela MTI.",
                [
                    (
                        "cotacao",
                        "Cotação de operadora de telecomunicações (link dedicado)",
                        "1290.00",
                        30,
                        "",
                        "",
                    ),
                    (
                        "cotacao",
                        "Cotação de provedor regional de internet (link dedicado)",
                        "1180.00",
                        28,
                        "",
                        "",
                    ),
                    (
                        "contratacao_publica",
                        "Painel de Preços: link dedicado 100 Mbps, órgão federal",
                        "1235.00",
                        50,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
    (
        "SUPO-01",
        "Central de serviços de TI",
        "suporte",
        "usuário atendido por mês",
        "Atendimento aos servidores do órgão por telefone, chat e chamado: dúvidas, instalação de "
        "programas, senhas e encaminhamento de problemas.",
        "Primeiro atendimento em até 15 minutos; solução de 80% dos chamados no primeiro contato.",
        [
            (
                290,
                "18.50",
                "Custo da equipe de atendimento e da ferramenta de chamados, dividido pelos usuários.",
                [
                    (
                        "contratacao_publica",
                        "Painel de Preços: central de serviços, governo estadual",
                        "21.40",
                        40,
                        "",
                        "",
                    ),
                    ("cotacao", "Cotação de empresa de suporte técnico", "23.00", 30, "", ""),
                    (
                        "contratacao_publica",
                        "Painel de Preços: central de serviços, órgão federal",
                        "19.90",
                        60,
                        "",
                        "",
                    ),
                ],
            ),
        ],
    ),
]

# A proposal the Núcleo has not decided yet: (service code, days from today it would take effect,
# price, justification, references as above).
PROPOSAL = (
    "HOSP-01",
    30,
    "398.00",
    "Redução pela compra de novos servidores com mais capacidade por contêiner.",
    [
        (
            "tabela_publica",
            "Tabela pública de provedor de nuvem (região São Paulo)",
            "505.00",
            35,
            "",
            "Contêiner de 2 vCPU e 4 GB",
        ),
        ("cotacao", "Cotação de empresa de hospedagem gerenciada (Cuiabá)", "460.00", 40, "", ""),
        (
            "contratacao_publica",
            "Painel de Preços: contrato de hospedagem de órgão federal",
            "449.00",
            50,
            "",
            "",
        ),
    ],
)

JUSTIFICATIONS = [
    {
        "decided": True,
        "title": "Orquestração de contêineres no data center do Estado",
        "technology": "Kubernetes (distribuição de código aberto)",
        "context": (
            "Os sistemas dos órgãos hoje rodam em máquinas virtuais configuradas à mão. Cada nova "
            "versão exige trabalho manual, as falhas demoram a ser recuperadas e a capacidade fica "
            "ociosa na maior parte do tempo."
        ),
        "justification": (
            "Um orquestrador de contêineres reinicia automaticamente o que falha, distribui a carga, "
            "permite publicar versões sem interromper o serviço e aproveita melhor os servidores. O "
            "Kubernetes é um padrão aberto, mantido por uma fundação, com vários fornecedores de "
            "suporte no país: não prende o Estado a um fornecedor."
        ),
        "alternatives": (
            "Manter as máquinas virtuais (custo de operação alto); usar o serviço de contêineres de "
            "um provedor de nuvem (dados fora do data center do Estado e dependência do fornecedor)."
        ),
        "costs": (
            "Capacitação de 12 servidores da MTI e suporte de terceiro nível no primeiro ano. A economia "
            "esperada com a melhor ocupação dos servidores paga o investimento em cerca de 18 meses."
        ),
        "reasons": (
            "Aprovada. A tecnologia é aberta, tem suporte no mercado nacional e a MTI apresentou plano de "
            "capacitação e de migração gradual. A MTI deve publicar a orientação de uso para os órgãos."
        ),
    },
    {
        "decided": False,
        "title": "Observabilidade dos sistemas com padrões abertos",
        "technology": "OpenTelemetry e Grafana (código aberto)",
        "context": (
            "Quando um serviço fica lento, a MTI e os órgãos não sabem onde está o problema: cada sistema "
            "registra os seus eventos de um jeito, e não há visão do caminho completo de um pedido."
        ),
        "justification": (
            "O OpenTelemetry é o padrão aberto para coletar métricas, registros e rastros dos sistemas; o "
            "Grafana mostra tudo num só lugar. Com eles, a equipe encontra a causa de uma lentidão em "
            "minutos, e os órgãos acompanham a disponibilidade dos seus serviços."
        ),
        "alternatives": (
            "Ferramentas comerciais de monitoramento (licença por máquina, custo crescente); continuar só "
            "com os registros de cada sistema."
        ),
        "costs": "Dois servidores para guardar os dados por 30 dias e 80 horas de capacitação.",
        "reasons": "",
    },
]

# The texts are in demo_guides/<slug>.txt (plain text in mti_text's minimal formatting).
GUIDES = [
    {
        "slug": "publicar-servico-na-carta",
        "order": 10,
        "title": "Como publicar um serviço na Carta de Serviços",
        "summary": (
            "Quem edita, o que a página de cada serviço precisa ter e o caminho do rascunho à publicação."
        ),
    },
    {
        "slug": "integrar-ao-mt-login",
        "order": 20,
        "title": "Como usar o MT Login no sistema do órgão (OpenID Connect)",
        "summary": (
            "Cadastro do sistema, endereços, o fluxo com PKCE, escopos, níveis e os cuidados com os tokens."
        ),
    },
    {
        "slug": "aderir-ao-x-via",
        "order": 30,
        "title": "Como aderir ao X-VIA para trocar dados com outros órgãos",
        "summary": (
            "O que é o X-VIA, os passos para o órgão se tornar membro, publicar e consumir serviços com "
            "segurança."
        ),
    },
]
GUIDES_DIR = Path(__file__).resolve().parent / "demo_guides"


def guide_body(slug: str) -> str:
    return (GUIDES_DIR / f"{slug}.txt").read_text(encoding="utf-8").strip()
