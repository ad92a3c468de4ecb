"""SEDEC: incentivos fiscais (Prodeic) and trabalho e emprego (Sine-MT)."""

from ...builders import NAO_ESTIMADO, ate, st, svc

_SEDEC = "https://www.sedec.mt.gov.br/servicos"

SERVICES = {
    "SEDEC": [
        svc(
            "Solicitar incentivo fiscal do Prodeic",
            acronym="PRODEIC",
            pop="Prodeic; incentivo fiscal; benefício fiscal para indústria; redução de ICMS",
            desc="Indústrias e empresas que vão se instalar ou ampliar em Mato Grosso podem pedir redução do ICMS pelo Programa de Desenvolvimento Industrial e Comercial, em troca de investimentos e empregos.",
            aud="empresa",
            cat="empresas tributos",
            who=[
                (
                    "Empresa industrial ou comercial",
                    "Estar regular com o fisco e apresentar projeto de investimento.",
                )
            ],
            steps=[
                st(
                    "Envie a carta-consulta",
                    "Descreva o investimento, os empregos e o local.",
                    "Projeto de viabilidade econômica; Certidões negativas; Contrato social",
                    [],
                    "web",
                ),
                st(
                    "Aguarde a análise do conselho",
                    "O Conselho de Desenvolvimento Empresarial analisa e aprova.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Assine o termo de adesão",
                    "O benefício vale enquanto a empresa cumpre as contrapartidas.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(90, "dias"),
            valid=(5, "anos"),
            url=f"{_SEDEC}/prodeic",
            level="prata",
            units="sede",
            laws="icms-mt lc87",
            kw="Prodeic; incentivo fiscal; indústria; investimento",
        ),
        svc(
            "Cadastrar currículo e procurar vagas no Sine",
            acronym="SINE",
            pop="Sine; vaga de emprego; procurar emprego; cadastrar currículo",
            desc="Cadastre o seu currículo no Sine e seja encaminhado para vagas de emprego compatíveis com o seu perfil.",
            aud="cidadao",
            cat="trabalho",
            who=[("Trabalhador", "Ter 14 anos ou mais (aprendiz) e carteira de trabalho digital.")],
            steps=[
                st(
                    "Cadastre-se",
                    "Cadastre o currículo pela internet ou no posto do Sine.",
                    "CPF; Carteira de trabalho digital",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba a carta de encaminhamento",
                    "Havendo vaga compatível, você é encaminhado para a entrevista.",
                    "",
                    [],
                    "presencial app",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SEDEC}/sine",
            units="sine-cuiaba",
            laws="13460",
            kw="emprego; vaga; trabalho; currículo; Sine",
        ),
        svc(
            "Pedir o seguro-desemprego no Sine",
            pop="seguro-desemprego; fui demitido; benefício de desempregado",
            desc="O trabalhador dispensado sem justa causa pode pedir o seguro-desemprego nos postos do Sine, com ajuda para o cadastro.",
            aud="cidadao",
            cat="trabalho",
            who=[
                (
                    "Trabalhador dispensado sem justa causa",
                    "Ter os requisitos de tempo de trabalho exigidos pelo Ministério do Trabalho.",
                )
            ],
            steps=[
                st(
                    "Agende o atendimento",
                    "Agende pela internet ou pelo telefone, no prazo de 7 a 120 dias depois da dispensa.",
                    "CPF",
                    [],
                    "web telefone",
                ),
                st(
                    "Leve os documentos",
                    "O atendente faz o requerimento.",
                    "Requerimento do seguro-desemprego entregue pelo empregador; Carteira de trabalho digital; Documento de identidade",
                    [],
                    "presencial",
                ),
            ],
            time=ate(30, "dias"),
            units="sine-cuiaba",
            laws="13460",
            kw="seguro-desemprego; demissão; benefício",
        ),
        svc(
            "Divulgar vagas de emprego da empresa no Sine",
            acronym="SINE",
            pop="anunciar vaga; contratar pelo Sine; vaga de emprego para empresa",
            desc="Empresas divulgam vagas gratuitamente no Sine e recebem candidatos pré-selecionados pelo perfil.",
            aud="empresa",
            cat="trabalho empresas",
            who=[("Empresa ou empregador pessoa física", "Ter CNPJ ou CEI.")],
            steps=[
                st(
                    "Cadastre a vaga",
                    "Informe cargo, requisitos, salário e local.",
                    "CNPJ",
                    [],
                    "web telefone",
                ),
                st(
                    "Receba os candidatos",
                    "O Sine encaminha candidatos e você informa o resultado.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            url=f"{_SEDEC}/sine-empresas",
            laws="13460",
            kw="vaga; contratação; empregador; recrutamento",
        ),
    ],
}
