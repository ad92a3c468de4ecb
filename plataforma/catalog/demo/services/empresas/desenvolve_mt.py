"""Desenvolve MT: microcrédito, financiamento and renegociação de crédito."""

from ...builders import ate, entre, st, svc

_DMT = "https://www.desenvolve.mt.gov.br/servicos"

SERVICES = {
    "DESENVOLVE MT": [
        svc(
            "Solicitar microcrédito para pequeno empreendedor",
            pop="microcrédito; empréstimo para MEI; crédito para pequeno negócio",
            desc="Microempreendedores individuais, autônomos e pequenos negócios podem pegar empréstimos com juros baixos para comprar equipamentos ou mercadorias.",
            aud="cidadao empresa",
            cat="empresas",
            who=[
                (
                    "Microempreendedor ou autônomo",
                    "Ter o negócio funcionando há pelo menos 6 meses em Mato Grosso.",
                )
            ],
            steps=[
                st(
                    "Faça a simulação",
                    "Simule o valor, o prazo e a parcela. A simulação não gera compromisso.",
                    "CPF ou CNPJ",
                    [],
                    "web",
                ),
                st(
                    "Envie o pedido",
                    "Um agente de crédito visita o seu negócio.",
                    "Documento de identidade; Comprovante de residência; Comprovante de renda do negócio",
                    [],
                    "web presencial",
                ),
                st(
                    "Assine o contrato",
                    "Aprovado, o dinheiro cai na conta.",
                    "",
                    [("Juros do contrato (conforme a linha de crédito)", None)],
                    "web",
                ),
            ],
            time=ate(15, "dias-uteis"),
            url=f"{_DMT}/microcredito",
            level="prata",
            units="sede",
            laws="lc123",
            kw="microcrédito; empréstimo; MEI; pequeno negócio",
        ),
        svc(
            "Pedir financiamento para empresa",
            pop="empréstimo para empresa; capital de giro; financiamento de máquinas",
            desc="Empresas de Mato Grosso podem financiar capital de giro, máquinas, equipamentos e obras, com linhas próprias e de fundos estaduais.",
            aud="empresa",
            cat="empresas",
            who=[("Empresa", "Ter sede em Mato Grosso e cadastro regular.")],
            steps=[
                st(
                    "Envie a proposta",
                    "Informe o valor, a finalidade e as garantias oferecidas, com os documentos da empresa.",
                    "Contrato social; Balanço e DRE; Certidões negativas; Orçamentos do investimento",
                    [],
                    "web",
                ),
                st(
                    "Aguarde a análise de crédito",
                    "A análise considera a capacidade de pagamento e as garantias; podem ser pedidos documentos adicionais.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Formalize as garantias e o contrato",
                    "Aprovado o crédito, assine o contrato e registre as garantias. O dinheiro é liberado conforme o cronograma.",
                    "",
                    [("Juros e tarifas do contrato", None)],
                    "presencial web",
                ),
            ],
            time=entre(20, 45, "dias"),
            url=f"{_DMT}/financiamento",
            level="prata",
            units="sede",
            laws="lc123",
            kw="financiamento; crédito; capital de giro; investimento",
        ),
        svc(
            "Renegociar contrato de crédito com a Desenvolve MT",
            pop="renegociar dívida; parcela atrasada; refinanciamento",
            desc="Clientes com parcelas em atraso ou dificuldade de pagamento podem pedir a renegociação do contrato.",
            aud="cidadao empresa",
            cat="empresas",
            who=[("Cliente da Desenvolve MT", "Ter contrato ativo.")],
            steps=[
                st(
                    "Peça a renegociação",
                    "Explique a situação e proponha as condições.",
                    "Número do contrato",
                    [],
                    "web telefone",
                ),
                st(
                    "Assine o aditivo",
                    "Aceita a proposta, assine o aditivo ao contrato com as novas condições.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(15, "dias-uteis"),
            url=f"{_DMT}/renegociacao",
            level="prata",
            laws="lc123",
            kw="renegociação; dívida; atraso; parcela",
        ),
    ],
}
