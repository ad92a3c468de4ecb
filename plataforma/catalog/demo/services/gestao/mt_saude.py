"""MT Saúde: the health plan of the State's servants."""

from ...builders import ate, st, svc

SERVICES = {
    "MT SAÚDE": [
        svc(
            "Aderir ao plano de saúde MT Saúde",
            pop="plano de saúde do servidor; MT Saúde; convênio médico",
            desc="Faça a adesão ao plano de assistência à saúde dos servidores do Estado, para você e seus dependentes, com mensalidade descontada em folha.",
            aud="servidor",
            cat="servidor saude",
            who=[
                (
                    "Servidor ativo, aposentado ou pensionista do Estado",
                    "Ter margem para o desconto em folha.",
                )
            ],
            steps=[
                st("Escolha o plano", "Compare coberturas e valores por faixa etária.", "", [], "web"),
                st(
                    "Faça a adesão",
                    "Preencha a proposta e a declaração de saúde.",
                    "Documento de identidade; Declaração de saúde",
                    [("Mensalidade conforme a faixa etária", None)],
                    "web presencial",
                ),
                st("Receba a carteirinha", "A carteirinha digital fica no aplicativo.", "", [], "app"),
            ],
            time=ate(10, "dias-uteis"),
            url="https://www.mtsaude.mt.gov.br/adesao",
            level="prata",
            units="sede",
            laws="lgpd",
            kw="plano de saúde; convênio; carteirinha; servidor",
        ),
        svc(
            "Incluir ou excluir dependente no MT Saúde",
            pop="dependente no plano; incluir filho; excluir dependente",
            desc="Inclua cônjuge, filhos e outros dependentes no seu plano MT Saúde, ou peça a exclusão.",
            aud="servidor",
            cat="servidor saude",
            who=[("Titular do MT Saúde", "Estar em dia com as mensalidades.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Escolha incluir ou excluir e informe o dependente.",
                    "Certidão de nascimento ou casamento; Documento do dependente; Declaração de saúde",
                    [],
                    "web presencial",
                ),
                st(
                    "Confirme o novo valor",
                    "A mensalidade é recalculada a partir do mês seguinte.",
                    "",
                    [("Mensalidade do dependente", None)],
                    "web",
                ),
            ],
            time=ate(5, "dias-uteis"),
            url="https://www.mtsaude.mt.gov.br/dependentes",
            level="prata",
            units="sede",
            laws="lgpd",
            kw="dependente; filho; cônjuge; plano",
        ),
        svc(
            "Pedir autorização de exames e procedimentos no MT Saúde",
            pop="guia de exame; autorização de cirurgia; liberar procedimento",
            desc="Peça a autorização prévia para exames, internações e procedimentos que dependem da análise do MT Saúde.",
            aud="servidor",
            cat="servidor saude",
            who=[("Beneficiário do MT Saúde", "Ter pedido médico.")],
            steps=[
                st(
                    "Envie o pedido médico",
                    "O prestador credenciado ou você envia o pedido.",
                    "Pedido médico; Carteirinha do MT Saúde; Relatório médico, quando exigido",
                    [],
                    "web app",
                ),
                st(
                    "Acompanhe a autorização",
                    "Urgências são autorizadas na hora; procedimentos eletivos, em até 5 dias úteis.",
                    "",
                    [],
                    "web app telefone",
                ),
            ],
            time=ate(5, "dias-uteis"),
            url="https://www.mtsaude.mt.gov.br/autorizacoes",
            level="prata",
            laws="lgpd",
            kw="autorização; guia; exame; cirurgia; internação",
        ),
    ],
}
