"""UNEMAT: vestibular, diplomas, revalidação and pós-graduação."""

from ...builders import NAO_ESTIMADO, ate, st, svc

_UNEMAT = "https://www.unemat.br/servicos"

SERVICES = {
    "UNEMAT": [
        svc(
            "Inscrever-se no vestibular da UNEMAT",
            pop="vestibular; UNEMAT; faculdade pública; graduação gratuita",
            desc="Inscreva-se no processo seletivo para os cursos de graduação gratuitos da Universidade do Estado de Mato Grosso. Há vagas reservadas para estudantes de escola pública, pretos, pardos e indígenas.",
            aud="cidadao",
            cat="educacao",
            who=[("Candidato", "Ter concluído ou estar concluindo o ensino médio.")],
            steps=[
                st("Leia o edital", "Veja cursos, câmpus, cotas e datas.", "", [], "web"),
                st(
                    "Faça a inscrição",
                    "Quem é de baixa renda pode pedir isenção da taxa.",
                    "CPF; Documento de identidade",
                    [("Taxa de inscrição do vestibular", "100.00")],
                    "web",
                ),
                st(
                    "Faça a prova e acompanhe o resultado",
                    "A prova é aplicada nas cidades dos câmpus. O resultado e as chamadas para matrícula saem no site.",
                    "Documento de identidade com foto",
                    [],
                    "presencial web",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_UNEMAT}/vestibular",
            units="reitoria sinop tangara",
            laws="ldb",
            kw="vestibular; graduação; universidade; cotas",
        ),
        svc(
            "Pedir o diploma de graduação",
            pop="diploma; colação de grau; diploma digital",
            desc="Formados pela UNEMAT pedem a emissão do diploma de graduação, em formato digital, depois da colação de grau.",
            aud="cidadao",
            cat="educacao documentos",
            who=[("Egresso da UNEMAT", "Ter colado grau e estar em dia com a biblioteca.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Confira seus dados pessoais e o nome do curso.",
                    "Documento de identidade; Certidão de nascimento ou casamento; Certificado de conclusão do ensino médio",
                    [],
                    "web",
                ),
                st("Receba o diploma digital", "O diploma é enviado com código de validação.", "", [], "web"),
            ],
            time=ate(90, "dias"),
            valid="indeterminada",
            url=f"{_UNEMAT}/diploma",
            units="reitoria sinop tangara",
            laws="ldb",
            kw="diploma; graduação; colação de grau",
        ),
        svc(
            "Solicitar revalidação de diploma estrangeiro",
            pop="revalidar diploma; diploma do exterior; validar diploma",
            desc="Peça a revalidação de diploma de graduação obtido no exterior, para exercer a profissão no Brasil.",
            aud="cidadao",
            cat="educacao documentos",
            who=[
                (
                    "Diplomado no exterior",
                    "Ter diploma de curso equivalente a um curso oferecido pela UNEMAT.",
                )
            ],
            steps=[
                st(
                    "Envie o pedido",
                    "Anexe o diploma e o histórico traduzidos.",
                    "Diploma e histórico apostilados e com tradução juramentada; Ementas das disciplinas; Documento de identidade",
                    [("Taxa de revalidação", "1800.00")],
                    "web",
                ),
                st(
                    "Aguarde a análise da comissão",
                    "Pode haver provas ou complementação de estudos.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=ate(180, "dias"),
            url=f"{_UNEMAT}/revalidacao",
            level="prata",
            laws="ldb",
            kw="revalidação; diploma estrangeiro; exterior",
        ),
        svc(
            "Inscrever-se em mestrado ou doutorado na UNEMAT",
            pop="mestrado; doutorado; pós-graduação; stricto sensu",
            desc="Inscreva-se nos processos seletivos dos programas de pós-graduação stricto sensu da UNEMAT.",
            aud="cidadao servidor",
            cat="educacao ciencia",
            who=[
                (
                    "Graduado",
                    "Ter diploma de graduação (mestrado) ou de mestrado (doutorado), conforme o edital.",
                )
            ],
            steps=[
                st("Escolha o programa", "Veja as linhas de pesquisa e o edital.", "", [], "web"),
                st(
                    "Faça a inscrição",
                    "Envie o projeto e o currículo Lattes.",
                    "Diploma; Histórico; Projeto de pesquisa; Currículo Lattes",
                    [("Taxa de inscrição", "80.00")],
                    "web",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_UNEMAT}/pos-graduacao",
            laws="ldb",
            kw="mestrado; doutorado; pesquisa; pós-graduação",
        ),
    ],
}
