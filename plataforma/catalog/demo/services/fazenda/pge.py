"""PGE: dívida ativa (consulta, parcelamento, protesto) and precatórios."""

from ...builders import IMEDIATO, ate, st, svc

_P = "https://www.pge.mt.gov.br/servicos"

SERVICES = {
    "PGE": [
        svc(
            "Consultar débitos inscritos em dívida ativa",
            pop="dívida ativa; CDA; débito com o Estado; certidão de dívida ativa",
            desc="Veja se há débitos seus ou da sua empresa inscritos na dívida ativa do Estado (impostos, multas e taxas não pagos no prazo) e emita a guia para pagar.",
            aud="cidadao empresa",
            cat="tributos cidadania",
            who=[("Pessoa ou empresa", "Informar CPF ou CNPJ.")],
            steps=[
                st(
                    "Consulte",
                    "Informe CPF ou CNPJ para ver as certidões de dívida ativa e os valores atualizados.",
                    "CPF ou CNPJ",
                    [],
                    "web",
                ),
                st(
                    "Emita a guia",
                    "Pague à vista ou siga para o parcelamento.",
                    "",
                    [("Valor do débito atualizado", None)],
                    "web",
                ),
            ],
            time=IMEDIATO,
            url=f"{_P}/divida-ativa",
            laws="lef ctn",
            kw="CDA; débito; cobrança; execução fiscal",
        ),
        svc(
            "Parcelar débitos inscritos em dívida ativa",
            pop="parcelamento da dívida ativa; acordo com a PGE; negociar dívida com o Estado",
            desc="Parcele os débitos inscritos em dívida ativa, inclusive os que estão em execução fiscal ou protestados. Com a primeira parcela paga, o protesto pode ser suspenso.",
            aud="cidadao empresa",
            cat="tributos",
            who=[("Devedor ou seu representante", "Ter débitos inscritos em dívida ativa.")],
            steps=[
                st("Simule", "Escolha os débitos e o número de parcelas.", "CPF ou CNPJ", [], "web"),
                st(
                    "Assine o termo",
                    "Confirme o acordo com a conta MT Login.",
                    "Procuração, se for representante",
                    [],
                    "web presencial",
                ),
                st(
                    "Pague a primeira parcela",
                    "O parcelamento vale com o pagamento da primeira parcela.",
                    "",
                    [("Parcelas do débito", None)],
                    "web",
                ),
            ],
            time=IMEDIATO,
            url=f"{_P}/parcelamento",
            level="prata",
            units="sede roo",
            laws="lef ctn",
            kw="parcelamento; acordo; negociação; execução fiscal",
        ),
        svc(
            "Pedir a carta de anuência para cancelar protesto de dívida ativa",
            pop="cancelar protesto; carta de anuência; nome sujo; protesto em cartório",
            desc="Depois de pagar ou parcelar a dívida protestada, peça a carta de anuência para cancelar o protesto no cartório.",
            aud="cidadao empresa",
            cat="tributos cidadania",
            who=[
                (
                    "Devedor que pagou ou parcelou o débito protestado",
                    "Ter o débito quitado ou o parcelamento em dia.",
                )
            ],
            steps=[
                st(
                    "Peça a carta",
                    "Informe o número da certidão de dívida ativa protestada.",
                    "Número da CDA; Comprovante de pagamento ou do parcelamento",
                    [],
                    "web",
                ),
                st(
                    "Leve ao cartório",
                    "Apresente a carta ao cartório de protesto e pague os emolumentos do cancelamento.",
                    "Carta de anuência",
                    [("Emolumentos do cartório para o cancelamento", None)],
                    "presencial",
                ),
            ],
            time=ate(5, "dias-uteis"),
            url=f"{_P}/anuencia",
            units="sede roo",
            laws="protesto lef",
            kw="protesto; cartório; anuência; cancelamento",
        ),
        svc(
            "Consultar o pagamento de precatórios e RPV",
            acronym="RPV",
            pop="precatório; requisição de pequeno valor; dinheiro a receber do Estado",
            desc="Consulte a posição do seu precatório na fila de pagamento ou a situação da Requisição de Pequeno Valor (RPV) devida pelo Estado por decisão judicial.",
            aud="cidadao empresa servidor",
            cat="cidadania tributos",
            who=[
                ("Credor do Estado por decisão judicial", "Saber o número do processo ou do precatório."),
                ("Advogado do credor", "Informar o número da OAB."),
            ],
            steps=[
                st(
                    "Consulte a lista",
                    "Busque pelo número do precatório, do processo ou pelo CPF.",
                    "Número do precatório ou do processo",
                    [],
                    "web",
                ),
                st(
                    "Atualize os dados bancários",
                    "Para receber, mantenha os dados bancários atualizados.",
                    "Dados bancários do credor; Documento de identidade",
                    [],
                    "web presencial",
                ),
            ],
            time=IMEDIATO,
            url=f"{_P}/precatorios",
            units="sede",
            laws="lef",
            kw="precatório; RPV; ordem cronológica; pagamento judicial",
        ),
    ],
}
