"""SECITECI: escolas técnicas estaduais, pesquisa and inovação."""

from ...builders import NAO_ESTIMADO, entre, st, svc

_SECITECI = "https://www.secitec.mt.gov.br/servicos"

SERVICES = {
    "SECITECI": [
        svc(
            "Inscrever-se em curso técnico gratuito nas Escolas Técnicas Estaduais",
            pop="curso técnico; escola técnica; ensino profissional gratuito",
            desc="Inscreva-se nos cursos técnicos gratuitos das Escolas Técnicas Estaduais, presenciais e a distância, em áreas como agropecuária, saúde, informática e gestão.",
            aud="cidadao",
            cat="educacao trabalho ciencia",
            who=[("Candidato", "Estar cursando ou ter concluído o ensino médio, conforme o curso.")],
            steps=[
                st("Escolha o curso", "Veja cursos, escolas e vagas no edital.", "", [], "web"),
                st(
                    "Faça a inscrição",
                    "Preencha o formulário on-line. Há vagas reservadas para estudantes de escola pública e pessoas com deficiência.",
                    "CPF; Documento de identidade; Comprovante de escolaridade",
                    [],
                    "web",
                ),
                st(
                    "Faça a matrícula",
                    "Aprovado, leve os documentos à escola.",
                    "Documentos originais",
                    [],
                    "presencial",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SECITECI}/cursos-tecnicos",
            units="ete-cuiaba",
            laws="ldb",
            kw="curso técnico; escola técnica; profissionalizante",
        ),
        svc(
            "Apresentar projeto a edital de pesquisa e inovação",
            pop="bolsa de pesquisa; FAPEMAT; edital de inovação; financiamento de pesquisa",
            desc="Pesquisadores, startups e empresas apresentam projetos aos editais estaduais de fomento à pesquisa e à inovação.",
            aud="cidadao empresa",
            cat="ciencia",
            who=[
                (
                    "Pesquisador ou empresa",
                    "Cumprir os requisitos do edital (vínculo institucional, sede em Mato Grosso).",
                )
            ],
            steps=[
                st(
                    "Leia o edital",
                    "Confira o objetivo da chamada, o valor por projeto, quem pode participar e o cronograma.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Envie a proposta",
                    "Preencha o formulário e anexe o projeto.",
                    "Projeto; Currículo Lattes; Documentos da instituição ou empresa",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe o resultado",
                    "O resultado preliminar e o final são publicados no site; cabe recurso no prazo do edital.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SECITECI}/editais",
            level="prata",
            laws="14129",
            kw="pesquisa; inovação; bolsa; edital; startup",
        ),
        svc(
            "Inscrever startup em programa estadual de inovação",
            pop="startup; aceleração; incubadora; programa de inovação",
            desc="Startups de Mato Grosso se inscrevem nos programas estaduais de pré-aceleração e aceleração, com mentoria e acesso a investidores.",
            aud="empresa",
            cat="ciencia empresas",
            who=[
                (
                    "Startup ou equipe empreendedora",
                    "Ter solução inovadora e integrantes residentes em Mato Grosso.",
                )
            ],
            steps=[
                st(
                    "Faça a inscrição",
                    "Descreva o problema, a solução e a equipe.",
                    "Apresentação do negócio; CNPJ, se tiver",
                    [],
                    "web",
                ),
                st(
                    "Participe da seleção",
                    "As selecionadas apresentam o negócio à banca.",
                    "",
                    [],
                    "presencial web",
                ),
            ],
            time=entre(30, 60, "dias"),
            url=f"{_SECITECI}/startups",
            units="sede",
            laws="14129",
            kw="startup; inovação; aceleração; mentoria",
        ),
    ],
}
