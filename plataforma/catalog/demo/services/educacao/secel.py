"""SECEL: cultura, esporte e lazer (editais, Bolsa Atleta, equipamentos culturais, biblioteca)."""

from ...builders import IMEDIATO, NAO_ESTIMADO, ate, entre, st, svc

_SECEL = "https://www.cultura.mt.gov.br/servicos"

SERVICES = {
    "SECEL": [
        svc(
            "Inscrever projeto cultural em edital de fomento",
            pop="edital de cultura; Lei Aldir Blanc; fomento à cultura; projeto cultural",
            desc="Artistas, coletivos e empresas culturais inscrevem projetos nos editais de fomento à cultura do Estado, inclusive os da Política Nacional Aldir Blanc.",
            aud="cidadao empresa",
            cat="cultura",
            who=[
                (
                    "Agente cultural",
                    "Morar em Mato Grosso há pelo menos 2 anos e ter cadastro no Mapa Cultural de MT.",
                )
            ],
            steps=[
                st(
                    "Cadastre-se no Mapa Cultural",
                    "O cadastro reúne seus dados e o seu histórico como agente cultural e é usado em todos os editais.",
                    "CPF ou CNPJ; Portfólio",
                    [],
                    "web",
                ),
                st(
                    "Inscreva o projeto",
                    "Preencha o formulário do edital.",
                    "Projeto; Orçamento; Portfólio; Cartas de anuência",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe o resultado",
                    "Selecionado, assine o termo e preste contas ao final.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SECEL}/editais",
            units="sede",
            laws="cultura-rouanet",
            kw="cultura; edital; Aldir Blanc; artista; fomento",
        ),
        svc(
            "Solicitar a Bolsa Atleta estadual",
            pop="bolsa atleta; apoio ao atleta; incentivo ao esporte",
            desc="Atletas de Mato Grosso com bons resultados em competições recebem bolsa mensal para treinar e competir.",
            aud="cidadao",
            cat="cultura",
            who=[
                (
                    "Atleta",
                    "Ter 14 anos ou mais, estar vinculado a entidade esportiva e ter resultados no ano anterior conforme o edital.",
                )
            ],
            steps=[
                st(
                    "Inscreva-se no edital",
                    "Preencha a inscrição no período do edital e anexe a comprovação dos resultados esportivos.",
                    "Documento de identidade; Comprovante de resultados; Declaração da federação",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe o resultado",
                    "Aprovado, você assina o termo de compromisso e recebe a bolsa mensalmente na conta informada.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=entre(30, 60, "dias"),
            url=f"{_SECEL}/bolsa-atleta",
            laws="lbi",
            kw="esporte; atleta; bolsa; competição",
        ),
        svc(
            "Reservar espaço em equipamento cultural do Estado",
            pop="aluguel de teatro; pauta de teatro; reservar auditório",
            desc="Produtores e grupos culturais pedem pauta para apresentações e eventos em teatros, cines e centros culturais do Estado.",
            aud="cidadao empresa",
            cat="cultura",
            who=[
                (
                    "Produtor, grupo ou entidade cultural",
                    "Apresentar a proposta com antecedência mínima de 60 dias.",
                )
            ],
            steps=[
                st(
                    "Envie a proposta de pauta",
                    "Indique o espaço, as datas e a ficha técnica.",
                    "Proposta; Ficha técnica; Rider técnico",
                    [("Taxa de uso do espaço (conforme tabela)", None)],
                    "web",
                ),
                st(
                    "Assine o termo de uso",
                    "Aprovada a pauta, assine o termo de uso e pague a taxa, quando houver, antes da montagem.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=ate(30, "dias"),
            url=f"{_SECEL}/pautas",
            units="sede",
            laws="cultura-rouanet",
            kw="teatro; pauta; espetáculo; evento cultural",
        ),
        svc(
            "Fazer a carteirinha da Biblioteca Pública Estadual",
            pop="biblioteca; emprestar livro; carteirinha da biblioteca",
            desc="Faça a carteirinha para pegar livros emprestados na Biblioteca Pública Estadual Estevão de Mendonça.",
            aud="cidadao",
            cat="cultura educacao",
            who=[("Qualquer pessoa", "Menores de 16 anos com autorização do responsável.")],
            steps=[
                st(
                    "Faça o cadastro",
                    "Preencha o cadastro pela internet ou no balcão da biblioteca.",
                    "Documento de identidade; Comprovante de residência",
                    [],
                    "web presencial",
                ),
                st("Retire a carteirinha", "A carteirinha sai na hora, na biblioteca.", "", [], "presencial"),
            ],
            time=IMEDIATO,
            valid=(2, "anos"),
            url=f"{_SECEL}/biblioteca",
            units="biblioteca",
            laws="13460",
            kw="biblioteca; livro; leitura; empréstimo",
            schedule=False,
        ),
    ],
}
