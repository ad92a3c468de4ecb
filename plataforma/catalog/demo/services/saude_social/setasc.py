"""SETASC: assistência social e cidadania (programas sociais, CIPTEA, passe livre, qualificação)."""

from ...builders import NAO_ESTIMADO, ate, entre, st, svc

_SETASC = "https://www.setasc.mt.gov.br/servicos"
_CADUNICO = "Estar inscrito no Cadastro Único (CadÚnico) com os dados atualizados nos últimos 24 meses."

SERVICES = {
    "SETASC": [
        svc(
            "Inscrever-se no programa Ser Família",
            pop="Ser Família; cartão Ser Família; auxílio do Estado; benefício social",
            desc="Famílias em situação de vulnerabilidade podem receber o cartão Ser Família, com crédito mensal para comprar alimentos e itens de higiene.",
            aud="cidadao",
            cat="social",
            who=[("Família de baixa renda", _CADUNICO + " Renda por pessoa dentro do limite do programa.")],
            steps=[
                st(
                    "Atualize o CadÚnico",
                    "Procure o CRAS do seu município.",
                    "Documentos de todos da família; Comprovante de residência",
                    [],
                    "presencial",
                ),
                st(
                    "Faça a inscrição",
                    "A inscrição é feita pelo CRAS ou pela internet.",
                    "CPF do responsável familiar",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba o cartão",
                    "Selecionada, a família é avisada para retirar o cartão.",
                    "Documento de identidade",
                    [],
                    "presencial",
                ),
            ],
            time=ate(60, "dias"),
            url=f"{_SETASC}/ser-familia",
            units="sede gt-cuiaba gt-vg",
            laws="loas bolsa-familia",
            kw="Ser Família; benefício; transferência de renda; alimentação; CadÚnico",
        ),
        svc(
            "Emitir a Carteira de Identificação da Pessoa com Transtorno do Espectro Autista (CIPTEA)",
            acronym="CIPTEA",
            pop="carteira do autista; CIPTEA; TEA; identificação autismo",
            desc="Peça a carteira que identifica a pessoa com transtorno do espectro autista e garante prioridade no atendimento em serviços públicos e privados.",
            aud="cidadao",
            cat="social documentos",
            who=[("Pessoa com TEA ou seu responsável legal", "Ter laudo médico com o diagnóstico.")],
            steps=[
                st(
                    "Faça o pedido",
                    "Preencha os dados e anexe os documentos.",
                    "Laudo médico com o CID; Documento de identidade da pessoa com TEA; Documento do responsável; Foto 3x4",
                    [],
                    "web",
                ),
                st(
                    "Receba a carteira",
                    "A carteira digital fica disponível no MT Cidadão; a impressa pode ser retirada na SETASC.",
                    "",
                    [],
                    "app presencial",
                ),
            ],
            time=ate(30, "dias"),
            valid=(5, "anos"),
            url=f"{_SETASC}/ciptea",
            units="sede",
            laws="lbi",
            kw="autismo; TEA; carteira; prioridade; pessoa com deficiência",
        ),
        svc(
            "Cadastrar entidade para cofinanciamento da assistência social",
            pop="cofinanciamento; entidade socioassistencial; ONG; repasse",
            desc="Entidades e organizações de assistência social inscritas no conselho municipal podem se cadastrar para receber recursos estaduais por chamamento público.",
            aud="empresa",
            cat="social",
            who=[
                (
                    "Entidade sem fins lucrativos",
                    "Ter inscrição no Conselho Municipal de Assistência Social e as certidões de regularidade.",
                )
            ],
            steps=[
                st(
                    "Acompanhe o edital",
                    "Os chamamentos são publicados no site e no Diário Oficial.",
                    "",
                    [],
                    "web",
                ),
                st(
                    "Envie a proposta",
                    "Preencha o plano de trabalho e anexe os documentos.",
                    "Estatuto social; Ata de eleição da diretoria; Inscrição no CMAS; Certidões negativas; Plano de trabalho",
                    [],
                    "web",
                ),
                st(
                    "Acompanhe o resultado",
                    "O resultado é publicado; aprovada, a entidade assina o termo de colaboração.",
                    "",
                    [],
                    "web",
                ),
            ],
            time=entre(30, 90, "dias"),
            url=f"{_SETASC}/cofinanciamento",
            level="prata",
            laws="loas licitacoes",
            kw="entidade; ONG; chamamento público; termo de colaboração",
        ),
        svc(
            "Solicitar o passe livre intermunicipal para pessoa com deficiência",
            pop="passe livre; ônibus de graça; passe livre intermunicipal; gratuidade no ônibus",
            desc="Pessoas com deficiência de baixa renda viajam de graça nos ônibus intermunicipais de Mato Grosso, com acompanhante quando necessário.",
            aud="cidadao",
            cat="social infraestrutura",
            who=[
                (
                    "Pessoa com deficiência",
                    "Comprovar a deficiência e renda familiar de até 2 salários mínimos por pessoa.",
                )
            ],
            steps=[
                st(
                    "Faça o pedido",
                    "Preencha o formulário com o laudo médico.",
                    "Laudo médico; Documento de identidade; CPF; Comprovante de renda familiar; Comprovante de residência; Foto 3x4",
                    [],
                    "web presencial",
                ),
                st(
                    "Receba a carteira",
                    "A carteira do passe livre é apresentada na compra da passagem.",
                    "",
                    [],
                    "app presencial",
                ),
            ],
            time=ate(30, "dias"),
            valid=(3, "anos"),
            url=f"{_SETASC}/passe-livre",
            units="sede gt-cuiaba gt-vg",
            laws="lbi",
            kw="passe livre; ônibus; deficiência; gratuidade; transporte",
        ),
        svc(
            "Inscrever-se em curso gratuito de qualificação profissional",
            pop="curso gratuito; qualificação profissional; capacitação; curso profissionalizante",
            desc="Inscreva-se em cursos gratuitos de qualificação profissional, oferecidos em parceria com escolas técnicas e o Sistema S, com prioridade para quem está no CadÚnico.",
            aud="cidadao",
            cat="trabalho social",
            who=[("Pessoa com 16 anos ou mais", "Cumprir a escolaridade mínima do curso.")],
            steps=[
                st("Escolha o curso", "Veja cursos, cidades e datas disponíveis.", "", [], "web app"),
                st(
                    "Faça a inscrição",
                    "Preencha os dados e confirme.",
                    "CPF; Comprovante de escolaridade",
                    [],
                    "web app",
                ),
                st("Faça o curso", "Com 75% de frequência, você recebe o certificado.", "", [], "presencial"),
            ],
            time=NAO_ESTIMADO,
            url=f"{_SETASC}/qualificacao",
            units="sede",
            laws="loas",
            kw="curso; capacitação; emprego; qualificação",
        ),
        svc(
            "Pedir auxílio emergencial em situação de calamidade",
            pop="ajuda em enchente; auxílio emergencial; desabrigados; cesta básica",
            desc="Famílias atingidas por enchentes, queimadas ou outras situações de emergência reconhecidas pelo Estado podem receber auxílio financeiro, cestas de alimentos e kits de higiene.",
            aud="cidadao",
            cat="social",
            who=[
                (
                    "Família atingida",
                    "Morar em município com situação de emergência ou calamidade reconhecida e estar no cadastro feito pela Defesa Civil ou pelo CRAS.",
                )
            ],
            steps=[
                st(
                    "Procure a Defesa Civil ou o CRAS",
                    "O cadastro dos atingidos é feito no município.",
                    "Documento de identidade; Comprovante de residência",
                    [],
                    "presencial telefone",
                ),
                st(
                    "Receba o auxílio",
                    "O pagamento ou a entrega é feita conforme a lista de famílias cadastradas.",
                    "",
                    [],
                    "presencial",
                ),
            ],
            time=ate(15, "dias"),
            units="sede",
            laws="loas",
            schedule=False,
            kw="enchente; calamidade; emergência; cesta básica; Defesa Civil",
        ),
    ],
}
